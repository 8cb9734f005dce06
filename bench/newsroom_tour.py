"""A screenshot tour of the newsroom: every admin screen each role uses.

Starts the demo site (bench/reader_pages.py's, with a known password for
the demo logins) or takes --url and --password, signs in as the reporter,
the editor and the chief editor in Debian's chromium through Playwright,
and writes OUT/<role>-<screen>.png for each screen of SCREENS that the
role may open, at 1280 px wide (and 360 px for the screens marked phone),
in Arabic. A screen that answers anything but 200 for a role is listed at
the end, so a screen a role should reach and cannot shows up in the run.
docs/newsroom.md shows the pictures.

    .venv/bin/python bench/newsroom_tour.py [--out docs/newsroom]
        [--url URL --password P] [--role editor] [--only dashboard]
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reader_pages import (  # noqa: E402
    CHROMIUM,
    check_url,
    chromium_args,
    say,
    site_for,
)
from bench.screens import capture, reduce  # noqa: E402

ROLES = ("reporter", "editor", "chief")
ARTICLES = "/admin/snippets/newsroom/article/"
FRONT = "/admin/snippets/newsroom/frontpage/"
#: name: (path, or a function of the role's first editable article id;
#: the roles that use it; shot at 360 px too). An article screen uses the
#: first story the role's list links to: its own, for a reporter.
SCREENS = {
    "dashboard": ("/admin/", ROLES, True),
    "desk": (ARTICLES, ROLES, True),
    "desk-in-review": (ARTICLES + "?status=in_review", ROLES, False),
    "desk-scheduled": (ARTICLES + "?status=scheduled", ROLES, False),
    "article-new": (ARTICLES + "add/", ROLES, True),
    "article-edit": (lambda pk: f"{ARTICLES}edit/{pk}/", ROLES, True),
    "article-history": (lambda pk: f"{ARTICLES}history/{pk}/", ROLES, False),
    "search": ("/admin/search/?q=" + "اسعار", ROLES, True),
    "front-page": (FRONT, ("editor", "chief"), False),
    "front-page-new": (FRONT + "add/", ("editor", "chief"), False),
    "images": ("/admin/images/", ROLES, False),
    "sections": ("/admin/snippets/newsroom/section/", ROLES, False),
    "authors": ("/admin/snippets/newsroom/author/", ROLES, False),
    "tags": ("/admin/snippets/newsroom/tag/", ROLES, False),
    "users": ("/admin/users/", ("chief",), False),
    "account": ("/admin/account/", ROLES, False),
}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
#: The tallest part of a page kept, in CSS pixels.
TALLEST = 2400
EDIT_LINK = re.compile(r"/admin/snippets/newsroom/article/edit/(\d+)/")


def sign_in(browser, base, username, password, viewport):
    """A browser context signed in as *username*, in Arabic."""
    context = browser.new_context(viewport=viewport, locale="ar")
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return context, page


def first_article(page, base):
    """The id of the first story the signed-in user's list links to."""
    page.goto(base + ARTICLES)
    match = EDIT_LINK.search(page.content())
    if match is None:
        raise SystemExit(f"{base}{ARTICLES} links no article for this user")
    return int(match.group(1))


def shoot(page, url):
    """The status of *url* and a PNG of its top, or None if not a 200."""
    response = page.goto(url, wait_until="networkidle")
    if response is None or response.status != 200:
        return (response.status if response else 0), None
    return 200, capture(page, TALLEST)


def tour(browser, base, password, roles, only, out):
    """Shoot every screen of *only* for every role of *roles*; the files
    written and the (role, screen, status) refused."""
    written, refused = [], []
    for role in roles:
        for viewport in (DESKTOP, PHONE):
            context, page = sign_in(browser, base, role, password, viewport)
            try:
                article = first_article(page, base)
                for name in only or SCREENS:
                    path, users, phone = SCREENS[name]
                    if role not in users or (viewport is PHONE and not phone):
                        continue
                    url = base + (path(article) if callable(path) else path)
                    status, png = shoot(page, url)
                    if png is None:
                        refused.append((role, name, status))
                        continue
                    suffix = "" if viewport is DESKTOP else "-360"
                    target = out / f"{role}-{name}{suffix}.png"
                    target.write_bytes(reduce(png))
                    written.append(target)
                    say(f"{target}  {target.stat().st_size:,} B")
            finally:
                context.close()
    return written, refused


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "newsroom",
        help="Write the PNGs here (default: docs/newsroom).",
    )
    parser.add_argument(
        "--port", type=int, help="Serve the demo site on this port (default: free)."
    )
    parser.add_argument("--url", help="Tour the site running at this address.")
    parser.add_argument(
        "--password", help="The demo logins' password (with --url; else made up)."
    )
    parser.add_argument(
        "--role", action="append", choices=ROLES, help="This role only (repeat)."
    )
    parser.add_argument(
        "--only", action="append", choices=list(SCREENS), help="This screen only."
    )
    options = parser.parse_args()
    check_url(parser, options.url)
    if options.url and not options.password:
        parser.error("--url needs --password: the demo logins' password")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    password = options.password or "tour-" + os.urandom(6).hex()
    # demo_site() runs `khabar demo` with this environment: its logins get it.
    os.environ["KHABAR_DEMO_PASSWORD"] = password
    options.out.mkdir(parents=True, exist_ok=True)
    with site_for(options) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=chromium_args(base)
        )
        try:
            roles = options.role or ROLES
            written, refused = tour(
                browser, base, password, roles, options.only, options.out
            )
        finally:
            browser.close()
    total = sum(path.stat().st_size for path in written)
    say(f"{len(written)} screenshots, {total:,} B in all, in {options.out}")
    for role, name, status in refused:
        say(f"not shot: {name} answered {status} to the {role}")
    if refused:
        sys.exit(1)


if __name__ == "__main__":
    main()
