"""The NinjaAPI every endpoint of /api/v1/ hangs on, and its errors.

Read-only, public, anonymous: every operation answers GET and HEAD, needs
no authentication and sets no cookie. Refusals are problem documents
(khabar/api/problems.py): a parameter django-ninja's validation refuses
(khabar/api/params.py), a :class:`~khabar.api.problems.Problem` an
endpoint raises, a 404.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from khabar import __version__
from khabar.api import problems
from khabar.api.params import REFUSED
from khabar.api.schemas import Problem

DESCRIPTION = """\
The newspaper's published articles, sections, tags and authors, its
most-read lists and its Arabic search, as JSON. Public and read-only: no
key, no account. Answers are the same bytes for every client, cached and
purged when an article changes; send `If-None-Match` to get a 304. Lists
are paged by an opaque cursor: follow `next`. Errors are
`application/problem+json`, in Arabic or, with `Accept-Language: en`, in
English.
"""
#: What every operation may answer besides its 200.
REFUSALS = {400: Problem}
NOT_FOUND = {404: Problem}


class ReadAPI(NinjaAPI):
    """A NinjaAPI whose operations answer HEAD as GET, undocumented.

    An operation registered for GET and HEAD is one operation with one
    ``operationId``; OpenAPI lists each method apart, and two entries
    with the same id make an invalid document. HEAD is described in
    docs/api.md instead. Refusals are described as problem documents.
    """

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            operations.pop("head", None)
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if str(status).startswith("4") and "application/json" in content:
                        content[problems.MEDIA_TYPE] = content.pop("application/json")
        return schema


api = ReadAPI(
    title="Khabar read API",
    version=__version__,
    description=DESCRIPTION,
    urls_namespace="api",
    # Swagger UI from ninja's own static files ("ninja" is an installed
    # app): no CDN. Its page has no inline script, so the site's CSP
    # allows it; the validator badge would load an image from
    # swagger.io, which the CSP refuses and readers should not contact.
    docs=Swagger(settings={"validatorUrl": None, "supportedSubmitMethods": ["get"]}),
)


def read(path, name, response, **kwargs):
    """Register a read operation (GET and HEAD) at *path*, named *name*."""
    return api.api_operation(
        ["GET", "HEAD"],
        path,
        url_name=name,
        operation_id=name.replace("-", "_"),
        response={**response, **REFUSALS},
        **kwargs,
    )


@api.exception_handler(ValidationError)
def _invalid(request, error):
    """Parameters ninja's validation refused: one problem, every reason."""
    entries = []
    for found in error.errors:
        where, *rest = found["loc"]
        context = found.get("ctx") or {}
        if found["type"] == REFUSED:
            detail = found["msg"]
        elif found["type"] == "missing":
            detail = _("Required.")
        else:
            detail = _("Not a valid value.")
        extra = {"allowed": context["allowed"]} if "allowed" in context else {}
        name = str(rest[-1]) if rest else where
        entries.append(problems.refused(name, detail, where, **extra))
    return problems.from_exception(problems.ParameterError(entries))


@api.exception_handler(problems.Problem)
def _problem(request, problem):
    return problems.from_exception(problem)


@api.exception_handler(Http404)
def _not_found(request, error):
    return problems.from_exception(
        problems.NotFound(_("Nothing is published at this address."))
    )
