"""Read the news themes' and SEO plugins' meta of an item as plain values.

Arabic newsrooms on WordPress mostly run Jannah or Sahifa (TieLabs),
tagDiv's Newspaper, or BetterStudio's Publisher, with Yoast SEO or Rank
Math beside them. Each keeps a post's view count, subtitle (Khabar's
kicker), source links and primary category under its own meta keys; this
module reads them all into one :class:`ThemeMeta`, says which key each
value came from, and lists what it could not use in ``problems`` so the
import can report it instead of guessing silently.

Rules where keys compete:

- **Views**: every counter present is read (:data:`VIEW_KEYS`) and the
  largest wins: sites that changed theme or plugin keep the old counter
  frozen and start a new one from zero, so each undercounts and the
  largest is the closest to the truth. A tie goes to the first key in
  :data:`VIEW_KEYS`. All the counts found are kept in ``views_found``.
- **Kicker, sources, primary category**: the first key in the order of
  :data:`KICKER_KEYS` / :data:`PRIMARY_CATEGORY_KEYS` that has a value.
  SEO plugins come before the theme for the primary category because
  their choice is what search engines showed in breadcrumbs; a
  disagreement is reported.
- **SEO title and description**: Yoast first, then Rank Math. Their
  templates (``%%title%% %%sep%% %%sitename%%``, ``%title% %sep%``) are
  expanded with :class:`SeoContext`; a template with a variable that is
  not in :data:`TEMPLATE_VARIABLES`, or whose value the context does not
  know, is dropped whole (and reported): a title is never shown with
  ``%%`` in it.
"""

import re
from dataclasses import dataclass, field

from khabar.importers.wordpress.php import PhpError, maybe_unserialize
from khabar.importers.wordpress.slugs import decode_slug

#: View counters: Jannah/Sahifa, tagDiv, WP-PostViews, BetterStudio.
VIEW_KEYS = ("tie_views", "post_views_count", "views", "better-views-count")
#: Subtitles: Jannah/Sahifa, tagDiv (inside its settings), BetterStudio.
KICKER_KEYS = (
    "tie_post_sub_title",
    "td_post_theme_settings:td_subtitle",
    "bs_subtitle",
)
#: Primary categories (a term id): Yoast, Rank Math, BetterStudio, tagDiv.
PRIMARY_CATEGORY_KEYS = (
    "_yoast_wpseo_primary_category",
    "rank_math_primary_category",
    "_bs_primary_category",
    "td_post_theme_settings:td_primary_cat",
)
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description")
#: The template variables understood, in Yoast's ``%%name%%`` and Rank
#: Math's ``%name%`` spellings alike, and the SeoContext field each reads.
#: ``page``, ``pagenumber`` and ``pagetotal`` are empty, as both plugins
#: render them on an article's first (or only) page.
TEMPLATE_VARIABLES = {
    "title": "title",
    "sitename": "sitename",
    "sitedesc": "sitedesc",
    "sep": "sep",
    "excerpt": "excerpt",
    "excerpt_only": "excerpt",
    "category": "category",
    "primary_category": "primary_category",
    "tag": "tag",
    "date": "date",
    "name": "author",
    "page": None,
    "pagenumber": None,
    "pagetotal": None,
}
_TD_SETTINGS = "td_post_theme_settings"
_YOAST_VARIABLE = re.compile(r"%%([A-Za-z0-9_]+)%%")
# Rank Math's variables may take arguments: %customfield(name)%.
_RANK_MATH_VARIABLE = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)(\([^)%]*\))?%")
_MAX_COUNT = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Link:
    """A source or "via" credit: its text and where it points."""

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class SeoContext:
    """What an SEO template may refer to; None where it is not known.

    ``sep`` is the separator chosen in Yoast's or Rank Math's settings,
    which the export does not carry: ``-`` is both plugins' default.
    ``date`` is the article's date as the site showed it, if the caller
    knows the format; otherwise templates using it are dropped.
    """

    title: str = ""
    sitename: str | None = None
    sitedesc: str | None = None
    sep: str = "-"
    excerpt: str | None = None
    category: str | None = None
    primary_category: str | None = None
    tag: str | None = None
    date: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class ThemeMeta:
    """An item's meta, read: each value with the key it came from."""

    views: int | None = None
    views_key: str | None = None
    views_found: dict[str, int] = field(default_factory=dict)
    kicker: str = ""
    kicker_key: str | None = None
    sources: tuple[Link, ...] = ()
    vias: tuple[Link, ...] = ()
    primary_category: int | None = None
    primary_category_key: str | None = None
    seo_title: str = ""
    seo_title_key: str | None = None
    seo_description: str = ""
    seo_description_key: str | None = None
    old_slugs: tuple[str, ...] = ()
    thumbnail_id: int | None = None
    problems: tuple[str, ...] = ()


def read_meta(meta, context=None):
    """A :class:`ThemeMeta` from an item's ``meta`` (key → values)."""
    reading = _Reading(meta)
    views, views_key, views_found = reading.views()
    kicker, kicker_key = reading.first_text(KICKER_KEYS)
    primary, primary_key = reading.primary_category()
    context = context or SeoContext()
    title, title_key = reading.template(SEO_TITLE_KEYS, context)
    description, description_key = reading.template(SEO_DESCRIPTION_KEYS, context)
    return ThemeMeta(
        views=views,
        views_key=views_key,
        views_found=views_found,
        kicker=kicker,
        kicker_key=kicker_key,
        sources=reading.links("tie_source", "td_source"),
        vias=reading.links("tie_via", "td_via"),
        primary_category=primary,
        primary_category_key=primary_key,
        seo_title=title,
        seo_title_key=title_key,
        seo_description=description,
        seo_description_key=description_key,
        old_slugs=reading.old_slugs(),
        thumbnail_id=reading.whole_number("_thumbnail_id"),
        problems=tuple(reading.problems),
    )


