"""URL map. Wagtail's page serving is mounted by the knowledge app when it has pages."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from . import views

admin.site.site_header = "ClusterPoliSEE"
admin.site.site_title = "ClusterPoliSEE"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("documents/", include("partners.document_urls")),
    path("", include("workgroups.urls")),
    path("matchmaking/", include("matchmaking.urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
