"""Whole-page cache: compressed bytes per URL, invalidated by publish events.

See docs/caching.md. ``policy`` says which requests are cached under which
key and tags; ``store`` keeps entries (in process memory, or in Redis when
``REDIS_URL`` is set); ``middleware`` and ``wsgi`` answer from it;
``invalidation`` purges it when an article changes and ``purge`` tells the
caches in front (nginx, Varnish, Cloudflare).
"""
