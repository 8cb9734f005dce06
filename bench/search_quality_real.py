"""Bench: search quality on real Arabic text, beside FTS5 with light10.

Loads arrand's corpus (about 3,500 paragraphs of news, classical prose,
fiqh and proverbs; tests/real_text/corpus.py) into a fresh database as
articles, runs every known-item query of tests/search_real_eval.py
through Khabar's search and through a plain SQLite FTS5 index with
Lucene's Arabic normalisation and light10 stemming, and prints recall@10
and MRR per variant type for both (issue #15).

    .venv/bin/python bench/search_quality_real.py                # SQLite
    .venv/bin/python bench/search_quality_real.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/search_quality_real.py --failures 15 --dump /tmp/real.json
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_setup import fresh_database  # noqa: E402


def say(text=""):
    sys.stdout.write(text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server (any database on it) to run on instead of "
        "SQLite; a scratch database is created there and dropped after",
    )
    parser.add_argument(
        "--failures",
        type=int,
        default=0,
        metavar="N",
        help="print the N queries Khabar does worst on, with their top results",
    )
    parser.add_argument(
        "--spot-check",
        type=int,
        default=0,
        metavar="N",
        help="print N queries drawn at random, with their top results, to "
        "check the judgements of relevance by hand",
    )
    parser.add_argument(
        "--dump",
        metavar="FILE",
        help="write every query, its relevant documents and both systems' "
        "top ten to FILE as JSON",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khabar-quality-real-") as folder:
        with fresh_database(options.postgres, "khabar_bench_quality_real", folder):
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            from tests import search_real_eval as evaluation

            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            query_list = evaluation.all_queries()
            generated = time.perf_counter() - started
            started = time.perf_counter()
            articles = evaluation.load()
            loaded = time.perf_counter() - started
            measured = evaluation.measure(articles)
            vendor = connection.vendor
            khabar, base = measured["khabar"], measured["baseline"]
            failures = [
                evaluation.describe(
                    outcome, marks=evaluation.khabar_marks(outcome.query.text, articles)
                )
                for outcome in evaluation.worst(
                    khabar["outcomes"], options.failures, base["outcomes"]
                )
            ]
    say(
        f"{len(query_list)} known-item queries over {len(articles)} real "
        f"documents on {vendor}: queries made in {generated:.1f} s, articles "
        f"written and indexed in {loaded:.1f} s; Khabar answered in "
        f"{khabar['seconds']:.1f} s "
        f"({1000 * khabar['seconds'] / len(query_list):.1f} ms a query), "
        f"the FTS5 baseline in {base['seconds']:.2f} s"
    )
    say()
    say(evaluation.table(measured))
    if options.failures:
        say(f"\nThe {options.failures} queries Khabar does worst on:\n")
        for failure in failures:
            say(failure)
    if options.spot_check:
        say(f"\n{options.spot_check} queries drawn at random:\n")
        say(evaluation.spot_check(khabar["outcomes"], options.spot_check))
    if options.dump:
        with open(options.dump, "w", encoding="utf-8") as out:
            json.dump(evaluation.dump(measured), out, ensure_ascii=False, indent=1)
        say(f"\nWrote {len(query_list)} queries to {options.dump}")


if __name__ == "__main__":
    main()
