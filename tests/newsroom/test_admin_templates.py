"""Wagtail's templates that Khabar copies stay Wagtail's but for a few words.

The words are the admin's Arabic (docs/newsroom.md).
"""

from pathlib import Path

import pytest
import wagtail

#: Wagtail's templates that Khabar copies to change a few words, and the
#: changes. When a Wagtail upgrade changes one, this fails: copy it again.
WAGTAIL = Path(wagtail.__file__).parent
OURS = Path(__file__).parents[2] / "khabar" / "newsroom" / "templates"
SEARCH_BUTTON = (
    '<input type="submit" value="Search" class="button" />',
    '<input type="submit" value="{% translate "Search" context "button" %}"'
    ' class="button" />',
)
COPIED_TEMPLATES = {
    "wagtailadmin/home.html": ("admin", [SEARCH_BUTTON]),
    "wagtailadmin/shared/header.html": ("admin", [SEARCH_BUTTON]),
    "wagtailadmin/shared/pagination_nav.html": (
        "admin",
        [
            (
                "{{ items.paginator.items_count_label|capfirst }}",
                "{% blocktranslate count counter=items.paginator.count %}"
                "{{ counter }} item{% plural %}{{ counter }} items"
                "{% endblocktranslate %}",
            )
        ],
    ),
    "wagtailadmin/shared/headers/_actions.html": (
        "admin",
        [
            ("{# Actions divider #}", "{% load i18n %}\n{# Actions divider #}"),
            ('aria-label="Actions"', 'aria-label="{% translate "Actions" %}"'),
        ],
    ),
    "wagtailadmin/tables/boolean_cell.html": (
        "admin",
        [("value|stringformat:'s'", "value|yesno")] * 3,
    ),
    "wagtailadmin/home/account_summary.html": ("admin", "editor guide"),
    "wagtailusers/users/create.html": (
        "users",
        [
            (
                "                    <li>{% formattedfield form.is_superuser %}</li>\n",
                "                    {% if form.is_superuser %}\n"
                "                        <li>{% formattedfield form.is_superuser %}"
                "</li>\n                    {% endif %}\n",
            )
        ],
    ),
}


@pytest.mark.parametrize("name", COPIED_TEMPLATES)
def test_copied_templates_follow_wagtails(name):
    app, changes = COPIED_TEMPLATES[name]
    theirs = (WAGTAIL / app / "templates" / name).read_text()
    ours = (OURS / name).read_text()
    if changes == "editor guide":
        # The link to Wagtail's English editor guide is left out.
        start = theirs.index("{% wagtail_feature_release_editor_guide_link")
        end = theirs.index("</li>", start) + len("</li>\n")
        assert ours == theirs[: theirs.rindex("\n", 0, start) + 1] + theirs[end:]
        return
    for old, new in dict(changes).items():
        assert old in theirs, f"Wagtail's {name} changed: copy it again"
        theirs = theirs.replace(old, new)
    assert ours == theirs
