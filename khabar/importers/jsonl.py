"""The JSONL archive format: read and check lines into rows, format times.

One article per line, as a JSON object; docs/jsonl.md describes every
field. Reading never touches the database: :func:`read_rows` turns each
line into an :class:`ArticleRow` or raises :class:`JsonlError` naming the
file, the line and the field, so that a whole file can be checked before
anything is written.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from itertools import islice

from khabar.newsroom.models import Article, Author, Section, Tag

#: The keys of a line, in the order export writes them.
FIELDS = (
    "id",
    "title",
    "kicker",
    "summary",
    "section",
    "authors",
    "tags",
    "status",
    "published_at",
    "updated_at",
    "views",
    "body_html",
    "body_text",
)
STATUSES = ("published", "draft")
# A string of digits that can be an article's id (a BigAutoField).
PERMALINK = re.compile(r"[1-9][0-9]{0,17}")
_MAX_VIEWS = 2**63 - 1


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One checked line: everything the writer needs, nothing it must
    check again."""

    id: str
    title: str
    section: str
    body_html: str | None
    body_text: str | None
    published_at: dt.datetime | None
    updated_at: dt.datetime | None = None
    status: str = "published"
    kicker: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    views: int | None = None
    # Beyond the JSONL format, for importers that know more (WordPress):
    # body blocks already made (None: from body_html/body_text), the time
    # a "scheduled" row goes live, SEO fields and a lead image (a pk).
    blocks: tuple | None = None
    go_live_at: dt.datetime | None = None
    seo_title: str = ""
    search_description: str = ""
    lead_image: int | None = None
    lead_image_caption: str = ""

    @property
    def live(self):
        return self.status == "published"

    @property
    def scheduled(self):
        return self.status == "scheduled" and self.go_live_at is not None


class LineError(ValueError):
    """What is wrong with one line, and in which field (None: the whole
    line)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class JsonlError(Exception):
    """A line of a file that cannot be imported, with where it is."""

    def __init__(self, path, line, error):
        self.path, self.line, self.field = path, line, error.field
        where = f"{path} line {line}"
        if error.field:
            where += f', field "{error.field}"'
        super().__init__(f"{where}: {error}")


def read_rows(path, *, time_zone=None, id_prefix="", on_bytes=None):
    """Yield ``(line number, ArticleRow)`` for every non-blank line.

    Streams: one line in memory at a time. *on_bytes* is called with the
    size of each line read (for a progress bar).
    """
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, 1):
            if on_bytes:
                on_bytes(len(raw))
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                error = LineError(
                    f"not UTF-8 (byte {raw[exc.start]:#04x} at column "
                    f"{exc.start + 1}); save the file as UTF-8"
                )
                raise JsonlError(path, number, error) from None
            text = text.rstrip("\r\n")
            if number == 1:
                text = text.removeprefix("\ufeff")
            if not text.strip():
                continue
            try:
                row = parse_line(text, time_zone=time_zone, id_prefix=id_prefix)
            except LineError as error:
                raise JsonlError(path, number, error) from None
            yield number, row


def check_file(path, **options):
    """Read every line of *path*; return a :class:`FileSummary`.

    Raises :class:`JsonlError` for the first bad line, including an id
    used twice. Memory grows with the ids only, not with the articles.
    """
    summary = FileSummary()
    for number, row in read_rows(path, **options):
        if row.id in summary.ids:
            first = _first_line_with(path, row.id, options)
            error = LineError(
                f"{_show(row.id)} is already the id of line {first}; "
                "every article needs its own id",
                "id",
            )
            raise JsonlError(path, number, error)
        summary.add(row)
    return summary


class FileSummary:
    """What a checked file holds: its ids and the names it refers to."""

    def __init__(self):
        self.ids = set()
        self.sections = set()
        self.tags = set()
        self.authors = set()
        # Slugs to give new sections and tags instead of ones made from
        # their names: {name: slug} (WordPress's own, decoded).
        self.section_slugs = {}
        self.tag_slugs = {}

    def __len__(self):
        return len(self.ids)

    def add(self, row):
        self.ids.add(row.id)
        self.sections.add(row.section)
        self.tags.update(row.tags)
        self.authors.update(row.authors)


def batched(iterable, size):
    """Lists of *size* items from *iterable* (itertools.batched, 3.12)."""
    items = iter(iterable)
    while batch := list(islice(items, size)):
        yield batch


def format_time(moment):
    """``2025-05-28T08:46:00Z``: UTC, with microseconds only when there are
    some. None stays None."""
    if moment is None:
        return None
    utc = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return (
        utc.isoformat(timespec="microseconds" if utc.microsecond else "seconds") + "Z"
    )


def parse_line(text, *, time_zone=None, id_prefix=""):
    """Turn one line of JSON into an :class:`ArticleRow`.

    Raises :class:`LineError` for the first problem found.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError(
            f"not valid JSON ({exc.msg} at column {exc.colno}); each line "
            "must be one complete JSON object"
        ) from None
    if not isinstance(data, dict):
        raise LineError(f"a line must be a JSON object ({{...}}), not {_kind(data)}")
    unknown = [key for key in data if key not in FIELDS]
    if unknown:
        raise LineError(
            f"unknown field; the fields are {', '.join(FIELDS)}", unknown[0]
        )
    fields = {key: value for key, value in data.items() if value is not None}

    article_id = _string(fields, "id", max_length=_max(Article, "external_id"))
    title = _string(fields, "title", max_length=_max(Article, "title"))
    section = _string(fields, "section", max_length=_max(Section, "name"))
    status = fields.get("status", "published")
    if status not in STATUSES:
        raise LineError(
            f'must be "published" or "draft", not {_show(status)}', "status"
        )
    published_at = _time(fields, "published_at", time_zone, status == "published")
    updated_at = _time(fields, "updated_at", time_zone, False)
    if "body_html" in fields and "body_text" in fields:
        raise LineError('give "body_html" or "body_text", not both', "body_text")
    if "body_html" not in fields and "body_text" not in fields:
        raise LineError('missing; give "body_html" or "body_text"', "body_html")
    has_html = "body_html" in fields
    # An empty body is allowed: a headline-only story exports as one.
    body = _string(
        fields, "body_html" if has_html else "body_text", required=False, strip=False
    )
    return ArticleRow(
        id=_with_prefix(id_prefix, article_id),
        title=title,
        section=section,
        body_html=body if has_html else None,
        body_text=None if has_html else body,
        published_at=published_at,
        updated_at=updated_at or published_at,
        status=status,
        kicker=_string(
            fields, "kicker", required=False, max_length=_max(Article, "kicker")
        ),
        summary=_string(fields, "summary", required=False),
        tags=_names(fields, "tags", _max(Tag, "name")),
        authors=_names(fields, "authors", _max(Author, "name")),
        views=_views(fields),
    )


