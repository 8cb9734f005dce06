"""Public pages the page cache does not keep (search results: too many
distinct queries to store) still go out compressed and cacheable by
browsers and CDNs, as the kept pages do."""

from khabar.cache.compression import choose, variants
from khabar.cache.entry import cache_control


def compressed_public(request, response):
    """*response*, rendered and public, compressed as the reader's
    ``Accept-Encoding`` allows and marked cacheable like the kept pages."""
    response["Cache-Control"] = cache_control()
    response["Vary"] = "Accept-Encoding"
    encoding = choose(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    body = variants(response.content).get(encoding)
    if encoding != "identity" and body is not None:
        response.content = body
        response["Content-Encoding"] = encoding
    return response
