"""User-supplied HTML, sanitised with nh3 before it is stored or shown."""
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote",
                "h3", "h4", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_html(text: str) -> str:
    """Keep basic formatting and links (http, https, mailto); drop scripts and styles."""
    return nh3.clean(text or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")
