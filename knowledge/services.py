"""Writing to the library: partner submissions into the Wagtail workflow, expert
opinions, and transfer declarations."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from clusterpolisee.core.html import sanitise_html
from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import check_perm, membership_of
from clusterpolisee.core.services import activity_record

from .models import GoodPracticeAttachment, GoodPracticePage, Transfer
from .site import library_page, practice_workflow
from .workflow import expert_opinion_step

M2M_FIELDS = ("working_groups", "themes")


def _unique_slug(parent, title, exclude_pk=None):
    base = slugify(title)[:70] or "practice"
    slug, n = base, 1
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    while siblings.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _apply(page, data):
    for name, value in data.items():
        if name == "attachment":
            continue
        if name in M2M_FIELDS:
            getattr(page, name).set(list(value))
        else:
            setattr(page, name, value)


def practice_collection():
    from wagtail.models import Collection

    from .rules import PRACTICE_COLLECTION_NAME

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=PRACTICE_COLLECTION_NAME).first()
    return found or root.add_child(name=PRACTICE_COLLECTION_NAME)


def _attach(page, upload, user):
    if not upload:
        return
    # The practice's own collection: its documents follow the practice (knowledge.rules),
    # even one that only a pending revision uses yet.
    document = get_document_model().objects.create(title=upload.name, file=upload,
                                                   uploaded_by_user=user,
                                                   collection=practice_collection())
    page.attachments.add(GoodPracticeAttachment(document=document))


def workflow_state_of(practice):
    return (WorkflowState.objects.for_instance(practice)
            .select_related("current_task_state__task").order_by("-created_at").first())


def workflow_states_of(practices) -> dict:
    """The latest workflow state of each of ``practices`` (by id), in one query."""
    practices = list(practices)
    if not practices:
        return {}
    states = {}
    for state in (WorkflowState.objects
                  .filter(base_content_type=practices[0].get_base_content_type(),
                          object_id__in=[str(practice.pk) for practice in practices])
                  .select_related("current_task_state__task").order_by("created_at", "pk")):
        states[int(state.object_id)] = state  # the newest comes last and stays
    return states


@transaction.atomic
def practice_submit(*, user, data: dict) -> GoodPracticePage:
    """Create a draft practice from the portal form and send it to editor review."""
    check_perm(user, "knowledge.submit_practice",
               message=_("Only partner staff can submit practices."))
    library = library_page()
    page = GoodPracticePage(owner=user, submitted_by=user, live=False,
                            partner=membership_of(user).partner,
                            locale_id=library.locale_id)
    _apply(page, data)
    page.slug = _unique_slug(library, page.title)
    _attach(page, data.get("attachment"), user)
    library.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    practice_workflow().start(page, user)
    activity_record(actor=user, verb="practice.submitted", target=page, partner=page.partner,
                    target_url=f"/library/submissions/{page.pk}/")
    return page


@transaction.atomic
def practice_resubmit(*, user, practice: GoodPracticePage, data: dict) -> GoodPracticePage:
    """Save the partner's changes as a new revision and put the review back in progress."""
    check_perm(user, "knowledge.edit_submission", practice,
               message=_("You cannot edit this practice."))
    state = workflow_state_of(practice)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        raise ValidationError(_("This practice is not waiting for your changes."))
    draft = practice.get_latest_revision_as_object()
    _apply(draft, data)
    draft.slug = _unique_slug(practice.get_parent(), draft.title, exclude_pk=practice.pk) \
        if not practice.live else practice.slug
    _attach(draft, data.get("attachment"), user)
    draft.full_clean()
    if not practice.live:
        # A draft's own fields follow the revision, so the partner's dashboard and the
        # editors' listing show what was last sent.
        draft.save()
    draft.save_revision(user=user, log_action=True)
    state.resume(user=user)
    activity_record(actor=user, verb="practice.resubmitted", target=practice,
                    partner=practice.partner, target_url=f"/library/submissions/{practice.pk}/")
    return draft


OPINION_MAX_LENGTH = 5000


@transaction.atomic
def expert_opinion_write(*, user, practice: GoodPracticePage, opinion: str):
    """A STAB member's opinion, shown on the page with the expert's name.

    While the practice waits at the workflow's expert-opinion step, the opinion goes into
    the page's latest revision and approves the step, so the workflow publishes it. On a
    published practice outside the workflow the opinion is added or replaced directly.
    """
    check_perm(user, "knowledge.write_expert_opinion", practice,
               message=_("Only members of the advisory board can write opinions."))
    text = (opinion or "").strip()
    if not text:
        raise ValidationError({"opinion": _("Write the opinion before sending it.")})
    if len(text) > OPINION_MAX_LENGTH:
        raise ValidationError({"opinion": _("Write an opinion of at most 5,000 characters.")})
    html = sanitise_html(linebreaks(escape(text)))
    name = user.get_full_name() or user.get_short_name()
    step = expert_opinion_step(workflow_state_of(practice))
    if step is not None:
        draft = practice.get_latest_revision_as_object()
        draft.expert_opinion, draft.expert_name = html, name
        draft.full_clean()
        draft.save_revision(user=user, log_action=True)
        # The last step: Wagtail then publishes the latest revision, the one just saved.
        step.approve(user=user)
        practice.refresh_from_db()
    elif practice.live:
        practice.expert_opinion, practice.expert_name = html, name
        practice.save(update_fields=["expert_opinion", "expert_name"])
        if practice.get_latest_revision() is not None:
            # Keep the page's revisions in step so a later publish does not drop it.
            draft = practice.get_latest_revision_as_object()
            draft.expert_opinion, draft.expert_name = html, name
            draft.save_revision(user=user)
    else:
        raise ValidationError({"opinion": _("This practice is not waiting for an expert "
                                            "opinion.")})
    activity_record(actor=user, verb="practice.expert_opinion", target=practice,
                    partner=practice.partner or membership_of(user).partner,
                    visibility=Activity.Visibility.PARTNERS, target_url=practice.url or "")
    return practice


@transaction.atomic
def transfer_declare(*, user, practice: GoodPracticePage, status: str) -> Transfer:
    check_perm(user, "knowledge.declare_transfer", practice,
               message=_("You cannot declare a transfer of this practice."))
    if status not in Transfer.Status.values:
        raise ValidationError(_("Choose a valid status."))
    partner = membership_of(user).partner
    transfer, _created = Transfer.objects.get_or_create(practice=practice, partner=partner,
                                                        defaults={"updated_by": user})
    transfer.status, transfer.updated_by, transfer.updated_at = status, user, timezone.now()
    transfer.full_clean()
    transfer.save()
    activity_record(actor=user, verb="practice.transfer", target=practice, partner=partner,
                    visibility=Activity.Visibility.PARTNERS,
                    detail=f"{partner.label}: {transfer.get_status_display()}",
                    target_url=practice.url or "")
    return transfer


@transaction.atomic
def mentoring_offer(*, user, transfer: Transfer, offered: bool = True) -> Transfer:
    check_perm(user, "knowledge.offer_mentoring", transfer.practice,
               message=_("Only the owning partner can offer mentoring."))
    transfer.mentor_offered, transfer.updated_by = offered, user
    transfer.updated_at = timezone.now()
    transfer.save(update_fields=["mentor_offered", "updated_by", "updated_at"])
    activity_record(actor=user, verb="practice.mentoring", target=transfer.practice,
                    partner=transfer.partner, visibility=Activity.Visibility.PARTNERS,
                    detail=transfer.partner.label, target_url=transfer.practice.url or "")
    return transfer
