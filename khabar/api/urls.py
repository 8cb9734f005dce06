"""The read API's URLs: django-ninja's, answered in the caller's language.

Every URL under /api/v1/ is the API's: one it does not know is a problem
document (404), not the site's HTML page; a method other than GET or HEAD
is a problem document (405).
"""

from functools import wraps

from django.http import Http404
from django.urls import URLPattern, re_path
from django.utils import translation
from django.utils.translation import gettext as _

from khabar.api import articles, most_read, problems, search, taxonomy
from khabar.api.root import api

app_name = "api"
#: The modules whose operations register on the API as they are imported.
OPERATIONS = (articles, most_read, search, taxonomy)


def _in_callers_language(view):
    """*view* run in the language the caller's ``Accept-Language``
    prefers, its answer to HEAD without a body, and its 405 a problem."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = problems.preferred_language(request.headers.get("Accept-Language"))
        with translation.override(language):
            try:
                response = view(request, *args, **kwargs)
            except Http404:  # ninja's own views (its root) raise it
                response = _not_found(request)
            if response.status_code == 405 and not response.get(
                "Content-Type", ""
            ).startswith(problems.MEDIA_TYPE):
                response = problems.problem_response(
                    405,
                    problems.METHOD_NOT_ALLOWED,
                    _("This address can only be read."),
                    headers={"Allow": "GET, HEAD"},
                )
        if request.method == "HEAD" and not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

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
        _in_callers_language(pattern.callback),
        pattern.default_args,
        pattern.name,
    )


urlpatterns = [
    *(_wrapped(pattern) for pattern in api.urls[0]),
    re_path(r"^(?P<rest>.*)$", _in_callers_language(_not_found)),
]
