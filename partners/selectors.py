"""Read-side queries for partners; every partner list starts here."""
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from clusterpolisee.core.permissions import membership_of, partner_id_of

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
from .sharing import groups_of


def partner_directory() -> QuerySet[Partner]:
    """Active partners with their country and staff count, for the public directory."""
    return (
        Partner.objects.active()
        .select_related("country")
        .annotate(staff_count=Count("memberships", distinct=True))
        .order_by("-is_lead_partner", "country__name", "name")
    )


def active_partners() -> QuerySet[Partner]:
    """Partners that are not archived, with their country: what a partner page starts from."""
    return Partner.objects.active().select_related("country")


def partners_with_logo() -> QuerySet[Partner]:
    return Partner.objects.active().exclude(logo="")


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
    # the working groups and work packages the page lists, in their own order (by code)
    return Partner.objects.active().filter(slug=slug).select_related("country").prefetch_related(
        "working_groups", "led_working_groups", "led_work_packages")


def staff_of(partner) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(partner=partner, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


def memberships_of(partner) -> QuerySet[Membership]:
    """Every membership of the partner, for the partner admins' staff actions."""
    return Membership.objects.filter(partner=partner).select_related("user", "partner")


def staff_user_ids(partner_ids) -> QuerySet:
    """The ids of the users working for any of ``partner_ids``."""
    return Membership.objects.filter(partner_id__in=partner_ids).values_list("user_id",
                                                                             flat=True)


# --- workspace and documents -------------------------------------------------------------

def documents_visible_to(user) -> QuerySet[Document]:
    """Every document the user may see: the one reader of the sharing rules.

    * anonymous visitors and stakeholders: public documents;
    * partner staff: their partner's documents, documents shared with all partners or the
      public, shared with their partner by name, or with a group that reaches them (a WG
      their partner belongs to or they coordinate, see partners/sharing.py);
    * platform admins: everything.
    """
    base = Document.objects.select_related("partner", "current_version", "partner__country")
    if user.is_authenticated and user.is_superuser:
        return base
    visible = Q(visibility=Document.Visibility.PUBLIC)
    if user.is_authenticated:
        partner_id = partner_id_of(user)
        if partner_id is not None:
            visible |= Q(partner_id=partner_id)
            visible |= Q(visibility=Document.Visibility.ALL_PARTNERS)
            shared_with_partner = DocumentShare.objects.filter(
                document=OuterRef("pk"), partner_id=partner_id)
            visible |= Q(visibility=Document.Visibility.SHARED) & Exists(shared_with_partner)
        shared_with_group = DocumentShare.objects.filter(
            document=OuterRef("pk"), working_group__in=groups_of(user).values("pk"))
        visible |= Q(visibility=Document.Visibility.SHARED) & Exists(shared_with_group)
    return base.filter(visible)


def shared_documents_list(user, *, scope: str = "shared", group=None, stage: str = ""
                          ) -> QuerySet[Document]:
    """The /documents/ list: what the user may see, by default without their own partner's
    documents (``scope="all"`` keeps them), optionally only those shared with ``group``
    or tagged with an operational stage (its number)."""
    documents = documents_visible_to(user)
    partner_id = partner_id_of(user)
    if scope == "shared" and partner_id is not None:
        documents = documents.exclude(partner_id=partner_id)
    if group is not None:
        documents = documents.filter(shares__working_group=group).distinct()
    if stage.isdigit():
        documents = documents.filter(stage__number=int(stage))
    return documents_for_list(documents)


def workspace_documents(partner, *, folder=None) -> QuerySet[Document]:
    """The partner's own documents (all of them: the workspace is its staff's), for a list."""
    documents = Document.objects.filter(partner=partner).select_related("partner",
                                                                        "current_version")
    if folder is not None:
        documents = documents.filter(folder=folder)
    return documents_for_list(documents)


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


def notes_of(partner, *, folder=None) -> QuerySet[Note]:
    notes = Note.objects.filter(partner=partner).select_related("author", "folder")
    return notes if folder is None else notes.filter(folder=folder)


def document_versions(document) -> QuerySet[DocumentVersion]:
    return document.versions.select_related("uploaded_by").order_by("-number")


def invitations_of(partner) -> QuerySet[Invitation]:
    return Invitation.objects.filter(partner=partner)


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
    membership = membership_of(user)
    if membership is None or not membership.is_admin:
        return entries.none()
    return entries.filter(partner_id=membership.partner_id)


def document_audit_log(user, document, *, limit: int = 50):
    """The audit entries about one document that ``user`` may read (newest first)."""
    return audit_log_visible_to(user, document.partner).filter(
        target_type__model="document", target_id=str(document.pk))[:limit]


AUDITED_PREFIXES = ("document.", "staff.")
