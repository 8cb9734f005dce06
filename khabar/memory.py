"""Keep a long batch job's memory flat: an import of 200,000 articles."""

import gc


def free_batch_garbage():
    """Free the cyclic garbage a batch left.

    A batch's articles are garbage in reference cycles (a StreamField body
    and its raw data refer to each other), which only a full collection
    frees; CPython runs one seldom once Django and Wagtail hold a million
    long-lived objects, so memory would grow with the file. A full
    collection walks all of those (0.1 to 0.3 s): once per batch of a few
    hundred articles, not more often. (Freezing the survivors to make it
    cheaper leaked: what a batch still held at that moment was never
    freed, 85 MB over 10,000 posts in bench/wxr_import.py.)
    """
    gc.collect()
