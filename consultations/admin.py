from django.contrib import admin

from .models import Comment, Consultation, ConsultationAttachment, ConsultationBlock


class AttachmentInline(admin.TabularInline):
    model = ConsultationAttachment
    extra = 0
    readonly_fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]
    fields = readonly_fields


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "working_group", "audience", "state", "opens_at", "closes_at",
                    "owner"]
    list_filter = ["state", "audience", "working_group"]
    search_fields = ["title"]
    raw_id_fields = ["owner"]
    inlines = [AttachmentInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["id", "consultation", "author", "created_at", "hidden_at", "deleted_at"]
    list_filter = ["consultation"]
    raw_id_fields = ["author", "parent", "hidden_by"]


@admin.register(ConsultationBlock)
class ConsultationBlockAdmin(admin.ModelAdmin):
    list_display = ["consultation", "user", "reason", "created_at"]
    raw_id_fields = ["user", "blocked_by"]
