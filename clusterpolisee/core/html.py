"""User text: the one Markdown renderer and the one nh3 sanitiser of the platform.

Topics, replies, comments, findings and notes are written in Markdown (CommonMark with
autolinks) and stored as the HTML this module makes of them. A little inline HTML typed
by hand (``<strong>``) is passed to the sanitiser rather than shown as code, and
everything that comes out goes through ``nh3`` with one list of allowed tags and link
schemes, so scripts, event handlers and ``javascript:`` links never survive. Links get
``rel="nofollow noopener"``.
"""
import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote",
                "h3", "h4", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# breaks=True: a single newline in a textarea is a line break, as people expect from a
# comment box; the parser's own link check already refuses javascript:/data: targets.
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": True, "breaks": True,
                                      "typographer": False}).enable(["linkify"])
# headings inside a post would compete with the page's own; render them one level below
_HEADING = re.compile(r"<(/?)h[1-6]>")


def sanitise_html(text: str) -> str:
    """Keep basic formatting and links (http, https, mailto); drop scripts and styles."""
    return nh3.clean(text or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=LINK_REL).strip()


def render_markdown(text: str) -> str:
    """Markdown typed by a user, as safe HTML: paragraphs, lists, quotes, links."""
    html = _markdown.render(text or "")
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h4>", html)
    return sanitise_html(html)


def visible_text(html: str) -> str:
    """The words a reader sees, for emptiness checks, exports and search."""
    return nh3.clean(html or "", tags=set()).strip()


# a <br> is followed by the newline the renderer keeps after it: one line break, not two
_LINE_BREAKS = re.compile(r"(?i)(?:<br\s*/?>|</li>)\n?")
_PARAGRAPH_ENDS = re.compile(r"(?i)</(?:p|blockquote|h[1-6]|div|pre|ul|ol)>")


def text_with_line_breaks(html: str) -> str:
    """The visible words with line breaks kept and paragraphs apart (exports)."""
    marked = _PARAGRAPH_ENDS.sub("\n\n", _LINE_BREAKS.sub("\n", html or ""))
    return re.sub(r"\n{3,}", "\n\n", visible_text(marked)).strip()