def _with_prefix(prefix, article_id):
    if not prefix:
        return article_id
    full = prefix + article_id
    _check_length(full, _max(Article, "external_id"), "id", "with --id-prefix, ")
    return full


def _max(model, name):
    return model._meta.get_field(name).max_length


def _string(fields, name, *, required=True, max_length=None, strip=True):
    if name not in fields:
        if required:
            raise LineError("missing; every article needs one", name)
        return ""
    value = fields[name]
    if not isinstance(value, str):
        raise LineError(f"must be a string, not {_kind(value)}", name)
    if strip:
        value = value.strip()
    if required and not value.strip():
        raise LineError("is empty", name)
    _check_length(value, max_length, name)
    return value


def _check_length(value, max_length, name, what=""):
    if max_length and len(value) > max_length:
        raise LineError(
            f"{what}{len(value)} characters long; at most {max_length} fit", name
        )


def _time(fields, name, time_zone, required):
    if name not in fields:
        if required:
            raise LineError(
                "missing; a published article needs one, e.g. "
                '"2025-05-28T11:46:00+03:00"',
                name,
            )
        return None
    value = fields[name]
    if not isinstance(value, str):
        raise LineError(
            f"must be an ISO-8601 date-time string, not {_kind(value)}", name
        )
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise LineError(f"not an ISO-8601 date-time: {_show(value)}", name) from None
    if moment.tzinfo is None:
        if time_zone is None:
            raise LineError(
                f"{_show(value)} has no UTC offset; add one (like "
                '"2025-05-28T11:46:00+03:00" or "2025-05-28T08:46:00Z") or '
                "name the zone of such times with --time-zone",
                name,
            )
        moment = moment.replace(tzinfo=time_zone)
    return moment.astimezone(dt.UTC)


def _names(fields, name, max_length):
    value = fields.get(name, [])
    if not isinstance(value, list):
        raise LineError(f"must be a list of names, not {_kind(value)}", name)
    names = {}
    for position, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise LineError(
                f"item {position} must be a string, not {_kind(item)}", name
            )
        item = item.strip()
        if not item:
            raise LineError(f"item {position} is empty", name)
        _check_length(item, max_length, name, f"item {position} is ")
        names.setdefault(item, None)  # a name given twice counts once
    return tuple(names)


def _views(fields):
    if "views" not in fields:
        return None
    value = fields["views"]
    if isinstance(value, bool) or not isinstance(value, int):
        raise LineError(f"must be a whole number, not {_kind(value)}", "views")
    if value < 0:
        raise LineError(f"must be 0 or more, not {value}", "views")
    if value > _MAX_VIEWS:
        raise LineError(f"must be at most {_MAX_VIEWS}, not {value}", "views")
    return value


def _kind(value):
    """*value*'s JSON type, as a reader of the file would call it."""
    if isinstance(value, bool):
        return f"true/false ({_show(value)})"
    if isinstance(value, int | float):
        return f"a number ({_show(value)})"
    if isinstance(value, str):
        return f"a string ({_show(value)})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _show(value, limit=60):
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _first_line_with(path, article_id, options):
    options = {**options, "on_bytes": None}
    for number, row in read_rows(path, **options):
        if row.id == article_id:
            return number
    return "?"  # the file changed while it was read
