"""Arabic full-text search: the index, queries, ranking and snippets.

One analyzer (:mod:`khabar.arabic.analyzer`) feeds two backends, SQLite
FTS5 in the embedded set-up and PostgreSQL full-text search at scale;
docs/search.md explains the whole.
"""
