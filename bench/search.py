"""Bench: search speed on a large archive, against a SQL LIKE search.

Generates N articles (default 100,000) from the demo paper's corpus (the
demo composer, one seed per 300 articles, publication times spread over
five years) as JSONL, imports them into a fresh database with `khabar
import-jsonl` (with the index's subscription to the import event switched
off), builds the index with `khabar reindex --full`, then sends 200
mixed queries to GET /api/v1/search (Django's test client, the whole
middleware stack, no network) and reports p50/p95 latency. The baseline,
in the same run: a LIKE search (every word a substring of the article's
plain text, newest first) over the same articles, for the first queries.

    .venv/bin/python bench/search.py                                  # SQLite
    .venv/bin/python bench/search.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/search.py --postgres URL --count 1000000 --baseline-queries 5

`--keep` leaves the archive behind and `--reuse` searches it again
without the minutes of generating and indexing (`--reuse --reindex`
rebuilds the index first, after a change to it). `--slowest N` sends the
N slowest queries again and prints, for each, its SQL statements and
their time in the database.
"""

import argparse
import contextlib
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_setup import fresh_database  # noqa: E402

from khabar.demo.compose import compose  # noqa: E402 (pure: no Django)

SPAN = dt.timedelta(days=5 * 365)
STOP = {"في", "من", "على", "إلى", "عن", "مع", "بعد", "قبل", "بين", "كيف", "ماذا"}


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _html(body):
    parts = []
    for kind, value in body:
        if kind == "paragraph":
            parts.append(value)
        elif kind == "subheading":
            parts.append(f"<h2>{value}</h2>")
        elif kind == "quotation":
            parts.append(
                f"<blockquote><p>{value['text']}</p>"
                f"<cite>{value['attribution']}</cite></blockquote>"
            )
    return "".join(parts)


def generate(path, count, seed):
    """Write *count* articles to *path*; return their titles."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    titles = []
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        round_ = 0
        while n < count:
            for plan in compose(seed=seed * 100_000 + round_):
                if n >= count:
                    break
                published = now - SPAN * rng.random() - dt.timedelta(minutes=5)
                line = {
                    "id": f"bench-{n}",
                    "title": plan.title,
                    "kicker": plan.kicker,
                    "summary": plan.summary,
                    "section": plan.section,
                    "authors": list(plan.authors),
                    "tags": list(plan.tags),
                    "published_at": published.isoformat(),
                    "body_html": _html(plan.body),
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                titles.append(plan.title)
                n += 1
            round_ += 1
    return titles


def _words(title):
    return [w.strip("؟:،.") for w in title.split() if w not in STOP and len(w) > 2]


def _vary(word, rng):
    """A reader's spelling of *word*."""
    choices = [
        word.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا"),
        word[:-1] + "ه" if word.endswith("ة") else word,
        word.removeprefix("ال") if word.startswith("ال") else "و" + word,
        word[:1] + "ـ" + word[1:],
    ]
    return rng.choice(choices)


