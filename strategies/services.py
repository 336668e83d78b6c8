"""Write-side services of strategies. Each one checks the same permission the views ask
(``check_perm(user, "strategies.…", document)``), runs in one transaction and records what
happened through the core's activity log."""
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from clusterpolisee.core.html import sanitise_html, visible_text
from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import check_perm, membership_of
from clusterpolisee.core.services import activity_record
from consultations import services as consultation_services
from consultations.models import Comment, Consultation
from workgroups import services as governance

from .models import (
    Amendment,
    AmendmentSupport,
    Chapter,
    CommentPhase,
    Paragraph,
    ParagraphComment,
    StrategyDocument,
    Version,
)
from .rules import open_phase_of

PARAGRAPH_MAX_CHARS = 10_000
AMENDMENT_MAX_CHARS = 5_000
REASON_MAX_CHARS = 2_000
REPLY_MAX_CHARS = 2_000
CHAPTERS_MAX = 50
PARAGRAPHS_PER_CHAPTER_MAX = 300


class AmendmentConflict(ValidationError):
    """The paragraph changed after the proposer read it; carries what it says now."""

    def __init__(self, message, *, current_text: str, base_text: str,
                 current_revision: int | None = None):
        super().__init__(message)
        self.current_text = current_text
        self.base_text = base_text
        self.current_revision = current_revision


def render_text(text: str) -> str:
    """The portal's one Markdown renderer and sanitiser (``core.html``)."""
    return sanitise_html(text)


def _clean_text(text: str, *, field: str, limit: int, what: str) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ValidationError({field: _("%(what)s is too long: at most %(limit)s characters, "
                                        "it has %(length)s.")
                               % {"what": what, "limit": limit, "length": len(text)}})
    if not visible_text(render_text(text)):
        raise ValidationError({field: _("%(what)s is empty (markup that is not allowed, such "
                                        "as scripts, is removed).") % {"what": what}})
    return text


def split_paragraphs(text: str) -> list[str]:
    """A blank line starts a new paragraph."""
    return [part.strip() for part in re.split(r"\n\s*\n", (text or "").strip()) if part.strip()]


def _editor_scope(document) -> dict:
    """Drafting news is for the lead partner's staff (the selector narrows it further)."""
    partner = document.lead_partner
    if partner is None:
        return {"visibility": Activity.Visibility.PARTNERS}
    return {"visibility": Activity.Visibility.PARTNER, "partner": partner}


def _person_scope(user) -> dict:
    """An activity meant for one person: their partner's staff, or (for a stakeholder) the
    public scope, which the document's visibility selector narrows to its readers."""
    membership = membership_of(user)
    if membership is not None:
        return {"visibility": Activity.Visibility.PARTNER, "partner": membership.partner}
    return {"visibility": Activity.Visibility.PUBLIC}


def require_not_frozen(document) -> None:
    in_vote = document.versions.filter(state=Version.State.IN_VOTE).first()
    if in_vote is not None:
        raise ValidationError(_("Version %(n)s is before the Steering Committee: the text is "
                                "frozen until the vote closes.") % {"n": in_vote.number})


# --- versions --------------------------------------------------------------------------------

def snapshot_of(document) -> dict:
    chapters = []
    for chapter in document.chapters.prefetch_related("paragraphs").order_by("position"):
        chapters.append({
            "id": chapter.pk, "number": chapter.position, "title": chapter.title,
            "paragraphs": [{"id": p.pk, "number": f"{chapter.position}.{p.position}",
                            "text": p.text}
                           for p in sorted(chapter.paragraphs.all(), key=lambda p: p.position)],
        })
    return {"title": document.title, "chapters": chapters}


def _version_make(document, *, user, note: str) -> Version:
    # the document row is locked, so two saves at once get consecutive numbers
    StrategyDocument.objects.select_for_update().filter(pk=document.pk).first()
    last = document.versions.aggregate(n=Max("number"))["n"] or 0
    version = Version(document=document, number=last + 1, snapshot=snapshot_of(document),
                      note=note[:255], created_by=user if user and user.is_authenticated else None)
    version.full_clean()
    version.save()
    StrategyDocument.objects.filter(pk=document.pk).update(updated_at=timezone.now())
    return version


# --- documents and chapters ------------------------------------------------------------------

