"""Documents across partners, mounted at /documents/."""
from django.urls import path

from . import workspace_views as views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<id:pk>/", views.document_detail, name="detail"),
    path("<id:pk>/download/", views.document_download, name="download"),
    path("<id:pk>/versions/<id:number>/download/", views.document_download,
         name="download_version"),
    path("<id:pk>/preview/", views.document_preview, name="preview"),
    path("<id:pk>/versions/<id:number>/preview/", views.document_preview,
         name="preview_version"),
    path("<id:pk>/edit/", views.document_edit, name="edit"),
    path("<id:pk>/new-version/", views.document_new_version, name="new_version"),
    path("<id:pk>/share/", views.document_share, name="share"),
    path("<id:pk>/delete/", views.document_delete, name="delete"),
]