def expand_template(template, context):
    """*template* with its Yoast or Rank Math variables filled in.

    Returns ``(text, None)``, or ``(None, variable)`` naming the first
    variable that is not supported or whose value *context* lacks.

    >>> expand_template("%%title%% %%sep%% %%sitename%%",
    ...                 SeoContext(title="خبر", sitename="موقع"))
    ('خبر - موقع', None)
    """
    unknown = []

    def fill(match):
        name = match.group(1).lower()
        if name not in TEMPLATE_VARIABLES:
            unknown.append(match.group())
            return ""
        attribute = TEMPLATE_VARIABLES[name]
        if attribute is None:
            return ""
        value = getattr(context, attribute)
        if value is None:
            unknown.append(match.group())
            return ""
        return value

    text = _YOAST_VARIABLE.sub(fill, template)
    text = _RANK_MATH_VARIABLE.sub(fill, text)
    if unknown:
        return None, unknown[0]
    text = " ".join(text.split())
    # An empty variable at an end leaves its separator hanging there.
    sep = context.sep.strip()
    if sep:
        while text.endswith(sep):
            text = text[: -len(sep)].rstrip()
        while text.startswith(sep):
            text = text[len(sep) :].lstrip()
    return text, None


class _Reading:
    """One item's meta as it is being read, with what went wrong."""

    def __init__(self, meta):
        self.meta = meta
        self.problems = []
        self._settings = None

    def raw(self, key):
        """The first value of *key* (WordPress's ``get_post_meta(…, true)``),
        or a tagDiv setting for ``td_post_theme_settings:name``."""
        if ":" in key:
            settings = self.td_settings()
            value = settings.get(key.split(":", 1)[1])
            return value if isinstance(value, str | int) else None
        values = self.meta.get(key)
        return values[0] if values else None

    def td_settings(self):
        if self._settings is None:
            self._settings = {}
            raw = self.meta.get(_TD_SETTINGS, [None])[0]
            if raw:
                value = self.unserialize(_TD_SETTINGS, raw)
                if isinstance(value, dict):
                    self._settings = value
        return self._settings

    def unserialize(self, key, raw):
        try:
            return maybe_unserialize(raw)
        except PhpError as exc:
            self.problems.append(f"{key}: not readable PHP data: {exc}")
            return None

    def whole_number(self, key):
        raw = self.raw(key)
        if raw is None or str(raw).strip() in ("", "0"):
            return None
        text = str(raw).strip()
        if not text.isascii() or not text.isdigit() or int(text) > _MAX_COUNT:
            self.problems.append(f"{key}: not a whole number: {text[:40]!r}")
            return None
        return int(text)

    def views(self):
        found = {}
        for key in VIEW_KEYS:
            if key in self.meta:
                raw = str(self.raw(key)).strip()
                if raw in ("", "0"):
                    found[key] = 0
                    continue
                number = self.whole_number(key)
                if number is not None:
                    found[key] = number
        if not found:
            return None, None, found
        best = max(found, key=lambda key: (found[key], -VIEW_KEYS.index(key)))
        return found[best], best, found

    def first_text(self, keys):
        for key in keys:
            value = self.raw(key)
            if isinstance(value, str) and value.strip():
                return value.strip(), key
        return "", None

    def primary_category(self):
        chosen, chosen_key = None, None
        for key in PRIMARY_CATEGORY_KEYS:
            number = self.whole_number(key)
            if number is None:
                continue
            if chosen is None:
                chosen, chosen_key = number, key
            elif number != chosen:
                self.problems.append(
                    f"primary category: {chosen_key} says {chosen}, {key} says "
                    f"{number}; {chosen_key} is used"
                )
        return chosen, chosen_key

    def links(self, tie_key, td_key):
        """Jannah's serialised ``[{text, url}, …]`` list, then tagDiv's pair
        of settings."""
        links = []
        raw = self.raw(tie_key)
        if raw:
            value = self.unserialize(tie_key, raw)
            entries = value.values() if isinstance(value, dict) else value
            if isinstance(entries, str):
                entries = [{"text": entries}]  # one plain name, no list
            for entry in entries or ():
                if isinstance(entry, dict):
                    link = _link(entry.get("text"), entry.get("url"))
                    if link:
                        links.append(link)
        settings = self.td_settings()
        link = _link(settings.get(td_key), settings.get(td_key + "_url"))
        if link:
            links.append(link)
        return tuple(links)

    def template(self, keys, context):
        for key in keys:
            raw = self.raw(key)
            if not isinstance(raw, str) or not raw.strip():
                continue
            text, unknown = expand_template(raw, context)
            if text is None:
                self.problems.append(
                    f"{key}: dropped, {unknown} cannot be filled in: {raw[:80]!r}"
                )
                continue
            if text:
                return text, key
        return "", None

    def old_slugs(self):
        slugs = []
        for raw in self.meta.get("_wp_old_slug", ()):
            slug = decode_slug(raw)
            if slug and slug not in slugs:
                slugs.append(slug)
        return tuple(slugs)


def _link(text, url):
    text = text.strip() if isinstance(text, str) else ""
    url = url.strip() if isinstance(url, str) else ""
    return Link(text=text, url=url) if text or url else None
