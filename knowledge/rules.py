"""Who may do what in the library (django-rules), asked as
``allowed(user, "knowledge.<action>", practice)`` or ``check_perm`` — never Django's
``has_perm`` alone, whose superuser shortcut would let a platform admin declare a transfer
or write an expert opinion. Seeing a practice at all is decided here and by
``selectors.practices_visible_to``; both read the practice's ``visibility``.

Documents: a Wagtail document a good practice uses (an attachment row, or an upload
through the practice form, which lands in the practice-attachments collection) follows its
practice: it is served only to someone who may see a live practice using it, to staff of
the partner that owns the practice (their own submission under review), to its uploader
and to CMS editors. Other CMS documents keep Wagtail's own rules (collection view
restrictions)."""
import rules

from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin, membership_of

PRACTICE_COLLECTION_NAME = "Good-practice attachments"


@rules.predicate
def is_a_cms_editor(user) -> bool:
    return bool(user.is_authenticated and user.is_cms_editor)


is_a_cms_editor_or_platform_admin = is_platform_admin | is_a_cms_editor

# Logged-in partner staff, CMS editors and platform admins.
can_see_partners_only_practices = is_partner_staff | is_a_cms_editor_or_platform_admin


@rules.predicate
def is_stab_member(user) -> bool:
    """Staff of a partner that leads a WG or a WP, and the advisory board's coordinator."""
    from workgroups.selectors import user_sits_on_stab

    return user_sits_on_stab(user)


@rules.predicate
def is_a_public_practice(user, practice) -> bool:
    return not practice.is_partners_only


@rules.predicate
def is_a_live_practice(user, practice) -> bool:
    return bool(practice.live)


@rules.predicate
def works_for_the_owning_partner(user, practice) -> bool:
    """The submitter, or a colleague at the same partner."""
    membership = membership_of(user)
    return bool(membership and practice.partner_id
                and practice.partner_id == membership.partner_id)


rules.add_perm("knowledge.view_practice", is_a_public_practice | can_see_partners_only_practices)
# Partner staff send practices through the portal form; they need no CMS access.
rules.add_perm("knowledge.submit_practice", is_partner_staff)
# while it is not yet published (the workflow state decides that, in the service)
rules.add_perm("knowledge.edit_submission", works_for_the_owning_partner)
rules.add_perm("knowledge.see_opinion_requests", is_stab_member)
# a STAB member who does not work for the partner that owns the practice
rules.add_perm("knowledge.write_expert_opinion", ~works_for_the_owning_partner & is_stab_member)
# staff of any partner other than the owner may declare they study or adopt it
rules.add_perm("knowledge.declare_transfer",
               is_partner_staff & is_a_live_practice & ~works_for_the_owning_partner)
rules.add_perm("knowledge.offer_mentoring", works_for_the_owning_partner)


# --- documents ---------------------------------------------------------------------------

@rules.predicate
def uploaded_the_document(user, document) -> bool:
    return bool(user.is_authenticated and document.uploaded_by_user_id == user.pk)


@rules.predicate
def belongs_to_a_practice(user, document) -> bool:
    from .selectors import document_is_attached_to_a_practice

    if document.collection.name == PRACTICE_COLLECTION_NAME:
        return True
    return document_is_attached_to_a_practice(document)


@rules.predicate
def may_see_a_practice_using_it(user, document) -> bool:
    from .selectors import document_is_used_by_a_practice_of, practices_visible_to

    if practices_visible_to(user).filter(attachments__document=document).exists():
        return True
    membership = membership_of(user)
    return bool(membership and document_is_used_by_a_practice_of(membership.partner_id,
                                                                  document))


rules.add_perm("wagtaildocs.fetch_document",
               ~belongs_to_a_practice | is_a_cms_editor_or_platform_admin
               | uploaded_the_document | may_see_a_practice_using_it)
