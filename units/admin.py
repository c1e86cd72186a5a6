from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ciep_portal.spreadsheets import xlsx_response
from conference.admin import RegionFilter
from conference.models import Section
from units import liaison_io
from units.models import Liaison, Unit


class LiaisonInline(admin.TabularInline):
    model = Liaison
    extra = 0


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = [
        "name_zh",
        "kind",
        "region",
        "country",
        "is_partner",
        "is_exhibitor",
        "join_code",
    ]
    list_filter = ["kind", "is_partner", "is_exhibitor", ("region", RegionFilter)]
    search_fields = ["name_zh", "name_en", "uscc", "join_code"]
    list_select_related = ["region"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["region"]
    filter_horizontal = ["sections"]  # 负责的板块, given by the committee
    inlines = [LiaisonInline]
    show_full_result_count = False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sections":
            kwargs["queryset"] = Section.objects.select_related("edition")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "sections":
            # Every edition has its "开幕式": each choice names its edition.
            field.label_from_instance = lambda section: f"{section.edition} · {section}"
        return field


class LiaisonImportForm(forms.Form):
    file = forms.FileField(label=_("联络员信息表（.xlsx，附件4 格式）"))


@admin.register(Liaison)
class LiaisonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "position", "mobile", "office_phone", "email", "wechat_id"]
    list_select_related = ["unit"]
    list_filter = ["unit__kind", ("unit__region", RegionFilter)]
    search_fields = ["name", "unit__name_zh", "mobile", "email"]
    raw_id_fields = ["unit"]
    show_full_result_count = False
    actions = ["export_attachment4"]
    change_list_template = "admin/units/liaison/change_list.html"

    @admin.action(description=_("导出联络员信息表（附件4 格式）"), permissions=["view"])
    def export_attachment4(self, request, queryset):
        return xlsx_response("宣传联络员信息表.xlsx", liaison_io.export_liaisons(queryset))

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="units_liaison_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = LiaisonImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                result = liaison_io.import_liaisons(form.cleaned_data["file"])
            except ValidationError as exc:
                errors = exc.messages
            else:
                errors = result.errors
                if not errors:
                    self.message_user(
                        request,
                        _("已导入：新增 %(n)s 名联络员，更新 %(updated)s 名。")
                        % {"n": result.created, "updated": result.updated},
                        messages.SUCCESS,
                    )
                    return redirect("admin:units_liaison_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("导入联络员信息表"),
            "opts": self.model._meta,
            "form": form,
            "errors": errors,
            "columns": liaison_io.column_meanings(),
        }
        return TemplateResponse(request, "admin/units/liaison/import.html", context)
