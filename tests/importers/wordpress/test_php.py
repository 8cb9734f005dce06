"""PHP unserialize for postmeta (khabar/importers/wordpress/php.py)."""

import pytest

from khabar.importers.wordpress.php import (
    PhpError,
    looks_serialized,
    maybe_unserialize,
    unserialize,
)
from tests.importers.wordpress.files import expected


@pytest.mark.parametrize("key", ["td_post_theme_settings", "tie_source", "tie_via"])
def test_arabic_export_values_read_as_wordpress_read_them(key):
    for holder in expected()["meta"][key]:
        assert maybe_unserialize(holder["raw"]) == holder["value"]


def test_string_lengths_count_utf8_bytes():
    raw = expected()["meta"]["td_post_theme_settings"][0]["raw"]
    subtitle = unserialize(raw)["td_subtitle"]

    assert f's:{len(subtitle.encode())}:"{subtitle}";' in raw
    assert len(subtitle.encode()) > len(subtitle) * 1.5  # Arabic: 2 bytes


def test_a_length_counted_in_characters_is_an_error_that_says_why():
    with pytest.raises(PhpError, match="UTF-8 bytes"):
        unserialize('s:3:"خبر";')


def test_repair_reads_a_damaged_length_up_to_the_closing_quote():
    assert unserialize('a:1:{s:1:"k";s:3:"خبر";}', repair=True) == {"k": "خبر"}


@pytest.mark.parametrize(
    ("data", "value"),
    [
        ("N;", None),
        ("b:1;", True),
        ("b:0;", False),
        ("i:-42;", -42),
        ("d:0.5;", 0.5),
        ("d:1.0E+25;", 1e25),
        ("d:-INF;", float("-inf")),
        ('s:0:"";', ""),
        ("a:0:{}", []),
        ('a:2:{i:0;s:1:"a";i:1;s:1:"b";}', ["a", "b"]),
        ('a:2:{i:1;s:1:"a";i:0;s:1:"b";}', {1: "a", 0: "b"}),
        ('a:1:{s:4:"text";N;}', {"text": None}),
        ('O:8:"stdClass":1:{s:3:"url";s:1:"u";}', {"url": "u"}),
        (
            'O:3:"Foo":2:{s:6:"\x00Foo\x00a";i:1;s:4:"\x00*\x00b";i:2;}',
            {"a": 1, "b": 2},
        ),
        ('E:11:"Suit:Hearts";', "Suit:Hearts"),
        ('a:2:{i:0;s:1:"x";i:1;r:2;}', ["x", "x"]),
    ],
)
def test_php_values(data, value):
    assert unserialize(data) == value


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("i:;", "expected a whole number"),
        ("x:1;", "unknown type"),
        ('a:1:{i:0;s:1:"a";', "expected '}'"),
        ("a:1000000:{}", "cannot fit"),
        ('s:99999999999:"a";', "does not end there"),
        ('C:3:"Foo":0:{}', "custom-serialised"),
        ("a:1:{d:0.5;N;}", "array key"),
        ("r:5;", "not read"),
    ],
)
def test_malformed_values_say_what_is_wrong(data, message):
    with pytest.raises(PhpError, match=message):
        unserialize(data)


def test_deep_nesting_is_refused():
    data = "a:1:{i:0;" * 100 + "N;" + "}" * 100

    with pytest.raises(PhpError, match="nested deeper than 32"):
        unserialize(data)


@pytest.mark.parametrize(
    ("text", "serialized"),
    [
        ("1520", False),
        ("%title% %sep% %sitename%", False),
        ("a:1:{i:0;N;}", True),
        (" a:0:{} ", True),
        ('s:5:"hello";', True),
        ("N;", True),
        ("b:1;", True),
        ("i:12", False),
        ("a:b", False),
    ],
)
def test_looks_serialized_as_wordpress_decides(text, serialized):
    assert looks_serialized(text) is serialized


def test_plain_meta_comes_back_as_it_was():
    assert maybe_unserialize("قروض ميسرة") == "قروض ميسرة"
