"""The hand-written text the demo paper is composed from, one module a section.

Each section gives background sentences, closings, subheadings and
quotations of its own, and a few topics; a topic gives stories (headlines
with the summary and first sentence that fit them), detail sentences and
quotations. Words in braces are filled in per article (see compose.py), so
that one article keeps one city, one team, one law throughout. A story
marked ``"hard_news": True`` is news that can break (a vote, a decision, a
price set): only those are flagged breaking, never a feature.
"""

from khabar.demo.corpus import culture, economy, politics, science, sport, variety

SECTIONS = [
    politics.SECTION,
    economy.SECTION,
    sport.SECTION,
    culture.SECTION,
    science.SECTION,
    variety.SECTION,
]
