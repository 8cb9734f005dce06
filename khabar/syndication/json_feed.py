"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) beside RSS and Atom.

The same articles, queries and ``?full=1`` as the RSS feed (feeds.py):
Django's ``Feed`` fills a generator that writes JSON instead of XML. Short
items carry the summary as ``content_text``; full ones the body as
``content_html``, sanitised exactly as RSS's ``content:encoded``. Arabic is
written as UTF-8, not ``\\u`` escapes.
"""

import json

from django.utils.feedgenerator import SyndicationFeed, rfc3339_date

from khabar.syndication import structured_data as sd
from khabar.syndication.feeds import ArticleFeed
from khabar.syndication.text import xml_text

VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_TYPE = "application/feed+json; charset=utf-8"


class JsonFeed(SyndicationFeed):
    """Writes what Django's ``Feed`` collected as a JSON Feed document."""

    content_type = CONTENT_TYPE

    def write(self, outfile, encoding):
        outfile.write(
            json.dumps(self.document(), ensure_ascii=False, separators=(",", ":"))
        )

    def document(self):
        feed = self.feed
        language = sd.content_language()
        return {
            **_present(
                version=VERSION,
                title=feed["title"],
                home_page_url=feed["link"],
                feed_url=feed["feed_url"],
                description=feed["description"],
                icon=feed["logo"],
                authors=[{"name": feed["author_name"], "url": feed["author_link"]}],
                language=language,
            ),
            "items": [_item(item, language) for item in self.items],  # even none
        }


def _item(item, language):
    content = (
        {"content_html": item["content_html"]}
        if item["content_html"]
        else {"content_text": item["summary"] or item["title"]}
    )
    return _present(
        id=item["unique_id"],
        url=item["link"],
        title=item["title"],
        **content,
        summary=item["summary"],
        image=item["image"] and item["image"]["url"],
        date_published=rfc3339_date(item["pubdate"]),
        date_modified=item["updateddate"] and rfc3339_date(item["updateddate"]),
        authors=[{"name": name, "url": url} for name, url in item["authors"]],
        tags=item["categories"],
        language=language,
    )


def _present(**fields):
    """*fields* without the empty ones: JSON Feed leaves out what it lacks
    rather than writing null."""
    return {name: value for name, value in fields.items() if value}


class ArticleJsonFeed(ArticleFeed):
    """The latest visible articles of a scope as JSON Feed 1.1."""

    feed_type = JsonFeed
    format = "json"

    def description(self, scope):
        return self.about(scope)  # plain text here, not RSS's HTML

    def item_extra_kwargs(self, article):
        return {
            **super().item_extra_kwargs(article),
            "summary": xml_text(article.summary),
        }
