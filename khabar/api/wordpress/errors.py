"""WordPress's error answers: ``{code, message, data: {status}}``.

This layer imitates WordPress, so its refusals are WordPress's JSON (not
the read API's problem documents): the codes WordPress clients test for
(``rest_invalid_param``, ``rest_post_invalid_page_number``,
``rest_no_route``…), a message in the caller's language (Arabic, or
English when ``Accept-Language`` prefers it) and the HTTP status inside
``data`` as well as on the response. No cache keeps them: a 404 of an
article scheduled for later must not outlive its publication.
"""

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from khabar.api.http import dumps


class WordPressError(Exception):
    """A refusal answered as WordPress answers it. *message* is already
    translated (raise it inside the request); *data* is added to
    ``data`` beside the status."""

    def __init__(self, code, message, status, **data):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.status = status
        self.data = data


def response(error, headers=None):
    body = {
        "code": error.code,
        "message": error.message,
        "data": {"status": error.status, **error.data},
    }
    answer = HttpResponse(
        dumps(body),
        status=error.status,
        content_type="application/json; charset=utf-8",
        headers=headers,
    )
    answer["Content-Language"] = get_language()
    answer["Vary"] = "Accept-Language"
    answer["Cache-Control"] = "no-store"
    return answer


def no_route():
    """What WordPress answers for an address (or a method) it has no route
    for: among them ``/wp/v2/users``, which Khabar does not offer."""
    return WordPressError(
        "rest_no_route",
        _("No route was found matching the URL and request method."),
        404,
    )


def _sentence(name, refusal):
    """Why *name*'s value was refused, in the active language."""
    details = refusal.details
    match refusal.code:
        case "rest_out_of_bounds" if details["high"] >= 2**63 - 1:
            return _("%(name)s must be greater than or equal to %(low)d") % {
                "name": name,
                "low": details["low"],
            }
        case "rest_out_of_bounds":
            return _(
                "%(name)s must be between %(low)d (inclusive) and %(high)d (inclusive)"
            ) % {"name": name, **details}
        case "rest_invalid_type" if "index" in details:
            return _("%(name)s[%(index)d] is not of type %(type)s.") % {
                "name": name,
                **details,
            }
        case "rest_invalid_type":
            return _("%(name)s is not of type %(type)s.") % {"name": name, **details}
        case "rest_not_in_enum":
            return _("%(name)s is not one of %(choices)s.") % {
                "name": name,
                "choices": ", ".join(details["choices"]),
            }
        case "rest_too_many_items":
            return _("%(name)s must contain at most %(most)d items.") % {
                "name": name,
                **details,
            }
        case _:
            return _("Invalid date.")


def invalid_params(refusals):
    """WordPress's ``rest_invalid_param`` for *refusals* (``{name:
    Refused}`` from khabar.wordpress_query, or ``{name: sentence}``):
    every refused parameter in one answer, as WordPress lists them."""
    params, details = {}, {}
    for name, refusal in sorted(refusals.items()):
        if isinstance(refusal, str):
            params[name] = refusal
            details[name] = {"code": "rest_invalid_param", "message": refusal}
        else:
            params[name] = _sentence(name, refusal)
            details[name] = {"code": refusal.code, "message": params[name]}
        details[name]["data"] = None
    return WordPressError(
        "rest_invalid_param",
        _("Invalid parameter(s): %(names)s") % {"names": ", ".join(params)},
        400,
        params=params,
        details=details,
    )
