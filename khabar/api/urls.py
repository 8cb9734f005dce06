"""The read API's URLs: django-ninja's, answered in the caller's language.

Every URL under /api/v1/ is the API's: one it does not know is a problem
document (404), not the site's HTML page; a method other than GET or HEAD
is a problem document (405), whatever the URL.
"""

from functools import wraps

from django.http import Http404
from django.urls import URLPattern, re_path
from django.utils import translation
from django.utils.translation import gettext as _

from khabar.api import (
    articles,
    changes,
    most_read,
    ninjs,
    problems,
    search,
    taxonomy,
)
from khabar.api.http import headless
from khabar.api.root import api

app_name = "api"
#: The modules whose operations register on the API as they are imported.
OPERATIONS = (articles, changes, most_read, ninjs, search, taxonomy)


def _read_only(view):
    """*view* as the read API answers: GET and HEAD only (anything else a
    405 problem, before any view or CSRF check: nothing here writes), in
    the language the caller's ``Accept-Language`` prefers, HEAD without a
    body, a 404 as a problem."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = problems.preferred_language(request.headers.get("Accept-Language"))
        with translation.override(language):
            if request.method not in ("GET", "HEAD"):
                return problems.problem_response(
                    405,
                    problems.METHOD_NOT_ALLOWED,
                    _("This address can only be read."),
                    headers={"Allow": "GET, HEAD"},
                )
            try:
                response = view(request, *args, **kwargs)
            except Http404:  # ninja's own views (its root) raise it
                response = _not_found(request)
        return headless(request, response)

    wrapper.csrf_exempt = True
    return wrapper


def _not_found(request, rest=None):
    return problems.from_exception(
        problems.NotFound(
            _(
                "Nothing is published at this address: the API's addresses "
                "are listed in its description, /api/v1/openapi.json."
            )
        )
    )


def _wrapped(pattern):
    return URLPattern(
        pattern.pattern,
        _read_only(pattern.callback),
        pattern.default_args,
        pattern.name,
    )


urlpatterns = [
    *(_wrapped(pattern) for pattern in api.urls[0]),
    # [\s\S], not ".": a path with a newline in it is the API's 404 too.
    re_path(r"^(?P<rest>[\s\S]*)$", _read_only(_not_found)),
]
