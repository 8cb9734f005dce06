"""Errors as RFC 7807 problem details, in the caller's language.

Every refusal of the read API is ``application/problem+json``: ``type``
(a URN naming the kind of problem), ``title``, ``status``, ``detail`` and,
for refused parameters, ``errors``: one entry per parameter with its name,
its ``location`` (``query`` or ``path``) and what it must be. Titles and
details are Arabic, or English when ``Accept-Language`` prefers English;
one language per answer, through Django's catalogues.

The answers vary with ``Accept-Language`` and say so; they are never kept
by any cache (a 404 of an article scheduled for later must not outlive its
publication in a CDN).
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

#: The kinds of problem, by the last part of their URN (docs/api.md).
INVALID_PARAMETERS = "invalid-parameters"
NOT_FOUND = "not-found"
METHOD_NOT_ALLOWED = "method-not-allowed"
GONE = "gone"
MEDIA_TYPE = "application/problem+json"


def problem_type(kind):
    return f"urn:khabar:problem:{kind}"


def _titles():
    # Built per call: gettext in the language of the request.
    return {
        INVALID_PARAMETERS: _("Invalid parameters"),
        NOT_FOUND: _("Not found"),
        METHOD_NOT_ALLOWED: _("Method not allowed"),
        GONE: _("Gone"),
    }


class Problem(Exception):
    """A refusal the API answers with a problem document.

    *detail* is already translated (raise it inside the request, where
    the caller's language is active).
    """

    status = 400
    kind = INVALID_PARAMETERS

    def __init__(self, detail, errors=()):
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)


class NotFound(Problem):
    status = 404
    kind = NOT_FOUND


class NamesNothing(NotFound):
    """Parameters each as the description allows that together name
    nothing here: a slug no section has, a cursor this site did not
    write, a page a list does not have. A 404, like the path of an
    article that is not there: the request is well formed (a 400 says it
    is not), what it names is missing.
    """

    def __init__(self, errors):
        super().__init__(
            _(
                "Nothing here answers to these parameters: the list of errors "
                "says which, and why."
            ),
            errors,
        )


class Gone(Problem):
    status = 410
    kind = GONE


class ParameterError(Problem):
    """One or more query or path parameters refused: what each must be."""

    def __init__(self, errors):
        super().__init__(
            _(
                "The request's parameters were refused: the list of errors "
                "says why, for each."
            ),
            errors,
        )


def refused(parameter, detail, location="query", **extra):
    """An entry of a problem's ``errors``: which parameter, where (query
    or path), and why."""
    return {
        "parameter": parameter,
        "location": location,
        "detail": str(detail),
        **extra,
    }


def problem_response(status, kind, detail, errors=(), headers=None):
    """The problem document as a response, in the active language."""
    document = {
        "type": problem_type(kind),
        "title": _titles()[kind],
        "status": status,
        "detail": str(detail),
    }
    if errors:
        document["errors"] = list(errors)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type=f"{MEDIA_TYPE}; charset=utf-8",
        headers=headers,
    )
    response["Content-Language"] = get_language()
    response["Vary"] = "Accept-Language"
    response["Cache-Control"] = "no-store"
    return response


def from_exception(problem):
    return problem_response(
        problem.status, problem.kind, problem.detail, problem.errors
    )


def preferred_language(header):
    """The language of ``LANGUAGES`` that an ``Accept-Language`` *header*
    prefers, else ``LANGUAGE_CODE`` (Arabic).

    Only the header decides: no cookie, no session, so that the same
    request always gets the same answer.

    >>> preferred_language("en-GB,en;q=0.9,ar;q=0.8")
    'en'
    """
    offered = {code for code, _ in settings.LANGUAGES}
    best, best_weight = settings.LANGUAGE_CODE, 0.0
    for item in (header or "").split(",")[:20]:
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        params = params.replace(" ", "").lower()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                continue
        if not 0 < weight <= 1:
            continue
        primary = tag.strip().lower().split("-")[0]
        # Equal weights: the first listed wins.
        if primary in offered and weight > best_weight:
            best, best_weight = primary, weight
    return best
