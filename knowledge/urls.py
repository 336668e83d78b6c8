from django.urls import path

from . import views

app_name = "knowledge"
urlpatterns = [
    path("", views.library, name="library"),
    path("export.json", views.export_json, name="export_json"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("submit/", views.submit, name="submit"),
    path("submissions/", views.submissions, name="submissions"),
    path("submissions/<page_id:pk>/", views.submission, name="submission"),
    path("submissions/<page_id:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("opinions/", views.opinion_requests, name="opinion_requests"),
    path("opinions/<page_id:pk>/", views.opinion_write, name="opinion_write"),
    path("practices/<page_id:pk>/opinion/", views.expert_opinion, name="expert_opinion"),
    path("practices/<page_id:pk>/transfer/", views.transfer, name="transfer"),
    path("practices/<page_id:pk>/transfers/<id:transfer_pk>/mentoring/", views.mentoring,
         name="mentoring"),
]
