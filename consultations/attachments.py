"""What a consultation document may be: PDF, Office, OpenDocument, images or CSV, up to
``CONSULTATION_ATTACHMENT_MAX_BYTES``. The content is checked, not only the extension, so a
renamed executable or HTML page is refused."""
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# extension -> (content type, kind of check)
TYPES = {
    "pdf": ("application/pdf", "pdf"),
    "doc": ("application/msword", "ole"),
    "xls": ("application/vnd.ms-excel", "ole"),
    "ppt": ("application/vnd.ms-powerpoint", "ole"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "ooxml"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "gif": ("image/gif", "gif"),
    "csv": ("text/csv", "csv"),
}


def _zip_names(upload) -> set[str]:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return set()


def _odf_mimetype(upload) -> str:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError):
        return ""


def _content_matches(upload, check: str, content_type: str) -> bool:
    upload.seek(0)
    head = upload.read(2048)
    if check == "pdf":
        return head.startswith(b"%PDF-")
    if check == "ole":
        return head.startswith(OLE)
    if check == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if check == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if check == "gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if check == "ooxml":
        return "[Content_Types].xml" in _zip_names(upload)
    if check == "odf":
        return _odf_mimetype(upload) == content_type
    if check == "csv":
        upload.seek(0)
        data = upload.read()
        if b"\x00" in data:
            return False
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
        return "<script" not in text.lower() and "<html" not in text.lower()
    return False


def inspect_upload(upload) -> str:
    """The content type to store and serve, or a ValidationError saying what is wrong."""
    limit = settings.CONSULTATION_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(_("%(name)s is too large (%(size)s); the limit is %(limit)s.") % {
            "name": upload.name, "size": filesizeformat(upload.size),
            "limit": filesizeformat(limit)})
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": upload.name})
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in TYPES:
        raise ValidationError(_("%(name)s is not an accepted type. Upload PDF, Word, Excel, "
                                "PowerPoint, OpenDocument, PNG, JPEG, GIF or CSV files.")
                              % {"name": upload.name})
    content_type, check = TYPES[extension]
    try:
        matches = _content_matches(upload, check, content_type)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(_("%(name)s does not contain what its extension says (.%(ext)s).")
                              % {"name": upload.name, "ext": extension})
    return content_type