@transaction.atomic
def document_create(*, user, title: str, kind: str, work_package, deliverable=None
                    ) -> StrategyDocument:
    document = StrategyDocument(title=(title or "").strip(), kind=kind,
                                work_package=work_package, deliverable=deliverable,
                                created_by=user)
    if deliverable is not None and deliverable.work_package_id != work_package.pk:
        raise ValidationError({"deliverable": _("Choose a deliverable of the same work "
                                                "package.")})
    document.full_clean()
    document.save()
    # asked of the saved row (object permissions need a key); refusing rolls it back
    check_perm(user, "strategies.edit_strategy", document,
               message=_("Only the staff of the work package's lead partner start its "
                         "strategies."))
    activity_record(actor=user, verb="strategy.created", target=document,
                    **_editor_scope(document))
    return document


def _paragraph(chapter, position, text) -> Paragraph:
    text = _clean_text(text, field="text", limit=PARAGRAPH_MAX_CHARS,
                       what=_("Paragraph %(n)s") % {"n": f"{chapter.position}.{position}"})
    return Paragraph(chapter=chapter, position=position, text=text,
                     text_html=render_text(text))


@transaction.atomic
def chapter_create(*, document, user, title: str, text: str) -> tuple[Chapter, Version]:
    """A new chapter at the end; its text becomes paragraphs (a blank line between them)."""
    check_perm(user, "strategies.edit_strategy", document,
               message=_("Only the editors write chapters."))
    require_not_frozen(document)
    position = (document.chapters.aggregate(n=Max("position"))["n"] or 0) + 1
    if position > CHAPTERS_MAX:
        raise ValidationError(_("A document has at most %(n)s chapters.") % {"n": CHAPTERS_MAX})
    chapter = Chapter(document=document, position=position, title=(title or "").strip())
    chapter.full_clean(exclude=["document"])
    chapter.save()
    parts = split_paragraphs(text)
    if not parts:
        raise ValidationError({"text": _("Write at least one paragraph.")})
    if len(parts) > PARAGRAPHS_PER_CHAPTER_MAX:
        raise ValidationError({"text": _("A chapter has at most %(n)s paragraphs.")
                               % {"n": PARAGRAPHS_PER_CHAPTER_MAX}})
    Paragraph.objects.bulk_create([_paragraph(chapter, n, part)
                                   for n, part in enumerate(parts, start=1)])
    version = _version_make(document, user=user,
                            note=_("Chapter %(n)s added") % {"n": position})
    activity_record(actor=user, verb="strategy.chapter_saved", target=document,
                    detail=chapter.title, **_editor_scope(document))
    return chapter, version


@transaction.atomic
def chapter_save(*, chapter, user, title: str, texts: dict, new_text: str = "",
                 base_version: int | None = None) -> Version | None:
    """Save a chapter: ``texts`` maps each paragraph id to its new wording (empty removes
    it), ``new_text`` adds paragraphs at the end. Makes a version when anything changed.

    ``base_version`` is the version the editor started from: if someone saved meanwhile,
    nothing is saved and the editor is told, rather than one save silently undoing the
    other.
    """
    document = chapter.document
    check_perm(user, "strategies.edit_strategy", document,
               message=_("Only the editors change chapters."))
    require_not_frozen(document)
    latest = document.versions.aggregate(n=Max("number"))["n"] or 0
    if base_version is not None and base_version != latest:
        raise ValidationError(_("Someone saved this document (version %(n)s) after you opened "
                                "the chapter. Open it again to see their changes.")
                              % {"n": latest})
    title = (title or "").strip()
    changed = False
    if title != chapter.title:
        chapter.title = title
        chapter.full_clean(exclude=["document"])
        chapter.save(update_fields=["title"])
        changed = True
    paragraphs = list(chapter.paragraphs.order_by("position"))
    kept = []
    for paragraph in paragraphs:
        text = (texts.get(paragraph.pk, paragraph.text) or "").strip()
        if not text:
            changed = True
            paragraph.delete()
            continue
        if text != paragraph.text:
            cleaned = _paragraph(chapter, paragraph.position, text)
            paragraph.text, paragraph.text_html = cleaned.text, cleaned.text_html
            paragraph.revision += 1
            changed = True
        kept.append(paragraph)
    new_parts = split_paragraphs(new_text)
    if len(kept) + len(new_parts) > PARAGRAPHS_PER_CHAPTER_MAX:
        raise ValidationError({"new_text": _("A chapter has at most %(n)s paragraphs.")
                               % {"n": PARAGRAPHS_PER_CHAPTER_MAX}})
    if not kept and not new_parts:
        raise ValidationError(_("A chapter needs at least one paragraph."))
    # renumber without colliding with the unique (chapter, position) constraint
    if kept:
        Paragraph.objects.filter(pk__in=[p.pk for p in kept]).update(
            position=F("position") + 10_000)
    for n, paragraph in enumerate(kept, start=1):
        if paragraph.position != n:
            changed = True
        paragraph.position = n
        paragraph.save(update_fields=["position", "text", "text_html", "revision",
                                      "updated_at"])
    start = len(kept) + 1
    Paragraph.objects.bulk_create([_paragraph(chapter, n, part)
                                   for n, part in enumerate(new_parts, start=start)])
    changed = changed or bool(new_parts)
    if not changed:
        return None
    version = _version_make(document, user=user,
                            note=_("Chapter %(n)s edited") % {"n": chapter.position})
    activity_record(actor=user, verb="strategy.chapter_saved", target=document,
                    detail=chapter.title, **_editor_scope(document))
    return version


