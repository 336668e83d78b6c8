"""Documents across partners, mounted at /documents/."""
from django.urls import path

from . import workspace_views as views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/download/", views.document_download, name="download"),
    path("<int:pk>/versions/<int:number>/download/", views.document_download,
         name="download_version"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/new-version/", views.document_new_version, name="new_version"),
    path("<int:pk>/share/", views.document_share, name="share"),
    path("<int:pk>/delete/", views.document_delete, name="delete"),
]
