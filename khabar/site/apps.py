from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "khabar.site"
    label = "site_public"
    verbose_name = _("Reader site")

    def ready(self):
        # Renditions are made while pages render, and in the admin's lists:
        # Pillow must refuse oversized images before any of them.
        from khabar.security.images import limit_decoding

        limit_decoding()
        register_reader_markup()


def register_reader_markup():
    """Lend the newsroom the reader's markup it shows but must not import
    (docs/architecture.md): the article page for previews, and the
    templates of the body's blocks."""
    from khabar.newsroom import blocks
    from khabar.newsroom.preview import register_article_preview
    from khabar.site.context import article_context

    register_article_preview(
        "site/article.html", lambda article: article_context(article, preview=True)
    )
    blocks.register_template(blocks.QuotationBlock, "site/blocks/quotation.html")
    blocks.register_template(blocks.ImageBlock, "site/blocks/image.html")
    blocks.register_template(blocks.EmbedBlock, "site/blocks/embed.html")
