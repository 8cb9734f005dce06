"""Search quality measured on real Arabic text that Khabar did not write.

The text is the corpus the PyPI package ``arrand`` ships (GPL): vocalised
news paragraphs, classical prose (al-Iqd al-Farid), fiqh (al-Mudawwana,
plain and vocalised) and proverbs. It is read from the installed package
at run time; none of it is kept in this repository.

- :mod:`.spelling`: the evaluation's own normaliser and tokenizer, written
  apart from ``khabar.arabic`` so that the code under test never judges
  itself;
- :mod:`.corpus`: which lines become documents;
- :mod:`.queries`: the known-item queries and their relevant documents;
- :mod:`.plurals`: singular and broken-plural pairs, written by hand;
- :mod:`.baseline`: SQLite FTS5 with Lucene's Arabic normaliser and
  light10 stemmer, the search to beat.

tests/search_real_eval.py puts them together.
"""
