"""Bench: the reader pages against issue #17's bars: Lighthouse, Nu, bytes.

In one run, against a Khabar site it starts itself (a temporary SQLite
site with `khabar demo`, DEBUG off, static files from `collectstatic`
served by whitenoise, `khabar serve` with granian on 127.0.0.1), or
against a running one (--url):

- Lighthouse (node_modules/lighthouse, Debian's chromium, mobile preset:
  simulated slow 4G and a 4x slower CPU) on home, an article (the newest
  with a lead image, else the newest), a section, /latest/ and a search
  for a word of that article's title: the four category scores per page
  and every audit that fails (score below 1), weighted ones first, with
  the elements or files it names. Chromium resolves no host but the
  site's, so nothing is fetched from outside.
- The Nu Html Checker (node_modules/vnu-jar, run with the machine's java)
  on the same five pages, saved to files: errors per page, each with its
  line, and the count of warnings.
- Bytes, as a phone gets them (Playwright driving Debian's chromium,
  360x740, cold cache): the compressed bodies of every response by
  resource type, on the article page and on home. HTML+CSS+JS is held to
  30 KB and the whole first view with fonts, images left out, to 60 KB
  (1 KB = 1,000 bytes); each is printed with its ratio to the budget.
  Only the article page's figures are gates, as in the issue; home's are
  printed beside them.

Pages are found as a reader's software finds them, over HTTP: the article
in /rss/ (an item with media:content has a lead image), the section in
/sitemap-sections.xml. The run exits 1, with a summary line saying what
missed, unless every page scores 100 in all four categories, the Nu
checker finds 0 errors and the article page is within both budgets.
Lighthouse's reports (HTML and JSON) and the checked HTML are kept in
--reports.

    .venv/bin/python bench/reader_pages.py [--only lighthouse|nu|bytes]
        [--port 8731 | --url http://127.0.0.1:8000] [--runs 1]
        [--reports DIR]
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sites  # noqa: E402
from tests.services import CHROMIUM_ARGS, free_port  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHECKS = ("lighthouse", "nu", "bytes")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The pages the issue holds to Lighthouse 100 and 0 Nu errors.
MEASURED = ("home", "article", "section", "latest", "search")
KB = 1000
#: Issue #17: the article page's HTML+CSS+JS, and its whole first view
#: with fonts (images left out), compressed as transferred.
BUDGETS = {"HTML+CSS+JS": 30 * KB, "first view": 60 * KB}
CODE_TYPES = {"document", "stylesheet", "script"}
#: Left out of "the first view": the issue's budget counts no pictures.
PICTURE_TYPES = {"image", "media"}
#: A phone as the issue describes it (a 360 px screen).
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
MEDIA_NS = "{http://search.yahoo.com/mrss/}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARABIC_WORD = re.compile("[\u0621-\u064a]+")
#: How many elements or files to show under each failing audit.
ITEMS_SHOWN = 5


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# The site ------------------------------------------------------------------


@contextlib.contextmanager
def demo_site(port):
    """A fresh demo site served on 127.0.0.1:*port* until the block ends;
    its base URL. Used by bench/screens.py too."""
    var = Path(tempfile.mkdtemp(prefix="khabar-bench-reader-"))
    base = f"http://127.0.0.1:{port}"
    env = sites.embedded_env(var, KHABAR_BASE_URL=base, KHABAR_LOG_LEVEL="ERROR")
    env.pop("KHABAR_PAGE_CACHE", None)  # the default, as in production
    try:
        say(f"site: building the demo in {var} (about 30 s)")
        sites.run(env, "migrate", "-v0")
        sites.run(env, "collectstatic", "--no-input", "-v0")
        sites.run(env, "demo", quiet=True)
        with sites.serving(env, port, ready_path="/latest/") as url:
            say(f"site: {url} (khabar serve, SQLite, DEBUG off)")
            yield url
    finally:
        shutil.rmtree(var, ignore_errors=True)


@contextlib.contextmanager
def site_for(options):
    """The site the options name: --url as it is, or a new demo site."""
    if options.url:
        base = options.url.rstrip("/")
        sites.wait_until_up(base + "/", timeout=5)
        say(f"site: {base} (already running)")
        yield base
    else:
        with demo_site(options.port or free_port()) as base:
            yield base


def check_url(parser, url):
    parts = urlsplit(url or "")
    if url and (parts.scheme not in ("http", "https") or not parts.hostname):
        parser.error(
            f"--url must be a site's address, like http://127.0.0.1:8000: {url!r}"
        )


def fetch(url):
    """The status and body of *url*."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def get(url):
    """The body of *url*; a clear stop if it is not a 200."""
    status, body = fetch(url)
    if status != 200:
        raise SystemExit(f"{url} answered {status}: is the site serving?")
    return body


