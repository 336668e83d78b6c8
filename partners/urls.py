from django.urls import path

from . import views, workspace_views

app_name = "partners"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/invite/", views.invite, name="invite"),
    path("<slug:slug>/manage/invitations/<id:pk>/revoke/", views.revoke_invitation,
         name="revoke_invitation"),
    path("<slug:slug>/manage/staff/<id:pk>/role/", views.change_role, name="change_role"),
    path("<slug:slug>/manage/staff/<id:pk>/remove/", views.remove_staff, name="remove_staff"),
    path("<slug:slug>/audit/", views.audit_log, name="audit"),
    path("<slug:slug>/workspace/", workspace_views.workspace, name="workspace"),
    path("<slug:slug>/workspace/folders/new/", workspace_views.folder_create,
         name="folder_create"),
    path("<slug:slug>/workspace/upload/", workspace_views.upload, name="upload"),
    path("<slug:slug>/workspace/notes/new/", workspace_views.note_edit, name="note_create"),
    path("<slug:slug>/workspace/notes/<id:pk>/", workspace_views.note_detail, name="note"),
    path("<slug:slug>/workspace/notes/<id:pk>/edit/", workspace_views.note_edit,
         name="note_edit"),
    path("<slug:slug>/workspace/notes/<id:pk>/delete/", workspace_views.note_delete,
         name="note_delete"),
]
