"""A version as a Word document (python-docx), with its amendment log.

The print-ready HTML export is a template (``strategies/print.html``); this module builds
the office-suite file from the same data: the version's snapshot and the decided
amendments up to it.
"""
import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

_MARKUP = re.compile(r"(\*\*|__|\*|_|`)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def _plain(text: str) -> str:
    """Markdown emphasis and link syntax out, words kept: Word gets the reading text."""
    text = _LINK.sub(r"\1 (\2)", text or "")
    return _MARKUP.sub("", text)


def version_docx(*, document, version, amendments) -> bytes:
    doc = Document()
    styles = doc.styles["Normal"]
    styles.font.name = "Calibri"
    styles.font.size = Pt(11)
    doc.core_properties.title = document.title
    doc.add_heading(document.title, level=0)
    state = version.get_state_display()
    meta = _("%(wp)s · version %(n)s (%(state)s) · saved %(date)s") % {
        "wp": document.work_package.code, "n": version.number, "state": state,
        "date": timezone.localtime(version.created_at).strftime("%Y-%m-%d")}
    if version.adopted_at:
        meta += " · " + _("adopted by the Steering Committee on %(date)s") % {
            "date": timezone.localtime(version.adopted_at).strftime("%Y-%m-%d")}
    doc.add_paragraph(meta)
    for chapter in version.snapshot.get("chapters", []):
        doc.add_heading(f"{chapter['number']}. {chapter['title']}", level=1)
        for paragraph in chapter["paragraphs"]:
            p = doc.add_paragraph()
            p.add_run(f"{paragraph['number']}  ").bold = True
            p.add_run(_plain(paragraph["text"]))
    doc.add_page_break()
    doc.add_heading(_("Amendment log"), level=1)
    if not amendments:
        doc.add_paragraph(_("No amendments were decided."))
    else:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, [
                _("Paragraph"), _("Proposed by"), _("Decision"), _("Reason"), _("Reply")],
                strict=True):
            cell.text = label
        for amendment in amendments:
            decision = amendment.get_state_display()
            if amendment.version_id:
                decision += " " + _("(version %(n)s)") % {"n": amendment.version.number}
            cells = table.add_row().cells
            cells[0].text = amendment.paragraph.number
            cells[1].text = str(amendment.author)
            cells[2].text = decision
            cells[3].text = _plain(amendment.reason)
            cells[4].text = amendment.reply
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
