"""What a consultation document may be: the same types as partner documents, up to
``CONSULTATION_ATTACHMENT_MAX_BYTES``. The check itself is the platform's one,
``clusterpolisee.core.uploads``."""
from clusterpolisee.core.uploads import UploadPolicy
from partners.uploads import PARTNER_DOCUMENT

CONSULTATION_ATTACHMENT = UploadPolicy(
    extensions=PARTNER_DOCUMENT.extensions,
    max_bytes_setting="CONSULTATION_ATTACHMENT_MAX_BYTES")


def inspect_upload(upload) -> tuple[str, str]:
    """(safe file name, content type to serve), or a ValidationError saying what is wrong."""
    return CONSULTATION_ATTACHMENT.check(upload)
