"""The WSGI application that granian (or any WSGI server) serves."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")

from django.core.wsgi import get_wsgi_application

django_application = get_wsgi_application()

from khabar.cache.wsgi import PageCacheApp  # noqa: E402
from khabar.readership.flusher import start_in_background as start_flusher  # noqa: E402
from khabar.readership.wsgi import with_beacon  # noqa: E402
from khabar.scheduling.ticker import start_in_background as start_scheduler  # noqa: E402

# View beacons (readership/wsgi.py), then fresh cached pages (docs/caching.md),
# are answered before Django's middleware runs.
application = with_beacon(PageCacheApp(django_application))

start_scheduler()
start_flusher()
