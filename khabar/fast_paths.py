"""Switches for the fast paths: code that does by hand what Django or
PostgreSQL would do by themselves, kept because a benchmark showed what it
buys (docs/benchmarks.md, "Fast paths").

Each path gives the same result as the plain way, which runs when the path
is switched off (``KHABAR_FAST_PATHS``, docs/configuration.md); the tests
compare the two. Switch one off to rule it out when something looks wrong,
or to measure it again.
"""

from django.conf import settings

#: Each path, and where it is.
PATHS = {
    "article-rows": "khabar/site/context.py: an article page's four queries "
    "built once and their rows made into models directly",
    "kept": "khabar/cache/shared.py and {% keep %}: lists and page parts "
    "computed once per content change, per process",
    "planner": "khabar/search/backends/postgres.py: a search reads recent days "
    "first, sized from the planner's statistics, with planner settings per query",
}


def parse(value):
    """The paths *value* switches on: ``on`` (all, the default), ``off``
    (none) or names from :data:`PATHS` separated by commas."""
    text = value.strip().lower()
    if text in ("", "on", "all"):
        return frozenset(PATHS)
    if text in ("off", "none"):
        return frozenset()
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(names - PATHS.keys())
    if unknown:
        raise ValueError(
            f"unknown fast path {', '.join(unknown)}: use on, off or names "
            f"from {', '.join(sorted(PATHS))}, separated by commas"
        )
    return frozenset(names)


def on(name):
    """Whether fast path *name* is switched on."""
    return name in settings.KHABAR_FAST_PATHS
