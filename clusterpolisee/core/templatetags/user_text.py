"""``{{ text|markdown }}``: user text as the one helper renders it (Markdown, then nh3)."""
from functools import lru_cache

from django import template
from django.utils.safestring import mark_safe

from clusterpolisee.core.html import render_markdown

register = template.Library()


@lru_cache(maxsize=4096)
def _rendered(text: str) -> str:
    # a thread shows the same posts to every reader: render each text once per process
    return render_markdown(text)


@register.filter(name="markdown")
def markdown_filter(text) -> str:
    return mark_safe(_rendered(str(text or "")))  # noqa: S308 - nh3 has sanitised it
