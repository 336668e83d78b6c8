"""Write-side services of consultations. Each enforces its rule through the registered
permission (``check_perm(user, "consultations.<action>", obj)``, ``rules.py``). Every
action that matters is recorded through ``activity_record``; moderation actions name the
consultation as their target so the moderation log is a filter on the one activity log."""
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterpolisee.core.html import render_markdown, visible_text
from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import allowed, check_perm, membership_of
from clusterpolisee.core.services import activity_record

from .attachments import inspect_upload
from .models import (
    Comment,
    Consultation,
    ConsultationAttachment,
    ConsultationBlock,
    Flag,
    RatingAnswer,
    Reaction,
)

State = Consultation.State


def audience_scope(consultation) -> dict:
    """Who reads activity about the consultation: its audience, as far as the activity
    scopes allow (the registered visibility selector narrows it to the audience)."""
    if consultation.audience == Consultation.Audience.PARTNERS:
        if consultation.working_group_id:
            return {"visibility": Activity.Visibility.WORKING_GROUP,
                    "working_group": consultation.working_group}
        return {"visibility": Activity.Visibility.PARTNERS}
    return {"visibility": Activity.Visibility.PUBLIC,
            "working_group": consultation.working_group}


def moderation_scope(consultation) -> dict:
    """Moderation is recorded for the WG (or the owner's partner), not the whole audience."""
    if consultation.working_group_id:
        return {"visibility": Activity.Visibility.WORKING_GROUP,
                "working_group": consultation.working_group}
    membership = membership_of(consultation.owner)
    if membership is not None:
        return {"visibility": Activity.Visibility.PARTNER, "partner": membership.partner}
    return {"visibility": Activity.Visibility.PARTNERS}


def _clean_background(text: str) -> str:
    html = render_markdown(text)
    if not visible_text(html):
        raise ValidationError({"background": _("Write the question and its background.")})
    return html


# --- consultations ----------------------------------------------------------------------

@transaction.atomic
def consultation_create(*, user, title: str, background: str, audience: str, opens_at,
                        closes_at, working_group=None, work_package=None,
                        rating_question: str = "") -> Consultation:
    """A draft owned by ``user``."""
    check_perm(user, "consultations.create_consultation", message=_(
        "Only WG coordinators, partner admins and platform admins open consultations."))
    consultation = Consultation(
        owner=user, title=title.strip(), background=_clean_background(background),
        audience=audience, opens_at=opens_at, closes_at=closes_at, working_group=working_group,
        work_package=work_package, rating_question=rating_question.strip())
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, user, **fields) -> Consultation:
    check_perm(user, "consultations.manage_consultation", consultation,
               message=_("Only the owner edits this consultation."))
    if consultation.state in (State.CLOSED, State.SUMMARISED):
        raise ValidationError(_("A closed consultation can no longer be edited."))
    if "background" in fields:
        fields["background"] = _clean_background(fields["background"])
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def consultation_open(*, consultation: Consultation, user) -> Consultation:
    check_perm(user, "consultations.manage_consultation", consultation,
               message=_("Only the owner opens this consultation."))
    if consultation.state != State.DRAFT:
        raise ValidationError(_("Only a draft can be opened."))
    if consultation.is_past_deadline:
        raise ValidationError(_("The closing date has passed; move it before opening."))
    consultation.state = State.OPEN
    consultation.save(update_fields=["state", "updated_at"])
    activity_record(actor=user, verb="consultation.opened", target=consultation,
                    **audience_scope(consultation))
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, user) -> Consultation:
    check_perm(user, "consultations.manage_consultation", consultation,
               message=_("Only the owner closes this consultation."))
    if consultation.state != State.OPEN:
        raise ValidationError(_("Only an open consultation can be closed."))
    consultation.state = State.CLOSED
    if not consultation.is_past_deadline:
        consultation.closes_at = timezone.now()
    consultation.save(update_fields=["state", "closes_at", "updated_at"])
    activity_record(actor=user, verb="consultation.closed", target=consultation,
                    **audience_scope(consultation))
    return consultation


def consultations_close_past_deadline(*, now=None) -> list[int]:
    """Close every open consultation whose closing time has passed; the ids it closed.

    What a manual close records is recorded here too (the same verb and audience, so the
    same people are notified), with no actor: nobody pressed the button, the deadline
    did. Each row is locked and its state read again before it changes, so a second run,
    or two runs at once, close each consultation once and record it once.
    """
    now = now or timezone.now()
    closed = []
    due = (Consultation.objects.filter(state=State.OPEN, closes_at__lte=now)
           .order_by("closes_at", "id").values_list("id", flat=True))
    for consultation_id in list(due):
        with transaction.atomic():
            consultation = (Consultation.objects.select_for_update(of=("self",))
                            .select_related("working_group")
                            .filter(pk=consultation_id, state=State.OPEN, closes_at__lte=now)
                            .first())
            if consultation is None:
                continue  # closed by its owner or by another run in the meantime
            consultation.state = State.CLOSED
            consultation.save(update_fields=["state", "updated_at"])
            activity_record(actor=None, verb="consultation.closed", target=consultation,
                            **audience_scope(consultation))
            closed.append(consultation_id)
    return closed


