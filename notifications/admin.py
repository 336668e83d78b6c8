from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import BouncingAddress, Digest, DigestRun, Notification, NotificationPreference


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    """The digest log: one row per period with what happened to its e-mails."""

    list_display = ["__str__", "period", "period_start", "created_at", "sent", "skipped",
                    "failed", "waiting"]
    list_filter = ["period"]
    date_hierarchy = "period_start"
    readonly_fields = ["period", "period_start", "created_at", "prepared_at"]

    def get_queryset(self, request):
        status = Digest.Status
        return super().get_queryset(request).annotate(
            n_sent=Count("digests", filter=Q(digests__status=status.SENT)),
            n_skipped=Count("digests", filter=Q(digests__status=status.SKIPPED)),
            n_failed=Count("digests", filter=Q(digests__status=status.FAILED)),
            n_waiting=Count("digests", filter=Q(digests__status=status.PENDING)),
        )

    @admin.display(description=_("sent"), ordering="n_sent")
    def sent(self, obj):
        return obj.n_sent

    @admin.display(description=_("skipped"), ordering="n_skipped")
    def skipped(self, obj):
        return obj.n_skipped

    @admin.display(description=_("failed"), ordering="n_failed")
    def failed(self, obj):
        return obj.n_failed

    @admin.display(description=_("waiting"), ordering="n_waiting")
    def waiting(self, obj):
        return obj.n_waiting

    def has_add_permission(self, request):
        return False


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "period_start", "status", "item_count", "attempts",
                    "sent_at", "reason"]
    list_filter = ["status", "period", "period_start"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "run"]
    readonly_fields = ["run", "user", "period", "period_start", "item_count", "attempts",
                       "created_at", "sent_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "activity", "category", "created_at", "read_at", "emailed_at"]
    list_filter = ["category"]
    search_fields = ["recipient__email"]
    list_select_related = ["recipient", "activity", "activity__actor"]
    raw_id_fields = ["recipient", "activity"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "channel", "updated_at"]
    list_filter = ["category", "channel"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(BouncingAddress)
class BouncingAddressAdmin(admin.ModelAdmin):
    list_display = ["email", "reason", "created_at"]
    search_fields = ["email"]
