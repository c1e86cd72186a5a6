from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from publication import selectors, services
from publication.forms import PublicationSlotAdminForm
from publication.models import Channel, FeaturedContent, PublicationSlot
from submissions.deadlines import beijing_tz
from submissions.kinds import SubmissionStatus
from submissions.models import Submission

Status = PublicationSlot.Status
# Where a slot added from an empty calendar cell starts; organizers change it in the form.
DEFAULT_SLOT_TIME = time(9, 0)


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name_zh", "name_en", "code"]


@admin.register(PublicationSlot)
class PublicationSlotAdmin(SimpleHistoryAdmin):
    form = PublicationSlotAdminForm
    list_display = [
        "scheduled_at",
        "channel",
        "submission",
        "unit",
        "status_badge",
        "published_link",
        "responsible",
        "featured_flag",
    ]
    list_select_related = [
        "channel",
        "responsible",
        "submission__unit",
        "submission__requirement",
        "submission__featured",
    ]
    list_filter = ["channel", "status", ("scheduled_at", admin.DateFieldListFilter)]
    date_hierarchy = "scheduled_at"
    search_fields = [
        "submission__unit__name_zh",
        "submission__title",
        "submission__requirement__title_zh",
    ]
    show_full_result_count = False
    autocomplete_fields = ["submission"]

    class Media:
        css = {"all": ["css/publication.css"]}

    # --- The form: adding goes through schedule(), changing through the form's operations.

    def get_fieldsets(self, request, obj=None):
        plan = ["submission", "channel", "scheduled_at", "responsible", "note"]
        if obj is None:
            return [(None, {"fields": plan})]
        return [
            (None, {"fields": [*plan, "featured_flag"]}),
            (
                _("发布状态"),
                {"fields": ["status", "published_url", "published_at", "cancel_reason"]},
            ),
            (_("记录"), {"fields": ["created_by", "created_at"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = ["submission", "featured_flag", "published_at", "created_by", "created_at"]
        if obj.status == Status.PLANNED:
            return fixed
        # Published and cancelled slots are records: only the link (when published) and the
        # note may still be corrected.
        closed = ["channel", "scheduled_at", "responsible", "status", "cancel_reason"]
        if obj.status == Status.CANCELLED:
            closed.append("published_url")
        return [*fixed, *closed]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "submission":
            kwargs["queryset"] = Submission.objects.filter(
                status=SubmissionStatus.ACCEPTED
            ).select_related("unit", "requirement")
        elif db_field.name == "responsible":
            kwargs["queryset"] = (
                get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("submission", "responsible", "channel"):
            # Items come from the units and people from the user admin, not from this form;
            # and a slot's form is no place to delete a channel.
            widget = formfield.widget
            widget.can_delete_related = False
            if db_field.name != "channel":
                widget.can_add_related = widget.can_change_related = False
        return formfield

    def get_changeform_initial_data(self, request):
        # The calendar's "+" links pass ?channel=<id>&day=YYYY-MM-DD.
        initial = super().get_changeform_initial_data(request)
        initial.pop("day", None)
        day = _parse_day(request.GET.get("day"))
        if day is not None:
            initial["scheduled_at"] = datetime.combine(day, DEFAULT_SLOT_TIME, tzinfo=beijing_tz())
        if request.user.is_staff:
            initial.setdefault("responsible", request.user.pk)
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            data = form.cleaned_data
            slot = services.schedule(
                submission=data["submission"],
                channel=data["channel"],
                scheduled_at=data["scheduled_at"],
                responsible=data["responsible"],
                note=data.get("note", ""),
                by=request.user,
            )
            obj.pk = slot.pk
            return
        # The stored row, not the form's copy: each service checks and saves its own change.
        slot = PublicationSlot.objects.get(pk=obj.pk)
        for service, arguments in form.operations:
            slot = service(slot=slot, by=request.user, **arguments)

    def has_delete_permission(self, request, obj=None):
        # Published and cancelled slots are the record of what went out; only a planned slot
        # entered by mistake may be deleted. Cancelling (with a reason) is the normal way.
        if obj is not None and obj.status != Status.PLANNED:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk delete would not ask each slot whether it may go (see above).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- Columns

    @admin.display(description=_("单位"), ordering="submission__unit__name_zh")
    def unit(self, obj):
        return obj.submission.unit

    @admin.display(description=_("状态"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="slot-badge slot-badge-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description=_("发布链接"))
    def published_link(self, obj):
        if not obj.published_url:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
            obj.published_url,
            _("查看"),
        )

    @admin.display(description=_("特别优质"), boolean=True)
    def featured_flag(self, obj):
        return obj.is_featured

    # --- The calendar: a week of days × channels

    def get_urls(self):
        calendar = path(
            "calendar/",
            self.admin_site.admin_view(self.calendar_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_calendar",
        )
        return [calendar, *super().get_urls()]

    def calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = selectors.today_in_beijing()
        start = selectors.monday_of(_parse_day(request.GET.get("start")) or today)
        days = selectors.calendar(start, 7)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("发布排期日历"),
            "days": days,
            "channels": [cell.channel for cell in days[0].cells],
            "start": start,
            "end": start + timedelta(days=6),
            "previous_week": start - timedelta(days=7),
            "next_week": start + timedelta(days=7),
            "this_week": selectors.monday_of(today),
            "today": today,
            "has_add_permission": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/publication/calendar.html", context)


@admin.register(FeaturedContent)
class FeaturedContentAdmin(SimpleHistoryAdmin):
    """特别优质: the list the committee pushes to the official matrix and the media."""

    list_display = ["submission", "unit", "note", "marked_by", "marked_at"]
    list_select_related = ["submission__unit", "submission__requirement", "marked_by"]
    search_fields = [
        "submission__unit__name_zh",
        "submission__title",
        "submission__requirement__title_zh",
    ]
    autocomplete_fields = ["submission"]
    readonly_fields = ["marked_by", "marked_at"]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "submission"] if obj else self.readonly_fields

    @admin.display(description=_("单位"), ordering="submission__unit__name_zh")
    def unit(self, obj):
        return obj.submission.unit

    def save_model(self, request, obj, form, change):
        featured = services.mark_featured(
            submission=obj.submission, by=request.user, note=form.cleaned_data.get("note", "")
        )
        obj.pk = featured.pk

    def delete_model(self, request, obj):
        services.unmark_featured(submission=obj.submission, by=request.user)

    def delete_queryset(self, request, queryset):
        for featured in queryset.select_related("submission"):
            services.unmark_featured(submission=featured.submission, by=request.user)
