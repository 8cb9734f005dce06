"""Bench: `khabar import-jsonl` against a bare sqlite3 floor, in one run.

Generates N synthetic Arabic articles with plain-text bodies, imports them
into a fresh SQLite database (a temporary KHABAR_VAR_DIR, `khabar migrate`
then `khabar import-jsonl`, each a subprocess), imports the same file again
(every article an update), and exports it. The baseline is the floor for
the same work: reading the same lines with json.loads and inserting the same
fields with sqlite3's executemany into one bare table, in one transaction,
with the same journal settings. The ratio is Khabar's rate over that one.

    .venv/bin/python bench/import_jsonl.py [--count N] [--seed S]
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import sqlite3
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
    "الطقس الأمطار الشتاء الصيف المنتخب المباراة الدوري الفريق الهدف الثقافة "
    "المعرض الكتاب الفيلم المهرجان الموسيقى التاريخ الماضي المستقبل اليوم أمس "
    "غدا قال أعلن أكد أشار أضاف بحسب مصادر مطلعة في على من إلى عن مع بعد قبل"
).split()
SECTIONS = ["سياسة", "اقتصاد", "رياضة", "ثقافة", "علوم", "منوعات", "محليات",
            "دولي", "صحة", "رأي"]  # fmt: skip
TAGS = [f"وسم {n}" for n in range(300)]
AUTHORS = [f"كاتب رقم {n}" for n in range(60)]
RAW_TABLE = """CREATE TABLE raw_article (
    id INTEGER PRIMARY KEY AUTOINCREMENT, external_id TEXT UNIQUE NOT NULL,
    title TEXT, kicker TEXT, summary TEXT, section TEXT, tags TEXT,
    authors TEXT, status TEXT, published_at TEXT, updated_at TEXT,
    views INTEGER, body TEXT)"""


def sentence(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def generate(path, count, seed):
    """Write *count* articles with plain-text bodies to *path*."""
    rng = random.Random(seed)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            published = start + dt.timedelta(minutes=rng.randint(0, 2_600_000))
            body = "\n\n".join(
                sentence(rng, 25, 60) + "." for _ in range(rng.randint(3, 7))
            )
            article = {
                "id": f"bench-{n}",
                "title": sentence(rng, 5, 12),
                "kicker": rng.choice(["", "عاجل", "تحليل", "حصري"]),
                "summary": sentence(rng, 12, 25),
                "section": rng.choice(SECTIONS),
                "authors": rng.sample(AUTHORS, rng.randint(1, 2)),
                "tags": rng.sample(TAGS, rng.randint(0, 4)),
                "published_at": published.isoformat(),
                "views": rng.randint(0, 50_000),
                "body_text": body,
            }
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


def raw_insert(jsonl, database):
    """The floor: parse every line and executemany it into a bare table."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute(RAW_TABLE)
    started = time.perf_counter()
    with open(jsonl, encoding="utf-8") as lines:
        rows = []
        for line in lines:
            a = json.loads(line)
            rows.append((
                a["id"], a["title"], a["kicker"], a["summary"], a["section"],
                json.dumps(a["tags"], ensure_ascii=False),
                json.dumps(a["authors"], ensure_ascii=False),
                a.get("status", "published"), a["published_at"],
                a.get("updated_at"), a["views"], a["body_text"],
            ))  # fmt: skip
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO raw_article (external_id, title, kicker, summary, section, "
        "tags, authors, status, published_at, updated_at, views, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def khabar(env, *args):
    """Run `khabar ARGS` in a subprocess; return (wall seconds, its output)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"khabar {' '.join(args)} failed:\n{done.stderr}")
    return elapsed, done.stdout + done.stderr


def own_time(output):
    """The seconds a command reports itself ("… in 8.3 s …")."""
    found = re.search(r" in ([0-9.]+) s", output)
    return float(found.group(1)) if found else None


def say(text=""):
    sys.stdout.write(text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    count = options.count

    with tempfile.TemporaryDirectory(prefix="khabar-bench-") as folder:
        folder = Path(folder)
        jsonl, exported = folder / "articles.jsonl", folder / "export.jsonl"
        generate(jsonl, count, options.seed)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
        env.pop("DATABASE_URL", None)  # the embedded default: SQLite
        env.pop("REDIS_URL", None)
        env.update(KHABAR_VAR_DIR=str(folder / "var"), KHABAR_SCHEDULER="0")
        khabar(env, "migrate", "--no-input", "--verbosity", "0")

        raw = raw_insert(jsonl, folder / "raw.sqlite3")
        first_wall, first_out = khabar(env, "import-jsonl", str(jsonl))
        again_wall, again_out = khabar(env, "import-jsonl", str(jsonl))
        export_wall, export_out = khabar(env, "export-jsonl", str(exported))
        size = jsonl.stat().st_size

    first, again = own_time(first_out), own_time(again_out)
    exporting = own_time(export_out)
    raw_rate, first_rate = count / raw, count / first
    rows = [
        ("sqlite3 executemany, bare table (floor)", raw, raw),
        ("khabar import-jsonl, empty database", first, first_wall),
        ("khabar import-jsonl again (all updates)", again, again_wall),
        ("khabar export-jsonl", exporting, export_wall),
    ]
    say(f"{count} articles, plain-text bodies, {size / 1e6:.1f} MB of JSONL")
    say(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}")
    say()
    say(f"{'':42} {'seconds':>8} {'articles/s':>11} {'wall s':>7}")
    for label, seconds, wall in rows:
        say(f"{label:42} {seconds:8.2f} {count / seconds:11.0f} {wall:7.2f}")
    say(
        f"\nimport: {first_rate:.0f} articles/s; ratio to the floor "
        f"{first_rate / raw_rate:.3f} (floor {raw_rate:.0f}/s)"
    )
    say("(seconds: as the command reports, without Python and Django start-up;")
    say(" wall s: the whole subprocess)")


if __name__ == "__main__":
    main()
