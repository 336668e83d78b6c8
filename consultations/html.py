"""Consultation text goes through the platform's one Markdown/nh3 helper.

These names stay because consultation code and its demo data call them."""
import re

import nh3

from clusterpolisee.core.html import render_markdown, visible_text

sanitise = render_markdown


# a <br> is followed by the newline the renderer keeps after it: one line break, not two
_LINE_BREAKS = re.compile(r"(?i)(?:<br\s*/?>|</li>)\n?")
_PARAGRAPH_ENDS = re.compile(r"(?i)</(?:p|blockquote|h[1-6]|div|pre|ul|ol)>")


def text_with_line_breaks(html: str) -> str:
    """The visible words with line breaks kept and paragraphs apart (exports)."""
    marked = _PARAGRAPH_ENDS.sub("\n\n", _LINE_BREAKS.sub("\n", html or ""))
    text = nh3.clean(marked, tags=set())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


__all__ = ["sanitise", "text_with_line_breaks", "visible_text"]
