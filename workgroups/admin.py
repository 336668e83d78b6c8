from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Committee,
    Decision,
    Deliverable,
    Event,
    Meeting,
    OperationalStage,
    PilotAction,
    SteeringCommitteeSeat,
    WorkingGroup,
    WorkPackage,
)


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TranslationAdmin):
    list_display = ["code", "title", "lead_partner"]
    filter_horizontal = ["coordinators", "member_partners"]
    list_select_related = ["lead_partner"]


@admin.register(WorkPackage)
class WorkPackageAdmin(TranslationAdmin):
    list_display = ["code", "title", "lead_partner", "start_date", "end_date"]
    list_select_related = ["lead_partner"]


@admin.register(OperationalStage)
class OperationalStageAdmin(TranslationAdmin):
    list_display = ["number", "title"]


@admin.register(Committee)
class CommitteeAdmin(TranslationAdmin):
    list_display = ["name", "kind", "coordinator"]


@admin.register(SteeringCommitteeSeat)
class SteeringCommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ["partner", "representative"]
    autocomplete_fields = ["representative"]
    list_select_related = ["partner", "representative"]


@admin.register(Deliverable)
class DeliverableAdmin(TranslationAdmin):
    list_display = ["code", "title", "work_package", "partner", "due_date", "status"]
    list_filter = ["work_package", "status"]
    list_editable = ["status", "due_date"]
    list_select_related = ["work_package", "partner"]
    raw_id_fields = ["document"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "place"]
    raw_id_fields = ["minutes"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "deadline", "quorum", "electorate", "closed_at"]
    readonly_fields = ["electorate", "closed_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "timezone", "capacity"]
    list_filter = ["kind"]


@admin.register(PilotAction)
class PilotActionAdmin(admin.ModelAdmin):
    list_display = ["title", "working_group", "stage", "partner", "status"]
    list_filter = ["working_group", "status", "stage"]
    list_select_related = ["working_group", "stage", "partner"]
