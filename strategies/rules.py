"""Who may do what with a strategy document: ``rules`` predicates named as sentences.

Asked as ``user.has_perm("strategies.<action>", document)`` in views and templates, and
through ``check_perm`` by the services. Every rule lets platform admins do what Django's
superuser shortcut of ``has_perm`` already lets them, so both ways of asking agree.
``selectors.strategies_visible_to`` is the reading rule as one query; the two must say
the same (tests/strategies/test_permissions.py holds them to it).

- the draft: the lead partner's staff and named co-editors (who edit it), the staff of
  the WP's partners (its lead and the partners responsible for its deliverables) and,
  while a comment phase is open, that phase's audience;
- adopted versions: every partner's staff, and everybody if the Steering Committee
  decision said the adopted version is public.
"""
import rules
from django.utils import timezone
from guardian.core import ObjectPermissionChecker

from clusterpolisee.core.permissions import (
    is_partner_staff,
    is_platform_admin,
    membership_of,
    partner_id_of,
)


@rules.predicate
def is_lead_partner_staff(user, document):
    partner_id = partner_id_of(user)
    return bool(partner_id and partner_id == document.lead_partner_id)


@rules.predicate
def is_lead_partner_admin(user, document):
    return bool(is_lead_partner_staff(user, document) and membership_of(user).is_admin)


@rules.predicate
def is_named_co_editor(user, document):
    """An explicit grant to a person, kept by django-guardian."""
    if not user.is_authenticated or not user.is_active or document.pk is None:
        return False
    return ObjectPermissionChecker(user).has_perm("co_edit_strategy", document)


@rules.predicate
def is_wp_partner_staff(user, document):
    partner_id = partner_id_of(user)
    if not partner_id:
        return False
    if partner_id == document.lead_partner_id:
        return True
    return document.work_package.deliverables.filter(partner_id=partner_id).exists()


def open_phase_of(document):
    """The comment phase accepting comments now, if any."""
    now = timezone.now()
    return (document.phases.select_related("consultation")
            .filter(consultation__state="open", consultation__opens_at__lte=now,
                    consultation__closes_at__gt=now).first())


@rules.predicate
def is_in_open_phase_audience(user, document):
    from consultations.rules import is_in_audience

    phase = open_phase_of(document) if document.pk else None
    return bool(phase and is_in_audience(user, phase.consultation))


@rules.predicate
def has_an_open_comment_phase(user, document):
    return document.pk is not None and open_phase_of(document) is not None


@rules.predicate
def has_an_adopted_version(user, document):
    return document.pk is not None and document.versions.filter(state="adopted").exists()


@rules.predicate
def has_a_public_adopted_version(user, document):
    return document.pk is not None and document.versions.filter(
        state="adopted", publish_if_adopted=True).exists()


is_editor = is_platform_admin | is_lead_partner_staff | is_named_co_editor
can_read_draft = is_editor | is_wp_partner_staff | is_in_open_phase_audience
can_read_adopted = (can_read_draft | (is_partner_staff & has_an_adopted_version)
                    | has_a_public_adopted_version)

rules.add_perm("strategies.create_strategy", is_platform_admin | is_partner_staff)
rules.add_perm("strategies.view_strategy", can_read_adopted)
rules.add_perm("strategies.view_draft", can_read_draft)
rules.add_perm("strategies.edit_strategy", is_editor)
rules.add_perm("strategies.manage_co_editors", is_platform_admin | is_lead_partner_admin)
rules.add_perm("strategies.open_phase", is_editor)
rules.add_perm("strategies.take_part", is_platform_admin | is_in_open_phase_audience)
rules.add_perm("strategies.decide_amendment", is_editor)
rules.add_perm("strategies.put_to_vote", is_editor)
rules.add_perm("strategies.export", can_read_adopted)
