"""Reading the editors' menus for the header and footer, and keeping their cache fresh.

Every page of the site shows the menus, so they are read from the cache: for each place
and language, the items are resolved once (the reader's translation of each page, only
live pages, their view restrictions) and stored; each request then only drops the items
this reader may not see. Publishing, unpublishing, moving or deleting a page, editing a
menu or a page's privacy clears the cache.
"""
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .menus import Menu, MenuItem
from .rules import can_see_partners_only_practices

CACHE_TIMEOUT = 60 * 60 * 24


def _cache_key(slot: str, language: str) -> str:
    return f"knowledge:menu:{slot}:{language}"


def _language(language: str | None) -> str:
    return (language or settings.LANGUAGE_CODE).split("-")[0]


def _resolve(slot: str, language: str) -> list[dict]:
    """The menu's items for readers of ``language``, before per-reader visibility: the
    menu of that language, else the default language's one."""
    default = _language(settings.LANGUAGE_CODE)
    menus = {menu.locale.language_code: menu for menu in Menu.objects.filter(
        slot=slot, locale__language_code__in={language, default}).select_related("locale")}
    menu = menus.get(language) or menus.get(default)
    if menu is None:
        return []
    items = list(MenuItem.objects.filter(menu=menu).select_related("link_page")
                 .order_by("sort_order", "pk"))
    pages = [item.link_page for item in items if item.link_page_id]
    translations = {}
    if pages:
        translations = {page.translation_key: page for page in Page.objects.live().filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language)}
    targets = {}
    for item in items:
        if item.link_page_id:
            page = translations.get(item.link_page.translation_key) or item.link_page
            if page.live:
                targets[item.pk] = page
    restrictions = []
    if targets:
        restrictions = list(PageViewRestriction.objects.select_related("page")
                            .prefetch_related("groups"))
    partners_only = _partners_only_practices([page.pk for page in targets.values()])
    resolved = []
    for item in items:
        if item.link_page_id:
            page = targets.get(item.pk)
            if page is None:
                continue
            resolved.append({
                "label": item.label or page.title,
                "url": page.get_url(),
                "restrictions": [
                    (r.pk, r.restriction_type, [group.pk for group in r.groups.all()])
                    for r in restrictions if page.path.startswith(r.page.path)],
                "partners_only": page.pk in partners_only,
            })
        else:
            resolved.append({"label": item.label, "url": item.link_url, "restrictions": [],
                             "partners_only": False})
    return resolved


def _partners_only_practices(page_ids) -> set[int]:
    from .models import GoodPracticePage

    if not page_ids:
        return set()
    return set(GoodPracticePage.objects.filter(
        pk__in=page_ids, visibility=GoodPracticePage.Visibility.PARTNERS)
        .values_list("pk", flat=True))


def _may_see(item: dict, request, groups: dict) -> bool:
    user = request.user
    for restriction_id, kind, group_ids in item["restrictions"]:
        if kind == PageViewRestriction.PASSWORD:
            passed = request.session.get(PageViewRestriction.passed_view_restrictions_session_key,
                                         [])
            if restriction_id not in passed:
                return False
        elif kind == PageViewRestriction.LOGIN:
            if not user.is_authenticated:
                return False
        elif kind == PageViewRestriction.GROUPS and not user.is_superuser:
            if "ids" not in groups:
                groups["ids"] = (set(user.groups.values_list("pk", flat=True))
                                 if user.is_authenticated else set())
            if not groups["ids"] & set(group_ids):
                return False
    return not item["partners_only"] or can_see_partners_only_practices(user)


def menu_items_for(request, slot: str, language: str | None = None) -> list[dict]:
    """The items of the menu in ``slot`` this reader may see, in the reader's language:
    dicts with ``label``, ``url`` and ``current`` (the reader is on that page)."""
    language = _language(language or getattr(request, "LANGUAGE_CODE", None))
    key = _cache_key(slot, language)
    resolved = cache.get(key)
    if resolved is None:
        resolved = _resolve(slot, language)
        cache.set(key, resolved, CACHE_TIMEOUT)
    groups: dict = {}
    return [{"label": item["label"], "url": item["url"],
             "current": item["url"] == request.path}
            for item in resolved if _may_see(item, request, groups)]


def menus_changed(**kwargs):
    """Forget every cached menu, now and again when the transaction commits (so a request
    that read the old data meanwhile does not keep it cached)."""
    def clear():
        cache.delete_many([_cache_key(slot, _language(code))
                           for slot in Menu.Slot.values for code, _name in settings.LANGUAGES])
    clear()
    transaction.on_commit(clear)


for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(menus_changed, dispatch_uid=f"knowledge.menus.{id(signal)}")
for model in (Menu, MenuItem, PageViewRestriction, Page):
    post_delete.connect(menus_changed, sender=model, dispatch_uid=f"knowledge.menus.del.{model}")
for model in (Menu, MenuItem, PageViewRestriction):
    post_save.connect(menus_changed, sender=model, dispatch_uid=f"knowledge.menus.save.{model}")
m2m_changed.connect(menus_changed, sender=PageViewRestriction.groups.through,
                    dispatch_uid="knowledge.menus.restriction_groups")
