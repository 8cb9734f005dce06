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
    """Lend the layers below the reader's markup they need but must not
    import (docs/architecture.md): the article page for the newsroom's
    previews, the templates of the body's blocks, and the inline code the
    content security policy allows by hash."""
    from khabar.newsroom import blocks
    from khabar.newsroom.preview import register_article_preview
    from khabar.security import csp
    from khabar.site.context import article_context

    register_article_preview(
        "site/article.html", lambda article: article_context(article, preview=True)
    )
    blocks.register_template(blocks.QuotationBlock, "site/blocks/quotation.html")
    blocks.register_template(blocks.ImageBlock, "site/blocks/image.html")
    blocks.register_template(blocks.EmbedBlock, "site/blocks/embed.html")
    csp.allow_inline(
        # The font size and the "js" class are set before the first paint,
        # or the page would jump once khabar.js (deferred) runs.
        scripts=["site/includes/early.js"],
        # 500.html is self-contained, so that it shows even when static
        # files fail.
        styles=["site/includes/error.css"],
    )
