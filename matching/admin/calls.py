from django.contrib import admin

from matching.models import CollectionRound, MatchingCall, Sector


class CollectionRoundInline(admin.TabularInline):
    model = CollectionRound
    extra = 0


@admin.register(MatchingCall)
class MatchingCallAdmin(admin.ModelAdmin):
    list_display = ["title_zh", "code", "edition", "committee_email", "is_published"]
    inlines = [CollectionRoundInline]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name_zh", "name_en"]
