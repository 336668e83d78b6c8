from django.urls import path

from . import event_views, views

app_name = "workgroups"
urlpatterns = [
    path("wg/", views.wg_index, name="index"),
    path("wg/matrix/", views.matrix, name="matrix"),
    path("wg/pilots/", views.pilot_list, name="pilots"),
    path("wg/pilots/<id:pk>/", views.pilot_detail, name="pilot"),
    path("wg/pilots/<id:pk>/transition/", views.pilot_transition, name="pilot_transition"),
    path("wg/pilots/<id:pk>/evaluate/", views.pilot_evaluate, name="pilot_evaluate"),
    path("wg/<str:code>/", views.wg_space, name="detail"),
    path("wg/<str:code>/join/", views.wg_join, name="join"),
    path("wg/<str:code>/requests/<id:pk>/", views.wg_decide, name="decide"),
    path("wg/<str:code>/partners/<id:partner_id>/remove/", views.wg_remove_partner,
         name="remove_partner"),
    path("wg/<str:code>/topics/new/", views.topic_create, name="topic_create"),
    path("wg/<str:code>/topics/<id:pk>/", views.topic_detail, name="topic"),
    path("wg/<str:code>/topics/<id:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("wg/<str:code>/topics/<id:topic_pk>/replies/<id:pk>/edit/", views.reply_edit,
         name="reply_edit"),
    path("wg/<str:code>/findings/new/", views.finding_create, name="finding_create"),
    path("wg/<str:code>/pilots/new/", views.pilot_create, name="pilot_create"),
    path("wp/<str:code>/", views.wp_detail, name="wp"),
    path("sc/", views.sc_index, name="sc"),
    path("sc/decisions/new/", views.decision_create, name="decision_create"),
    path("sc/decisions/<id:pk>/", views.decision_detail, name="decision"),
    path("events/", event_views.event_list, name="events"),
    path("events/new/", event_views.event_edit, name="event_create"),
    path("events/feed/<str:token>.ics", event_views.event_feed, name="event_feed"),
    path("events/feed/rotate/", event_views.event_feed_rotate, name="event_feed_rotate"),
    path("events/<id:pk>/", event_views.event_detail, name="event"),
    path("events/<id:pk>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<id:pk>/register/", event_views.event_register, name="event_register"),
    path("events/<id:pk>/event.ics", event_views.event_ics, name="event_ics"),
]
