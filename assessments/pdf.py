"""The assessment report as a PDF, drawn by WeasyPrint from the report's own template.

WeasyPrint is given a fetcher that serves only this app's static files (the stylesheets)
and refuses every other URL, so rendering never reaches the network or the file system
outside the static files; the charts are inline SVG in the HTML. WeasyPrint needs Pango at
run time: when it cannot load it, :class:`PdfUnavailable` lets the view offer the print
page instead.
"""
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

BASE_URL = "https://report.invalid/"


class PdfUnavailable(Exception):
    """The PDF library or its system libraries cannot be loaded here."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or its friends are missing
        raise PdfUnavailable(str(exc)) from exc
    return weasyprint


def static_only_fetcher(url, *args, **kwargs):
    """Serve ``/static/…`` from the static files finders; refuse anything else."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
            settings.STATIC_URL):
        raise ValueError(f"The report PDF loads no outside resource ({url}).")
    relative = unquote(parts.path[len(settings.STATIC_URL):])
    if ".." in relative.split("/"):
        raise ValueError(f"The report PDF loads no outside resource ({url}).")
    path = finders.find(relative)
    if not path:
        raise ValueError(f"No static file {relative}.")
    with open(path, "rb") as handle:
        data = handle.read()
    mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return {"string": data, "mime_type": mime_type, "redirected_url": url}


def html_to_pdf(html: str) -> bytes:
    weasyprint = _weasyprint()
    try:
        document = weasyprint.HTML(string=html, base_url=BASE_URL,
                                   url_fetcher=static_only_fetcher)
        return document.write_pdf()
    except OSError as exc:  # a library that loads lazily (fonts, images) failed
        raise PdfUnavailable(str(exc)) from exc