def warm(base, paths):
    """Ask for each measured page once first: on a live site readers get
    pages from the page cache, their picture renditions long made, not
    the first render after a deploy (which makes the renditions)."""
    for name in MEASURED:
        fetch(base + paths[name])


def reader_pages(base):
    """The path of each kind of reader page on the site at *base*, found
    through its feed and sitemaps: home, article, section, latest, search,
    tag, author and a page that does not exist (404)."""
    channel = ET.fromstring(get(base + "/rss/")).find("channel")
    items = channel.findall("item") if channel is not None else []
    if not items:
        raise SystemExit(
            f"{base}/rss/ lists no article: load the demo (khabar demo) first."
        )
    pictured = [item for item in items if item.find(f"{MEDIA_NS}content") is not None]
    article = (pictured or items)[0]
    title = article.findtext("title", "")
    word = max(ARABIC_WORD.findall(title), key=len, default="خبر")
    return {
        "home": "/",
        "article": urlsplit(article.findtext("link")).path,
        "section": first_listed(base, "sections"),
        "latest": "/latest/",
        "search": "/search/?q=" + quote(word),
        "tag": first_listed(base, "tags"),
        "author": first_listed(base, "authors"),
        "404": "/no-such-page/",
    }


def first_listed(base, name):
    """The path of the first page in /sitemap-<name>.xml."""
    urlset = ET.fromstring(get(f"{base}/sitemap-{name}.xml"))
    loc = urlset.findtext(f"{SITEMAP_NS}url/{SITEMAP_NS}loc")
    if not loc:
        raise SystemExit(f"{base}/sitemap-{name}.xml lists nothing: load the demo.")
    return urlsplit(loc).path


def outside_blocked(base):
    """A host-resolver rule for chromium: no host resolves but the site's,
    so that neither a page nor the browser reaches outside."""
    return f"MAP * ~NOTFOUND, EXCLUDE {urlsplit(base).hostname}"


def chromium_args(base):
    """Chromium's flags for Playwright: the tests' (headless, no background
    connections) and no host but the site's."""
    return [*CHROMIUM_ARGS, f"--host-resolver-rules={outside_blocked(base)}"]


# Lighthouse ----------------------------------------------------------------


def lighthouse(url, out, base):
    """One Lighthouse run of *url* (mobile preset); its JSON report.

    The HTML and JSON reports are written to *out*.report.html and .json.
    """
    quiet = [arg for arg in CHROMIUM_ARGS if not arg.startswith("--headless")]
    # One string, parsed by Lighthouse: the rule has spaces, so it is quoted.
    chrome_flags = " ".join(
        ["--headless=new", *quiet, f"--host-resolver-rules='{outside_blocked(base)}'"]
    )
    report = Path(f"{out}.report.json")
    report.unlink(missing_ok=True)  # never read an earlier run's
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--form-factor=mobile",
            "--only-categories=" + ",".join(CATEGORIES),
            "--output=json",
            "--output=html",
            f"--output-path={out}",
            f"--chrome-flags={chrome_flags}",
            "--no-enable-error-reporting",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,  # a page Lighthouse cannot load is reported below
        capture_output=True,
        text=True,
    )
    if not report.exists():
        raise SystemExit(
            f"Lighthouse wrote no report for {url}:\n{result.stderr[-3000:]}"
        )
    return json.loads(report.read_text())


