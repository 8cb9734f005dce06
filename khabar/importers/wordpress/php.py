"""Read PHP-serialised values, as WordPress stores arrays in postmeta.

Themes keep structured meta (tagDiv's ``td_post_theme_settings``, Jannah's
``tie_source``) as PHP's ``serialize()`` output, and WXR exports it as is.
This module reads that format with a small parser of its own: nothing is
evaluated, no class is instantiated, and a hostile value cannot make it
recurse or allocate without bound (:data:`MAX_DEPTH`, :data:`MAX_LENGTH`).

The format, as PHP writes it::

    N;                     null
    b:1;                   true / false
    i:-42;                 integer
    d:0.5;  d:INF;         float (also -INF, NAN, 1.0E+25)
    s:6:"خبر";             string; the length counts UTF-8 *bytes*, so
                           each Arabic letter counts 2
    a:2:{i:0;s:1:"a";i:1;N;}             array: count, then key/value pairs
    O:8:"stdClass":1:{s:1:"k";i:1;}      object: class name, properties
    E:11:"Suit:Hearts";    enum case (PHP 8.1)
    r:2;  R:2;             the 2nd value read so far, again

Arrays whose keys are 0, 1, … n-1 in order become lists, other arrays and
objects become dicts (an object's private and protected property names
lose PHP's ``\\0Class\\0`` and ``\\0*\\0`` markers).
"""

import re

#: Arrays and objects nested deeper than this are refused; no theme
#: needs more than a handful of levels.
MAX_DEPTH = 32
#: Values longer than this (in UTF-8 bytes) are refused before reading.
MAX_LENGTH = 16 * 1024 * 1024

_NUMBER = re.compile(rb"-?[0-9]{1,20}")
_FLOAT = re.compile(rb"-?(?:INF|NAN|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)")
_PROPERTY_MARK = re.compile(r"\x00(?:\*|[^\x00]*)\x00")


class PhpError(ValueError):
    """A value that is not PHP-serialised data, and where it goes wrong."""

    def __init__(self, message, offset):
        self.offset = offset
        super().__init__(f"{message} (at byte {offset})")


def looks_serialized(text):
    """Whether WordPress would unserialise *text* (its ``is_serialized``).

    WordPress tries to unserialise a meta value only when it has this
    shape; anything else is a plain string, whatever it contains.
    """
    if not isinstance(text, str):
        return False
    text = text.strip()
    if text == "N;":
        return True
    if len(text) < 4 or text[1] != ":" or text[-1] not in ";}":
        return False
    token = text[0]
    if token == "s":
        return text[-2] == '"' and re.match(r"s:[0-9]+:", text) is not None
    if token in "aOE":
        return re.match(token + r":[0-9]+:", text) is not None
    if token in "bid":
        return re.fullmatch(token + r":[0-9.E+-]+;", text) is not None
    return False


def maybe_unserialize(text, **options):
    """*text* unserialised if WordPress would, else *text* itself.

    Unlike WordPress, which gives ``false`` for a value that looks
    serialised but is broken, this raises :class:`PhpError`: an importer
    should say which meta is damaged rather than store ``false``.
    """
    if looks_serialized(text):
        return unserialize(text.strip(), **options)
    return text


