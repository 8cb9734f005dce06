"""Bench: stream a large WXR through Khabar's reader, against lxml, in one run.

Generates a WXR 1.2 file of N items (default 100,000) with Arabic bodies
of about 2 KB, then reads it three ways, each in its own child process so
that each peak RSS is its own:

- ``reader``: ``read_wxr`` (typed records, every field parsed, each
  ``<item>`` cleared after use);
- ``recover``: ``read_wxr(recover=True)`` (items cut apart and parsed one
  by one);
- ``baseline``: lxml's ``iterparse`` of the same file without clearing,
  which is what a reader that forgets to clear costs (``--baseline
  parse`` uses ``etree.parse`` of the whole file instead).

Prints items/s and peak RSS of each and the ratios to the baseline. The
target (issue 16) is a peak RSS of 64 MB or less at 100,000 items.

    .venv/bin/python bench/wxr_read.py [--count N] [--baseline iterparse|parse]
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "الحكومة وزير الاقتصاد مجلس النواب الانتخابات البلدية دمشق بيروت عمان "
    "القاهرة الرياض المدينة الشعب الرئيس قرار جديد اجتماع مؤتمر صحفي الأسعار "
    "السوق النفط الطاقة المياه الكهرباء المدارس الجامعة الطلاب المستشفى الصحة "
    "الطقس الأمطار المنتخب المباراة الدوري الفريق الثقافة المعرض الكتاب "
    "قال أعلن أكد أشار أضاف بحسب مصادر مطلعة في على من إلى عن مع بعد قبل"
).split()
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>خبر</title>
	<link>http://example.test</link>
	<language>ar</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>http://example.test</wp:base_site_url>
	<wp:base_blog_url>http://example.test</wp:base_blog_url>
"""
ITEM = """	<item>
		<title><![CDATA[{title}]]></title>
		<link>http://example.test/{slug}/</link>
		<pubDate>Sun, 03 Mar 2024 07:15:00 +0000</pubDate>
		<dc:creator><![CDATA[khaled]]></dc:creator>
		<guid isPermaLink="false">http://example.test/?p={n}</guid>
		<description></description>
		<content:encoded><![CDATA[{body}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{n}</wp:post_id>
		<wp:post_date><![CDATA[2024-03-03 10:15:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2024-03-03 07:15:00]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[2024-03-03 10:15:00]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[2024-03-03 07:15:00]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[closed]]></wp:ping_status>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="{category}"><![CDATA[اقتصاد]]></category>
		<wp:postmeta>
		<wp:meta_key><![CDATA[tie_views]]></wp:meta_key>
		<wp:meta_value><![CDATA[{views}]]></wp:meta_value>
		</wp:postmeta>
		<wp:comment>
			<wp:comment_id>{n}</wp:comment_id>
			<wp:comment_author><![CDATA[قارئ]]></wp:comment_author>
			<wp:comment_date_gmt><![CDATA[2024-03-03 09:40:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[تعليق]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
		</wp:comment>
	</item>
"""
# Each child prints "<items> <seconds> <peak RSS KiB>".
READER = """
import resource, sys, time
from khabar.importers.wordpress.wxr import Item, read_wxr
start = time.perf_counter()
count = sum(1 for r in read_wxr(sys.argv[1], recover=sys.argv[2] == "1")
            if isinstance(r, Item))
print(count, time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
BASELINE_ITERPARSE = """
import resource, sys, time
from lxml import etree
start = time.perf_counter()
count = sum(1 for _, e in etree.iterparse(sys.argv[1], tag="item"))
print(count, time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
BASELINE_PARSE = """
import resource, sys, time
from lxml import etree
start = time.perf_counter()
count = len(etree.parse(sys.argv[1]).findall("channel/item"))
print(count, time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def say(text):
    sys.stdout.write(text + "\n")


def write_wxr(path, count, seed):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, count + 1):
            paragraphs = []
            size = 0
            while size < 2000:  # about 2 KB of UTF-8 per body
                text = " ".join(rng.choices(WORDS, k=24))
                paragraphs.append(f"<p>{text}.</p>")
                size += len(paragraphs[-1].encode())
            out.write(
                ITEM.format(
                    n=n,
                    title=" ".join(rng.choices(WORDS, k=7)),
                    slug=f"%d8%ae%d8%a8%d8%b1-{n}",
                    body="\n\n".join(paragraphs),
                    views=rng.randrange(100_000),
                    category="%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af",
                )
            )
        out.write("</channel>\n</rss>\n")


def run(code, *args):
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    count, seconds, peak_kib = result.stdout.split()
    return int(count), float(seconds), int(peak_kib) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--baseline", choices=["iterparse", "parse"], default="iterparse"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "export.xml")
        started = time.perf_counter()
        write_wxr(path, options.count, options.seed)
        size_mb = path.stat().st_size / 1e6
        say(
            f"{options.count} items, {size_mb:.0f} MB, written in "
            f"{time.perf_counter() - started:.1f} s"
        )
        baseline_code = (
            BASELINE_PARSE if options.baseline == "parse" else BASELINE_ITERPARSE
        )
        runs = {
            "reader": run(READER, path, 0),
            "recover": run(READER, path, 1),
            f"baseline ({options.baseline}, no clearing)": run(baseline_code, path),
        }
    base_count, base_seconds, base_peak = runs[next(reversed(runs))]
    for name, (count, seconds, peak) in runs.items():
        assert count == options.count, (name, count)
        say(
            f"{name:32} {count / seconds:9.0f} items/s  {peak:7.1f} MB peak RSS  "
            f"speed ×{base_seconds / seconds:.2f}  memory ×{peak / base_peak:.2f}"
        )
    peak = runs["reader"][2]
    verdict = "within" if peak <= 64 else "OVER"
    say(f"reader peak {peak:.1f} MB: {verdict} the 64 MB target")
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"(this generator process: {self_peak:.1f} MB)")


if __name__ == "__main__":
    main()
