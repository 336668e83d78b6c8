"""The thread's HTML, put together in Python.

A 500-comment thread through the template engine costs ~100 nodes per comment and takes
several hundred milliseconds; the same markup built with ``escape`` and string joins takes
a few tens (see bench/consultation_thread.py). Every user value is escaped here; only
``body_html`` is inserted as is, because it was sanitised with nh3 when it was saved.
"""
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext as _

# numeric and the same in every language; Django's localised date formatting costs more
# than the rest of a comment's markup together
DISPLAY_FORMAT = "%Y-%m-%d %H:%M"


def render_thread(comments, *, user, base: str, can_take_part: bool, is_moderator: bool,
                  csrf_token: str) -> SafeString:
    t = {
        "edited": escape(_("edited")), "agree": escape(_("Agree")),
        "disagree": escape(_("Disagree")), "reply": escape(_("Reply")),
        "flag": escape(_("Flag")), "edit": escape(_("Edit")), "delete": escape(_("Delete")),
        "stakeholder": escape(_("stakeholder")), "link": escape(_("Link to this comment")),
        "deleted_label": escape(_("Deleted comment")),
        "deleted": escape(_("The author deleted this comment.")),
    }
    hidden_note = _("Hidden by a moderator: %(reason)s")
    user_id = user.pk  # request.user is a lazy object; read it once, not per comment
    tz = get_current_timezone()  # localtime() per comment looks it up 500 times
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
    parts = []
    who_html = {}  # per author, escaped once
    for c in comments:
        pk = c.pk
        created = c.created_at.astimezone(tz)
        classes = f"comment depth-{c.depth}" + (" is-hidden" if c.is_hidden else "")
        if c.is_deleted:
            label = t["deleted_label"]
            who = f'<span class="muted">{label}</span>'
        elif c.author_id in who_html:
            label, who = who_html[c.author_id]
        else:
            label = escape(str(c.author))
            who = f"<strong>{label}</strong>"
            if c.who["partner"]:
                who += f" · {escape(c.who['partner'])}"
            if c.who["type"] == "stakeholder":
                who += f' <span class="badge">{t["stakeholder"]}</span>'
            who_html[c.author_id] = (label, who)
        edited = f' · <span class="muted">{t["edited"]}</span>' if c.edited_at else ""
        parts.append(
            f'<article class="{classes}" id="comment-{pk}" aria-label="{label}">'
            f'<p class="comment-meta">{who} · <a href="#comment-{pk}" title="{t["link"]}">'
            f'<time datetime="{created.isoformat()}">'
            f'{created.strftime(DISPLAY_FORMAT)}</time></a>{edited}</p>')
        if c.is_deleted:
            parts.append(f'<p class="empty">{t["deleted"]}</p>')
        elif c.is_hidden:
            note = escape(hidden_note % {"reason": c.hidden_reason})
            parts.append(f'<p class="moderated-note">{note}</p>')
            if is_moderator:
                parts.append(f'<div class="comment-body muted">{c.body_html}</div>')
        else:
            parts.append(f'<div class="comment-body">{c.body_html}</div>'
                         '<div class="comment-actions">')
            if can_take_part:
                agree = "true" if c.my_agree else "false"
                disagree = "true" if c.my_disagree else "false"
                parts.append(
                    f'<form method="post" action="{base}comments/{pk}/react/">{csrf}'
                    f'<button type="submit" name="kind" value="agree" class="reaction" '
                    f'aria-pressed="{agree}">{t["agree"]} {c.n_agree}</button> '
                    f'<button type="submit" name="kind" value="disagree" class="reaction" '
                    f'aria-pressed="{disagree}">{t["disagree"]} {c.n_disagree}</button></form>'
                    f'<a href="?reply_to={pk}#comment-form">{t["reply"]}</a>')
            else:
                parts.append(f'<span class="muted">{t["agree"]} {c.n_agree} · '
                             f'{t["disagree"]} {c.n_disagree}</span>')
            if c.author_id != user_id and not c.flagged_by_me:
                parts.append(f'<a href="{base}comments/{pk}/flag/">{t["flag"]}</a>')
            if c.can_edit:
                parts.append(f'<a href="{base}comments/{pk}/edit/">{t["edit"]}</a>')
            if c.author_id == user_id:
                parts.append(f'<a href="{base}comments/{pk}/delete/">{t["delete"]}</a>')
            parts.append("</div>")
        parts.append("</article>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or sanitised
