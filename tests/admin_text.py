"""What a person sees or hears on an admin page, and what is wrong in it.

Used by tests/newsroom/test_admin_language.py: Latin-script words outside
``ALLOWED``, and the known-bad Arabic of ``BAD_ARABIC``.
"""

import json
import re

from bs4 import BeautifulSoup, Comment

#: Latin text a screen may show: the fixtures' user names, the name of the
#: language English in the language menu (a language is named in itself),
#: file formats as their names are written (image types, the site
#: history's downloads, the reader site's feeds on the 404 page) and the
#: authenticator apps the two-step page suggests. URLs, email addresses,
#: file names, sizes like 1600x900 and <code> (keys) are taken out first.
ALLOWED = {
    *("rep", "ed", "ed2", "chief"),
    "English",
    *("GIF", "JPG", "JPEG", "PNG", "WEBP", "CSV", "XLSX", "RSS", "Atom", "JSON"),
    *("FreeOTP", "Aegis", "Google", "Authenticator"),
}

#: Arabic a native editor would strike out, each with what is wrong.
BAD_ARABIC = {
    r"\b\d+ (دقيقتين|ساعتين|يومين|أسبوعين|شهرين|سنتين)": "dual after a numeral",
    r"\b1 (دقيقة|ساعة|يوم|أسبوع|شهر|سنة)\b": "«1 دقيقة»: say «دقيقة واحدة»",
    r"هذا (مقال|وسم|قسم)(?!\w)": "«هذا مقال» instead of naming the object",
    r"بواسطة أنت": "«بواسطة أنت»: «بواسطتك»",
    r"\bالال": "the article «ال» put before a name that has it",
    r"إختصار": "hamza on «اختصار»",
    r"إستخدام|إستعادة|إسترجاع|إنشاء جديد|إعتماد": "hamzat al-wasl written as qat'",
    r"لا يوجد (مقالات|صور|وسوم|أقسام|نتائج)": "agreement: «لا توجد … »",
    r"(مقالات|صور|وسوم|أقسام|نتائج) يطابق": "agreement: «… تطابق»",
    r"(يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)"
    r" \d+,": "English date order «ديسمبر 2, 2026»",
    r"\d+ [صم]\.?م\b": "time with a morning/evening mark instead of 24 hours",
}

LATIN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
URLISH = re.compile(
    r"(https?://|/)\S*|\S+@\S+|\b\S+\.(png|jpe?g|webp|gif|pdf)\b|\b\d+x\d+\b"
    r"|%\(\w+\)[sd]"  # placeholders that Wagtail's scripts fill in
)
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


def visible_text(html):
    """The text of *html* a person sees or a screen reader says."""
    soup = BeautifulSoup(html, "html.parser")
    # Side-panel counters are hidden until JavaScript writes a number in.
    for element in soup(["script", "style", "code"]):
        element.decompose()
    for element in soup.select("[data-side-panel-toggle-counter][hidden]"):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    parts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        parts.extend(str(element.get(name, "")) for name in VISIBLE_ATTRIBUTES)
        if element.name == "input" and element.get("type") in ("submit", "button"):
            parts.append(str(element.get("value", "")))
    return " ".join(" ".join(parts).split())


def script_text(html):
    """Text Wagtail's scripts write from JSON in the page: the sidebar's
    menu labels and the strings of ``wagtailConfig.STRINGS``."""
    soup = BeautifulSoup(html, "html.parser")
    found = []

    def walk(node, keep):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and keep(key):
                    found.append(value)
                walk(value, keep)
        elif isinstance(node, list):
            for item in node:
                walk(item, keep)

    props = soup.find("script", id="wagtail-sidebar-props")
    if props is not None:
        walk(json.loads(props.string), lambda key: key in ("label", "title"))
    config = soup.find("script", id="wagtail-config")
    if config is not None:
        walk(json.loads(config.string).get("STRINGS", {}), lambda key: True)
    return " ".join(found)


def problems(text):
    """Latin words outside ALLOWED, and bad Arabic, found in *text*."""
    found = []
    for word in LATIN.findall(URLISH.sub(" ", text)):
        if word not in ALLOWED:
            found.append(word)
    for pattern, why in BAD_ARABIC.items():
        for match in re.finditer(pattern, text):
            found.append(f"«{match.group(0)}» ({why})")
    return found
