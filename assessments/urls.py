from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/publish/", views.round_publish, name="round_publish"),
    path("rounds/<int:pk>/start/", views.round_start, name="round_start"),
    path("rounds/<int:pk>/compare/", views.comparison, name="comparison"),
    path("rounds/<int:pk>/heatmap/", views.heatmap, name="heatmap"),
    path("rounds/<int:pk>/scores.csv", views.scores_csv, name="scores_csv"),
    path("rounds/<int:pk>/scores.json", views.scores_json, name="scores_json"),
    path("rounds/<int:pk>/learning/", views.learning, name="learning"),
    path("rounds/<int:pk>/learning/<int:dimension_pk>/<int:partner_pk>/",
         views.learning_request, name="learning_request"),
    path("learning/<int:pk>/decide/", views.learning_decide, name="learning_decide"),
    path("<int:pk>/", views.assessment_detail, name="assessment"),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("<int:pk>/reviewers/", views.reviewer_assign, name="reviewer_assign"),
    path("<int:pk>/validate/", views.assessment_validate, name="validate"),
    path("<int:pk>/report/", views.assessment_report, name="report"),
    path("<int:pk>/report.pdf", views.assessment_report_pdf, name="report_pdf"),
    path("<int:pk>/criteria/<int:criterion_pk>/save/", views.answer_save, name="answer_save"),
    path("<int:pk>/criteria/<int:criterion_pk>/review/", views.review_save, name="review"),
    path("<int:pk>/criteria/<int:criterion_pk>/answer/", views.review_answer,
         name="review_answer"),
]
