"""Consultation text goes through the platform's one Markdown/nh3 helper.

These names stay because consultation code and its demo data call them."""
from clusterpolisee.core.html import render_markdown, visible_text

sanitise = render_markdown

__all__ = ["sanitise", "visible_text"]
