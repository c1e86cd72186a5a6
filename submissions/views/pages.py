"""One address per requirement and per item, whatever the kind of material.

``/requirements/<id>/`` and ``/items/<id>/`` show the engine's generic pages. An app that owns
a kind with pages of its own (``achievements``: case studies, statistics) registers them here
from its ``AppConfig.ready``, so the engine never imports the apps built on it.
"""

from collections.abc import Callable

from submissions.models import Requirement, Submission
from submissions.views.items import ItemView, RequirementView

# kind → view(request, pk=requirement id) / view(request, pk=item id, requirement_id=…)
_requirement_pages: dict[str, Callable] = {}
_item_pages: dict[str, Callable] = {}
_default_requirement_view = RequirementView.as_view()
_default_item_view = ItemView.as_view()


def register_kind_pages(kind: str, *, requirement: Callable, item: Callable) -> None:
    """Serve requirements and items of ``kind`` with these views instead of the generic ones."""
    _requirement_pages[kind] = requirement
    _item_pages[kind] = item


def requirement_page(request, pk):
    kind = Requirement.objects.filter(pk=pk).values_list("kind", flat=True).first()
    return _requirement_pages.get(kind, _default_requirement_view)(request, pk=pk)


def item_page(request, pk):
    # Another unit's item goes to the default view, which answers 404 as for any item.
    own = Submission.objects.filter(pk=pk, unit_id=getattr(request.user, "unit_id", None))
    kind, requirement_id = own.values_list("requirement__kind", "requirement_id").first() or (
        None,
        None,
    )
    if kind in _item_pages:
        return _item_pages[kind](request, pk=pk, requirement_id=requirement_id)
    return _default_item_view(request, pk=pk)
