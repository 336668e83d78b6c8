"""Who may do what with a partner and its workspace: ``rules`` predicates named as sentences.

Derived from Membership, never stored twice. Asked as ``user.has_perm("partners.<action>",
obj)`` in views, services and templates (``{% has_perm %}``), services and views through
``core.permissions.check_perm``. Seeing a document at all is decided by
``selectors.documents_visible_to``; the document rules decide what a user who can see it may
do with it.
"""
import rules

from clusterpolisee.core.permissions import (
    is_partner_admin,
    is_partner_staff,
    is_platform_admin,
    partner_id_of,
)


@rules.predicate
def is_staff_of_the_partner(user, partner) -> bool:
    return partner is not None and partner_id_of(user) == partner.pk


@rules.predicate
def is_staff_of_the_documents_partner(user, document) -> bool:
    return document is not None and partner_id_of(user) == document.partner_id


@rules.predicate
def created_the_document(user, document) -> bool:
    return bool(user.is_authenticated and document is not None
                and document.created_by_id == user.pk)


# the partner admins' page (staff list, profile, invitations, roles) and the audit log
may_manage_the_partner = is_platform_admin | (is_staff_of_the_partner & is_partner_admin)
# names of a partner's staff are shown to logged-in staff of any partner
may_see_the_partners_staff = is_platform_admin | is_partner_staff
# the partner's private workspace: folders, notes, uploads
may_use_the_workspace = is_platform_admin | is_staff_of_the_partner
# title, description, tags, folder, a new version; and who it is shared with
may_change_the_document = is_platform_admin | is_staff_of_the_documents_partner
may_delete_the_document = is_platform_admin | (
    is_staff_of_the_documents_partner & (is_partner_admin | created_the_document))

rules.add_perm("partners.manage_partner", may_manage_the_partner)
rules.add_perm("partners.view_audit_log", may_manage_the_partner)
rules.add_perm("partners.see_partner_staff", may_see_the_partners_staff)
rules.add_perm("partners.use_workspace", may_use_the_workspace)
rules.add_perm("partners.edit_document", may_change_the_document)
rules.add_perm("partners.share_document", may_change_the_document)
rules.add_perm("partners.delete_document", may_delete_the_document)
