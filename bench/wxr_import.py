"""Bench: the peak memory of a whole `khabar import-wxr`, in one run.

Generates a WordPress export like a news site's: N posts and pages
(default 100,000) with Arabic titles and bodies of news length (classic
and Gutenberg), 60 authors, 40 categories (some nested), 800 tags,
Yoast's primary category and Jannah's views and subtitle in the meta,
comments on one post in five, and 40 image attachments whose files are
in a generated uploads folder (featured on one post in four, in the body
of one in ten). Then each step runs as its own `khabar` process on a
fresh database, and its peak RSS is read from the kernel (``wait4``):

- ``django``: ``khabar shell -c pass``, Django and every app loaded,
  nothing imported: what the framework itself costs;
- ``import N/10``: the import of the first tenth of the posts;
- ``import N``: the import of all of them;
- ``again N``: the same file again (every article an update).

The two imports show whether memory grows with the number of items; the
target (issue 16) is a peak of 64 MB or less above Django's at 100,000
items. Speed depends on the machine's load; memory does not.

    .venv/bin/python bench/wxr_import.py [--items N] [--database-url URL]

With ``--database-url postgres://…/NAME`` the database NAME is dropped and
made again before each import (it must be a database you can lose).
"""

import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_jsonl import WORDS  # noqa: E402
from bench.wxr_read import HEAD  # noqa: E402

