"""Bring a WordPress site's images into Wagtail's library from a copy of
its uploads folder, or from the live site.

Posts name their images by attachment id (``wp-image-12``, a block's
``id``, ``_thumbnail_id``) or by address, often of a resized copy
(``…/2024/03/rain-300x200.jpg``). :class:`Attachments` (filled by the
first pass over the export) finds the attachment either way;
:class:`MediaLibrary` makes a Wagtail image of the attachment's original
file under ``--media-dir``, else fetched from ``--media-base`` into a cache
(:mod:`.remote`), once per file (the same bytes already in the library are
reused, so a re-run adds nothing). A file that is missing, cannot be
fetched, is not an image, or is too big is reported and its image left
out: never a crash, and never a file from outside the folder.
"""

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from khabar.importers.wordpress.remote import FetchError

#: What Wagtail's image library takes (WAGTAILIMAGES_EXTENSIONS).
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
_SIZE_SUFFIX = re.compile(r"-(\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")
#: Where WordPress keeps uploaded files, in every address of one.
UPLOADS = "/wp-content/uploads/"
_IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


@dataclass(frozen=True, slots=True)
class Attachment:
    """What the import needs of one attachment item."""

    id: int
    file: str  # relative to the uploads folder, decoded
    parent: int = 0
    menu_order: int = 0
    title: str = ""
    alt: str = ""
    caption: str = ""

    @property
    def is_image(self):
        return PurePosixPath(self.file).suffix.lower() in _IMAGE_EXTENSIONS


def upload_path(url):
    """The path of an uploaded file relative to the uploads folder, decoded,
    from its address; "" when the address is not under one.

    >>> upload_path("http://example.test/wp-content/uploads/2024/03/a%20b.jpg")
    '2024/03/a b.jpg'
    """
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return ""
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    return path.lstrip("/")


def original_of(path):
    """*path* without WordPress's size suffix (``-300x200``, ``-scaled``)."""
    return _SIZE_SUFFIX.sub("", path)


class Attachments:
    """The attachments of an export, found by id or by address."""

    def __init__(self):
        self.by_id = {}
        self._by_file = {}  # the last 1-3 path segments → id
        self._children = {}

    def __len__(self):
        return len(self.by_id)

    def add(self, attachment):
        self.by_id[attachment.id] = attachment
        parts = PurePosixPath(attachment.file).parts
        for count in range(1, min(3, len(parts)) + 1):
            key = "/".join(parts[-count:])
            self._by_file.setdefault(key, attachment.id)
        if attachment.parent:
            self._children.setdefault(attachment.parent, []).append(attachment.id)

    def find(self, attachment_id=None, url=""):
        """The attachment with *attachment_id*, else the one whose file (or
        a size of it) *url* points at, else None."""
        if attachment_id is not None and attachment_id in self.by_id:
            return self.by_id[attachment_id]
        if not url:
            return None
        path = upload_path(url)
        for candidate in (path, original_of(path)):
            parts = PurePosixPath(candidate).parts
            # The longest tail that names a known file: "2024/03/a.jpg"
            # before "a.jpg", which two months may share.
            for count in range(min(3, len(parts)), 0, -1):
                found = self._by_file.get("/".join(parts[-count:]))
                if found is not None:
                    return self.by_id[found]
        return None

    @property
    def parents(self):
        """The ids of the posts that have attachments."""
        return self._children.keys()

    def children(self, post_id, exclude=()):
        """The image attachments of a post, as ``[gallery]`` shows them:
        by menu order, then id."""
        found = [
            self.by_id[i]
            for i in self._children.get(post_id, ())
            if i not in exclude and self.by_id[i].is_image
        ]
        return sorted(found, key=lambda a: (a.menu_order, a.id))


