"""/api/v1/ (the endpoints), /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI, served
from our own static files by drf-spectacular-sidecar)."""
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import open_data_views, views

router = DefaultRouter()
router.include_root_view = False
router.register("countries", views.CountryViewSet, basename="country")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("working-groups", views.WorkingGroupViewSet, basename="working-group")
router.register("work-packages", views.WorkPackageViewSet, basename="work-package")
router.register("deliverables", views.DeliverableViewSet, basename="deliverable")
router.register("events", views.EventViewSet, basename="event")
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register("opportunities", views.OpportunityViewSet, basename="opportunity")
router.register("profiles", views.ProfileViewSet, basename="profile")
router.register("pilot-actions", views.PilotActionViewSet, basename="pilot-action")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("documents", views.DocumentViewSet, basename="document")

app_name = "api"
urlpatterns = [
    path("v1/open-data.zip", open_data_views.open_data_download, name="open-data"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets inline styles as it renders (its scripts stay on this origin)
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
]
