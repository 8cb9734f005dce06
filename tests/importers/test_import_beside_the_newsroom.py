"""An editor publishes while a 20,000-article import runs (#14).

On SQLite one writer holds the database at a time. The import commits
batch by batch, so an editor's publish waits for the batch in progress (a
second or so) and goes through, where one transaction for the whole file
locked the newsroom out for the length of the import. Real processes, on
a temporary SQLite site: `khabar import-jsonl` and, while it writes, a
publish through Wagtail's revisions in a second `khabar` process.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tests.sites import migrated_database
from tests.waiting import wait_until

ARTICLES = 20_000


def _archive(path):
    with open(path, "w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            row = {
                "id": f"a{n}",
                "title": f"خبر مستورد رقم {n}",
                "section": ("سياسة", "اقتصاد", "رياضة")[n % 3],
                "published_at": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00Z",
                "body_text": "فقرة أولى من الخبر المستورد.\n\nفقرة ثانية.",
                "tags": [f"وسم {n % 50}"],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _khabar(env, *args, **options):
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        env=env,
        capture_output=True,
        text=True,
        **options,
    )


def _count(database):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute("SELECT COUNT(*) FROM newsroom_article").fetchone()[0]


PUBLISH = (
    "from khabar.newsroom.models import Article;"
    "a = Article.objects.get(pk={pk}); a.title = 'نُشر أثناء الاستيراد';"
    "a.save_revision().publish(); print('published')"
)


@pytest.mark.server
def test_an_editor_publishes_while_an_import_writes(tmp_path):
    env = {**os.environ, "KHABAR_VAR_DIR": str(tmp_path), "KHABAR_SCHEDULER": "0"}
    for name in ("DATABASE_URL", "REDIS_URL", "KHABAR_VIEWS_REDIS_URL"):
        env.pop(name, None)
    database = tmp_path / "khabar.sqlite3"
    migrated_database(database)
    made = _khabar(
        env,
        "shell",
        "-c",
        "from khabar.newsroom.models import Article, Section;"
        "a = Article(title='قبل', section=Section.objects.create(name='محليات'));"
        "a.save(); a.save_revision().publish(); print(a.pk)",
    )
    pk = int(made.stdout.strip().splitlines()[-1])
    archive = tmp_path / "archive.jsonl"
    _archive(archive)

    importing = subprocess.Popen(
        [sys.executable, "-m", "khabar", "import-jsonl", "--quiet", str(archive)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_until(lambda: _count(database) > 1, 120, 0.05), "no batch written"
        publish = _khabar(env, "shell", "-c", PUBLISH.format(pk=pk), timeout=120)
        import_still_running = importing.poll() is None
        out, err = importing.communicate(timeout=600)
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.wait()

    assert publish.returncode == 0, publish.stderr[-2000:]
    assert "published" in publish.stdout
    assert import_still_running, "the import ended before the publish: no overlap"
    assert importing.returncode == 0, err[-2000:]
    assert _count(database) == ARTICLES + 1
    with sqlite3.connect(database) as conn:
        title = conn.execute(
            "SELECT title FROM newsroom_article WHERE id = ?", (pk,)
        ).fetchone()[0]
    assert title == "نُشر أثناء الاستيراد"
