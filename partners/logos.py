"""Partner logos: raster images only (PNG, JPEG, WebP), re-encoded with Pillow.

Re-encoding keeps only the pixels, so whatever else a file carried (a PDF or PostScript
body glued to an image, metadata, scripts) is gone before it is stored and served."""
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow format -> (extension, content type served)
FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"),
           "WEBP": ("webp", "image/webp")}
CONTENT_TYPES = {ext: content_type for ext, content_type in FORMATS.values()}
MAX_SIDE = 2000  # pixels; a logo needs far less, and it bounds decoding work


def content_type_of(name: str) -> str | None:
    """The content type a stored logo is served with, or None for anything else."""
    return CONTENT_TYPES.get(name.rpartition(".")[2].lower()) if "." in name else None


def reencode_logo(upload) -> ContentFile:
    """A clean copy of ``upload`` in its own raster format, or a ValidationError."""
    if upload.size > settings.LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is %(size)s; the limit is %(limit)s.") % {
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(settings.LOGO_MAX_BYTES)}, code="size")
    refused = ValidationError(_("A logo must be a PNG, JPEG or WebP image."), code="format")
    upload.seek(0)
    try:
        # formats= keeps Pillow from even trying EPS, PDF or SVG-like decoders
        with Image.open(upload, formats=list(FORMATS)) as image:
            if image.format not in FORMATS:
                raise refused
            if max(image.size) > MAX_SIDE:
                raise ValidationError(
                    _("The logo is %(width)s × %(height)s pixels; at most %(max)s on a side.")
                    % {"width": image.size[0], "height": image.size[1], "max": MAX_SIDE},
                    code="dimensions")
            ext, _content_type = FORMATS[image.format]
            image.load()
            pixels = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            if image.format == "JPEG":
                pixels = pixels.convert("RGB")
            out = io.BytesIO()
            pixels.save(out, format=image.format)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise refused from exc
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name=f"logo.{ext}")
