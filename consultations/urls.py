from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list_view, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("stakeholders/", views.stakeholders, name="stakeholders"),
    path("moderation/", views.moderation_queue_view, name="moderation_queue"),
    path("stakeholders/<id:profile_id>/decide/", views.stakeholder_decide,
         name="stakeholder_decide"),
    path("<id:pk>/", views.consultation_detail, name="detail"),
    path("<id:pk>/edit/", views.consultation_edit, name="edit"),
    path("<id:pk>/open/", views.consultation_open, name="open"),
    path("<id:pk>/close/", views.consultation_close, name="close"),
    path("<id:pk>/summary/", views.consultation_summary, name="summary"),
    path("<id:pk>/rating/", views.rating, name="rating"),
    path("<id:pk>/results/", views.results, name="results"),
    path("<id:pk>/export.csv", views.export_csv, name="export_csv"),
    path("<id:pk>/export.json", views.export_json, name="export_json"),
    path("<id:pk>/documents/<id:attachment_id>/", views.attachment_download,
         name="attachment"),
    path("<id:pk>/documents/<id:attachment_id>/remove/", views.attachment_remove,
         name="attachment_remove"),
    path("<id:pk>/comments/<id:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("<id:pk>/comments/<id:comment_id>/delete/", views.comment_delete,
         name="comment_delete"),
    path("<id:pk>/comments/<id:comment_id>/react/", views.comment_react,
         name="comment_react"),
    path("<id:pk>/comments/<id:comment_id>/flag/", views.comment_flag, name="comment_flag"),
    path("<id:pk>/comments/<id:comment_id>/hide/", views.comment_hide, name="comment_hide"),
    path("<id:pk>/comments/<id:comment_id>/unhide/", views.comment_unhide,
         name="comment_unhide"),
    path("<id:pk>/comments/<id:comment_id>/dismiss/", views.flags_dismiss,
         name="flags_dismiss"),
    path("<id:pk>/moderation/", views.moderation, name="moderation"),
    path("<id:pk>/moderation/block/", views.user_block, name="block"),
    path("<id:pk>/moderation/blocks/<id:block_id>/lift/", views.user_unblock,
         name="unblock"),
]
