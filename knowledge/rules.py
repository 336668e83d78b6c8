"""Derived permissions of the library (django-rules): who may fetch a Wagtail document.

A document a good practice uses (an attachment row, or an upload through the practice
form, which lands in the practice-attachments collection) follows its practice: it is
served only to someone who may see a live practice using it, to staff of the partner that
owns the practice (their own submission under review), to its uploader and to CMS
editors. Other CMS documents keep Wagtail's own rules (collection view restrictions)."""
import rules

from clusterpolisee.core.permissions import is_platform_admin
from partners.permissions import membership_of

PRACTICE_COLLECTION_NAME = "Good-practice attachments"


@rules.predicate
def is_a_cms_editor_or_platform_admin(user) -> bool:
    return bool(is_platform_admin(user) or (user.is_authenticated and user.is_cms_editor))


@rules.predicate
def uploaded_the_document(user, document) -> bool:
    return bool(user.is_authenticated and document.uploaded_by_user_id == user.pk)


@rules.predicate
def belongs_to_a_practice(user, document) -> bool:
    from .models import GoodPracticeAttachment

    if document.collection.name == PRACTICE_COLLECTION_NAME:
        return True
    return GoodPracticeAttachment.objects.filter(document=document).exists()


@rules.predicate
def may_see_a_practice_using_it(user, document) -> bool:
    from .models import GoodPracticePage
    from .selectors import practices_visible_to

    if practices_visible_to(user).filter(attachments__document=document).exists():
        return True
    membership = membership_of(user)
    return bool(membership and GoodPracticePage.objects.filter(
        partner_id=membership.partner_id, attachments__document=document).exists())


rules.add_perm("wagtaildocs.fetch_document",
               ~belongs_to_a_practice | is_a_cms_editor_or_platform_admin
               | uploaded_the_document | may_see_a_practice_using_it)