@transaction.atomic
def co_editor_add(*, document, co_editor, user) -> None:
    check_perm(user, "strategies.manage_co_editors", document,
               message=_("Only the lead partner's admins name co-editors."))
    if not co_editor.is_active:
        raise ValidationError(_("That account is not active."))
    if membership_of(co_editor) is None:
        raise ValidationError(_("Co-editors are partner staff."))
    assign_perm("co_edit_strategy", co_editor, document)


@transaction.atomic
def co_editor_remove(*, document, co_editor, user) -> None:
    check_perm(user, "strategies.manage_co_editors", document,
               message=_("Only the lead partner's admins remove co-editors."))
    remove_perm("co_edit_strategy", co_editor, document)


# --- comment phases and comments -----------------------------------------------------------

@transaction.atomic
def phase_open(*, document, user, closes_at, include_stakeholders: bool) -> CommentPhase:
    """Open a comment phase: a consultation underneath (its audience, deadline, moderation
    and flood limit are the consultations app's)."""
    check_perm(user, "strategies.open_phase", document,
               message=_("Only the editors open comment phases."))
    require_not_frozen(document)
    if open_phase_of(document) is not None:
        raise ValidationError(_("A comment phase is already open on this document."))
    now = timezone.now()
    if closes_at is None or closes_at <= now:
        raise ValidationError({"closes_at": _("The deadline must be in the future.")})
    if not document.chapters.exists():
        raise ValidationError(_("Write a chapter before asking for comments."))
    audience = (Consultation.Audience.STAKEHOLDERS if include_stakeholders
                else Consultation.Audience.PARTNERS)
    background = render_to_string("strategies/phase_background.html",
                                  {"document": document})
    consultation = Consultation(
        title=(_("Comments on the draft: %(title)s") % {"title": document.title})[:200],
        background=sanitise_html(background), audience=audience, opens_at=now,
        closes_at=closes_at, state=Consultation.State.OPEN, owner=user,
        work_package=document.work_package)
    consultation.full_clean()
    consultation.save()
    phase = CommentPhase.objects.create(document=document, consultation=consultation,
                                        opened_by=user)
    scope = ({"visibility": Activity.Visibility.PUBLIC} if include_stakeholders
             else {"visibility": Activity.Visibility.PARTNERS})
    activity_record(actor=user, verb="strategy.phase_opened", target=document,
                    detail=str(closes_at.date()), **scope)
    return phase


def _phase_accepting(document):
    phase = open_phase_of(document)
    if phase is not None:
        return phase
    last = document.phases.select_related("consultation").first()
    if last is not None and last.consultation.closes_at <= timezone.now():
        raise ValidationError(
            _("The comment phase closed on %(date)s; comments and amendments are no longer "
              "accepted.") % {"date": date_format(timezone.localtime(
                  last.consultation.closes_at), "DATETIME_FORMAT")})
    raise ValidationError(_("No comment phase is open on this document."))


