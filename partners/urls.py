from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
]
