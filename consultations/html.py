"""User HTML: the one place that decides which markup survives (nh3)."""
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_BLOCK = re.compile(r"<(p|ul|ol|blockquote)[\s>]", re.IGNORECASE)


def sanitise(text: str) -> str:
    """Keep the small set of allowed tags; scripts, styles and event handlers go, with
    the content of script and style elements. Links get rel="nofollow noopener"."""
    cleaned = nh3.clean(text or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        url_schemes={"http", "https", "mailto"},
                        link_rel="nofollow noopener noreferrer").strip()
    if cleaned and not _BLOCK.search(cleaned):
        # plain text typed in a textarea: blank lines make paragraphs, newlines breaks
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", cleaned) if p.strip()]
        cleaned = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return cleaned


def visible_text(html: str) -> str:
    """The words a reader sees, for emptiness checks and exports."""
    return nh3.clean(html or "", tags=set()).strip()


_LINE_BREAKS = re.compile(r"(?i)<br\s*/?>|</li>")
_PARAGRAPH_ENDS = re.compile(r"(?i)</(?:p|blockquote|h[1-6]|div|pre|ul|ol)>")


def text_with_line_breaks(html: str) -> str:
    """The visible words with line breaks kept and paragraphs apart (exports)."""
    marked = _PARAGRAPH_ENDS.sub("\n\n", _LINE_BREAKS.sub("\n", html or ""))
    text = nh3.clean(marked, tags=set())
    return re.sub(r"\n{3,}", "\n\n", text).strip()