@transaction.atomic
def consultation_publish_summary(*, consultation: Consultation, user, summary: str
                                 ) -> Consultation:
    """The owner's official summary and response; participants hear of it through the
    activity it records."""
    check_perm(user, "consultations.manage_consultation", consultation,
               message=_("Only the owner publishes the summary."))
    if consultation.phase not in (State.CLOSED, State.SUMMARISED):
        raise ValidationError(_("Close the consultation before publishing its summary."))
    html = render_markdown(summary)
    if not visible_text(html):
        raise ValidationError({"summary": _("Write the summary before publishing it.")})
    consultation.summary = html
    consultation.state = State.SUMMARISED
    consultation.summary_published_at = timezone.now()
    consultation.save(update_fields=["summary", "state", "summary_published_at", "updated_at"])
    participants = get_user_model().objects.filter(
        consultation_comments__consultation=consultation).distinct()
    activity_record(actor=user, verb="consultation.summary_published", target=consultation,
                    addressed_to=list(participants), **audience_scope(consultation))
    return consultation


@transaction.atomic
def attachment_add(*, consultation: Consultation, user, upload) -> ConsultationAttachment:
    check_perm(user, "consultations.manage_consultation", consultation,
               message=_("Only the owner adds documents."))
    name, content_type = inspect_upload(upload)
    attachment = ConsultationAttachment(
        consultation=consultation, file=upload, name=name[:200],
        content_type=content_type, size=upload.size, uploaded_by=user)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: ConsultationAttachment, user) -> None:
    check_perm(user, "consultations.manage_consultation", attachment.consultation,
               message=_("Only the owner removes documents."))
    attachment.file.delete(save=False)
    attachment.delete()


# --- comments -----------------------------------------------------------------------------

def _clean_comment(body: str) -> str:
    limit = settings.CONSULTATION_COMMENT_MAX_CHARS
    if len(body or "") > limit:
        raise ValidationError({"body": _("Your comment is too long: at most %(limit)s "
                                         "characters, yours has %(length)s.")
                               % {"limit": limit, "length": len(body)}})
    html = render_markdown(body)
    if not visible_text(html):
        raise ValidationError({"body": _("Your comment is empty (markup that is not allowed, "
                                         "such as scripts, is removed).")})
    return html


def _check_flood(user) -> None:
    """At most N comments a minute per user, counted in the shared cache."""
    limit = settings.CONSULTATION_COMMENTS_PER_MINUTE
    key = f"consultations:flood:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    if cache.incr(key) > limit:
        raise ValidationError(_("You are posting too fast: at most %(limit)s comments a "
                                "minute. Please wait a moment and try again.") % {"limit": limit})


def _check_can_take_part(user, consultation) -> None:
    """``consultations.take_part``, refused with the reason that applies."""
    if not consultation.is_accepting_comments:
        raise ValidationError(_("This consultation is not open for comments."))
    check_perm(user, "consultations.comment_unblocked", consultation,
               message=_("A moderator has blocked you from this consultation."))
    check_perm(user, "consultations.join_consultation", consultation,
               message=_("This consultation is not open to you."))


@transaction.atomic
def comment_post(*, consultation: Consultation, user, body: str, parent: Comment | None = None
                 ) -> Comment:
    """``user`` comments, or replies to ``parent``."""
    _check_can_take_part(user, consultation)
    html = _clean_comment(body)
    depth = 0
    if parent is not None:
        if parent.consultation_id != consultation.pk:
            raise ValidationError(_("You can only reply to a comment of this consultation."))
        if parent.depth >= Comment.MAX_DEPTH:
            # the deepest level answers its own parent's thread
            parent = parent.parent
        depth = parent.depth + 1
    _check_flood(user)
    comment = Comment(consultation=consultation, parent=parent, depth=depth, author=user,
                      body=body, body_html=html)
    comment.full_clean()
    comment.save()
    activity_record(actor=user, verb="consultation.commented", target=consultation,
                    target_url=comment.get_absolute_url(), **audience_scope(consultation))
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, user, body: str) -> Comment:
    check_perm(user, "consultations.change_comment", comment,
               message=_("Only the author edits a comment."))
    if not allowed(user, "consultations.edit_comment", comment):  # the author, too late
        raise ValidationError(_("Comments can be edited for %(minutes)s minutes after posting.")
                              % {"minutes": settings.CONSULTATION_EDIT_WINDOW_MINUTES})
    _check_can_take_part(user, comment.consultation)
    comment.body_html = _clean_comment(body)
    comment.body = body
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user) -> Comment:
    """Soft delete: the place in the thread stays so replies keep their context."""
    check_perm(user, "consultations.change_comment", comment,
               message=_("Only the author deletes a comment."))
    if comment.is_deleted:
        return comment
    comment.deleted_at = timezone.now()
    comment.body = ""
    comment.body_html = ""
    comment.save(update_fields=["deleted_at", "body", "body_html"])
    return comment


