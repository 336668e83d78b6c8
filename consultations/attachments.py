"""What a consultation document may be: the same types as partner documents (one check,
``partners.uploads.check_upload``: content by ``filetype``, matching extension), up to
``CONSULTATION_ATTACHMENT_MAX_BYTES``."""
from django.conf import settings

from partners.uploads import check_upload


def inspect_upload(upload) -> tuple[str, str]:
    """(safe file name, content type to serve), or a ValidationError saying what is wrong."""
    return check_upload(upload, max_bytes=settings.CONSULTATION_ATTACHMENT_MAX_BYTES)
