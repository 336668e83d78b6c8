"""Header-safe text for e-mails. A subject built from user text (a document title with a
line break, a NUL byte) would make Django raise BadHeaderError and abort the whole batch
being sent, so every control character becomes a space first."""
import re
import unicodedata

SUBJECT_MAX = 200


def header_safe(text: str, *, max_length: int = SUBJECT_MAX) -> str:
    """One line of printable text: control, format and separator characters (CR, LF, NUL,
    U+2028 …) become spaces, runs of spaces one space, at most ``max_length`` characters."""
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in str(text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if len(cleaned) > max_length:
        cleaned = cleaned[:max_length - 1].rstrip() + "…"
    return cleaned
