from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
    list_filter = ["kind", "is_partner", "is_exhibitor", "region"]
    search_fields = ["name_zh", "name_en", "uscc", "join_code"]
    list_select_related = ["region"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["region"]
    inlines = [LiaisonInline]
    show_full_result_count = False


@admin.register(Liaison)
class LiaisonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "position", "mobile", "office_phone", "email", "wechat_id"]
    list_select_related = ["unit"]
    search_fields = ["name", "unit__name_zh", "mobile", "email"]
    raw_id_fields = ["unit"]
    show_full_result_count = False
