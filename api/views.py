"""The API's endpoints: thin viewsets over the owning apps' selectors and services.

Each ``get_queryset`` starts from a ``*_visible_to(user)`` selector (or the selector the HTML
page uses), so an object the page would not show is a 404 here too; each write calls the
service the page calls, which enforces the permission."""
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from clusterpolisee.core.permissions import check_perm, membership_of
from consultations import services as consultation_services
from consultations.selectors import consultation_list, results_of, thread_of
from matchmaking.selectors import opportunities_visible_to, profiles_visible_to
from notifications import services as notification_services
from notifications.selectors import notifications_for
from partners import services as partner_services
from partners.selectors import (
    countries_with_partners,
    documents_for_list,
    documents_visible_to,
    partners_visible_to,
)
from workgroups import services as workgroup_services
from workgroups.selectors import (
    deliverables_visible_to,
    events_visible_to,
    pilot_actions_visible_to,
    wgs_visible_to,
    work_packages_visible_to,
)

from . import filters, selectors, serializers

NOT_FOUND = OpenApiResponse(serializers.ErrorSerializer, description="Not found, or not "
                            "visible to you (the API never says which).")
REFUSED = OpenApiResponse(serializers.ErrorSerializer, description="Refused: why, in words.")
INVALID = OpenApiResponse(serializers.ErrorSerializer, description="Invalid input.")
ANONYMOUS = OpenApiResponse(serializers.ErrorSerializer, description="Log in or send a token.")


class SelectorViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint whose rows come from ``selector(user)``."""

    cursor_ordering = "-id"

    def selector(self, user):  # pragma: no cover - every subclass names its selector
        raise NotImplementedError

    def get_queryset(self):
        return self.selector(self.request.user)


@extend_schema_view(list=extend_schema(summary="Countries with active partners"),
                    retrieve=extend_schema(summary="One country", responses={
                        200: serializers.CountrySerializer, 404: NOT_FOUND}))
class CountryViewSet(SelectorViewSet):
    serializer_class = serializers.CountrySerializer
    cursor_ordering = "id"

    def selector(self, user):
        return countries_with_partners()


@extend_schema_view(list=extend_schema(summary="Partners"),
                    retrieve=extend_schema(summary="One partner", responses={
                        200: serializers.PartnerSerializer, 404: NOT_FOUND}))
class PartnerViewSet(SelectorViewSet):
    serializer_class = serializers.PartnerSerializer
    filterset_class = filters.PartnerFilter
    cursor_ordering = "id"

    def selector(self, user):
        return partners_visible_to(user).select_related("country")


@extend_schema_view(list=extend_schema(summary="Working groups (partner staff)"),
                    retrieve=extend_schema(summary="One working group", responses={
                        200: serializers.WorkingGroupSerializer, 404: NOT_FOUND}))
class WorkingGroupViewSet(SelectorViewSet):
    serializer_class = serializers.WorkingGroupSerializer
    cursor_ordering = "id"

    def selector(self, user):
        return wgs_visible_to(user)


@extend_schema_view(list=extend_schema(summary="Work packages (partner staff)"),
                    retrieve=extend_schema(summary="One work package", responses={
                        200: serializers.WorkPackageSerializer, 404: NOT_FOUND}))
class WorkPackageViewSet(SelectorViewSet):
    serializer_class = serializers.WorkPackageSerializer
    cursor_ordering = "id"

    def selector(self, user):
        return work_packages_visible_to(user)


@extend_schema_view(list=extend_schema(summary="Deliverables (partner staff)"),
                    retrieve=extend_schema(summary="One deliverable", responses={
                        200: serializers.DeliverableSerializer, 404: NOT_FOUND}))
class DeliverableViewSet(SelectorViewSet):
    serializer_class = serializers.DeliverableSerializer
    filterset_class = filters.DeliverableFilter
    cursor_ordering = "id"

    def selector(self, user):
        return deliverables_visible_to(user)


@extend_schema_view(list=extend_schema(summary="Events (logged in)"),
                    retrieve=extend_schema(summary="One event", responses={
                        200: serializers.EventSerializer, 404: NOT_FOUND}))
class EventViewSet(SelectorViewSet):
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter

    def selector(self, user):
        return (events_visible_to(user)
                .annotate(n_registered=Count("registrations", distinct=True))
                .prefetch_related("working_groups", "work_packages"))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        context["registered_ids"] = selectors.registered_event_ids(user)
        return context

    @extend_schema(summary="Register the requesting user for the event", request=None,
                   responses={201: serializers.RegistrationSerializer, 400: INVALID,
                              401: ANONYMOUS, 403: ANONYMOUS, 404: NOT_FOUND})
    @action(detail=True, methods=["post"], url_path="registration",
            permission_classes=[permissions.IsAuthenticated])
    def register(self, request, pk=None):
        event = self.get_object()
        workgroup_services.event_register(event=event, user=request.user)
        return Response({"event": event.pk, "registered": True}, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Cancel the requesting user's registration", request=None,
                   responses={200: serializers.RegistrationSerializer, 401: ANONYMOUS,
                              403: ANONYMOUS, 404: NOT_FOUND})
    @register.mapping.delete
    def unregister(self, request, pk=None):
        event = self.get_object()
        workgroup_services.event_unregister(event=event, user=request.user)
        return Response({"event": event.pk, "registered": False})


@extend_schema_view(list=extend_schema(summary="Published good practices"),
                    retrieve=extend_schema(summary="One good practice", responses={
                        200: serializers.PracticeSerializer, 404: NOT_FOUND}))
class PracticeViewSet(SelectorViewSet):
    serializer_class = serializers.PracticeSerializer
    filterset_class = filters.PracticeFilter

    def selector(self, user):
        return selectors.practices_for_api(user)


@extend_schema_view(list=extend_schema(summary="Consultations you may read"),
                    retrieve=extend_schema(summary="One consultation", responses={
                        200: serializers.ConsultationSerializer, 404: NOT_FOUND}))
class ConsultationViewSet(SelectorViewSet):
    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter

    def selector(self, user):
        return consultation_list(user)

    @extend_schema(summary="The consultation's comment thread, in reading order",
                   responses={200: serializers.CommentSerializer(many=True), 404: NOT_FOUND},
                   filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def comments(self, request, pk=None):
        consultation = self.get_object()
        comments = thread_of(consultation, request.user)
        return Response(serializers.CommentSerializer(comments, many=True).data)

    @extend_schema(summary="Post a comment (or a reply) as the requesting user",
                   request=serializers.CommentCreateSerializer,
                   responses={201: serializers.CommentSerializer, 400: INVALID,
                              401: ANONYMOUS, 403: REFUSED, 404: NOT_FOUND})
    @comments.mapping.post
    def comment_post(self, request, pk=None):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        consultation = self.get_object()
        data = serializers.CommentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = None
        if data.validated_data.get("parent"):
            parent = selectors.comment_in(consultation, data.validated_data["parent"])
            if parent is None:
                return Response({"detail": _("There is no such comment to reply to.")},
                                status=status.HTTP_400_BAD_REQUEST)
        comment = consultation_services.comment_post(
            consultation=consultation, user=request.user,
            body=data.validated_data["body"], parent=parent)
        posted = next(c for c in thread_of(consultation, request.user) if c.pk == comment.pk)
        return Response(serializers.CommentSerializer(posted).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Counts of the consultation's comments and ratings",
                   responses={200: serializers.ResultsSerializer, 404: NOT_FOUND},
                   filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def results(self, request, pk=None):
        results = results_of(self.get_object())
        results = {**results,
                   "by_partner": [{"name": n, "comments": c} for n, c in results["by_partner"]],
                   "by_country": [{"name": n, "comments": c} for n, c in results["by_country"]],
                   "ratings": {str(k): v for k, v in results["ratings"].items()}}
        return Response(serializers.ResultsSerializer(results).data)


@extend_schema_view(list=extend_schema(summary="Matchmaking opportunities you may see"),
                    retrieve=extend_schema(summary="One opportunity", responses={
                        200: serializers.OpportunitySerializer, 404: NOT_FOUND}))
class OpportunityViewSet(SelectorViewSet):
    serializer_class = serializers.OpportunitySerializer
    filterset_class = filters.OpportunityFilter

    def selector(self, user):
        return opportunities_visible_to(user).prefetch_related("sectors")


@extend_schema_view(list=extend_schema(summary="Matchmaking profiles you may see"),
                    retrieve=extend_schema(summary="One profile", responses={
                        200: serializers.ProfileSerializer, 404: NOT_FOUND}))
class ProfileViewSet(SelectorViewSet):
    serializer_class = serializers.ProfileSerializer

    def selector(self, user):
        return profiles_visible_to(user).prefetch_related("sectors")


@extend_schema_view(list=extend_schema(summary="Pilot actions (partner staff)"),
                    retrieve=extend_schema(summary="One pilot action", responses={
                        200: serializers.PilotActionSerializer, 404: NOT_FOUND}))
class PilotActionViewSet(SelectorViewSet):
    serializer_class = serializers.PilotActionSerializer
    filterset_class = filters.PilotActionFilter

    def selector(self, user):
        return pilot_actions_visible_to(user).select_related("working_group", "stage")


@extend_schema_view(list=extend_schema(summary="Your own notifications"),
                    retrieve=extend_schema(summary="One of your notifications", responses={
                        200: serializers.NotificationSerializer, 404: NOT_FOUND}))
class NotificationViewSet(SelectorViewSet):
    serializer_class = serializers.NotificationSerializer
    filterset_class = filters.NotificationFilter

    def selector(self, user):
        return notifications_for(user)

    @extend_schema(summary="Mark one notification read", request=None,
                   responses={200: serializers.NotificationSerializer, 404: NOT_FOUND})
    @action(detail=True, methods=["post"], url_path="read",
            permission_classes=[permissions.IsAuthenticated])
    def mark_read(self, request, pk=None):
        notification = notification_services.notification_mark_read(
            notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(summary="Mark all your notifications read", request=None,
                   responses={200: serializers.MarkedReadSerializer, 401: ANONYMOUS,
                              403: ANONYMOUS})
    @action(detail=False, methods=["post"], url_path="read-all",
            permission_classes=[permissions.IsAuthenticated], filterset_class=None)
    def mark_all_read(self, request):
        marked = notification_services.notifications_mark_all_read(user=request.user)
        return Response({"marked": marked})


@extend_schema_view(
    list=extend_schema(summary="Documents you may see"),
    retrieve=extend_schema(summary="One document", responses={
        200: serializers.DocumentSerializer, 404: NOT_FOUND}),
    create=extend_schema(summary="Upload a document to your partner's workspace",
                         request={"multipart/form-data": serializers.DocumentUploadSerializer},
                         responses={201: serializers.DocumentSerializer, 400: INVALID,
                                    401: ANONYMOUS, 403: REFUSED}))
class DocumentViewSet(mixins.CreateModelMixin, SelectorViewSet):
    serializer_class = serializers.DocumentSerializer
    parser_classes = [MultiPartParser, FormParser]

    def selector(self, user):
        return documents_for_list(documents_visible_to(user))

    def create(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        data = serializers.DocumentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check_perm(request.user, "api.upload_document",
                   message=_("Only partner staff have a workspace."))
        document = partner_services.document_create(
            partner=membership_of(request.user).partner, user=request.user,
            title=data.validated_data["title"],
            description=data.validated_data.get("description", ""),
            upload=data.validated_data["file"])
        document = get_object_or_404(self.get_queryset(), pk=document.pk)
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)