class MediaLibrary:
    """Wagtail images for attachments, made on first use from *media_dir*,
    then from *remote* (a :class:`~.remote.RemoteUploads`).

    ``imported``, ``reused`` and ``missing`` count what happened;
    ``problems`` maps a reason to the files it applies to; ``fetched``,
    ``from_cache`` and ``fetch_failed`` count the files sought from
    *remote*.
    """

    def __init__(self, media_dir, remote=None):
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.remote = remote
        self._images = {}  # file → image pk, or None when it failed
        self.imported = 0
        self.reused = 0
        self.problems = {}
        self.fetched = 0
        self.from_cache = 0
        self.fetch_failed = 0

    @property
    def has_source(self):
        """Whether there is anywhere to read images from."""
        return self.media_dir is not None or self.remote is not None

    def images(self):
        """``{uploads-relative file: image pk}`` of the images it made or
        found so far."""
        return {file: pk for file, pk in self._images.items() if pk is not None}

    @property
    def missing(self):
        return sum(len(files) for files in self.problems.values())

    def image_for(self, file, title=""):
        """The pk of the Wagtail image of uploads-relative *file*, or None
        (the reason recorded in ``problems``)."""
        if file not in self._images:
            self._images[file] = self._make(file, title)
        return self._images[file]

    def _problem(self, reason, file):
        self.problems.setdefault(reason, []).append(file)

    def _locate(self, file):
        """``(path, under --media-dir)`` of *file*: under --media-dir, else
        in the cache of --media-base (fetched if need be); ``(None, _)``
        with the reason recorded."""
        if self.media_dir is None and self.remote is None:
            self._problem("no --media-dir or --media-base given", file)
            return None, False
        if self.media_dir is not None:
            path = (self.media_dir / file).resolve()
            if not path.is_relative_to(self.media_dir):
                self._problem("outside --media-dir, not read", file)
                return None, True
            if path.is_file():
                return path, True
            if self.remote is None:
                self._problem("file not found under --media-dir", file)
                return None, True
        path = self.remote.cached(file)
        if path is not None:
            self.from_cache += 1
            return path, False
        try:
            path = self.remote.fetch(file)
        except FetchError as error:
            self.fetch_failed += 1
            self._problem(str(error), file)
            return None, False
        self.fetched += 1
        return path, False

    def _make(self, file, title):
        path, in_dir = self._locate(file)
        if path is None:
            return None
        checked = _read_image(path)
        if isinstance(checked, str):
            self._problem(checked, file)
            if not in_dir:
                # The cache keeps only what the library could take, so a
                # file fixed on the old site is fetched again next time.
                self.remote.forget(file)
            return None
        data, width, height, extension = checked
        digest = hashlib.sha1(data).hexdigest()  # Wagtail's file_hash
        Image = get_image_model()
        known = Image.objects.filter(file_hash=digest).order_by("pk").first()
        if known is not None:
            self.reused += 1
            return known.pk
        field = Image._meta.get_field("file")
        name = PurePosixPath(file).name
        if PurePosixPath(name).suffix.lower() not in _IMAGE_EXTENSIONS:
            name = f"{name}.{extension}"
        stored = field.storage.save(
            field.generate_filename(Image(), name), ContentFile(data)
        )
        image = Image.objects.create(
            title=(title or PurePosixPath(file).stem)[:255],
            file=stored,
            width=width,
            height=height,
            file_size=len(data),
            file_hash=digest,
        )
        self.imported += 1
        return image.pk


def _read_image(path):
    """``(data, width, height, extension)`` of the image file at *path*,
    or the reason the library cannot take it."""
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if limit and path.stat().st_size > limit:
        return f"larger than {limit // (1024 * 1024)} MB"
    data = path.read_bytes()
    checked = _check_image(data)
    if isinstance(checked, str):
        return checked
    return data, *checked


def _check_image(data):
    """``(width, height, extension)`` of an image Wagtail can take, or the
    reason it cannot."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            kind = picture.format
            width, height = picture.size
            picture.verify()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "too many pixels"
    except Exception:  # Pillow raises many kinds for a bad file
        return "not a readable image"
    if kind not in IMAGE_FORMATS:
        return f"{kind} images are not taken by the image library"
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if limit and width * height > limit:
        return f"more than {limit / 1_000_000:g} megapixels"
    return width, height, IMAGE_FORMATS[kind]
