"""The WSGI application that granian (or any WSGI server) serves."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")

from django.core.wsgi import get_wsgi_application

from khabar.cache.wsgi import PageCacheApp

# Fresh cached pages are answered before Django runs (docs/caching.md).
application = PageCacheApp(get_wsgi_application())

from khabar.scheduling.ticker import start_in_background  # noqa: E402

start_in_background()

from khabar.readership.flusher import start_in_background as start_flusher  # noqa: E402
from khabar.readership.wsgi import with_beacon  # noqa: E402

start_flusher()
# View beacons are answered before Django's middleware (readership/wsgi.py).
application = with_beacon(application)
