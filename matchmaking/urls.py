from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.index, name="index"),
    path("opportunities/new/", views.opportunity_edit, name="opportunity_create"),
    path("opportunities/<id:pk>/", views.opportunity_detail, name="opportunity"),
    path("opportunities/<id:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<id:pk>/moderate/", views.opportunity_moderate, name="moderate"),
    path("opportunities/<id:pk>/tags/", views.opportunity_retag, name="retag"),
    path("opportunities/<id:pk>/merge/", views.opportunity_merge, name="merge"),
    path("opportunities/<id:pk>/interest/", views.interest_create, name="interest_create"),
    path("interests/", views.interest_list, name="interests"),
    path("interests/<id:pk>/", views.interest_detail, name="interest"),
    path("interests/<id:pk>/move/", views.interest_move, name="interest_move"),
    path("profiles/", views.profile_list, name="profiles"),
    path("profiles/<id:pk>/", views.profile_detail, name="profile"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("coordinate/", views.coordinate, name="coordinate"),
    path("coordinate/export.csv", views.coordinate_csv, name="coordinate_csv"),
    path("events/<id:pk>/", views.b2b, name="b2b"),
    path("events/<id:pk>/slots/", views.slot_create, name="slot_create"),
    path("events/<id:pk>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("slots/<id:pk>/request/", views.slot_request, name="slot_request"),
    path("meetings/<id:pk>/answer/", views.meeting_respond, name="meeting_respond"),
]
