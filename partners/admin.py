from django.contrib import admin

from .models import Country, Membership, Partner


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso_code", "programme_status"]
    list_editable = ["programme_status"]
    search_fields = ["name", "iso_code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country", "type", "is_lead_partner", "is_active"]
    list_filter = ["country", "type", "is_active", "is_lead_partner"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    list_select_related = ["country"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "role", "joined_at"]
    list_filter = ["role", "partner__country"]
    search_fields = ["user__email", "user__full_name", "partner__name"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]
