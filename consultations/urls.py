from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list_view, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("stakeholders/", views.stakeholders, name="stakeholders"),
    path("moderation/", views.moderation_queue_view, name="moderation_queue"),
    path("stakeholders/<int:profile_id>/decide/", views.stakeholder_decide,
         name="stakeholder_decide"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/open/", views.consultation_open, name="open"),
    path("<int:pk>/close/", views.consultation_close, name="close"),
    path("<int:pk>/summary/", views.consultation_summary, name="summary"),
    path("<int:pk>/rating/", views.rating, name="rating"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/export.json", views.export_json, name="export_json"),
    path("<int:pk>/documents/<int:attachment_id>/", views.attachment_download,
         name="attachment"),
    path("<int:pk>/documents/<int:attachment_id>/remove/", views.attachment_remove,
         name="attachment_remove"),
    path("<int:pk>/comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("<int:pk>/comments/<int:comment_id>/delete/", views.comment_delete,
         name="comment_delete"),
    path("<int:pk>/comments/<int:comment_id>/react/", views.comment_react,
         name="comment_react"),
    path("<int:pk>/comments/<int:comment_id>/flag/", views.comment_flag, name="comment_flag"),
    path("<int:pk>/comments/<int:comment_id>/hide/", views.comment_hide, name="comment_hide"),
    path("<int:pk>/comments/<int:comment_id>/unhide/", views.comment_unhide,
         name="comment_unhide"),
    path("<int:pk>/comments/<int:comment_id>/dismiss/", views.flags_dismiss,
         name="flags_dismiss"),
    path("<int:pk>/moderation/", views.moderation, name="moderation"),
    path("<int:pk>/moderation/block/", views.user_block, name="block"),
    path("<int:pk>/moderation/blocks/<int:block_id>/lift/", views.user_unblock,
         name="unblock"),
]
