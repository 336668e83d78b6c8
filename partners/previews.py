"""What a document's preview shows: PDFs and images open in the browser as they are, a CSV
file as a table of its first rows. Everything else is only downloaded."""
import csv
import io

from clusterpolisee.core.uploads import decode_text

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}
CSV_TYPE = "text/csv"
CSV_PREVIEW_ROWS = 100
CSV_PREVIEW_COLUMNS = 50
_READ_LIMIT = 2 * 1024 * 1024  # the first 100 rows of any sane table fit in this


def preview_kind(content_type: str) -> str | None:
    """"inline", "table" or None (download only)."""
    if content_type in INLINE_TYPES:
        return "inline"
    if content_type == CSV_TYPE:
        return "table"
    return None


def csv_rows(handle) -> tuple[list[list[str]], bool]:
    """The first CSV_PREVIEW_ROWS rows (each cut to CSV_PREVIEW_COLUMNS cells), and whether
    the file has more."""
    head = handle.read(_READ_LIMIT)
    text = decode_text(head)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows, more = [], False
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(rows) == CSV_PREVIEW_ROWS:
                more = True
                break
            rows.append(row[:CSV_PREVIEW_COLUMNS])
    except csv.Error:
        pass  # a broken line ends the preview; the download still has everything
    return rows, more or len(head) == _READ_LIMIT
