"""Template tags for the review loop's emails: the latest decision on a
story and its latest internal notes."""

from django import template

from khabar.newsroom import notes

register = template.Library()


@register.simple_tag
def latest_decision(article):
    """The latest approval or request for changes (a ``TaskState``)."""
    return notes.latest_decision(article)


@register.simple_tag
def recent_notes(article):
    """The last few internal notes on *article*, oldest first."""
    return notes.recent_notes(article)
