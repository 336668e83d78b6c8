"""Write-side services of the partners app: invitations, staff, workspace and documents."""
import hashlib
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterpolisee.core.address import site_name, site_url
from clusterpolisee.core.mail import header_safe
from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import check_perm
from clusterpolisee.core.services import activity_record
from clusterpolisee.users.services import user_create

from .models import (
    Document,
    DocumentShare,
    DocumentVersion,
    Folder,
    Invitation,
    Membership,
    Note,
    Partner,
)
from .signals import staff_removed
from .uploads import check_upload

INVITATION_SALT = "partners.invitation"


# --- the partner's profile ---------------------------------------------------------------

@transaction.atomic
def partner_profile_update(*, partner: Partner, user, short_name: str, city: str,
                           website: str, description: str, logo=None) -> Partner:
    """What the partner admins change on the public profile. ``logo`` is a new (already
    re-encoded) image, ``False`` to remove the logo, or ``None`` to keep it."""
    check_perm(user, "partners.manage_partner", partner)
    partner.short_name, partner.city = short_name, city
    partner.website, partner.description = website, description
    if logo is not None:
        partner.logo = logo or ""
    partner.full_clean()
    partner.save()
    activity_record(actor=user, verb="partner.profile_updated", target=partner,
                    partner=partner)
    return partner


# --- invitations and staff ------------------------------------------------------------

class InvitationError(Exception):
    """Why an invitation link cannot be used; the message is shown to the visitor."""


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise InvitationError(_("This invitation link has expired. Ask the partner admin "
                                "who invited you to send a new one.")) from exc
    except signing.BadSignature as exc:
        raise InvitationError(_("This invitation link is not valid. Check that you copied "
                                "the whole link from the e-mail.")) from exc
    invitation = (Invitation.objects.select_related("partner", "invited_by")
                  .filter(pk=data.get("i"), email=data.get("e")).first())
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationError(_("This invitation was withdrawn by the partner."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used. Log in with the "
                                "account that accepted it."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This invitation link has expired. Ask the partner admin "
                                "who invited you to send a new one."))
    return invitation


def invitation_create(*, partner, email: str, role: str, user) -> Invitation:
    check_perm(user, "partners.manage_partner", partner,
               message=_("Only the partner's admins can invite staff."))
    email = email.strip().lower()
    if Membership.objects.filter(user__email__iexact=email, partner=partner).exists():
        raise ValidationError({"email": _("%(email)s already works for %(partner)s.")
                               % {"email": email, "partner": partner.label}})
    if Membership.objects.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s already works for another partner; a "
                                          "person can belong to one partner only.")
                               % {"email": email}})
    invitation = Invitation(
        partner=partner, email=email, role=role, invited_by=user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS))
    invitation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
            activity_record(actor=user, verb="staff.invited", target=invitation,
                            partner=partner, visibility=Activity.Visibility.AUDIT,
                            target_url=reverse("partners:manage", args=[partner.slug]))
    except IntegrityError as exc:
        raise ValidationError({"email": _("%(email)s already has an open invitation; withdraw "
                                          "it first to send a new one.") % {"email": email}}
                              ) from exc
    link = site_url(reverse("partners:invitation", args=[invitation_token(invitation)]))
    context = {"invitation": invitation, "link": link,
               "days": settings.INVITATION_MAX_AGE_DAYS}
    subject = _("You are invited to join %(partner)s on %(site)s") % {
        "partner": partner.name, "site": site_name()}
    transaction.on_commit(lambda: send_mail(
        header_safe(subject), render_to_string("partners/email/invitation.txt", context),
        settings.DEFAULT_FROM_EMAIL, [email]))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_for_update().select_related("partner").get(
        pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationError(_("This invitation can no longer be used."))
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(_("This invitation was sent to %(email)s; you are logged in as "
                                "%(you)s. Log out and open the link again.")
                              % {"email": invitation.email, "you": user.email})
    if Membership.objects.filter(user=user).exists():
        raise InvitationError(_("Your account already belongs to a partner; a person can "
                                "belong to one partner only."))
    membership = Membership(user=user, partner=invitation.partner, role=invitation.role)
    membership.full_clean(validate_unique=False)
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    activity_record(actor=user, verb="staff.joined", target=invitation.partner,
                    partner=invitation.partner)
    return membership


@transaction.atomic
def invitation_accept_with_new_account(*, invitation: Invitation, password: str,
                                       full_name: str, language: str):
    """Create the invited person's account (the link proved the address) and join them to
    the partner, both or neither. Returns the new user."""
    user = user_create(email=invitation.email, password=password, full_name=full_name,
                       language=language)
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user) -> None:
    check_perm(user, "partners.manage_partner", invitation.partner,
               message=_("Only the partner's admins can withdraw invitations."))
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        activity_record(actor=user, verb="staff.invitation_revoked", target=invitation,
                        partner=invitation.partner, visibility=Activity.Visibility.AUDIT)


