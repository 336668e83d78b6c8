"""URL map. Wagtail serves the public site (its home page is "/") as the last pattern."""
import datetime

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from health_check.checks import Cache, Database, Storage
from health_check.contrib.celery import Ping
from health_check.views import HealthCheckView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .core.health import CeleryBroker
from .portal import preview as portal_preview
from .portal import search as portal_search
from .users import views as user_views

admin.site.site_header = "ClusterPoliSEE"
admin.site.site_title = "ClusterPoliSEE"

urlpatterns = [
    # Probes (docs/deploy.md): no login, no HTTPS redirect (SECURE_REDIRECT_EXEMPT).
    path("healthz/", HealthCheckView.as_view(checks=[
        Database, Cache, (Storage, {"alias": "default"}), (Storage, {"alias": "private"}),
        CeleryBroker,
    ]), name="healthz"),
    path("healthz/worker/", HealthCheckView.as_view(checks=[
        (Ping, {"timeout": datetime.timedelta(seconds=3)}),
    ]), name="healthz_worker"),
    # The landing page is Wagtail's HomePage; the name stays for templates and settings.
    path("", wagtail_views.serve, {"path": ""}, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("search/", portal_search.search_page, name="search"),
    path("preview/", portal_preview.markdown_preview, name="markdown_preview"),
    path("accounts/api-tokens/", include("api.account_urls")),
    path("accounts/preferences/", user_views.preferences, name="account_preferences"),
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("documents/", include("partners.document_urls")),
    path("", include("workgroups.urls")),
    path("consultations/", include("consultations.urls")),
    path("notifications/", include("notifications.urls")),
    path("library/", include("knowledge.urls")),
    path("matchmaking/", include("matchmaking.urls")),
    path("assessments/", include("assessments.urls")),
    path("strategies/", include("strategies.urls")),
    path("api/", include("api.urls")),
    path("cms/", include(wagtailadmin_urls)),
    # /documents/ belongs to partner documents; Wagtail's public documents live here.
    path("cms-documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
