"""Text that XML 1.0 can carry: feeds and sitemaps drop the rest."""

import re

# Control characters other than tab and newlines, and the two non-characters:
# XML 1.0 has no place for them, and Django's feed writer refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """*value* without the characters XML 1.0 cannot carry.

    >>> xml_text("عنوان\\x0b")
    'عنوان'
    """
    return _NOT_XML.sub("", value) if value else value
