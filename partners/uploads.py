"""What a partner document may be (also a good-practice attachment uploaded with a
practice): PDF, office documents, images and CSV tables, up to ``DOCUMENT_MAX_BYTES``.
The check itself is the platform's one, ``clusterpolisee.core.uploads``."""
from clusterpolisee.core.uploads import UploadPolicy

PARTNER_DOCUMENT = UploadPolicy(
    extensions=frozenset({"pdf", "doc", "xls", "ppt", "docx", "xlsx", "pptx", "odt", "ods",
                          "odp", "png", "jpg", "jpeg", "gif", "webp", "csv"}),
    max_bytes_setting="DOCUMENT_MAX_BYTES")


def check_upload(upload) -> tuple[str, str]:
    """(safe file name, content type to serve) of a partner document, or a ValidationError
    saying what is wrong."""
    return PARTNER_DOCUMENT.check(upload)