@transaction.atomic
def paragraph_comment_post(*, paragraph, user, body: str, parent: Comment | None = None
                           ) -> Comment:
    document = paragraph.chapter.document
    phase = _phase_accepting(document)
    if parent is not None:
        link = ParagraphComment.objects.filter(comment=parent).first()
        if link is None or link.paragraph_id != paragraph.pk:
            raise ValidationError(_("You can only reply to a comment on this paragraph."))
    # audience, blocks, length, emptiness and the flood limit are the consultation's rules
    comment = consultation_services.comment_post(consultation=phase.consultation,
                                                 user=user, body=body, parent=parent)
    ParagraphComment.objects.create(comment=comment, paragraph=paragraph)
    return comment


# --- amendments ------------------------------------------------------------------------------

@transaction.atomic
def amendment_propose(*, paragraph, user, text: str, reason: str, base_revision: int
                      ) -> Amendment:
    document = paragraph.chapter.document
    _phase_accepting(document)
    check_perm(user, "strategies.take_part", document,
               message=_("This comment phase is not open to you."))
    require_not_frozen(document)
    text = _clean_text(text, field="text", limit=AMENDMENT_MAX_CHARS,
                       what=_("The proposed wording"))
    reason = _clean_text(reason, field="reason", limit=REASON_MAX_CHARS, what=_("The reason"))
    paragraph = Paragraph.objects.select_for_update().get(pk=paragraph.pk)
    if paragraph.revision != base_revision:
        raise AmendmentConflict(
            _("Paragraph %(n)s changed while you were writing. Compare your wording with "
              "what it says now, then propose again.") % {"n": paragraph.number},
            current_text=paragraph.text, base_text="", current_revision=paragraph.revision)
    if text == paragraph.text:
        raise ValidationError({"text": _("Your wording is the same as the paragraph's.")})
    amendment = Amendment(paragraph=paragraph, author=user, text=text, reason=reason,
                          base_text=paragraph.text, base_revision=paragraph.revision)
    amendment.full_clean()
    amendment.save()
    activity_record(actor=user, verb="strategy.amendment_proposed", target=amendment,
                    detail=paragraph.number, **_editor_scope(document))
    return amendment


@transaction.atomic
def amendment_support(*, amendment, user) -> AmendmentSupport:
    document = amendment.paragraph.chapter.document
    check_perm(user, "strategies.take_part", document,
               message=_("This comment phase is not open to you."))
    if amendment.state != Amendment.State.OPEN:
        raise ValidationError(_("This amendment has been decided."))
    if amendment.author_id == user.pk:
        raise ValidationError(_("You cannot support your own amendment."))
    try:
        with transaction.atomic():
            return AmendmentSupport.objects.create(amendment=amendment, user=user)
    except IntegrityError as exc:
        raise ValidationError(_("You already support this amendment.")) from exc


def _lock_open(amendment) -> Amendment:
    amendment = (Amendment.objects.select_for_update(of=("self",))
                 .select_related("paragraph__chapter__document", "author")
                 .get(pk=amendment.pk))
    if amendment.state != Amendment.State.OPEN:
        raise ValidationError(_("This amendment has already been decided."))
    return amendment


@transaction.atomic
def amendment_accept(*, amendment, user, reply: str = "") -> Version:
    """The paragraph takes the proposed wording, a version is made, the author credited."""
    document = amendment.paragraph.chapter.document
    check_perm(user, "strategies.decide_amendment", document,
               message=_("Only the editors decide on amendments."))
    require_not_frozen(document)
    amendment = _lock_open(amendment)
    paragraph = Paragraph.objects.select_for_update().select_related("chapter").get(
        pk=amendment.paragraph_id)
    if paragraph.revision != amendment.base_revision:
        raise AmendmentConflict(
            _("Paragraph %(n)s changed after this amendment was proposed; it cannot be "
              "accepted as it stands. Reject it with a reply, or edit the paragraph.")
            % {"n": paragraph.number},
            current_text=paragraph.text, base_text=amendment.base_text,
            current_revision=paragraph.revision)
    paragraph.text = amendment.text
    paragraph.text_html = render_text(amendment.text)
    paragraph.revision += 1
    paragraph.save(update_fields=["text", "text_html", "revision", "updated_at"])
    version = _version_make(document, user=user, note=_(
        "Amendment to %(n)s by %(author)s accepted") % {"n": paragraph.number,
                                                        "author": amendment.author})
    amendment.state = Amendment.State.ACCEPTED
    amendment.reply = (reply or "").strip()[:REPLY_MAX_CHARS]
    # decided the moment its version was made, so the version's amendment log includes it
    amendment.decided_by, amendment.decided_at = user, version.created_at
    amendment.version = version
    amendment.save(update_fields=["state", "reply", "decided_by", "decided_at", "version"])
    activity_record(actor=user, verb="strategy.amendment_accepted", target=amendment,
                    detail=paragraph.number, **_person_scope(amendment.author))
    return version


