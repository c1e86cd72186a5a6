"""Who may see what: a user sees only their own unit's material.

Views never look an object up by its id alone; they look it up within ``request.user.unit``,
so another unit's object is simply not found (404), which also hides that it exists.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.drafts import keep_draft
from accounts.roles import has_role


class UnitMemberRequiredMixin(LoginRequiredMixin):
    """The view acts for the user's unit; ``required_role`` narrows it to liaisons or exhibitors."""

    required_role: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated and request.method == "POST":
            # The session expired while the form was filled: keep what it carried.
            keep_draft(request)
        if request.user.is_authenticated:
            if request.user.unit_id is None:
                raise PermissionDenied(_("您的账户尚未关联单位，请联系组委会。"))
            if self.required_role and not has_role(request.user, self.required_role):
                raise PermissionDenied(_("此页面仅对本角色开放。"))
            self.unit = request.user.unit
        return super().dispatch(request, *args, **kwargs)
