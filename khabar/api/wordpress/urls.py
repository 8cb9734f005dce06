"""The WordPress dialect's URLs, under ``/wp-json/``.

Every address under /wp-json/ is answered as WordPress answers: one it
has no route for (``/wp/v2/users`` among them: Khabar lists no accounts)
is a 404 ``rest_no_route``; a method other than GET or HEAD a 405 with
the same code (WordPress says 404 there; 405 with ``Allow`` is what HTTP
means, and a client that tests the code reads the same). Answers are in
the caller's language and carry CORS headers: the API is public and
read-only, and sends no cookie, so any page may read it without
credentials.
"""

from functools import wraps

from django.http import HttpResponse
from django.urls import path, re_path
from django.utils import translation

from khabar.api.http import headless
from khabar.api.problems import preferred_language
from khabar.api.wordpress import errors, views

app_name = "wpjson"
#: Sent with every answer, as WordPress sends them (without its
#: credentials: there is nothing to sign in to).
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Expose-Headers": "X-WP-Total, X-WP-TotalPages, Link",
}


def _read_only(view):
    """*view* as WordPress answers: GET and HEAD only, errors as its
    JSON, in the caller's language, HEAD without a body."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = preferred_language(request.headers.get("Accept-Language"))
        with translation.override(language):
            if request.method == "OPTIONS":  # a browser's CORS preflight
                response = HttpResponse(status=204, headers={"Allow": "GET, HEAD"})
            elif request.method not in ("GET", "HEAD"):
                error = errors.no_route()
                error.status = 405
                response = errors.response(error, headers={"Allow": "GET, HEAD"})
            else:
                try:
                    response = view(request, *args, **kwargs)
                except errors.WordPressError as error:
                    response = errors.response(error)
        for name, value in CORS.items():
            response[name] = value
        return headless(request, response)

    wrapper.csrf_exempt = True
    return wrapper


def _no_route(request, rest=None):
    raise errors.no_route()


urlpatterns = [
    path("", _read_only(views.index), name="index"),
    path("wp/v2", _read_only(views.namespace), name="namespace"),
    path("wp/v2/posts", _read_only(views.posts), name="posts"),
    path("wp/v2/posts/<id:id>", _read_only(views.post), name="post"),
    path("wp/v2/categories", _read_only(views.categories), name="categories"),
    path("wp/v2/categories/<id:id>", _read_only(views.category), name="category"),
    path("wp/v2/tags", _read_only(views.tags), name="tags"),
    path("wp/v2/tags/<id:id>", _read_only(views.tag), name="tag"),
    path("wp/v2/media", _read_only(views.media), name="media"),
    path("wp/v2/media/<id:id>", _read_only(views.medium), name="medium"),
    re_path(r"^(?P<rest>.*)$", _read_only(_no_route)),
]
