"""Check a generated WXR fixture against the counts WordPress reported.

Standard library only, so generate.sh can run it with any python3:

    python3 tests/wordpress/generate/check_export.py tests/wordpress/arabic
"""

import collections
import json
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

WP = "{http://wordpress.org/export/1.2/}"


def problems(fixture: Path) -> list[str]:
    """Return what is wrong with *fixture*'s export.xml and uploads/."""
    expected = json.loads((fixture / "expected.json").read_text("utf-8"))
    channel = ET.parse(fixture / "export.xml").getroot().find("channel")
    found = []

    version = channel.findtext(f"{WP}wxr_version")
    if version != "1.2":
        found.append(f"wxr_version is {version!r}, not '1.2'")

    counts = collections.defaultdict(collections.Counter)
    ids = set()
    comments = 0
    for item in channel.iter("item"):
        counts[item.findtext(f"{WP}post_type")][item.findtext(f"{WP}status")] += 1
        ids.add(int(item.findtext(f"{WP}post_id")))
        comments += len(item.findall(f"{WP}comment"))
    got = {kind: dict(statuses) for kind, statuses in counts.items()}
    want = expected["counts"]["exported"]
    if got != want:
        found.append(f"items by type and status: {got} != {want}")
    if comments != expected["counts"]["exported_comments"]:
        found.append(
            f"{comments} comments, expected {expected['counts']['exported_comments']}"
        )

    exported_types = set(expected["exported_post_types"])
    for post in expected["posts"]:
        if post["post_type"] in exported_types and post["ID"] not in ids:
            found.append(f"{post['post_type']} {post['ID']} is not in the export")

    authors = {a.findtext(f"{WP}author_login") for a in channel.iter(f"{WP}author")}
    in_export = {u["login"] for u in expected["users"] if u["in_export"]}
    if authors != in_export:
        found.append(f"authors {sorted(authors)} != {sorted(in_export)}")

    base = expected["site"]["upload_url"] + "/"
    for post in expected["posts"]:
        if post["post_type"] != "attachment":
            continue
        urls = [post["url"]] + [size["url"] for size in post["sizes"].values()]
        for url in urls:
            path = fixture / "uploads" / urllib.parse.unquote(url.removeprefix(base))
            if not url.startswith(base) or not path.is_file():
                found.append(f"{url} has no file under uploads/")
    return found


def main() -> int:
    fixture = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    found = problems(fixture)
    for problem in found:
        sys.stderr.write(f"check_export: {problem}\n")
    if not found:
        expected = json.loads((fixture / "expected.json").read_text("utf-8"))
        counts = expected["counts"]
        sys.stdout.write(
            f"check_export: {counts['exported_items']} items and "
            f"{counts['exported_comments']} comments match expected.json\n"
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
