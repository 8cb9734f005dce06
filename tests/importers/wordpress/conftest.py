import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Images an import brings go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
