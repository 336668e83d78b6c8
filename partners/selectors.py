"""Read-side queries for partners; every partner list starts here."""
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from .models import (
    Country,
    Document,
    DocumentShare,
    DocumentVersion,
    Folder,
    Invitation,
    Membership,
    Note,
    Partner,
)


def partner_directory() -> QuerySet[Partner]:
    """Active partners with their country and staff count, for the public directory."""
    return (
        Partner.objects.active()
        .select_related("country")
        .annotate(staff_count=Count("memberships", distinct=True))
        .order_by("-is_lead_partner", "country__name", "name")
    )


def partners_visible_to(user) -> QuerySet[Partner]:
    """Partner pages are public; archived partners are visible to platform admins only."""
    if user.is_authenticated and user.is_superuser:
        return Partner.objects.all()
    return Partner.objects.active()


def countries_with_partners() -> QuerySet[Country]:
    return (
        Country.objects.annotate(n=Count("partners", filter=Q(partners__is_active=True)))
        .filter(n__gt=0)
        .order_by("name")
    )


def partner_for_detail(slug: str) -> QuerySet[Partner]:
    from django.apps import apps

    WorkingGroup = apps.get_model("workgroups", "WorkingGroup")
    WorkPackage = apps.get_model("workgroups", "WorkPackage")
    return Partner.objects.active().filter(slug=slug).select_related("country").prefetch_related(
        Prefetch("working_groups", queryset=WorkingGroup.objects.order_by("code")),
        Prefetch("led_working_groups", queryset=WorkingGroup.objects.order_by("code")),
        Prefetch("led_work_packages", queryset=WorkPackage.objects.order_by("code")),
    )


def staff_of(partner) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(partner=partner, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


# --- workspace and documents -------------------------------------------------------------

def documents_visible_to(user) -> QuerySet[Document]:
    """Every document the user may see: the one reader of the sharing rules.

    * anonymous visitors and stakeholders: public documents;
    * partner staff: their partner's documents, documents shared with all partners or the
      public, shared with their partner by name, or with a WG their partner belongs to or
      they coordinate;
    * platform admins: everything.
    """
    base = Document.objects.select_related("partner", "current_version", "partner__country")
    if user.is_authenticated and user.is_superuser:
        return base
    visible = Q(visibility=Document.Visibility.PUBLIC)
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if user.is_authenticated:
        wg_condition = Q(working_group__coordinators=user)
        if membership is not None:
            partner_id = membership.partner_id
            visible |= Q(partner_id=partner_id)
            visible |= Q(visibility=Document.Visibility.ALL_PARTNERS)
            wg_condition |= Q(working_group__member_partners=partner_id)
            shared_with_partner = DocumentShare.objects.filter(
                document=OuterRef("pk"), partner_id=partner_id)
            visible |= Q(visibility=Document.Visibility.SHARED) & Exists(shared_with_partner)
        shared_with_wg = DocumentShare.objects.filter(wg_condition, document=OuterRef("pk"))
        visible |= Q(visibility=Document.Visibility.SHARED) & Exists(shared_with_wg)
    return base.filter(visible)


def documents_for_list(queryset: QuerySet[Document]) -> QuerySet[Document]:
    """What a document list shows with each row, in a constant number of queries."""
    return queryset.select_related("created_by", "folder").prefetch_related(
        Prefetch("shares", queryset=DocumentShare.objects.select_related(
            "partner", "working_group")),
        "working_groups",
    )


def folders_of(partner) -> QuerySet[Folder]:
    return Folder.objects.filter(partner=partner).annotate(
        n_documents=Count("documents", distinct=True), n_notes=Count("notes", distinct=True))


def notes_of(partner) -> QuerySet[Note]:
    return Note.objects.filter(partner=partner).select_related("author", "folder")


def document_versions(document) -> QuerySet[DocumentVersion]:
    return document.versions.select_related("uploaded_by").order_by("-number")


def open_invitations(partner) -> QuerySet[Invitation]:
    from django.utils import timezone

    return Invitation.objects.filter(partner=partner, accepted_at=None, revoked_at=None,
                                     expires_at__gt=timezone.now()).select_related("invited_by")


def audit_log_visible_to(user, partner=None):
    """Document and staff events for the partner admins of the partner concerned, and for
    platform admins; kept after the document itself is deleted."""
    from clusterpolisee.core.models import Activity

    audited = Q()
    for prefix in AUDITED_PREFIXES:
        audited |= Q(verb__startswith=prefix)
    entries = Activity.objects.filter(audited).select_related("actor", "partner")
    if partner is not None:
        entries = entries.filter(partner=partner)
    if user.is_authenticated and user.is_superuser:
        return entries
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None or not membership.is_admin:
        return entries.none()
    return entries.filter(partner_id=membership.partner_id)


AUDITED_PREFIXES = ("document.", "staff.")
