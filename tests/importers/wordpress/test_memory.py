"""The WXR reader's memory stays flat however many items a file has."""

import subprocess
import sys
import tracemalloc

from khabar.importers.wordpress.wxr import Item, read_wxr
from tests.importers.wordpress.files import ROOT, WXR_HEAD

ITEMS = 20_000
BODY = "<p>" + "أعلنت الحكومة اليوم عن خطة جديدة لدعم المشاريع الصغيرة. " * 8 + "</p>"
ITEM = (
    "<item><title><![CDATA[خبر رقم {n}]]></title>"
    "<dc:creator><![CDATA[admin]]></dc:creator>"
    "<content:encoded><![CDATA[{body}]]></content:encoded>"
    "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
    "<wp:post_id>{n}</wp:post_id>"
    "<wp:post_date><![CDATA[2024-03-03 10:15:00]]></wp:post_date>"
    "<wp:post_date_gmt><![CDATA[2024-03-03 07:15:00]]></wp:post_date_gmt>"
    "<wp:post_name><![CDATA[%d8%ae%d8%a8%d8%b1-{n}]]></wp:post_name>"
    "<wp:status><![CDATA[publish]]></wp:status>"
    "<wp:post_type><![CDATA[post]]></wp:post_type>"
    '<category domain="category" nicename="news"><![CDATA[أخبار]]></category>'
    "<wp:postmeta><wp:meta_key><![CDATA[tie_views]]></wp:meta_key>"
    "<wp:meta_value><![CDATA[{n}]]></wp:meta_value></wp:postmeta>"
    "</item>\n"
)
# Streams the file in a child process and prints the growth of its peak
# RSS (KiB) between the first tenth of the items and the end: what
# libxml2 allocates is invisible to tracemalloc.
_RSS_CHILD = """
import resource, sys
from khabar.importers.wordpress.wxr import read_wxr
seen, early = 0, None
for record in read_wxr(sys.argv[1]):
    seen += 1
    if seen == int(sys.argv[2]):
        early = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - early)
"""


def write_wxr(path, count):
    with open(path, "w", encoding="utf-8") as out:
        out.write(WXR_HEAD)
        for n in range(1, count + 1):
            out.write(ITEM.format(n=n, body=BODY))
        out.write("</channel>\n</rss>\n")


def peak_python_memory(path, recover=False):
    tracemalloc.start()
    try:
        count = sum(1 for r in read_wxr(path, recover=recover) if isinstance(r, Item))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_python_memory_does_not_grow_with_the_items(tmp_path):
    # tracemalloc slows every allocation down: fewer items than below.
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_wxr(small, ITEMS // 20)
    write_wxr(large, ITEMS // 4)

    count_small, peak_small = peak_python_memory(small)
    count_large, peak_large = peak_python_memory(large)

    assert (count_small, count_large) == (ITEMS // 20, ITEMS // 4)
    # Five times the items, the same peak give or take 256 KiB (caches).
    assert peak_large - peak_small < 256 * 1024, (peak_small, peak_large)


def test_process_memory_stays_flat_while_streaming(tmp_path):
    path = tmp_path / "large.xml"
    write_wxr(path, ITEMS)

    child = subprocess.run(
        [sys.executable, "-c", _RSS_CHILD, str(path), str(ITEMS // 10)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )

    growth_kib = int(child.stdout)
    # The file is ~30 MB; a tree kept whole would grow by far more.
    assert path.stat().st_size > 25_000_000
    assert growth_kib < 8 * 1024, growth_kib


def test_recover_mode_streams_too(tmp_path):
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    # Both files are larger than the 1 MiB blocks the splitter reads.
    write_wxr(small, 1_000)
    write_wxr(large, 3_000)

    _, peak_small = peak_python_memory(small, recover=True)
    count, peak_large = peak_python_memory(large, recover=True)

    assert count == 3_000
    assert peak_large - peak_small < 256 * 1024, (peak_small, peak_large)