def scores(report):
    """Category scores out of 100, None where Lighthouse could not score."""
    return {
        name: None
        if report["categories"].get(name, {}).get("score") is None
        else round(report["categories"][name]["score"] * 100)
        for name in CATEGORIES
    }


def failing_audits(report):
    """(category, weight, audit) for each scored audit below 1, and each
    that could not run, weighted first."""
    failing = []
    for name in CATEGORIES:
        for ref in report["categories"].get(name, {}).get("auditRefs", []):
            audit = report["audits"][ref["id"]]
            mode = audit["scoreDisplayMode"]
            if mode == "error" or (
                mode not in ("manual", "informative", "notApplicable")
                and audit.get("score") is not None
                and audit["score"] < 1
            ):
                failing.append((name, ref["weight"], audit))
    failing.sort(key=lambda entry: entry[1] == 0)
    return failing


def describe_items(details):
    """Short lines naming what an audit's details point at."""
    items = details.get("items") or []
    if isinstance(items, dict):  # a checklist: its unmet conditions
        return [c["label"] for c in items.values() if c.get("value") is False]
    lines = []
    for item in items:
        if not isinstance(item, dict) or item.get("type") == "list-section":
            continue
        node = item.get("node") or item.get("source") or {}
        where = item.get("url") or node.get("url") or ""
        parts = [
            node.get("snippet", ""),
            node.get("selector", ""),
            where,
            f"{item['wastedBytes']:,.0f} B to save" if item.get("wastedBytes") else "",
            f"{item['wastedMs']:,.0f} ms to save" if item.get("wastedMs") else "",
        ]
        text = "  ".join(part for part in parts if part)
        if text:
            lines.append(text[:200])
    return lines


