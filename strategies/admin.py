from django.contrib import admin

from .models import Amendment, StrategyDocument, Version


@admin.register(StrategyDocument)
class StrategyDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "work_package", "deliverable"]
    list_select_related = ["work_package", "deliverable"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["document", "number", "state", "created_at"]
    list_filter = ["state"]
    readonly_fields = ["snapshot"]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["paragraph", "author", "state", "created_at"]
    list_filter = ["state"]
