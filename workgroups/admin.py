from django.contrib import admin

from .models import Committee, OperationalStage, SteeringCommitteeSeat, WorkingGroup, WorkPackage


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "lead_partner"]
    filter_horizontal = ["coordinators", "member_partners"]
    list_select_related = ["lead_partner"]


@admin.register(WorkPackage)
class WorkPackageAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "lead_partner", "start_date", "end_date"]
    list_select_related = ["lead_partner"]


@admin.register(OperationalStage)
class OperationalStageAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "coordinator"]


@admin.register(SteeringCommitteeSeat)
class SteeringCommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ["partner", "representative"]
    autocomplete_fields = ["representative"]
    list_select_related = ["partner", "representative"]
