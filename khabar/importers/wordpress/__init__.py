"""WordPress in and out: read WXR exports, their bodies and the themes'
meta in them.

Reading (:mod:`.wxr`, :mod:`.php`, :mod:`.slugs`, :mod:`.meta`,
:mod:`.bodies`) never touches the database, so a whole export can be
checked before anything is written, as the JSONL import does.
"""
