"""Read-side queries of strategies: every list and check of who sees what starts here."""
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from guardian.shortcuts import get_users_with_perms

from clusterpolisee.core.permissions import allowed, partner_id_of
from clusterpolisee.users.models import StakeholderProfile
from consultations.models import Comment

from .models import (
    Amendment,
    Chapter,
    CommentPhase,
    Paragraph,
    ParagraphComment,
    StrategyCoEditor,
    StrategyDocument,
    Version,
)


def _open_phase_condition(prefix="") -> Q:
    now = timezone.now()
    return Q(**{f"{prefix}consultation__state": "open", f"{prefix}consultation__opens_at__lte": now,
                f"{prefix}consultation__closes_at__gt": now})


def _ids(condition: Q):
    return StrategyDocument.objects.filter(condition).values("id")


def draft_readable_condition(user) -> Q:
    """``rules.can_read_draft`` as a query condition on StrategyDocument."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser and user.is_active:
        return Q()
    co_edited = StrategyCoEditor.objects.filter(
        user=user, permission__codename="co_edit_strategy").values("content_object_id")
    condition = Q(id__in=co_edited)
    phases = CommentPhase.objects.filter(_open_phase_condition())
    partner_id = partner_id_of(user)
    if partner_id:
        lead = (Q(work_package__lead_partner=partner_id)
                | Q(work_package__lead_partner=None, deliverable__partner=partner_id))
        deliverable_model = apps.get_model("workgroups", "Deliverable")
        wps = deliverable_model.objects.filter(partner=partner_id).values("work_package_id")
        condition |= lead | Q(work_package__in=wps)
        # every comment phase is open to every partner's staff (partners or stakeholders)
        condition |= Q(id__in=phases.values("document_id"))
    elif StakeholderProfile.objects.filter(user=user.pk,
                                           state=StakeholderProfile.State.APPROVED).exists():
        condition |= Q(id__in=phases.filter(consultation__audience="stakeholders")
                       .values("document_id"))
    return condition


def strategies_visible_to(user) -> QuerySet[StrategyDocument]:
    """Documents the user may open in some form: the draft, or an adopted version."""
    base = StrategyDocument.objects.select_related("work_package__lead_partner",
                                                   "deliverable__partner")
    adopted = Version.objects.filter(state=Version.State.ADOPTED)
    if user.is_authenticated and user.is_superuser and user.is_active:
        return base
    condition = Q(id__in=adopted.filter(publish_if_adopted=True).values("document_id"))
    if user.is_authenticated:
        condition |= draft_readable_condition(user)
        if partner_id_of(user):
            condition |= Q(id__in=adopted.values("document_id"))
    return base.filter(condition)


def strategy_list(user) -> QuerySet[StrategyDocument]:
    """The listing, each document with its latest version number and adopted version."""
    latest = Version.objects.filter(document=OuterRef("pk")).order_by("-number")
    adopted = latest.filter(state=Version.State.ADOPTED)
    return (strategies_visible_to(user)
            .annotate(latest_number=Subquery(latest.values("number")[:1]),
                      adopted_number=Subquery(adopted.values("number")[:1]),
                      n_chapters=Count("chapters", distinct=True))
            .order_by("work_package__code", "title"))


def amendments_visible_to(user) -> QuerySet[Amendment]:
    draft_docs = StrategyDocument.objects.filter(draft_readable_condition(user)).values("id")
    return Amendment.objects.filter(paragraph__chapter__document__in=draft_docs)


def _count(queryset, field="paragraph"):
    return Coalesce(Subquery(
        queryset.filter(**{field: OuterRef("pk")}).order_by().values(field)
        .annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def chapters_for_page(document) -> list[Chapter]:
    """Chapters with their paragraphs, each paragraph with its visible comment count and
    open amendment count: two queries however long the document is."""
    shown_comments = ParagraphComment.objects.filter(comment__deleted_at=None,
                                                     comment__hidden_at=None)
    paragraphs = Paragraph.objects.annotate(
        n_comments=_count(shown_comments),
        n_amendments=_count(Amendment.objects.filter(state=Amendment.State.OPEN)))
    return list(document.chapters.prefetch_related(
        Prefetch("paragraphs", queryset=paragraphs.order_by("position", "id"))))


def chapters_of(document) -> QuerySet[Chapter]:
    return document.chapters.select_related("document")


def paragraphs_of(document) -> QuerySet[Paragraph]:
    return Paragraph.objects.select_related("chapter__document").filter(
        chapter__document=document)


def document_amendments(document) -> QuerySet[Amendment]:
    return Amendment.objects.select_related("paragraph__chapter", "author").filter(
        paragraph__chapter__document=document)


def comment_with_pk(pk) -> Comment | None:
    """The comment a reply names; the service checks it belongs to the paragraph."""
    return Comment.objects.filter(pk=pk).first()


def co_editors_of(document) -> list:
    """The people named co-editors of the document (django-guardian grants)."""
    return list(get_users_with_perms(document, only_with_perms_in=["co_edit_strategy"],
                                     with_group_users=False))


def account_with_email(email: str):
    """The account with this e-mail address (any case), with its membership, or None."""
    return (get_user_model().objects.filter(email__iexact=(email or "").strip())
            .select_related("membership").first())


def account_with_pk(pk):
    """The account with this id (as sent by a form), or None."""
    return get_user_model().objects.filter(pk=pk).first() if str(pk).isdigit() else None


def versions_readable_by(user, document) -> QuerySet[Version]:
    """The document's versions ``user`` may open: all of them for readers of the draft,
    else the adopted ones."""
    versions = document.versions.select_related("created_by", "decision")
    if not allowed(user, "strategies.view_draft", document):
        versions = versions.filter(state=Version.State.ADOPTED)
    return versions


def latest_version(document) -> Version | None:
    return document.versions.order_by("-number").first()


def adopted_version(document) -> Version | None:
    return document.versions.filter(state=Version.State.ADOPTED).order_by("-number").first()


def version_to_export(versions) -> Version | None:
    """Of the versions a reader may read, the latest adopted one, else the latest."""
    return (versions.filter(state=Version.State.ADOPTED).order_by("-number").first()
            or versions.order_by("-number").first())


def version_in_vote(document) -> Version | None:
    return (document.versions.filter(state=Version.State.IN_VOTE)
            .select_related("decision").first())


def current_phase(document) -> CommentPhase | None:
    """The latest comment phase (open, or the one that closed most recently)."""
    return document.phases.select_related("consultation").first()


def amendments_of(paragraph, user) -> list[Amendment]:
    """A paragraph's amendments with support counts and whether ``user`` supports each."""
    amendments = list(
        paragraph.amendments.select_related("author__membership__partner", "decided_by")
        .annotate(n_supports=Count("supports")).order_by("created_at", "id"))
    if user.is_authenticated:
        mine = set(paragraph.amendments.filter(supports__user=user).values_list("pk", flat=True))
        for amendment in amendments:
            amendment.supported_by_me = amendment.pk in mine
    return amendments


def amendment_log(document, *, until=None) -> QuerySet[Amendment]:
    """Decided amendments of the document, for the exports, oldest first."""
    qs = (Amendment.objects.filter(paragraph__chapter__document=document)
          .exclude(state=Amendment.State.OPEN)
          .select_related("author", "decided_by", "version", "paragraph__chapter")
          .annotate(n_supports=Count("supports")).order_by("decided_at", "id"))
    if until is not None:
        qs = qs.filter(decided_at__lte=until)
    return qs


def paragraph_comment_ids(paragraph) -> QuerySet:
    return ParagraphComment.objects.filter(paragraph=paragraph).values("comment_id")


def adopted_versions_by_deliverable(user, deliverable_ids) -> dict[int, Version]:
    """For each deliverable, the latest adopted version of a strategy document that is
    that deliverable and that ``user`` may read (one query; the work package's page links
    each deliverable to it)."""
    versions = (Version.objects.filter(
        state=Version.State.ADOPTED, document__in=strategies_visible_to(user).values("pk"),
        document__deliverable_id__in=list(deliverable_ids))
        .select_related("document").order_by("document__deliverable_id", "-number"))
    found: dict[int, Version] = {}
    for version in versions:
        found.setdefault(version.document.deliverable_id, version)
    return found
