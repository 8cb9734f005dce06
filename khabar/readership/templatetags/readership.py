"""Template tags for the reader's pages: the most-read block."""

from django import template

from khabar.readership.most_read import most_read

register = template.Library()

#: Items per list on a page; the API serves longer lists.
BLOCK_LENGTH = 5


@register.inclusion_tag("readership/most_read.html")
def most_read_block(limit=BLOCK_LENGTH):
    """Both most-read lists, from the minute-long cache (see most_read.py)."""
    return {
        "most_read_24h": most_read("24h", limit),
        "most_read_7d": most_read("7d", limit),
    }
