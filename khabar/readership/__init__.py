"""Readership: the view beacon, its counters, and the most-read lists."""
