"""Fetch a WordPress site's uploaded files over HTTP(S) into a local cache,
for ``import-wxr --media-base URL``.

The operator's ``--media-base`` is the only permission to use the network,
and the only place fetched: a file's address is the base plus its
uploads-relative path, percent-encoded, so a post cannot send the import
to another host or outside the uploads folder. Each file is fetched once,
one at a time (an old site on shared hosting is not flooded; the import
writes in the same thread anyway), with time-outs, a size cap enforced
while reading, redirects kept on the same host, and a few retries for
server errors and time-outs only. A download is written to a temporary
file and renamed into the cache when complete, so an interrupted import
never leaves a half file that a later run would trust.
"""

import http.client
import os
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

import khabar

_CHUNK = 64 * 1024
_CUT_SHORT = "connection closed before the end of the file"
_TIMED_OUT = "timed out fetching from --media-base"


class FetchError(Exception):
    """A file that could not be fetched; ``str()`` is the reason, the same
    for every file it applies to, so the summary can group them."""


class _Retry(FetchError):
    """A failure worth another try (a server error, a time-out)."""


class _Unreachable(FetchError):
    """The site did not answer at all."""


class _TimedOut(_Retry, _Unreachable):
    pass


def safe_parts(file):
    """The segments of uploads-relative *file*, or None when it could leave
    the folder (``..``, an absolute path, a backslash, a NUL)."""
    if not file or "\\" in file or "\0" in file:
        return None
    path = PurePosixPath(file)
    if path.is_absolute() or any(part in ("..", ".") for part in path.parts):
        return None
    return path.parts


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the base's own host (http → https is
    fine), at most a few times."""

    max_redirections = 4

    def __init__(self, host):
        super().__init__()
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urlsplit(newurl)
        if target.scheme not in ("http", "https") or target.hostname != self.host:
            raise FetchError("redirected away from the --media-base host, not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class RemoteUploads:
    """The uploads folder of a live WordPress site at *base*, cached under
    *cache_dir*.

    ``on_fetch`` (if set) is called after each request that brought a file.
    """

    timeout = 20.0  # seconds, for connecting and for each read
    total_timeout = 300.0  # seconds for one file, against a trickling server
    retries = 2  # after the first try, for 5xx and time-outs only
    backoff = 1.0  # seconds before the first retry, doubled each time
    #: Files in a row the site did not answer for before the rest are not
    #: tried: a site that is down would otherwise cost every file its
    #: time-outs and retries.
    give_up_after = 5

    def __init__(self, base, cache_dir, *, max_bytes=0, timeout=None):
        parts = urlsplit(base.strip())
        try:
            port = parts.port
        except ValueError:
            port = -1
        if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
            raise ValueError(
                f"--media-base {base}: give an http:// or https:// address, "
                "e.g. https://old.example.com/wp-content/uploads/"
            )
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError(
                f"--media-base {base}: give the uploads folder's address "
                "alone, without a query, a fragment or a password."
            )
        folder = parts.path if parts.path.endswith("/") else parts.path + "/"
        folder_parts = safe_parts(unquote(folder).strip("/")) or ()
        if folder.strip("/") and not folder_parts:
            raise ValueError(f"--media-base {base}: the path may not contain '..'.")
        self.host = parts.hostname
        self.base = f"{parts.scheme}://{parts.netloc}{folder}"
        site = self.host if port is None else f"{self.host}_{port}"
        self.cache_dir = Path(cache_dir).joinpath(site, *folder_parts)
        self.max_bytes = max_bytes
        if timeout is not None:
            self.timeout = timeout
        self.on_fetch = None
        self._unanswered = 0  # files in a row
        self._opener = urllib.request.build_opener(_SameHostRedirects(self.host))

    def url_of(self, parts):
        return self.base + quote("/".join(parts), safe="/")

    def cached(self, file):
        """The cached copy of *file*, or None."""
        parts = safe_parts(file)
        if parts is None:
            return None
        path = self.cache_dir.joinpath(*parts)
        return path if path.is_file() else None

    def fetch(self, file):
        """Bring *file* into the cache and return its path; raise
        :class:`FetchError` with the reason when it cannot."""
        parts = safe_parts(file)
        if parts is None:
            raise FetchError("outside the uploads folder, not fetched")
        if self._unanswered >= self.give_up_after:
            raise FetchError(
                f"not tried: --media-base did not answer for {self._unanswered} "
                "files in a row"
            )
        target = self.cache_dir.joinpath(*parts)
        url = self.url_of(parts)
        for attempt in range(self.retries + 1):
            try:
                self._download(url, target)
                break
            except _Retry as error:
                if attempt < self.retries:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                self._unanswered += isinstance(error, _Unreachable)
                raise
            except _Unreachable:
                self._unanswered += 1
                raise
            except FetchError:
                self._unanswered = 0
                raise
        self._unanswered = 0
        if self.on_fetch is not None:
            self.on_fetch()
        return target

    def forget(self, file):
        """Drop the cached copy of *file* (it was not an image worth
        keeping)."""
        path = self.cached(file)
        if path is not None:
            path.unlink(missing_ok=True)

    def _download(self, url, target):
        request = urllib.request.Request(
            url, headers={"User-Agent": f"Khabar/{khabar.__version__} import-wxr"}
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                self._save(response, target)
        except urllib.error.HTTPError as error:
            error.close()
            reason = f"HTTP {error.code} from --media-base"
            raise (_Retry if error.code >= 500 else FetchError)(reason) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _TimedOut(_TIMED_OUT) from None
            raise _Unreachable(f"could not reach --media-base: {_why(error)}") from None
        except TimeoutError:
            raise _TimedOut(_TIMED_OUT) from None
        except http.client.IncompleteRead:
            raise FetchError(_CUT_SHORT) from None
        except (http.client.HTTPException, OSError) as error:
            raise _Unreachable(f"could not reach --media-base: {_why(error)}") from None

    def _save(self, response, target):
        """Read *response* into *target* through a temporary file, stopping
        as soon as it is over the size cap or the time limit."""
        limit = self.max_bytes
        too_big = f"larger than {limit // (1024 * 1024)} MB" if limit else ""
        declared = response.headers.get("Content-Length", "")
        declared = int(declared) if declared.isdigit() else None
        if limit and declared is not None and declared > limit:
            raise FetchError(too_big)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
        except OSError as error:
            raise _cache_error(error) from None
        try:
            with os.fdopen(handle, "wb") as out:
                received = 0
                deadline = time.monotonic() + self.total_timeout
                # read1: what has arrived, so that a trickling server meets
                # the deadline instead of filling a whole chunk first.
                while chunk := response.read1(_CHUNK):
                    received += len(chunk)
                    if limit and received > limit:
                        raise FetchError(too_big)
                    if time.monotonic() > deadline:
                        raise FetchError("too slow: not received in time")
                    try:
                        out.write(chunk)
                    except OSError as error:  # not the site's fault
                        raise _cache_error(error) from None
            if declared is not None and received != declared:
                # http.client returns what it has when a connection closes
                # early; a short file must not enter the cache.
                raise FetchError(_CUT_SHORT)
            try:
                os.replace(partial, target)
            except OSError as error:
                raise _cache_error(error) from None
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise


def _cache_error(error):
    return FetchError(f"could not write in --media-cache: {_why(error)}")


def _why(error):
    reason = getattr(error, "reason", error)
    return getattr(reason, "strerror", None) or str(reason) or type(error).__name__