def measure_lighthouse(base, paths, reports, runs):
    """Lighthouse on each measured page; print it; the misses."""
    misses = []
    say(f"\n== Lighthouse {lighthouse_version()}, mobile, {runs} run(s) per page")
    table = {}
    for name in MEASURED:
        url = base + paths[name]
        runs_done = [
            lighthouse(url, reports / f"lighthouse-{name}-{n + 1}", base)
            for n in range(runs)
        ]
        # Lighthouse's advice: keep the run with the median performance.
        runs_done.sort(key=lambda r: scores(r)["performance"] or 0)
        report = runs_done[len(runs_done) // 2]
        table[name] = scores(report)
        say(f"\n{name}  {paths[name]}")
        if report.get("runtimeError"):
            say(f"  Lighthouse could not run: {report['runtimeError']['message']}")
            misses.append(f"{name}: Lighthouse could not run")
            continue
        say("  " + "  ".join(f"{c} {table[name][c]}" for c in CATEGORIES))
        if runs > 1:
            performance = [scores(r)["performance"] for r in runs_done]
            say(f"  performance in each run: {performance}")
        for category, weight, audit in failing_audits(report):
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            mark = "" if weight else " [diagnostic, no weight in the score]"
            if audit["score"] is None:
                score = f"could not run: {audit.get('errorMessage', '?')}"
            else:
                score = f"score {audit['score']:.2f}"
            say(f"  {category}: {audit['id']}: {audit['title']}{value}, {score}{mark}")
            for line in describe_items(audit.get("details") or {})[:ITEMS_SHOWN]:
                say(f"      {line}")
        below = [f"{c} {s}" for c, s in table[name].items() if s != 100]
        if below:
            misses.append(f"{name} " + ", ".join(below))

    say("\npage      " + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, row in table.items():
        say(f"{name:10}" + "".join(f"{str(row[c]):>16}" for c in CATEGORIES))
    say(f"reports: {reports}/lighthouse-<page>-<run>.report.html")
    return [f"Lighthouse below 100: {'; '.join(misses)}"] if misses else []


def lighthouse_version():
    return json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())[
        "version"
    ]


# The Nu Html Checker -------------------------------------------------------


def measure_nu(base, paths, reports):
    """The Nu Html Checker on the saved HTML of each measured page."""
    files, misses = {}, []
    for name in MEASURED:
        status, body = fetch(base + paths[name])
        if status == 200:
            files[name] = reports / f"{name}.html"
            files[name].write_bytes(body)
        else:
            misses.append(f"{name} answered {status}, not checked")
    if not files:
        say("\n== Nu Html Checker: no page answered 200")
        return misses
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout"]
        + [str(path) for path in files.values()],
        capture_output=True,
        text=True,
        check=False,  # it exits 1 when it finds errors
    )
    try:
        report = json.loads(result.stdout)
        messages = report["messages"]
    except (json.JSONDecodeError, KeyError):
        raise SystemExit(
            f"vnu.jar printed no report: {result.stderr[-2000:]}"
        ) from None
    version = report.get("version", "?")
    say(f"\n== Nu Html Checker {version} (java -jar {VNU.relative_to(ROOT)})")
    by_page = {name: [] for name in MEASURED}
    for message in messages:
        name = Path(urlsplit(message.get("url", "")).path).stem
        by_page.setdefault(name, []).append(message)
    total = {}
    for name in files:
        errors = [
            m for m in by_page[name] if m["type"] in ("error", "non-document-error")
        ]
        warnings = [m for m in by_page[name] if m["type"] == "info"]
        total[name] = len(errors)
        say(
            f"\n{name}  {paths[name]}: {len(errors)} errors, "
            f"{len(warnings)} warnings ({files[name].name})"
        )
        for message in errors:
            line = message.get("lastLine", "?")
            say(f"  line {line}: {message['message']}")
            if message.get("extract"):  # for long lines, where the column is
                say(f"      {' '.join(message['extract'].split())[:160]}")
    count = sum(total.values())
    say("\nNu errors: " + ", ".join(f"{n} {c}" for n, c in total.items()))
    for miss in misses:
        say(f"Nu: {miss}")
    if count:
        pages = ", ".join(f"{n} {c}" for n, c in total.items() if c)
        misses.insert(0, f"{count} Nu errors ({pages})")
    return misses


# Bytes ---------------------------------------------------------------------


def transferred(browser, url, base):
    """(resource type, encoded body bytes, header bytes, URL) for every
    response of a cold first view of *url* on a phone, the hosts other than
    the site's that were asked for, and the page's status."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    finished, failed = [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    status = page.goto(url, wait_until="networkidle").status
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    rows = []
    for request in finished:
        sizes = request.sizes()
        rows.append(
            (
                request.resource_type,
                sizes["responseBodySize"],
                sizes["responseHeadersSize"],
                request.url,
            )
        )
    context.close()
    host = urlsplit(base).netloc
    asked = [row[3] for row in rows] + failed
    outside = sorted({urlsplit(url).netloc for url in asked} - {host, ""})
    return rows, outside, status


def measure_bytes(base, paths):
    """Transferred bytes of the article page and home, against the
    budgets; only the article page's are gates (issue #17)."""
    from playwright.sync_api import sync_playwright

    say(
        "\n== Bytes: compressed bodies as transferred, cold cache, phone "
        f"360x740 (1 KB = {KB:,} bytes)"
    )
    misses = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=chromium_args(base)
        )
        try:
            for name in ("article", "home"):
                rows, outside, status = transferred(browser, base + paths[name], base)
                figures = print_bytes(name, paths[name], rows, outside)
                if status != 200:
                    say(f"  the page answered {status}: these are an error page's")
                    misses.append(f"{name} answered {status} to the browser")
                elif name == "article":
                    misses += [
                        f"article {what} {figures[what]:,} B over {budget:,} B"
                        for what, budget in BUDGETS.items()
                        if figures[what] > budget
                    ]
        finally:
            browser.close()
    return misses


