"""Admin change lists that answer a bad date-hierarchy parameter as Django answers any bad
lookup (the list again with ``?e=1``), never with a server error.

Django turns a ``ValueError`` while building the date range into ``IncorrectLookupParameters``
but not an ``OverflowError`` (``?submitted_at__year=`` with 20 digits), nor the ``ValueError``
of the year after 9999.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class BoundedDateChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


class BoundedDateHierarchyMixin:
    """For every ModelAdmin with a ``date_hierarchy``."""

    def get_changelist(self, request, **kwargs):
        return BoundedDateChangeList
