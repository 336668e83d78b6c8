from django.urls import path

from . import views

app_name = "strategies"
urlpatterns = [
    path("", views.strategy_list, name="list"),
    path("new/", views.strategy_create, name="create"),
    path("<int:pk>/", views.strategy_detail, name="detail"),
    path("<int:pk>/chapters/new/", views.chapter_create, name="chapter_create"),
    path("<int:pk>/chapters/<int:chapter_id>/edit/", views.chapter_edit, name="chapter_edit"),
    path("<int:pk>/paragraphs/<int:paragraph_id>/", views.paragraph_detail, name="paragraph"),
    path("<int:pk>/paragraphs/<int:paragraph_id>/amend/", views.amendment_create,
         name="amend"),
    path("<int:pk>/amendments/<int:amendment_id>/support/", views.amendment_support,
         name="support"),
    path("<int:pk>/amendments/<int:amendment_id>/decide/", views.amendment_decide,
         name="decide"),
    path("<int:pk>/phase/", views.phase_open, name="phase_open"),
    path("<int:pk>/co-editors/", views.co_editors, name="co_editors"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("<int:pk>/versions/diff/", views.version_diff, name="diff"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/versions/<int:number>/vote/", views.version_vote, name="vote"),
    path("<int:pk>/print/", views.version_print, name="print"),
    path("<int:pk>/export.docx", views.version_export_docx, name="docx"),
]
