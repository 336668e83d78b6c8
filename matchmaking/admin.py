from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Interest, MeetingRequest, Opportunity, Profile, Sector, Slot


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "country", "size", "updated_at"]
    list_select_related = ["partner", "country"]
    filter_horizontal = ["sectors", "countries"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "direction", "kind", "country", "status", "created_at"]
    list_filter = ["status", "direction", "kind"]
    list_select_related = ["country"]
    search_fields = ["title"]
    filter_horizontal = ["sectors", "target_countries"]
    raw_id_fields = ["duplicate_of", "created_by", "moderated_by", "partner"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "user", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["opportunity", "user", "partner"]


admin.site.register(Slot)
admin.site.register(MeetingRequest)