@transaction.atomic
def amendment_reject(*, amendment, user, reply: str) -> Amendment:
    document = amendment.paragraph.chapter.document
    check_perm(user, "strategies.decide_amendment", document,
               message=_("Only the editors decide on amendments."))
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("Tell the author why the amendment is rejected.")})
    if len(reply) > REPLY_MAX_CHARS:
        raise ValidationError({"reply": _("The reply is too long: at most %(n)s characters.")
                               % {"n": REPLY_MAX_CHARS}})
    amendment = _lock_open(amendment)
    amendment.state = Amendment.State.REJECTED
    amendment.reply, amendment.decided_by, amendment.decided_at = reply, user, timezone.now()
    amendment.save(update_fields=["state", "reply", "decided_by", "decided_at"])
    activity_record(actor=user, verb="strategy.amendment_rejected", target=amendment,
                    detail=amendment.paragraph.number, **_person_scope(amendment.author))
    return amendment


# --- adoption --------------------------------------------------------------------------------

@transaction.atomic
def version_put_to_vote(*, version, user, deadline, publish_if_adopted: bool = False) -> Version:
    document = version.document
    check_perm(user, "strategies.put_to_vote", document,
               message=_("Only the editors put a version to the Steering Committee."))
    require_not_frozen(document)
    version = Version.objects.select_for_update().get(pk=version.pk)
    if version.state == Version.State.ADOPTED:
        raise ValidationError(_("Version %(n)s is already adopted.") % {"n": version.number})
    latest = document.versions.aggregate(n=Max("number"))["n"]
    if version.number != latest:
        raise ValidationError(_("Only the latest version (%(n)s) can be put to the vote.")
                              % {"n": latest})
    text = render_to_string("strategies/decision_text.txt", {
        "document": document, "version": version, "publish": publish_if_adopted})
    decision = governance.decision_put_to_vote(
        user=user, title=(_("Adopt %(title)s, version %(n)s")
                               % {"title": document.title, "n": version.number})[:200],
        text=text, deadline=deadline)
    version.state, version.decision = Version.State.IN_VOTE, decision
    version.publish_if_adopted = bool(publish_if_adopted)
    version.save(update_fields=["state", "decision", "publish_if_adopted"])
    activity_record(actor=user, verb="strategy.put_to_vote", target=document,
                    detail=_("version %(n)s") % {"n": version.number},
                    visibility=Activity.Visibility.PARTNERS)
    return version


@transaction.atomic
def version_settle(*, version) -> Version:
    """The vote has closed: the version is adopted (and frozen) or not. Safe to run twice."""
    version = Version.objects.select_for_update(of=("self",)).select_related(
        "decision", "document").get(
        pk=version.pk)
    if version.state != Version.State.IN_VOTE or version.decision.closed_at is None:
        return version
    outcome = governance.decision_outcome(version.decision)
    adopted = outcome["quorate"] and outcome["counts"]["yes"] > outcome["counts"]["no"]
    document = version.document
    if adopted:
        version.state, version.adopted_at = Version.State.ADOPTED, version.decision.closed_at
        version.save(update_fields=["state", "adopted_at"])
        scope = Activity.Visibility.PUBLIC if version.publish_if_adopted else \
            Activity.Visibility.PARTNERS
        activity_record(actor=None, verb="strategy.adopted", target=document,
                        target_url=version.get_absolute_url(), visibility=scope,
                        detail=_("version %(n)s") % {"n": version.number})
    else:
        version.state = Version.State.NOT_ADOPTED
        version.save(update_fields=["state"])
        activity_record(actor=None, verb="strategy.not_adopted", target=document,
                        visibility=Activity.Visibility.PARTNERS,
                        detail=str(outcome["label"]))
    return version


def settle_if_due(document) -> None:
    """Close a vote whose deadline passed (the close settles the version, see receivers)."""
    version = document.versions.filter(state=Version.State.IN_VOTE).select_related(
        "decision").first()
    if version is not None:
        governance.decision_close_if_due(version.decision)
