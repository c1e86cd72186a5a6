"""The committee's import of the 征集表 that arrive by e-mail, and of plain lists of units and
contacts, at /admin/matching/item/import/. Goes through ``services.tables``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from conference.models import Hall
from matching.forms import ImportForm
from matching.kinds import Board
from matching.printing import PAPER_SIZES
from matching.services import tables


def import_view(model_admin, request):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = tables.import_committee_table(
                round=form.cleaned_data["round"],
                by=request.user,
                fileobj=form.cleaned_data["table"],
            )
        except tables.TableInvalid as exc:
            errors = exc.errors
        except ValidationError as exc:
            errors = exc.messages
        else:
            model_admin.message_user(
                request,
                _("已导入 %(items)s 条供需信息；新建单位 %(units)s 个；激活邮件 %(invited)s 封。")
                % {
                    "items": len(result.items),
                    "units": len(result.new_units),
                    "invited": len(result.invited),
                },
                messages.SUCCESS,
            )
            for note in result.notes[:20]:
                model_admin.message_user(request, note, messages.WARNING)
            return redirect("admin:matching_item_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("导入征集表或单位名单"),
        "opts": model_admin.model._meta,
        "form": form,
        "errors": errors,
    }
    return TemplateResponse(request, "matching/admin/import.html", context)


def print_view(model_admin, request):
    """Links to the printed boards: each board for every hall or one hall, A1 or A0."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    halls = Hall.objects.filter(edition__is_current=True).order_by("number")
    rows = [
        {
            "board": board,
            "links": [
                (
                    paper,
                    hall,
                    reverse("matching:print", args=[board.value]),
                    hall.pk if hall else "",
                )
                for hall in [None, *halls]
                for paper in PAPER_SIZES
            ],
        }
        for board in Board
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("打印榜单（张榜）"),
        "opts": model_admin.model._meta,
        "rows": rows,
    }
    return TemplateResponse(request, "matching/admin/print.html", context)
