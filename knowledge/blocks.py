"""StreamField blocks shared by every page of the public site and the practice library."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2", help_text=_("Use section headings first, sub-headings inside them."),
    )

    class Meta:
        icon = "title"
        template = "knowledge/blocks/heading.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(label=_("alternative text"), max_length=250,
                                help_text=_("What the image shows, for people who cannot see it."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "knowledge/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "knowledge/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), required=False, max_length=200,
                             help_text=_("Defaults to the document's title."))

    class Meta:
        icon = "doc-full"
        template = "knowledge/blocks/document_link.html"


class PageEmbedBlock(blocks.StructBlock):
    """A card that points at another page of the site (title and its search description)."""

    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        icon = "link"
        template = "knowledge/blocks/page_embed.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Heading"))
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageWithCaptionBlock(label=_("Image with caption"))
    quote = QuoteBlock(label=_("Quote"))
    document = DocumentLinkBlock(label=_("Document link"))
    page = PageEmbedBlock(label=_("Internal page"))
