"""The one check of uploaded files: size, type by content (``filetype``) matching the
extension, and a safe file name.

Each kind of upload passes its own :class:`UploadPolicy` — the extensions it accepts and
the setting that holds its size limit (``partners.uploads.PARTNER_DOCUMENT``,
``consultations.attachments.CONSULTATION_ATTACHMENT``); how a type is recognised is
written once, here.
"""
import csv
import io
import os
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

OLE2 = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
# extension -> (content type we serve, content types the file's bytes may be detected as;
# None: only the served one). Legacy Office files share one container format (OLE2), so
# any of the three is accepted. CSV has no magic number: it is read as text instead.
FILE_TYPES = {
    "pdf": ("application/pdf", {"application/pdf"}),
    "doc": ("application/msword", OLE2),
    "xls": ("application/vnd.ms-excel", OLE2),
    "ppt": ("application/vnd.ms-powerpoint", OLE2),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", None),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", None),
    "odt": ("application/vnd.oasis.opendocument.text", None),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", None),
    "odp": ("application/vnd.oasis.opendocument.presentation", None),
    "png": ("image/png", None),
    "jpg": ("image/jpeg", None),
    "jpeg": ("image/jpeg", None),
    "gif": ("image/gif", None),
    "webp": ("image/webp", None),
    "csv": ("text/csv", None),
}
MAX_NAME = 120


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload may be: the extensions it accepts (keys of ``FILE_TYPES``)
    and the name of the setting holding its size limit, read at each check."""

    extensions: frozenset[str]
    max_bytes_setting: str

    def __post_init__(self):
        unknown = set(self.extensions) - set(FILE_TYPES)
        if unknown:
            raise ValueError(f"no content check for {sorted(unknown)}")

    @property
    def max_bytes(self) -> int:
        return getattr(settings, self.max_bytes_setting)

    def check(self, upload) -> tuple[str, str]:
        """(safe file name, content type to serve), or a ValidationError saying what is
        wrong."""
        return check_upload(upload, self)


def safe_filename(name: str) -> str:
    """The last path part, normalised, without path tricks, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    name = os.path.basename(name).strip().lstrip(".")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = get_valid_filename(stem) if stem.strip() else "document"
    ext = get_valid_filename(ext).lower() if ext else ""
    room = MAX_NAME - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip("._-") or "document"
    return f"{stem}.{ext}" if ext else stem


def decode_text(head: bytes) -> str:
    """A text file's bytes as text: UTF-8 (with or without a BOM), else Windows Cyrillic, else
    Latin-1 (which decodes anything), the encodings partners' spreadsheets come in."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def _looks_like_csv(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    text = decode_text(head)
    if "<script" in text.lower() or "<html" in text.lower():
        return False
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return False
    try:
        csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
    except csv.Error:
        return len(lines) == 1 or all("," not in line for line in lines)
    return True


def check_upload(upload, policy: UploadPolicy) -> tuple[str, str]:
    """Validate an uploaded file against ``policy``; return (safe file name, content type).
    Raise ValidationError."""
    limit = policy.max_bytes
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}, code="size")
    name = safe_filename(upload.name)
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if ext not in policy.extensions:
        raise ValidationError(
            _("Files of type “%(ext)s” cannot be uploaded. Allowed: %(allowed)s.")
            % {"ext": ext or _("no extension"), "allowed": ", ".join(sorted(policy.extensions))},
            code="extension")
    upload.seek(0)
    head = upload.read(65536)
    upload.seek(0)
    if ext == "csv":
        if not _looks_like_csv(head):
            raise ValidationError(_("The file does not look like a CSV table."), code="content")
        return name, "text/csv"
    content_type, accepted = FILE_TYPES[ext]
    kind = filetype.guess(io.BytesIO(head))
    if kind is None or kind.mime not in (accepted or {content_type}):
        raise ValidationError(
            _("The content of the file is not a %(ext)s document; it may be renamed or "
              "damaged.") % {"ext": ext.upper()}, code="content")
    return name, content_type
