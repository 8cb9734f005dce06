"""The blocks an article body is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# What a reporter may format inside a paragraph; everything else is dropped
# by Wagtail's converter on save (and by nh3 on import).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuotationBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "site/blocks/quotation.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = blocks.CharBlock(label=_("credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "site/blocks/image.html"


class EmbedBlock(blocks.StructBlock):
    """A link to outside media, shown as a card: readers' browsers never
    contact a third-party host unless the reader follows the link."""

    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "site/blocks/embed.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        template="site/blocks/paragraph.html",
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"), icon="title", template="site/blocks/subheading.html"
    )
    quotation = QuotationBlock()
    image = ImageBlock()
    embed = EmbedBlock()
