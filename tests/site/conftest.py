import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache):
    """Public pages as readers get them: through the page cache
    (docs/testing.md)."""
    return page_cache
