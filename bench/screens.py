"""Screenshots of every reader page type: 360 and 1280 px, light and dark.

Starts the same demo site as bench/reader_pages.py (or takes --url),
finds one page of each type through the site's feed and sitemaps (home,
article, section, latest, tag, author, search results and the 404 page),
and opens each in Debian's chromium through Playwright at 360 and 1280 px
wide, with the colour scheme emulated light and dark (the pages follow
prefers-color-scheme). Each is written to OUT/<page>-<width>-<scheme>.png:
the whole page from the top, cut at 3,000 px on a phone and 2,400 px on a
desktop, after the web fonts have loaded and with animations stopped, then
reduced to 256 colours by Pillow (no dithering: text stays sharp) and
saved optimised, so that the 32 files stay small in git. The total size
is printed at the end.

    .venv/bin/python bench/screens.py [--out docs/design] [--port N | --url URL]
        [--only home --only article] [--width 360] [--scheme dark]
"""

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reader_pages import (  # noqa: E402
    CHROMIUM,
    check_url,
    chromium_args,
    reader_pages,
    say,
    site_for,
)

PAGES = ("home", "article", "section", "latest", "tag", "author", "search", "404")
#: Width: (window height, the tallest cut kept).
WIDTHS = {360: (740, 3000), 1280: (800, 2400)}
SCHEMES = ("light", "dark")
#: Phones draw with 2 or 3 device pixels per CSS pixel; 1 keeps the files
#: small and shows the layout at its CSS size.
SCALE = 1


def shoot(browser, url, width, scheme):
    """A PNG of the top of *url* at *width*, in colour *scheme*."""
    window, tallest = WIDTHS[width]
    context = browser.new_context(
        viewport={"width": width, "height": window},
        device_scale_factor=SCALE,
        is_mobile=width < 768,
        has_touch=width < 768,
        color_scheme=scheme,
    )
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        return capture(page, tallest)
    finally:
        context.close()


def capture(page, tallest):
    """A PNG of the top of the loaded *page*, at most *tallest* CSS pixels
    high, once its web fonts are in and with animations stopped."""
    page.evaluate("document.fonts.ready.then(() => true)")
    width = page.viewport_size["width"]
    height = page.evaluate("document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, tallest)}
    return page.screenshot(full_page=True, clip=clip, animations="disabled")


def reduce(png):
    """*png* in 256 colours, optimised: about a quarter of the bytes."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=256, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "design",
        help="Write the PNGs here (default: docs/design).",
    )
    parser.add_argument(
        "--port", type=int, help="Serve the demo site on this port (default: free)."
    )
    parser.add_argument("--url", help="Shoot the site running at this address.")
    parser.add_argument(
        "--only", action="append", choices=PAGES, help="This page type only (repeat)."
    )
    parser.add_argument(
        "--width",
        action="append",
        type=int,
        choices=list(WIDTHS),
        help="This width only (repeat).",
    )
    parser.add_argument(
        "--scheme", action="append", choices=SCHEMES, help="This scheme only."
    )
    options = parser.parse_args()
    if options.url and options.port:
        parser.error("--port starts a server and --url shoots one: give one.")
    check_url(parser, options.url)
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        parser.error("playwright is missing: pip install -e '.[test]' (make install)")
    options.out.mkdir(parents=True, exist_ok=True)

    written = []
    with site_for(options) as base, sync_playwright() as playwright:
        paths = reader_pages(base)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=chromium_args(base)
        )
        try:
            for name in options.only or PAGES:
                for width in options.width or WIDTHS:
                    for scheme in options.scheme or SCHEMES:
                        png = reduce(shoot(browser, base + paths[name], width, scheme))
                        path = options.out / f"{name}-{width}-{scheme}.png"
                        path.write_bytes(png)
                        written.append(path)
                        say(f"{path}  {len(png):,} B  ({paths[name]})")
        finally:
            browser.close()
    total = sum(path.stat().st_size for path in written)
    say(f"{len(written)} screenshots, {total:,} B in all, in {options.out}")


if __name__ == "__main__":
    main()
