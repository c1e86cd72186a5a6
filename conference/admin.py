from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ciep_portal.admin_lists import BoundedDateHierarchyMixin
from conference.models import Board, CalendarDay, CalendarYear, Edition, Hall, Region, Section, Zone


class EditionNamedFilter(admin.RelatedFieldListFilter):
    """A filter on rows that exist once per edition (calls, sections, halls, zones): each
    choice names its edition, or the 21st CIEP's "新闻稿件" would be listed twice (once for the
    real edition, once for the demo) with nothing to tell them apart.

    ``edition_path`` is the lookup from the related row to its edition ("edition",
    "hall__edition"); a row without one (another organizer's call) is named by ``fallback``.
    """

    edition_path = "edition"

    def field_choices(self, field, request, model_admin):
        rows = field.related_model._default_manager.select_related(self.edition_path)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            rows = rows.order_by(*ordering)
        return [(row.pk, f"{self.owner(row)} · {row}") for row in rows]

    def owner(self, row) -> str:
        edition = row
        for step in self.edition_path.split("__"):
            edition = getattr(edition, step)
        return str(edition) if edition is not None else self.fallback(row)

    def fallback(self, row) -> str:
        return getattr(row, "organizer", "") or _("其他机构")


class RegionFilter(admin.RelatedFieldListFilter):
    """Provinces and cities in the order of the reader's language: the seeded order (the
    notice's) in Chinese, alphabetical in English (it ran "Anhui, Macao SAR, Bao'an District…")."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        if get_language() == "en":
            return sorted(choices, key=lambda choice: str(choice[1]).casefold())
        return choices


class RegionOnlyFilter(RegionFilter, admin.RelatedOnlyFieldListFilter):
    """As RegionFilter, listing only the regions the rows use."""


class ZoneEditionFilter(EditionNamedFilter):
    """For a field pointing at a zone, whose edition is its hall's."""

    edition_path = "hall__edition"


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class HallInline(admin.TabularInline):
    model = Hall
    extra = 0
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "number", "starts_on", "ends_on", "is_current", "is_demo"]
    list_filter = ["is_current", "is_demo"]
    inlines = [SectionInline, HallInline]


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0
    show_change_link = True


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "number", "edition"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    inlines = [ZoneInline]


class BoardInline(admin.TabularInline):
    model = Board
    extra = 0
    show_change_link = True
    fields = [
        "name_zh",
        "name_en",
        "order",
        "has_government_area",
        "has_enterprise_area",
        "enterprise_limit",
    ]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "hall"]
    list_filter = ["hall__edition"]
    list_select_related = ["hall"]
    inlines = [BoardInline]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = [
        "name_zh",
        "zone",
        "has_government_area",
        "has_enterprise_area",
        "enterprise_limit",
    ]
    list_filter = ["zone__hall__edition", ("zone", ZoneEditionFilter)]
    list_select_related = ["zone"]
    filter_horizontal = ["regions"]
    search_fields = ["name_zh", "name_en"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "kind", "parent", "code"]
    list_filter = ["kind"]
    search_fields = ["name_zh", "name_en", "code"]
    list_select_related = ["parent"]


# The holiday tables keep no history model of their own: the admin's own change log (LogEntry)
# is their history; SimpleHistoryAdmin's page would fail looking for ``history``.
@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "provisional", "note"]


@admin.register(CalendarDay)
class CalendarDayAdmin(BoundedDateHierarchyMixin, admin.ModelAdmin):
    list_display = ["date", "name", "is_working_day", "provisional"]
    list_filter = ["is_working_day", "provisional"]
    date_hierarchy = "date"
