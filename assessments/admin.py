"""Platform admins' view of the framework and rounds in Django admin (editors work in
/cms/, ``wagtail_hooks.py``): a framework with inline dimensions, a dimension with inline
criteria, a criterion with its five levels. A framework in use refuses changes (the
models' ``clean``); the "new version" action copies it for editing."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Criterion, Dimension, Framework, Level, Round


class LockedInlineMixin:
    def has_delete_permission(self, request, obj=None):
        framework = obj if isinstance(obj, Framework) else getattr(obj, "framework_of",
                                                                   lambda: None)()
        if framework is not None and framework.is_locked():
            return False
        return super().has_delete_permission(request, obj)


class DimensionInline(LockedInlineMixin, admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ["position", "code", "title", "working_group"]
    show_change_link = True


class CriterionInline(LockedInlineMixin, admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "code", "title", "guidance"]
    show_change_link = True


class LevelInline(LockedInlineMixin, admin.TabularInline):
    model = Level
    extra = 0
    max_num = 5


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "created_at"]
    inlines = [DimensionInline]
    actions = ["make_new_version"]

    @admin.action(description=_("Make a new version to edit"))
    def make_new_version(self, request, queryset):
        for framework in queryset:
            copy = services.framework_new_version(framework=framework)
            self.message_user(request, _("Created %(f)s.") % {"f": copy}, messages.SUCCESS)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_locked():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "position", "working_group"]
    list_filter = ["framework"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["title", "dimension", "position"]
    list_filter = ["dimension__framework"]
    inlines = [LevelInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "state", "deadline", "publish_aggregates"]
    list_editable = ["publish_aggregates"]
    readonly_fields = ["framework", "opened_by", "created_at"]

    def has_add_permission(self, request):
        # rounds are opened on /assessments/ through round_open, which checks the framework
        return False
