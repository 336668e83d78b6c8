from django.contrib import admin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Read-only: the activity record is written by the services, never by hand."""

    list_display = ["created_at", "actor", "verb", "target_label", "partner", "working_group",
                    "visibility"]
    list_filter = ["verb", "visibility", "working_group"]
    search_fields = ["target_label", "actor__email"]
    list_select_related = ["actor", "partner", "working_group"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
