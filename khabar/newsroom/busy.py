"""A database that is busy answers 503 with a message, never a 500.

SQLite lets one writer in at a time; a writer waits up to its busy time-out
(5 s, khabar/settings.py) and then fails with "database is locked". Long
writers are kept short (an import commits batch by batch), but an editor
who saves in such a moment must be told what happened and that nothing was
saved, not be shown a server error.
"""

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

RETRY_AFTER = 5


def is_busy(error):
    return isinstance(error, OperationalError) and "database is locked" in str(error)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        response = HttpResponse(
            render_to_string("newsroom/busy.html", request=request), status=503
        )
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
