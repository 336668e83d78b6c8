"""Rendering notification e-mails (digest and immediate) in the recipient's language."""
from collections import OrderedDict
from functools import lru_cache

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterpolisee.core.address import site_url
from clusterpolisee.core.mail import header_safe
from clusterpolisee.core.models import Category
from clusterpolisee.users.zones import in_locale_of

from .services import unsubscribe_token


@lru_cache(maxsize=8)
def _fixed_urls(base: str) -> dict[str, str]:
    # reversed once: the digest of every recipient links to the same pages
    marker = "TOKEN"
    unsubscribe = site_url(reverse("notifications:unsubscribe", args=[marker]))
    return {"preferences": site_url(reverse("notifications:preferences")),
            "unsubscribe_prefix": unsubscribe[:unsubscribe.index(marker)],
            "unsubscribe_suffix": unsubscribe[unsubscribe.index(marker) + len(marker):]}


def _urls() -> dict[str, str]:
    return _fixed_urls(site_url())


def unsubscribe_url(token: str) -> str:
    urls = _urls()
    return f"{urls['unsubscribe_prefix']}{token}{urls['unsubscribe_suffix']}"


def _group_of(activity) -> tuple[tuple, str]:
    """(sort key, heading): the working group, else the work package, else the project."""
    if activity.working_group_id:
        wg = activity.working_group
        return (0, wg.code), str(wg)
    if activity.target_type_id and activity.target_type.model == "workpackage":
        return (1, activity.target_label), activity.target_label
    return (2, ""), _("Across the project")


# Rendered digest lines, shared by every digest that lists the same activity; bounded.
_LINES: dict[tuple, tuple[str, str]] = {}
_LINES_MAX = 50_000


def _item_lines(activity, language: str) -> tuple[str, str, tuple, str]:
    """(text, html, group sort key, group heading) of one digest line in ``language``
    (the active one)."""
    # an activity never changes once recorded; only a renamed actor could make a cached
    # line stale, for the life of one worker process at most
    key = (activity.pk, language, activity.actor_id)
    lines = _LINES.get(key)
    if lines is None:
        actor = str(activity.actor) if activity.actor_id else ""
        context = {"activity": activity, "actor": actor, "site_url": site_url()}
        lines = (render_to_string("notifications/email/_item.txt", context).strip(),
                 render_to_string("notifications/email/_item.html", context).strip(),
                 *_group_of(activity))
        if len(_LINES) >= _LINES_MAX:
            _LINES.clear()
        _LINES[key] = lines
    return lines


def group_items(notifications) -> list[dict]:
    """Per working group / work package, then per category in the order of the choices.

    ``notifications`` are objects with ``activity`` and ``category``; each category carries
    its lines already rendered (``text``, ``html``), so the digest template stays cheap.
    """
    groups: dict[tuple, dict] = {}
    order = {value: i for i, value in enumerate(Category.values)}
    language = translation.get_language()
    for notification in notifications:
        activity = notification.activity
        lines = (_LINES.get((activity.pk, language, activity.actor_id))
                 or _item_lines(activity, language))
        group = groups.setdefault(lines[2], {"heading": lines[3], "categories": {}})
        group["categories"].setdefault(notification.category, []).append(lines)
    result = []
    for key in sorted(groups):
        group = groups[key]
        categories = OrderedDict()
        for category in sorted(group["categories"], key=lambda c: order.get(c, 99)):
            lines = group["categories"][category]
            categories[category] = {
                "label": Category(category).label,
                "text": "\n".join(line[0] for line in lines),
                "html": mark_safe("\n".join(line[1] for line in lines)),  # noqa: S308 - escaped by the item template
            }
        result.append({"heading": group["heading"], "categories": list(categories.values())})
    return result


def _message(*, user, subject, template, context,
             unsubscribe_url: str) -> EmailMultiAlternatives:
    context = {**context, "user": user, "unsubscribe_url": unsubscribe_url,
               "preferences_url": _urls()["preferences"], "site_url": site_url()}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    message = EmailMultiAlternatives(subject=header_safe(subject), body=text, to=[user.email],
                                     headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def digest_message(*, user, period, period_start, period_label, notifications, categories):
    """The digest e-mail for ``user``, in their language."""
    with in_locale_of(user):
        token = unsubscribe_token(user=user, categories=categories, channel=period)
        count = len(notifications)
        subject = capfirst(ngettext("ClusterPoliSEE %(period)s digest: %(count)d new item",
                                    "ClusterPoliSEE %(period)s digest: %(count)d new items",
                                    count) % {"period": period_label, "count": count})
        return _message(user=user, subject=subject, template="digest", context={
            "groups": group_items(notifications), "count": len(notifications),
            "period_label": period_label, "period_start": period_start,
        }, unsubscribe_url=unsubscribe_url(token))


def immediate_message(*, user, notification):
    with in_locale_of(user):
        activity = notification.activity
        token = unsubscribe_token(user=user, categories=[notification.category],
                                  channel="immediate")
        subject = _("ClusterPoliSEE: %(who)s %(what)s %(target)s") % {
            "who": activity.actor or _("Someone"), "what": activity.verb_label,
            "target": activity.target_label}
        return _message(user=user, subject=subject, template="immediate", context={
            "notification": notification, "activity": activity,
            "category_label": Category(notification.category).label,
            "open_url": site_url(reverse("notifications:open", args=[notification.pk])),
        }, unsubscribe_url=unsubscribe_url(token))