def _other_admins(membership) -> bool:
    return (Membership.objects.select_for_update()
            .filter(partner_id=membership.partner_id, role=Membership.Role.ADMIN)
            .exclude(pk=membership.pk).exists())


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, user) -> Membership:
    check_perm(user, "partners.manage_partner", membership.partner,
               message=_("Only the partner's admins can change roles."))
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    if (membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN
            and not _other_admins(membership)):
        raise ValidationError(_("%(name)s is the only partner admin. Make someone else an "
                                "admin first.") % {"name": membership.user})
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        activity_record(actor=user, verb="staff.role_changed", target=membership.user,
                        partner=membership.partner, visibility=Activity.Visibility.AUDIT,
                        target_url=reverse("partners:manage", args=[membership.partner.slug]))
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, user) -> None:
    check_perm(user, "partners.manage_partner", membership.partner,
               message=_("Only the partner's admins can remove staff."))
    if membership.role == Membership.Role.ADMIN and not _other_admins(membership):
        raise ValidationError(_("%(name)s is the only partner admin and cannot be removed. "
                                "Make someone else an admin first.") % {"name": membership.user})
    partner, leaving = membership.partner, membership.user
    membership.delete()
    staff_removed.send(sender=Membership, partner=partner, user=leaving)
    activity_record(actor=user, verb="staff.removed", target=leaving, partner=partner,
                    visibility=Activity.Visibility.AUDIT,
                    target_url=reverse("partners:manage", args=[partner.slug]))


# --- workspace ---------------------------------------------------------------------------

@transaction.atomic
def folder_create(*, partner, name: str, user) -> Folder:
    check_perm(user, "partners.use_workspace", partner,
               message=_("Only the partner's staff can use its workspace."))
    folder = Folder(partner=partner, name=name.strip(), created_by=user)
    folder.full_clean()
    folder.save()
    return folder


@transaction.atomic
def note_save(*, partner, user, title: str, body: str, folder=None, note=None) -> Note:
    from clusterpolisee.core.html import render_markdown

    check_perm(user, "partners.use_workspace", partner,
               message=_("Only the partner's staff can use its workspace."))
    if folder is not None and folder.partner_id != partner.pk:
        raise ValidationError({"folder": _("Choose a folder of your own workspace.")})
    note = note or Note(partner=partner)
    note.title, note.folder, note.author = title, folder, user
    note.body, note.source = render_markdown(body), body
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_delete(*, note: Note, user) -> None:
    check_perm(user, "partners.use_workspace", note.partner,
               message=_("Only the partner's staff can use its workspace."))
    note.delete()


# --- documents ---------------------------------------------------------------------------

@contextmanager
def _files_removed_on_error():
    """Files written inside the block are deleted again if the block fails, so a rolled-back
    upload leaves nothing on disk."""
    saved: list = []
    try:
        yield saved
    except BaseException:
        for field_file in saved:
            field_file.storage.delete(field_file.name)
        raise


def _store_version(*, document, upload, name, content_type, user, saved, comment=""
                   ) -> DocumentVersion:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    number = (document.versions.order_by("-number").values_list("number", flat=True).first()
              or 0) + 1
    version = DocumentVersion(document=document, number=number, filename=name,
                              content_type=content_type, size=upload.size,
                              sha256=digest.hexdigest(), uploaded_by=user, comment=comment)
    version.file.save(name, upload, save=False)
    saved.append(version.file)
    version.save()
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    return version


def document_create(*, partner, user, title: str, upload, description: str = "",
                    folder=None, working_groups=(), work_packages=()) -> Document:
    check_perm(user, "partners.use_workspace", partner,
               message=_("Only the partner's staff can use its workspace."))
    if folder is not None and folder.partner_id != partner.pk:
        raise ValidationError({"folder": _("Choose a folder of your own workspace.")})
    name, content_type = check_upload(upload)
    document = Document(partner=partner, title=title.strip(), description=description,
                        folder=folder, created_by=user)
    document.full_clean(exclude=["current_version"])
    with _files_removed_on_error() as saved, transaction.atomic():
        document.save()
        document.working_groups.set(working_groups)
        document.work_packages.set(work_packages)
        _store_version(document=document, upload=upload, name=name,
                       content_type=content_type, user=user, saved=saved)
        activity_record(actor=user, verb="document.created", target=document,
                        partner=partner)
    return document


def document_add_version(*, document, user, upload, comment: str = "") -> DocumentVersion:
    check_perm(user, "partners.edit_document", document,
               message=_("Only the owning partner's staff can upload new versions."))
    name, content_type = check_upload(upload)
    with _files_removed_on_error() as saved, transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        version = _store_version(document=document, upload=upload, name=name,
                                 content_type=content_type, user=user, saved=saved,
                                 comment=comment)
        activity_record(actor=user, verb="document.version_added", target=document,
                        partner=document.partner)
    return version


