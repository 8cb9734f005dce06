"""Bench: search quality on the demo paper, beside a plain SQL LIKE search.

Builds the demo paper (`khabar demo`, seed 2026) in a fresh database, runs
every known-item query of tests/search_eval.py through Khabar's search and
through a LIKE search over the same articles' text (every word a
substring, newest first: how WordPress searches), and prints recall@10 and
MRR per variant type for both, with their ratio.

    .venv/bin/python bench/search_quality.py                  # SQLite
    .venv/bin/python bench/search_quality.py --postgres postgres://postgres@127.0.0.1:5432/postgres
"""

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_setup import fresh_database  # noqa: E402


def say(text=""):
    sys.stdout.write(text + "\n")


def report(metrics, types, descriptions):
    khabar, like, rate = metrics["khabar"], metrics["like"], metrics["all_words"]
    lines = [
        f"{'type':14} {'n':>3}  {'recall@10':>9} {'MRR':>6} {'all-words':>9}  "
        f"{'LIKE r@10':>9} {'LIKE MRR':>8}  what varies",
    ]
    for kind in (*types, "all"):
        k, b = khabar[kind], like[kind]
        lines.append(
            f"{kind:14} {k['n']:>3}  {k['recall']:>9.3f} {k['mrr']:>6.3f} "
            f"{rate[kind]:>9.3f}  {b['recall']:>9.3f} {b['mrr']:>8.3f}  "
            f"{descriptions.get(kind, '')}"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server (any database on it) to run on instead of "
        "SQLite; a scratch database is created there and dropped after",
    )
    parser.add_argument(
        "--without-lexicon",
        action="store_true",
        help="leave out the broken-plural lexicon (an ablation: what the lexicon adds)",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khabar-quality-") as folder:
        with fresh_database(options.postgres, "khabar_bench_quality", folder):
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            from tests import search_eval

            if options.without_lexicon:
                from khabar.arabic import analyzer

                analyzer._plural_singulars = dict
            os.environ.setdefault("KHABAR_DEMO_PASSWORD", "bench-password")
            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            call_command("demo", stdout=StringIO())
            built = time.perf_counter() - started
            relevant = search_eval.headline_ids()
            search_eval.create_like_baseline()
            started = time.perf_counter()
            metrics = {"khabar": search_eval.evaluate(search_eval.khabar_run, relevant)}
            searched = time.perf_counter() - started
            metrics["all_words"] = search_eval.all_words_rate()
            metrics["like"] = search_eval.evaluate(search_eval.like_run, relevant)
            vendor = connection.vendor
    say(
        f"{len(search_eval.QUERIES)} known-item queries over the demo paper "
        f"({len(relevant)} visible articles) on {vendor}; demo built and "
        f"indexed in {built:.1f} s, queries run in {searched:.2f} s"
    )
    if options.without_lexicon:
        say("(without the broken-plural lexicon)")
    say()
    say(report(metrics, search_eval.TYPES, search_eval.DESCRIPTIONS))
    khabar, like = metrics["khabar"]["all"], metrics["like"]["all"]
    ratio = khabar["recall"] / like["recall"]
    say(f"\nrecall@10 ratio to the LIKE baseline: {ratio:.2f}")
    say(
        "all-words: share of queries whose every word matched (no fallback "
        "to any word); LIKE needs every word as a substring"
    )


if __name__ == "__main__":
    main()
