"""A unit's project-matching page: its items with their state and the committee's messages,
the answers they received (揭榜), one item on the web, or many through the 征集表."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.access import UnitMemberRequiredMixin
from ciep_portal.spreadsheets import xlsx_response
from matching import selectors
from matching.forms import ItemForm, TableForm
from matching.models import Item
from matching.services import items as item_services
from matching.services import tables
from matching.workbooks import collection_template


class UnitHome(UnitMemberRequiredMixin, View):
    def get(self, request):
        return self.page(request, TableForm())

    def post(self, request):
        form = TableForm(request.POST, request.FILES)
        errors = []
        if form.is_valid():
            try:
                created = tables.upload_unit_table(
                    unit=self.unit, by=request.user, fileobj=form.cleaned_data["table"]
                )
            except tables.TableInvalid as exc:
                errors = exc.errors
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request, _("已导入 %(n)s 条供需信息，等待组委会审核。") % {"n": len(created)}
                )
                return redirect("matching:unit_home")
        return self.page(request, form, errors=errors, status=400)

    def page(self, request, form, *, errors=(), status=200):
        call = selectors.current_call()
        context = {
            "call": call,
            "open_round": selectors.open_round(call),
            "next_round": selectors.next_round(call),
            "items": selectors.unit_items(self.unit),
            "answers": selectors.unit_answers(self.unit)[:100],
            "form": form,
            "errors": errors,
        }
        return render(request, "matching/unit_home.html", context, status=status)


class TableTemplate(UnitMemberRequiredMixin, View):
    def get(self, request):
        return xlsx_response("供需信息征集表.xlsx", collection_template(unit=self.unit))


class ItemEdit(UnitMemberRequiredMixin, View):
    def item(self, pk):
        return get_object_or_404(Item, pk=pk, unit=self.unit) if pk else None

    def get(self, request, pk=None):
        item = self.item(pk)
        return self.page(request, ItemForm(instance=item), item)

    def post(self, request, pk=None):
        item = self.item(pk)
        form = ItemForm(request.POST, instance=item)
        if form.is_valid():
            values = {n: form.cleaned_data[n] for n in item_services.UNIT_FIELDS}
            try:
                if item is None:
                    item_services.submit_item(unit=self.unit, by=request.user, values=values)
                else:
                    item_services.update_item(item=item, by=request.user, values=values)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已提交，等待组委会审核。"))
                return redirect("matching:unit_home")
        return self.page(request, form, item, status=400)

    def page(self, request, form, item, *, status=200):
        context = {"form": form, "item": item, "events": item.events.all() if item else ()}
        return render(request, "matching/item_form.html", context, status=status)