NAMES = (
    "سميرة خالد نورة عمر يوسف ليلى أحمد مريم حسن فاطمة سامي رنا طارق هدى كريم سلمى"
).split()
FAMILIES = "الحداد العمري السبيعي فاروق الخطيب النجار الشامي المصري".split()
USERS, CATEGORIES, TAGS, IMAGES = 60, 40, 800, 40
FIRST_POST_ID = 1000  # attachments take the ids below
AUTHOR = (
    "\t<wp:author><wp:author_id>{n}</wp:author_id>"
    "<wp:author_login><![CDATA[user{n}]]></wp:author_login>"
    "<wp:author_email><![CDATA[user{n}@example.test]]></wp:author_email>"
    "<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name>"
    "</wp:author>\n"
)
CATEGORY = """	<wp:category>
		<wp:term_id>{id}</wp:term_id>
		<wp:category_nicename><![CDATA[{slug}]]></wp:category_nicename>
		<wp:category_parent><![CDATA[{parent}]]></wp:category_parent>
		<wp:cat_name><![CDATA[{name}]]></wp:cat_name>
	</wp:category>
"""
TAG = (
    "\t<wp:tag><wp:term_id>{id}</wp:term_id>"
    "<wp:tag_slug><![CDATA[{slug}]]></wp:tag_slug>"
    "<wp:tag_name><![CDATA[{name}]]></wp:tag_name></wp:tag>\n"
)
ITEM = """	<item>
		<title><![CDATA[{title}]]></title>
		<link>http://example.test/{slug}/</link>
		<pubDate>{pubdate}</pubDate>
		<dc:creator><![CDATA[{login}]]></dc:creator>
		<guid isPermaLink="false">http://example.test/?p={id}</guid>
		<description></description>
		<content:encoded><![CDATA[{body}]]></content:encoded>
		<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
		<wp:post_id>{id}</wp:post_id>
		<wp:post_date><![CDATA[{date}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[{date}]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[{date}]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[closed]]></wp:ping_status>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[{status}]]></wp:status>
		<wp:post_parent>{parent}</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[{type}]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
{extra}	</item>
"""
TERM = (
    '\t\t<category domain="{domain}" nicename="{slug}"><![CDATA[{name}]]></category>\n'
)
META = (
    "\t\t<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
    "<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>\n"
)
COMMENT = """		<wp:comment>
			<wp:comment_id>{id}</wp:comment_id>
			<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader{id}@example.test]]></wp:comment_author_email>
			<wp:comment_author_IP><![CDATA[192.0.2.{ip}]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[{date}]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""
# The fields of a WordPress post's status, one in a hundred of each
# but the first.
STATUSES = ["publish"] * 95 + ["draft"] * 3 + ["private", "pending"]
SHELL_CODE = "pass"


def say(text=""):
    sys.stdout.write(text + "\n")


class Words(random.Random):
    """Random text as a newspaper writes it: a few words very often, most
    rarely.

    WORDS and made-up forms (root letters with the prefixes and suffixes
    Arabic writes onto words), drawn by Zipf's law, so that the distinct
    forms grow with the archive as in real text: what every per-word
    cache of the import (the search analyser's) meets.
    """

    LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    PREFIXES = ["", "", "", "ال", "وال", "بال", "و", "ف", "ل", "لل", "ب"]
    SUFFIXES = ["", "", "", "ة", "ات", "ون", "ين", "ها", "هم", "ي", "ان"]

    def __init__(self, seed, size):
        super().__init__(seed)
        forms = dict.fromkeys(WORDS)
        while len(forms) < size:
            root = "".join(self.choices(self.LETTERS, k=self.randint(3, 5)))
            forms[self.choice(self.PREFIXES) + root + self.choice(self.SUFFIXES)] = 1
        self.forms = list(forms)
        total, self.weights = 0.0, []
        for rank in range(1, len(self.forms) + 1):
            total += 1 / rank
            self.weights.append(total)

    def words(self, low, high):
        count = self.randint(low, high)
        return " ".join(self.choices(self.forms, cum_weights=self.weights, k=count))


def slug_of(n, stem="خبر"):
    """A percent-encoded Arabic slug, lower-case escapes as WordPress."""
    encoded = "".join(f"%{b:02x}" for b in stem.encode())
    return f"{encoded}-{n}"


def write_images(uploads, rng):
    """IMAGES small JPEGs under uploads/2024/03; their relative paths."""
    folder = uploads / "2024" / "03"
    folder.mkdir(parents=True)
    files = []
    for n in range(1, IMAGES + 1):
        colour = tuple(rng.randrange(256) for _ in range(3))
        buffer = io.BytesIO()
        Image.new("RGB", (640, 400), colour).save(buffer, "JPEG", quality=70)
        (folder / f"photo-{n}.jpg").write_bytes(buffer.getvalue())
        files.append(f"2024/03/photo-{n}.jpg")
    return files


def classic_body(rng, image):
    parts = []
    for p in range(rng.randint(4, 12)):
        if p == 2 and rng.random() < 0.3:
            parts.append(f"<h2>{rng.words(3, 7)}</h2>")
        if p == 3 and rng.random() < 0.2:
            parts.append(f"<blockquote>{rng.words(10, 25)}</blockquote>")
        parts.append(rng.words(20, 60) + ".")
        if p == 1 and image:
            n, file = image
            parts.append(
                f'[caption id="attachment_{n}" align="aligncenter" width="300"]'
                f'<img class="size-medium wp-image-{n}" '
                f'src="http://example.test/wp-content/uploads/'
                f'{file[:-4]}-300x200.jpg" width="300" height="200" />'
                f" {rng.words(3, 8)}[/caption]"
            )
    return "\n\n".join(parts)  # wpautop makes the paragraphs


def block_body(rng, image):
    parts = []
    for p in range(rng.randint(4, 12)):
        if p == 2 and rng.random() < 0.3:
            parts.append(
                f'<!-- wp:heading -->\n<h2 class="wp-block-heading">'
                f"{rng.words(3, 7)}</h2>\n<!-- /wp:heading -->"
            )
        parts.append(
            f"<!-- wp:paragraph -->\n<p>{rng.words(20, 60)}.</p>\n"
            "<!-- /wp:paragraph -->"
        )
        if p == 1 and image:
            n, file = image
            parts.append(
                f'<!-- wp:image {{"id":{n},"sizeSlug":"large"}} -->\n'
                f'<figure class="wp-block-image size-large"><img src="'
                f'http://example.test/wp-content/uploads/{file}" alt="" '
                f'class="wp-image-{n}"/><figcaption>{rng.words(3, 8)}'
                "</figcaption></figure>\n<!-- /wp:image -->"
            )
    return "\n\n".join(parts)


def write_wxr(path, uploads, count, seed, vocabulary):
    """An export of *count* posts and pages (and the attachments) at
    *path*, their images under *uploads*."""
    rng = Words(seed, vocabulary)
    images = write_images(uploads, rng)
    categories = []  # (term id, slug)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, USERS + 1):
            name = f"{rng.choice(NAMES)} {rng.choice(FAMILIES)}"
            out.write(AUTHOR.format(n=n, name=name))
        for n in range(1, CATEGORIES + 1):
            parent = categories[rng.randrange(10)][1] if n > 10 else ""
            slug = slug_of(n, "قسم")
            categories.append((n, slug))
            name = f"{rng.choice(WORDS)} {n}"
            out.write(CATEGORY.format(id=n, slug=slug, parent=parent, name=name))
        for n in range(1, TAGS + 1):
            out.write(TAG.format(id=100 + n, slug=slug_of(n, "وسم"), name=f"وسم {n}"))
        for n, file in enumerate(images, start=1):
            extra = META.format(key="_wp_attached_file", value=file)
            extra += META.format(key="_wp_attachment_image_alt", value=rng.words(2, 5))
            extra += (
                "\t\t<wp:attachment_url><![CDATA[http://example.test/wp-content/"
                f"uploads/{file}]]></wp:attachment_url>\n"
            )
            out.write(item(rng, n, "attachment", "inherit", "", "", extra))
        comment_id = 0
        for n in range(FIRST_POST_ID, FIRST_POST_ID + count):
            kind = "page" if rng.random() < 0.005 else "post"
            image = None
            if rng.random() < 0.1:
                k = rng.randrange(len(images))
                image = (k + 1, images[k])
            if rng.random() < 0.3:
                body = block_body(rng, image)
            else:
                body = classic_body(rng, image)
            extra = ""
            if kind == "post":
                picked = rng.sample(categories, rng.choice([1, 1, 1, 2, 3]))
                for term_id, slug in picked:
                    extra += TERM.format(
                        domain="category", slug=slug, name=f"قسم {term_id}"
                    )
                for t in rng.sample(range(1, TAGS + 1), rng.randint(0, 5)):
                    extra += TERM.format(
                        domain="post_tag", slug=slug_of(t, "وسم"), name=f"وسم {t}"
                    )
                if len(picked) > 1:
                    extra += META.format(
                        key="_yoast_wpseo_primary_category", value=picked[-1][0]
                    )
                extra += META.format(key="tie_views", value=rng.randrange(200_000))
                if rng.random() < 0.3:
                    extra += META.format(
                        key="tie_post_sub_title", value=rng.words(2, 5)
                    )
                if rng.random() < 0.25:
                    extra += META.format(
                        key="_thumbnail_id", value=rng.randrange(len(images)) + 1
                    )
                extra += META.format(key="_edit_last", value="1")
                if rng.random() < 0.2:
                    for _ in range(rng.randint(1, 5)):
                        comment_id += 1
                        extra += COMMENT.format(
                            id=comment_id,
                            author=rng.choice(NAMES),
                            ip=comment_id % 250,
                            date="2024-03-04 08:00:00",
                            text=rng.words(5, 40),
                            approved=rng.choice("1111110"),
                        )
            status = rng.choice(STATUSES)
            excerpt = rng.words(12, 25) if rng.random() < 0.3 else ""
            out.write(item(rng, n, kind, status, body, excerpt, extra))
        out.write("</channel>\n</rss>\n")
    return count + len(images)


def item(rng, n, kind, status, body, excerpt, extra):
    day = 1 + n % 28
    return ITEM.format(
        id=n,
        title=rng.words(6, 14),
        slug=slug_of(n),
        pubdate=f"Sun, {day:02d} Mar 2024 07:15:00 +0000",
        login=f"user{rng.randint(1, USERS)}",
        body=body,
        excerpt=excerpt,
        date=f"2024-03-{day:02d} 07:15:00",
        status=status,
        parent=0,
        type=kind,
        extra=extra,
    )


def cut(source, target, count):
    """Copy the head and the first *count* posts of *source* to *target*."""
    closing = "</channel>\n</rss>\n"
    last_id = FIRST_POST_ID + count - 1
    with open(source, encoding="utf-8") as lines, open(target, "w") as out:
        for line in lines:
            out.write(line)
            if line.startswith(f"\t\t<wp:post_id>{last_id}<"):
                break
        for line in lines:
            out.write(line)
            if line == "\t</item>\n":
                break
        out.write(closing)


def khabar(env, *args):
    """Run ``khabar ARGS``; return (its output, its peak RSS in MB, wall s)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "khabar", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = child.stdout.read()
    # wait4 gives this child's own resource usage, not the running maximum
    # over every child that RUSAGE_CHILDREN would.
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode:
        sys.exit(f"khabar {' '.join(args)} failed:\n{output}")
    return output, usage.ru_maxrss / 1024, elapsed


def fresh_database(env, folder, name, database_url):
    """A new empty, migrated database; the environment to reach it."""
    env = {**env, "KHABAR_VAR_DIR": str(folder / name)}
    if database_url:
        import psycopg

        parts = urlsplit(database_url)
        database = parts.path.lstrip("/")
        server = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
            connection.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = database_url
    khabar(env, "migrate", "--no-input", "--verbosity", "0")
    return env


def own_time(output):
    """The seconds the import reports itself ("… in 8.3 s.")."""
    found = re.search(r"articles \(.*\) in ([0-9.]+) s", output)
    return float(found.group(1)) if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--vocabulary",
        type=int,
        default=400_000,
        help="distinct word forms to draw from (default 400,000)",
    )
    parser.add_argument(
        "--no-again", action="store_true", help="skip importing the file again"
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="a PostgreSQL database to drop and make again for each import "
        "(default: a fresh SQLite file in a temporary folder)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="print the folder and leave it"
    )
    options = parser.parse_args()
    large, small = options.items, max(1, options.items // 10)

    folder = Path(tempfile.mkdtemp(prefix="khabar-wxr-bench-"))
    big_file, small_file = folder / "export.xml", folder / "export-small.xml"
    uploads = folder / "uploads"
    started = time.perf_counter()
    write_wxr(big_file, uploads, large, options.seed, options.vocabulary)
    cut(big_file, small_file, small)
    say(
        f"{large} posts and pages + {IMAGES} attachments, "
        f"{big_file.stat().st_size / 1e6:.0f} MB "
        f"({small_file.stat().st_size / 1e6:.0f} MB for {small}), written in "
        f"{time.perf_counter() - started:.0f} s"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)  # the embedded configuration
    env.update(KHABAR_SCHEDULER="0", PYTHONPATH=str(ROOT))
    url = options.database_url
    backend = "PostgreSQL" if url else "SQLite"

    runs = {}
    base_env = fresh_database(env, folder, "var-django", url)
    runs["django (khabar shell -c pass)"] = khabar(base_env, "shell", "-c", SHELL_CODE)
    for name, path, count in (("small", small_file, small), ("large", big_file, large)):
        db_env = fresh_database(env, folder, f"var-{name}", url)
        media = ("--media-dir", str(uploads))
        runs[f"import {count}"] = khabar(db_env, "import-wxr", str(path), *media)
        if name == "large" and not options.no_again:
            again = khabar(db_env, "import-wxr", str(path), *media)
            runs[f"again {count} (all updates)"] = again

    base = runs["django (khabar shell -c pass)"][1]
    say(f"{backend}; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    say()
    say(f"{'':32} {'peak RSS':>9} {'above Django':>13} {'× Django':>9} {'items/s':>8}")
    for label, (output, peak, _wall) in runs.items():
        seconds = own_time(output)
        count = int(label.split()[1]) if label.startswith(("import", "again")) else 0
        rate = f"{count / seconds:8.0f}" if seconds else f"{'':8}"
        say(
            f"{label:32} {peak:7.1f} MB {peak - base:10.1f} MB "
            f"{peak / base:9.2f} {rate}"
        )
    small_peak = runs[f"import {small}"][1]
    large_peak = runs[f"import {large}"][1]
    say()
    say(
        f"growth from {small} to {large} items: {large_peak - small_peak:+.1f} MB "
        f"(×{large_peak / small_peak:.2f})"
    )
    above = max(peak for _, peak, _ in runs.values()) - base
    verdict = "within" if above <= 64 else "OVER"
    say(
        f"largest import peak {above:.1f} MB above Django's: {verdict} the 64 MB target"
    )
    for line in runs[f"import {large}"][0].splitlines()[:3]:
        say(f"  {line}")
    if options.keep:
        say(f"kept: {folder}")
    else:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
