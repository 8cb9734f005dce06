"""Slugs of sections, authors and tags: readable, unique, Arabic kept.

Ids remain the permalinks, so a slug only has to be readable and unique;
Arabic letters are kept (``allow_unicode``).
"""

from django.utils.text import slugify


def free_slug(text, taken):
    """The slug for *text*, with ``-2``, ``-3``… added while
    ``taken(slug)`` says another row has it."""
    # Tatweel only stretches a word (أخبـــار is أخبار); slugify keeps it.
    base = slugify(text.replace("\u0640", ""), allow_unicode=True)[:70] or "x"
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


def unique_slug(model, text, instance_pk=None):
    """A slug for *text* not yet used by another *model* row."""
    others = model.objects.exclude(pk=instance_pk)
    return free_slug(text, lambda slug: others.filter(slug=slug).exists())