@transaction.atomic
def document_update(*, document, user, title: str, description: str, folder,
                    working_groups, work_packages) -> Document:
    check_perm(user, "partners.edit_document", document,
               message=_("Only the owning partner's staff can edit this document."))
    if folder is not None and folder.partner_id != document.partner_id:
        raise ValidationError({"folder": _("Choose a folder of your own workspace.")})
    document.title, document.description, document.folder = title.strip(), description, folder
    document.full_clean(exclude=["current_version"])
    document.save()
    document.working_groups.set(working_groups)
    document.work_packages.set(work_packages)
    return document


@transaction.atomic
def document_share(*, document, user, visibility: str, partners=(), working_groups=()
                   ) -> Document:
    """Set who the document is shared with; record each grant and withdrawal."""
    check_perm(user, "partners.share_document", document,
               message=_("Only the owning partner's staff can share this document."))
    if visibility not in Document.Visibility.values:
        raise ValidationError({"visibility": _("Choose who may see the document.")})
    partners = {p for p in partners if p.pk != document.partner_id}
    working_groups = set(working_groups)
    if visibility == Document.Visibility.SHARED and not (partners or working_groups):
        raise ValidationError({"visibility": _("Name at least one partner or working group "
                                               "to share with.")})
    if visibility == Document.Visibility.PRIVATE and (partners or working_groups):
        # never save "private" over boxes the person ticked to share
        raise ValidationError({"visibility": _(
            "You ticked partners or working groups but chose “Private to our partner”. To "
            "share with them, choose “Shared with named partners and working groups”; to "
            "keep the document private, untick them.")})
    if visibility != Document.Visibility.SHARED:
        # all partners or the public already include everybody named
        partners, working_groups = set(), set()
    current = list(DocumentShare.objects.select_for_update(of=("self",))
                   .filter(document=document)
                   .select_related("partner", "working_group"))
    old_partners = {s.partner for s in current if s.partner_id}
    old_wgs = {s.working_group for s in current if s.working_group_id}
    DocumentShare.objects.filter(document=document).exclude(
        partner__in=partners).exclude(working_group__in=working_groups).delete()
    for partner in partners - old_partners:
        DocumentShare.objects.create(document=document, partner=partner, shared_by=user)
        activity_record(actor=user, verb="document.shared", target=document,
                        partner=document.partner, visibility=Activity.Visibility.AUDIT,
                        detail=partner.name)
        activity_record(actor=user, verb="share.received", target=document, partner=partner,
                        detail=document.partner.name)
    for wg in working_groups - old_wgs:
        DocumentShare.objects.create(document=document, working_group=wg, shared_by=user)
        activity_record(actor=user, verb="document.shared", target=document,
                        partner=document.partner, working_group=wg,
                        visibility=Activity.Visibility.WORKING_GROUP, detail=wg.code)
    for target in [*(old_partners - partners), *(old_wgs - working_groups)]:
        activity_record(actor=user, verb="document.unshared", target=document,
                        partner=document.partner, visibility=Activity.Visibility.AUDIT,
                        detail=getattr(target, "name", None) or target.code)
    if visibility != document.visibility:
        previous = document.visibility
        document.visibility = visibility
        document.save(update_fields=["visibility", "updated_at"])
        if visibility in (Document.Visibility.ALL_PARTNERS, Document.Visibility.PUBLIC):
            activity_record(actor=user, verb="document.shared", target=document,
                            partner=document.partner, visibility=(
                                Activity.Visibility.PARTNERS
                                if visibility == Document.Visibility.ALL_PARTNERS
                                else Activity.Visibility.PUBLIC),
                            detail=document.get_visibility_display())
        elif previous in (Document.Visibility.ALL_PARTNERS, Document.Visibility.PUBLIC):
            activity_record(actor=user, verb="document.unshared", target=document,
                            partner=document.partner, visibility=Activity.Visibility.AUDIT,
                            detail=Document.Visibility(previous).label)
    return document


def document_downloaded(*, document, version, user) -> None:
    activity_record(actor=user, verb="document.downloaded", target=document,
                    partner=document.partner, visibility=Activity.Visibility.AUDIT,
                    target_url=document.get_absolute_url())


def document_delete(*, document, user) -> None:
    check_perm(user, "partners.delete_document", document,
               message=_("Only the partner's admins or the document's creator can delete it."))
    files = [v.file for v in document.versions.all()]
    with transaction.atomic():
        activity_record(actor=user, verb="document.deleted", target=document,
                        partner=document.partner, target_url="")
        document.delete()
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