@transaction.atomic
def reaction_toggle(*, comment: Comment, user, kind: str) -> Reaction | None:
    """React agree/disagree; the same reaction again takes it back."""
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."))
    _check_can_take_part(user, comment.consultation)
    if comment.is_deleted or comment.is_hidden:
        raise ValidationError(_("You cannot react to a deleted or hidden comment."))
    existing = Reaction.objects.filter(comment=comment, user=user).first()
    if existing and existing.kind == kind:
        existing.delete()
        return None
    if existing:
        existing.kind = kind
        existing.save(update_fields=["kind"])
        return existing
    return Reaction.objects.create(comment=comment, user=user, kind=kind)


@transaction.atomic
def comment_flag(*, comment: Comment, user, reason: str) -> Flag:
    """Any participant who can see the comment asks moderators to look at it."""
    check_perm(user, "consultations.flag_comment", comment,
               message=_("This consultation is not open to you."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this comment should be moderated.")})
    if comment.author_id == user.pk:
        raise ValidationError(_("You cannot flag your own comment."))
    flag = Flag(comment=comment, user=user, reason=reason[:300])
    flag.full_clean(exclude=["comment", "user"])
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError as exc:
        raise ValidationError(_("You have already flagged this comment.")) from exc
    return flag


@transaction.atomic
def comment_hide(*, comment: Comment, user, reason: str) -> Comment:
    consultation = comment.consultation
    check_perm(user, "consultations.moderate_comment", comment,
               message=_("Only moderators hide comments."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason shown in place of the comment.")})
    comment.hidden_at = timezone.now()
    comment.hidden_by = user
    comment.hidden_reason = reason[:300]
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    comment.flags.filter(resolved_at=None).update(resolved_at=timezone.now())
    activity_record(actor=user, verb="consultation.comment_hidden", target=consultation,
                    target_url=comment.get_absolute_url(), **moderation_scope(consultation))
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, user) -> Comment:
    consultation = comment.consultation
    check_perm(user, "consultations.moderate_comment", comment,
               message=_("Only moderators show hidden comments again."))
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    activity_record(actor=user, verb="consultation.comment_unhidden", target=consultation,
                    target_url=comment.get_absolute_url(), **moderation_scope(consultation))
    return comment


@transaction.atomic
def flags_dismiss(*, comment: Comment, user) -> int:
    consultation = comment.consultation
    check_perm(user, "consultations.moderate_comment", comment,
               message=_("Only moderators dismiss flags."))
    count = comment.flags.filter(resolved_at=None).update(resolved_at=timezone.now())
    activity_record(actor=user, verb="consultation.flags_dismissed", target=consultation,
                    target_url=comment.get_absolute_url(), **moderation_scope(consultation))
    return count


@transaction.atomic
def user_block(*, consultation: Consultation, participant, user, reason: str
               ) -> ConsultationBlock:
    """``user`` (a moderator) bars ``participant`` from commenting on the consultation."""
    check_perm(user, "consultations.moderate_consultation", consultation,
               message=_("Only moderators block participants."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the block.")})
    if participant.pk == user.pk or allowed(participant, "consultations.moderate_consultation",
                                            consultation):
        raise ValidationError(_("Moderators cannot be blocked from their own consultation."))
    block, _created = ConsultationBlock.objects.get_or_create(
        consultation=consultation, user=participant,
        defaults={"reason": reason[:300], "blocked_by": user})
    activity_record(actor=user, verb="consultation.user_blocked", target=consultation,
                    **moderation_scope(consultation))
    return block


@transaction.atomic
def user_unblock(*, block: ConsultationBlock, user) -> None:
    consultation = block.consultation
    check_perm(user, "consultations.moderate_consultation", consultation,
               message=_("Only moderators lift blocks."))
    block.delete()
    activity_record(actor=user, verb="consultation.user_unblocked", target=consultation,
                    **moderation_scope(consultation))


@transaction.atomic
def rating_answer(*, consultation: Consultation, user, value: int) -> RatingAnswer:
    if not consultation.rating_question:
        raise ValidationError(_("This consultation asks no rating question."))
    _check_can_take_part(user, consultation)
    if value not in range(1, 6):
        raise ValidationError({"value": _("Choose a rating from 1 to 5.")})
    answer, _created = RatingAnswer.objects.update_or_create(
        consultation=consultation, user=user, defaults={"value": value})
    return answer