def queries(titles, sections, count, seed):
    """*count* mixed API query strings (as dicts of parameters)."""
    rng = random.Random(seed)
    mix = []
    for n in range(count):
        words = []
        while len(words) < 3:
            words = _words(rng.choice(titles))
        kind = n % 20
        params = {}
        if kind < 8:  # two words of a headline
            params["q"] = " ".join(rng.sample(words, 2))
        elif kind < 12:  # one word: a place, a topic
            params["q"] = rng.choice(words)
        elif kind < 14:  # three words, one spelled as readers do
            chosen = rng.sample(words, 3)
            chosen[0] = _vary(chosen[0], rng)
            params["q"] = " ".join(chosen)
        elif kind < 16:  # a phrase
            start = rng.randrange(len(words) - 1)
            params["q"] = f'"{words[start]} {words[start + 1]}"'
        elif kind < 17:  # a word in a section
            params["q"] = rng.choice(words)
            params["section"] = rng.choice(sections)
        elif kind < 18:  # a word in a year
            params["q"] = rng.choice(words)
            year = dt.datetime.now(dt.UTC).year - rng.randrange(1, 4)
            params.update({"from": f"{year}-01-01", "to": f"{year}-12-31"})
        elif kind < 19:  # newest first
            params["q"] = " ".join(rng.sample(words, 2))
            params["sort"] = "newest"
        else:  # an exclusion
            first, second = rng.sample(words, 2)
            params["q"] = f"{first} -{second}"
        mix.append(params)
    return mix


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=20,
        help="queries the LIKE baseline runs (each scans every article)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on this PostgreSQL server (a scratch database is created "
        "there and dropped after) instead of SQLite",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the archive afterwards, for --reuse (a database named "
        "khabar_bench_search_COUNT on the server, or a folder of that name "
        "in the temporary directory for SQLite)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="search the archive a --keep run left, without generating, "
        "importing or indexing it again (it is kept afterwards too)",
    )
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="with --reuse: migrate and rebuild the index first (after a "
        "change to the index)",
    )
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        metavar="N",
        help="after the timed run, print the N slowest queries with their "
        "matches, SQL statements and time in the database",
    )
    options = parser.parse_args()
    if options.reindex and not options.reuse:
        parser.error("--reindex only goes with --reuse (a new archive is indexed)")

    name = "khabar_bench_search"
    if options.keep or options.reuse:
        name = f"khabar_bench_search_{options.count}"
        kept = Path(tempfile.gettempdir()) / name
        if options.reuse and not options.postgres and not kept.exists():
            parser.error(f"{kept} does not exist: run once with --keep first.")
        kept.mkdir(exist_ok=True)
        workspace = contextlib.nullcontext(str(kept))
    else:
        workspace = tempfile.TemporaryDirectory(prefix="khabar-search-bench-")
    with workspace as folder:
        jsonl = Path(folder) / "articles.jsonl"
        generated = size = imported = built = None
        if not options.reuse:
            started = time.perf_counter()
            titles = generate(jsonl, options.count, options.seed)
            generated = time.perf_counter() - started
            size = jsonl.stat().st_size
        with fresh_database(
            options.postgres,
            name,
            folder,
            # A reused archive is never dropped: it took minutes to make.
            keep=options.keep or options.reuse,
            reuse=options.reuse,
        ):
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection
            from django.test import Client

            from khabar.newsroom.events import articles_imported
            from khabar.newsroom.models import Article, Section
            from khabar.search import index
            from tests import search_eval

            call_command("migrate", verbosity=0)
            if not options.reuse:
                # Import without indexing, then build the index on its own.
                articles_imported.disconnect(index._imported)
                started = time.perf_counter()
                call_command(
                    "import-jsonl", str(jsonl), stdout=StringIO(), stderr=StringIO()
                )
                imported = time.perf_counter() - started
                articles_imported.connect(index._imported)
                jsonl.unlink()
            else:
                titles = _titles(Article)
            if not options.reuse or options.reindex:
                started = time.perf_counter()
                call_command("reindex", full=True, no_progress=True, stdout=StringIO())
                built = time.perf_counter() - started
            index_size = _index_size(connection)
            sections = list(Section.objects.values_list("slug", flat=True))
            mix = queries(titles, sections, options.queries, options.seed)

            client = Client()
            for params in mix[:10]:  # warm the lexicon, caches, connections
                client.get("/api/v1/search", params)
            latencies, counts, statuses, capped = [], [], set(), 0
            for params in mix:
                started = time.perf_counter()
                response = client.get("/api/v1/search", params)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses.add(response.status_code)
                counts.append(response.json().get("count", 0))
                capped += bool(response.json().get("count_capped"))
            slowest = sorted(range(len(mix)), key=lambda n: -latencies[n])
            profiles = [
                (latencies[n], counts[n], mix[n], *_profile(client, connection, mix[n]))
                for n in slowest[: options.slowest]
            ]

            like = []
            if options.baseline_queries:
                started = time.perf_counter()
                search_eval.create_like_baseline()
                like_table = time.perf_counter() - started
                plain = [p for p in mix if "section" not in p and "from" not in p]
                for params in plain[: options.baseline_queries]:
                    text = params["q"].replace('"', "").replace("-", "")
                    started = time.perf_counter()
                    search_eval.like_run(text)
                    like.append((time.perf_counter() - started) * 1000)
            khabar_same = latencies[: len(like)]
            vendor = connection.vendor
            version = (
                connection.cursor().connection.info.server_version
                if (vendor == "postgresql")
                else __import__("sqlite3").sqlite_version
            )

    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    if generated is None:
        say(f"{options.count} articles (a kept archive) on {vendor} {version}")
    else:
        say(
            f"{options.count} articles ({size / 1e6:.0f} MB of JSONL, generated in "
            f"{generated:.0f} s) on {vendor} {version}"
        )
        say(f"import-jsonl (index not updated):  {imported:.1f} s")
    if built is not None:
        say(
            f"index build (reindex --full):    {built:.1f} s "
            f"({options.count / built:.0f} articles/s)"
        )
    say(f"index size: {index_size / 1e6:.0f} MB")
    say(
        f"{len(mix)} mixed queries through /api/v1/search: p50 {p50:.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(latencies):.1f} ms "
        f"(statuses {sorted(statuses)}, median {statistics.median(counts):.0f} "
        f"matches, {capped} counts capped)"
    )
    for total, count, params, again, statements, in_sql in profiles:
        say(
            f"  {total:6.1f} ms ({again:.1f} ms again: {statements} SQL statements, "
            f"{in_sql:.1f} ms in the database), {count} matches: "
            + json.dumps(params, ensure_ascii=False)
        )
    if not like:
        return
    like_p50 = statistics.median(like)
    say(
        f"LIKE baseline, {len(like)} of the same queries: p50 {like_p50:.1f} ms "
        f"(plain-text table built in {like_table:.0f} s)"
    )
    ratio = like_p50 / statistics.median(khabar_same)
    say(f"ratio: the LIKE baseline's p50 is {ratio:.0f}x Khabar's on the same queries")


def _profile(client, connection, params):
    """``(ms, statements, ms in SQL)`` of the query *params* sent again."""
    spent = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - started)

    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        client.get("/api/v1/search", params)
    total = time.perf_counter() - started
    return total * 1000, len(spent), sum(spent) * 1000


def _titles(article_model):
    """The titles of a kept archive, in the order :func:`generate` wrote
    them (the query mix picks from them by position)."""
    rows = article_model.objects.filter(external_id__startswith="bench-")
    pairs = rows.values_list("external_id", "title")
    return [title for _, title in sorted(pairs, key=lambda p: int(p[0][6:]))]


def _index_size(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument') "
                "+ pg_total_relation_size('search_searchwords')"
            )
            return cursor.fetchone()[0]
        cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%'")
        return cursor.fetchone()[0] or 0


if __name__ == "__main__":
    main()
