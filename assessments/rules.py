"""Who may do what with assessments, as django-rules predicates named as sentences.

Who sees what (docs/permissions.md, "Assessments"):
- a draft: the assessed partner's staff only (not even platform admins);
- a submitted or validated assessment: staff of every partner and platform admins;
- an assigned reviewer (a django-guardian grant ``assessments.review_assessment``): what
  they review;
- stakeholders and anonymous visitors: the medians of a round whose aggregates the Steering
  Committee chose to publish, never one region's scores.

Django answers ``True`` to every ``has_perm`` of an active superuser before any backend is
asked, so views and services ask ``clusterpolisee.core.permissions.allowed`` (and refuse
with ``check_perm``), the same registered rule without that shortcut: a platform admin may
not edit a partner's draft just by being one.
"""
import rules
from guardian.core import ObjectPermissionChecker

from clusterpolisee.core.permissions import (
    is_partner_admin,
    is_partner_staff,
    is_platform_admin,
    is_wg_coordinator,
    membership_of,
)

from .selectors import partner_leads_one_of

# the work packages whose lead partner's admins run the assessment (policy learning)
ROUND_WORK_PACKAGES = ("WP4", "WP5")
COORDINATING_WORK_PACKAGE = "WP4"


def _partner_of(obj):
    """The assessed partner of an assessment, answer or review comment."""
    while not hasattr(obj, "partner_id"):
        obj = obj.assessment if hasattr(obj, "assessment") else obj.answer
    return obj.partner_id


def _assessment_of(obj):
    if hasattr(obj, "answer"):
        obj = obj.answer
    return obj.assessment if hasattr(obj, "assessment") else obj


@rules.predicate
def is_staff_of_the_assessed_partner(user, obj):
    membership = membership_of(user)
    return membership is not None and membership.partner_id == _partner_of(obj)


@rules.predicate
def is_admin_of_the_assessed_partner(user, obj):
    membership = membership_of(user)
    return bool(membership and membership.is_admin and membership.partner_id == _partner_of(obj))


@rules.predicate
def is_admin_of_a_round_work_package_lead(user):
    membership = membership_of(user)
    if not (membership and membership.is_admin):
        return False
    return partner_leads_one_of(membership.partner_id, ROUND_WORK_PACKAGES)


@rules.predicate
def is_admin_of_the_wp4_lead(user):
    membership = membership_of(user)
    if not (membership and membership.is_admin):
        return False
    return partner_leads_one_of(membership.partner_id, (COORDINATING_WORK_PACKAGE,))


@rules.predicate
def is_a_draft(user, obj):
    return _assessment_of(obj).state == "draft"


@rules.predicate
def is_submitted_or_later(user, obj):
    return _assessment_of(obj).state != "draft"


@rules.predicate
def is_under_review(user, obj):
    return _assessment_of(obj).state in ("submitted", "in_review")


@rules.predicate
def is_in_peer_review(user, obj):
    return _assessment_of(obj).state == "in_review"


@rules.predicate
def is_round_accepting(user, obj):
    return _assessment_of(obj).round.is_accepting


@rules.predicate
def is_an_assigned_reviewer(user, obj):
    """The explicit grant to a person, kept by django-guardian (never implied by a role)."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return False
    return ObjectPermissionChecker(user).has_perm("review_assessment", _assessment_of(obj))


@rules.predicate
def are_the_round_aggregates_published(user, round_):
    return round_.publish_aggregates


@rules.predicate
def is_admin_of_the_learning_partner(user, request):
    membership = membership_of(user)
    return bool(membership and membership.is_admin and membership.partner_id == request.learner_id)


@rules.predicate
def is_admin_of_the_experienced_partner(user, request):
    membership = membership_of(user)
    return bool(membership and membership.is_admin and membership.partner_id == request.mentor_id)


@rules.predicate
def is_staff_of_either_partner_of_the_pair(user, request):
    membership = membership_of(user)
    return membership is not None and membership.partner_id in (request.learner_id,
                                                                request.mentor_id)


@rules.predicate
def is_pending(user, request):
    return request.state == "pending"


is_review_coordinator = is_platform_admin | is_wg_coordinator | is_admin_of_the_wp4_lead

rules.add_perm("assessments.open_round", is_platform_admin | is_admin_of_a_round_work_package_lead)
rules.add_perm("assessments.manage_round",
               is_platform_admin | is_admin_of_a_round_work_package_lead)
rules.add_perm("assessments.view_scores", is_partner_staff | is_platform_admin)
rules.add_perm("assessments.view_aggregates",
               is_partner_staff | is_platform_admin | are_the_round_aggregates_published)
rules.add_perm("assessments.view_assessment",
               (is_a_draft & is_staff_of_the_assessed_partner)
               | (is_submitted_or_later & (is_partner_staff | is_platform_admin))
               | is_an_assigned_reviewer)
rules.add_perm("assessments.edit_draft",
               is_a_draft & is_round_accepting & is_staff_of_the_assessed_partner)
rules.add_perm("assessments.submit_assessment",
               is_a_draft & is_round_accepting & is_admin_of_the_assessed_partner)
rules.add_perm("assessments.coordinate_review",
               is_under_review & is_review_coordinator & ~is_staff_of_the_assessed_partner)
# the explicit grant itself, asked like every other permission
rules.add_perm("assessments.review_assessment", is_an_assigned_reviewer)
rules.add_perm("assessments.comment_as_reviewer", is_in_peer_review & is_an_assigned_reviewer)
rules.add_perm("assessments.answer_review",
               is_in_peer_review & is_staff_of_the_assessed_partner)
rules.add_perm("assessments.request_learning", is_partner_admin)
rules.add_perm("assessments.view_learning_request",
               is_staff_of_either_partner_of_the_pair | is_platform_admin)
rules.add_perm("assessments.decide_learning_request",
               is_pending & is_admin_of_the_experienced_partner)
# the index page's list of assessments waiting for a review coordinator
rules.add_perm("assessments.coordinate_reviews", is_review_coordinator)