def print_bytes(name, path, rows, outside):
    """Print one page's responses and totals; its figures by budget."""
    gate = "" if name == "article" else " (not a gate: the issue budgets the article)"
    say(f"\n{name}  {path}{gate}")
    for kind, body, _, url in sorted(rows, key=lambda r: (r[0], -r[1])):
        say(f"  {kind:11} {body:9,} B  {urlsplit(url).path}")
    by_type = {}
    for kind, body, _, _ in rows:
        by_type[kind] = by_type.get(kind, 0) + body
    say("  by type: " + ", ".join(f"{k} {v:,} B" for k, v in sorted(by_type.items())))
    figures = {
        "HTML+CSS+JS": sum(v for k, v in by_type.items() if k in CODE_TYPES),
        "first view": sum(v for k, v in by_type.items() if k not in PICTURE_TYPES),
    }
    pictures = sum(v for k, v in by_type.items() if k in PICTURE_TYPES)
    headers = sum(row[2] for row in rows)
    for what, budget in BUDGETS.items():
        ratio = figures[what] / budget
        verdict = "within" if figures[what] <= budget else "OVER"
        say(
            f"  {what:12} {figures[what]:9,} B  budget {budget:,} B  "
            f"ratio {ratio:.2f}  {verdict}"
        )
    say(
        f"  also: images {pictures:,} B (not counted), response headers "
        f"{headers:,} B (not counted), {len(rows)} responses, "
        f"hosts other than the site: {', '.join(outside) or 'none'}"
    )
    return figures


# The run -------------------------------------------------------------------


def missing_tools(checks):
    """What the chosen checks need that this machine lacks, with the fix."""
    missing = []
    if ("lighthouse" in checks or "bytes" in checks) and not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if "lighthouse" in checks:
        if not shutil.which("node"):
            missing.append("node (apt-get install npm)")
        if not LIGHTHOUSE.exists():
            missing.append(f"{LIGHTHOUSE.relative_to(ROOT)} (npm ci, or make install)")
    if "nu" in checks:
        if not shutil.which("java"):
            missing.append("java (apt-get install default-jre-headless)")
        if not VNU.exists():
            missing.append(f"{VNU.relative_to(ROOT)} (npm ci, or make install)")
    if "bytes" in checks:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing.append("playwright (pip install -e '.[test]', or make install)")
    return missing


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="Exits 1 when a page misses a bar; the last line says which.",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=CHECKS,
        help="Run this check only (repeat for two); default: all three.",
    )
    parser.add_argument(
        "--port", type=int, help="Serve the demo site on this port (default: free)."
    )
    parser.add_argument(
        "--url", help="Measure the site running at this address; start none."
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="Lighthouse runs per page; the median performance run is kept.",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        help="Keep Lighthouse's reports and the checked HTML here "
        "(default: a new temporary folder, printed).",
    )
    options = parser.parse_args()
    if options.url and options.port:
        parser.error("--port starts a server and --url measures one: give one.")
    check_url(parser, options.url)
    if options.runs < 1:
        parser.error("--runs must be 1 or more.")
    checks = tuple(options.only or CHECKS)
    missing = missing_tools(checks)
    if missing:
        parser.error("missing: " + "; ".join(missing))

    misses = []
    with site_for(options) as base:
        reports = options.reports or Path(
            tempfile.mkdtemp(prefix="khabar-reader-pages-")
        )
        reports.mkdir(parents=True, exist_ok=True)
        paths = reader_pages(base)
        warm(base, paths)
        say("pages: " + ", ".join(f"{n} {paths[n]}" for n in MEASURED))
        if "lighthouse" in checks:
            misses += measure_lighthouse(base, paths, reports, options.runs)
        if "nu" in checks:
            misses += measure_nu(base, paths, reports)
        if "bytes" in checks:
            misses += measure_bytes(base, paths)
    say(f"\nreports and checked HTML: {reports}")
    if misses:
        say("reader pages: FAIL: " + "; ".join(misses))
        sys.exit(1)
    say(f"reader pages: PASS ({', '.join(checks)})")


if __name__ == "__main__":
    main()
