"""Word-by-word difference between two versions of a document (difflib on word tokens).

Paragraphs are matched by their identity, not their position, so a paragraph moved by a
deletion before it is compared with itself. The result is plain data; the template marks
it up with ``<ins>`` and ``<del>``.
"""
import difflib
import re
from dataclasses import dataclass, field

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class ParagraphDiff:
    number: str
    status: str  # "same", "changed", "added", "removed"
    segments: list = field(default_factory=list)  # [(op, text)] op: equal / insert / delete


@dataclass
class ChapterDiff:
    number: int
    title: str
    old_title: str
    paragraphs: list


def word_segments(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


def _paragraphs(snapshot) -> dict:
    return {p["id"]: (chapter["id"], p) for chapter in snapshot.get("chapters", [])
            for p in chapter["paragraphs"]}


def compare(old_snapshot: dict, new_snapshot: dict) -> tuple[list[ChapterDiff], int]:
    """Chapters in the newer version's order, each paragraph with its word diff; removed
    paragraphs and chapters follow where they stood. Returns (chapters, n_changed)."""
    old_paragraphs = _paragraphs(old_snapshot)
    new_ids = {p["id"] for c in new_snapshot.get("chapters", []) for p in c["paragraphs"]}
    old_chapters = {c["id"]: c for c in old_snapshot.get("chapters", [])}
    chapters, changed = [], 0
    for chapter in new_snapshot.get("chapters", []):
        rows = []
        for p in chapter["paragraphs"]:
            old = old_paragraphs.get(p["id"])
            if old is None:
                rows.append(ParagraphDiff(p["number"], "added", [("insert", p["text"])]))
                changed += 1
            elif old[1]["text"] == p["text"]:
                rows.append(ParagraphDiff(p["number"], "same", [("equal", p["text"])]))
            else:
                rows.append(ParagraphDiff(p["number"], "changed",
                                          word_segments(old[1]["text"], p["text"])))
                changed += 1
        for old_chapter_id, old_p in old_paragraphs.values():
            if old_chapter_id == chapter["id"] and old_p["id"] not in new_ids:
                rows.append(ParagraphDiff(old_p["number"], "removed",
                                          [("delete", old_p["text"])]))
                changed += 1
        old_title = old_chapters.get(chapter["id"], {}).get("title", "")
        chapters.append(ChapterDiff(chapter["number"], chapter["title"], old_title, rows))
    new_chapter_ids = {c["id"] for c in new_snapshot.get("chapters", [])}
    for chapter in old_snapshot.get("chapters", []):
        if chapter["id"] not in new_chapter_ids:
            rows = [ParagraphDiff(p["number"], "removed", [("delete", p["text"])])
                    for p in chapter["paragraphs"]]
            changed += len(rows)
            chapters.append(ChapterDiff(chapter["number"], "", chapter["title"], rows))
    return chapters, changed
