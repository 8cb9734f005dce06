"""Static files: WhiteNoise, with hashed names cached for a year.

WhiteNoise marks a file whose name carries its hash as immutable, for ten
years. A year (31,536,000 s) is the longest lifetime HTTP caches are
expected to honour, and what nginx's config in deploy/ sends as well.
"""

from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    FOREVER = 365 * 24 * 60 * 60
