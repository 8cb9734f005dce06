"""The demo paper's pictures: editorial illustrations drawn with Pillow.

Nothing is downloaded. Each section has ``PER_SECTION`` drawings (one
module a section); each is drawn from the seed, so the same seed gives the
same pixels. Drawing all of them takes a few seconds, so the JPEGs are kept
in a cache directory, keyed by the drawing code, Pillow's version and the
seed: a later ``khabar demo`` reads them back.

A section's module runs past 400 lines (politics: 620): it holds eight
pictures, each a long run of shapes with its own coordinates and colours,
and the eight share their section's palette. Splitting one into files
would part a picture's steps or its palette without making any of it
easier to read; the drawing primitives they share are in ``canvas``.
"""

import hashlib
import io
import os
import random
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import PIL

from khabar.demo.illustrations import (
    culture,
    economy,
    politics,
    science,
    sport,
    variety,
)
from khabar.demo.illustrations.canvas import HEIGHT, WIDTH

#: The drawings of each section, in the order its articles cycle through.
BY_SECTION = {
    "politics": politics.ILLUSTRATIONS,
    "economy": economy.ILLUSTRATIONS,
    "sport": sport.ILLUSTRATIONS,
    "culture": culture.ILLUSTRATIONS,
    "science": science.ILLUSTRATIONS,
    "variety": variety.ILLUSTRATIONS,
}
PER_SECTION = 8
SIZE = (WIDTH, HEIGHT)
JPEG_QUALITY = 82
#: Demo content is Arabic data, like the corpus: not translated.
CREDIT = "رسم: خبر"
CAPTION = "رسم توضيحي: {}"
#: Under VAR_DIR.
CACHE_DIR = "demo-illustrations"


@dataclass(frozen=True)
class Picture:
    """One finished illustration, ready for the image library."""

    section: str
    index: int
    #: What it shows, in Arabic: the alt text and the caption's words.
    description: str
    #: The JPEG file.
    data: bytes

    width, height = SIZE

    @property
    def caption(self):
        return CAPTION.format(self.description)

    @property
    def credit(self):
        return CREDIT

    @property
    def filename(self):
        return f"khabar-demo-{self.section}-{self.index + 1}.jpg"

    @cached_property
    def sha1(self):
        """As Wagtail's ``file_hash``, which finds the picture again."""
        return hashlib.sha1(self.data).hexdigest()


def draw(section, index, seed):
    """The *index*-th illustration of *section* as a Pillow image."""
    try:
        drawing, _ = BY_SECTION[section][index]
    except (KeyError, IndexError):
        raise ValueError(
            f"No illustration {index} for section {section!r}: sections are "
            f"{', '.join(BY_SECTION)}, indexes 0 to {PER_SECTION - 1}."
        ) from None
    image = drawing(random.Random(f"{seed}:{section}:{index}"))
    if image.size != SIZE or image.mode != "RGB":
        raise RuntimeError(f"{drawing.__name__} drew {image.mode} {image.size}.")
    return image


def encode(image):
    """*image* as the bytes of a JPEG file."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def pictures(seed, cache_dir=None):
    """Every illustration for *seed*: {section slug: [Picture, ...]}.

    Drawn in threads (Pillow lets go of the GIL while it resizes, blurs
    and encodes), or read from *cache_dir* if an earlier run drew them.
    """
    jobs = [(section, index) for section in BY_SECTION for index in range(PER_SECTION)]
    folder = Path(cache_dir) / cache_key(seed) if cache_dir else None
    files = {}
    if folder and folder.is_dir():
        for section, index in jobs:
            path = folder / _cached_name(section, index)
            if path.is_file():
                files[section, index] = path.read_bytes()
    missing = [job for job in jobs if job not in files]
    if missing:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            drawn = pool.map(lambda job: encode(draw(*job, seed)), missing)
            files.update(zip(missing, drawn, strict=True))
        if folder:
            _keep(folder, {job: files[job] for job in missing})
    return {
        section: [
            Picture(
                section, index, BY_SECTION[section][index][1], files[section, index]
            )
            for index in range(PER_SECTION)
        ]
        for section in BY_SECTION
    }


def cache_key(seed):
    """Changes whenever a drawing, Pillow or the seed does."""
    digest = hashlib.sha1(f"{seed}:{PIL.__version__}:{JPEG_QUALITY}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cached_name(section, index):
    return f"{section}-{index + 1}.jpg"


def _keep(folder, files):
    """Write *files* into *folder* and drop the other keys' folders."""
    for stale in folder.parent.glob("*"):
        if stale != folder and stale.is_dir() and len(stale.name) == 16:
            shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    for (section, index), data in files.items():
        path = folder / _cached_name(section, index)
        # Written whole, then renamed: a stopped run leaves no half file.
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)