def unserialize(data, *, max_depth=MAX_DEPTH, repair=False):
    """The Python value of PHP-serialised *data* (``str`` or ``bytes``).

    With *repair*, a string whose byte length is wrong (the usual damage
    of a search-and-replace run on the database, or of a character set
    conversion) is read up to its closing ``";`` instead of failing.
    Bytes after the value are ignored, as PHP does.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_LENGTH:
        raise PhpError(f"value of {len(data)} bytes; at most {MAX_LENGTH}", 0)
    reader = _Reader(data, max_depth, repair)
    return reader.value(0)


class _Reader:
    def __init__(self, data, max_depth, repair):
        self.data = data
        self.pos = 0
        self.max_depth = max_depth
        self.repair = repair
        self.seen = []  # values in PHP's numbering, for r: and R:

    def value(self, depth):
        data, start = self.data, self.pos
        kind = data[start : start + 2]
        if kind == b"N;":
            self.pos += 2
            return self._keep(None)
        if len(kind) < 2 or kind[1:] != b":":
            raise PhpError(f"expected a value, found {_show(kind)}", start)
        self.pos += 2
        letter = kind[:1]
        if letter == b"b":
            flag = self._match(_NUMBER, "0 or 1")
            self._expect(b";")
            if flag not in (b"0", b"1"):
                raise PhpError(f"b: must be 0 or 1, not {_show(flag)}", start)
            return self._keep(flag == b"1")
        if letter == b"i":
            number = int(self._match(_NUMBER, "a whole number"))
            self._expect(b";")
            return self._keep(number)
        if letter == b"d":
            number = float(self._match(_FLOAT, "a number"))
            self._expect(b";")
            return self._keep(number)
        if letter == b"s":
            return self._keep(self._string())
        if letter == b"E":
            return self._keep(self._string())
        if letter in (b"a", b"O"):
            if depth >= self.max_depth:
                raise PhpError(f"nested deeper than {self.max_depth} levels", start)
            return self._container(letter, depth)
        if letter in (b"r", b"R"):
            number = int(self._match(_NUMBER, "a value number"))
            self._expect(b";")
            if not 1 <= number <= len(self.seen):
                raise PhpError(f"reference to value {number}, which is not read", start)
            value = self.seen[number - 1]
            return self._keep(value) if letter == b"r" else value
        if letter == b"C":
            raise PhpError(
                "a custom-serialised object (C:), whose format only its PHP "
                "class knows",
                start,
            )
        raise PhpError(f"unknown type {_show(letter)}", start)

    def _keep(self, value):
        self.seen.append(value)
        return value

    def _string(self):
        start = self.pos - 2
        length = int(self._match(_NUMBER, "a length"))
        if length < 0:
            raise PhpError(f"a string cannot be {length} bytes long", start)
        self._expect(b':"')
        data, begin = self.data, self.pos
        end = begin + length
        if data[end : end + 2] != b'";':
            if not self.repair:
                raise PhpError(
                    f"a string said to be {length} bytes long does not end "
                    "there; lengths count UTF-8 bytes (an Arabic letter is 2), "
                    "so the value was changed after it was serialised (a "
                    "search-and-replace or a character set conversion?)",
                    start,
                )
            end = data.find(b'";', begin)
            if end < 0:
                raise PhpError("a string with no closing quote", start)
        self.pos = end + 2
        try:
            return data[begin:end].decode("utf-8")
        except UnicodeDecodeError:
            raise PhpError(
                "a string that is not UTF-8, or whose length cuts a letter in two",
                start,
            ) from None

    def _container(self, letter, depth):
        start = self.pos - 2
        if letter == b"O":
            self._string_name()
            self._expect(b":")
        count = int(self._match(_NUMBER, "a count"))
        self._expect(b":{")
        # Each entry takes at least 4 bytes ("i:0;N;" is 6): a count larger
        # than what is left is a lie, refused before looping on it.
        if count < 0 or count * 4 > len(self.data) - self.pos:
            raise PhpError(f"{count} entries cannot fit in what is left", start)
        result = {}
        slot = len(self.seen)
        self._keep(result)
        for _ in range(count):
            key_at = self.pos
            key = self._key()
            if letter == b"O" and isinstance(key, str):
                key = _PROPERTY_MARK.sub("", key, count=1)
            if key in result:
                raise PhpError(f"key {key!r} given twice", key_at)
            result[key] = self.value(depth + 1)
        self._expect(b"}")
        if letter == b"a" and all(
            key == index for index, key in enumerate(result)
        ):  # a PHP list
            listed = list(result.values())
            self.seen[slot] = listed
            return listed
        return result

    def _string_name(self):
        length = int(self._match(_NUMBER, "a length"))
        self._expect(b':"')
        self.pos += length
        self._expect(b'"')

    def _key(self):
        kind = self.data[self.pos : self.pos + 2]
        self.pos += 2
        if kind == b"i:":
            key = int(self._match(_NUMBER, "a whole number"))
            self._expect(b";")
            return key
        if kind == b"s:":
            return self._string()
        raise PhpError(
            f"an array key must be i: or s:, not {_show(kind)}", self.pos - 2
        )

    def _match(self, pattern, what):
        match = pattern.match(self.data, self.pos)
        if match is None:
            raise PhpError(
                f"expected {what}, found {_show(self.data[self.pos : self.pos + 8])}",
                self.pos,
            )
        self.pos = match.end()
        return match.group()

    def _expect(self, token):
        if not self.data.startswith(token, self.pos):
            found = self.data[self.pos : self.pos + len(token)]
            raise PhpError(
                f"expected {_show(token)}, found {_show(found) or 'the end'}",
                self.pos,
            )
        self.pos += len(token)


def _show(data):
    return repr(data.decode("utf-8", "replace")) if data else ""
