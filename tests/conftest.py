import pytest

from tests import services


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with an empty cache (locmem or Redis).

    The page cache is off unless a test turns it on (the ``page_cache``
    fixture below; tests/site and tests/syndication turn it on for all
    their tests): most tests elsewhere change rows through factories,
    which send no publish event, and expect the next page to show the
    change.
    """
    from django.core.cache import cache

    from khabar.cache.shared import forget
    from khabar.cache.store import reset_store

    settings.KHABAR_PAGE_CACHE = False
    cache.clear()
    reset_store()
    forget()
    return


@pytest.fixture
def browser(transactional_db, live_server):
    """A headless chromium, started after the test data exists.

    Playwright's sync API runs an event loop in this thread, and Django
    refuses ORM calls while one runs; so the data is made first, and the
    browser is closed before pytest-django flushes the database.
    """
    executable = services.chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=services.CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page_cache(settings):
    """The page cache on, empty (tests/conftest.py turns it off)."""
    from khabar.cache.store import get_store, reset_store

    settings.KHABAR_PAGE_CACHE = True
    reset_store()
    yield get_store()
    reset_store()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """``publish(article, **changes)``: save *changes* as a revision and
    publish it, as the newsroom does, with what runs on commit (purges,
    indexing) run, which a test's transaction would otherwise hold back."""

    def publish(article, **changes):
        for name, value in changes.items():
            setattr(article, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        return article

    return publish


@pytest.fixture
def no_page_cache(settings):
    """The page cache off, for a test of what lies beneath it (a view's
    own queries, conditional answers or streaming) where it is on."""
    settings.KHABAR_PAGE_CACHE = False


@pytest.fixture
def fast_hasher(settings):
    """MD5 instead of PBKDF2 (half a second a password here): for tests
    that sign in many times and count attempts, not hashing cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def wagtail_admin():
    """Render Wagtail's admin as in production.

    FAIL_INVALID_TEMPLATE_VARS makes unset variables skip their filters
    (``|default`` included), which Wagtail's own admin templates rely on.
    Our templates stay strict; only tests of the admin use this.
    """
    from django.template import engines

    engine = engines["django"].engine
    strict = engine.string_if_invalid
    engine.string_if_invalid = ""
    yield
    engine.string_if_invalid = strict


@pytest.fixture
def photo(settings, tmp_path):
    """A real 1600×900 JPEG in Wagtail's image library, stored in tmp_path."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (120, 40, 40)).save(buffer, "JPEG")
    return Image.objects.create(
        title="صورة", file=ImageFile(buffer, name="photo.jpg"), width=1600, height=900
    )


@pytest.fixture
def role_groups(transactional_db):
    """The role groups and the review workflow as the data migrations make
    them: a transactional test before this one flushed them away.

    The migrations run with the historical app registry, as in `migrate`:
    they mark apps as having models while they make permissions, and doing
    that to the live registry left later flushes without Wagtail's
    permissions (``wagtailadmin.access_admin``).
    """
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    loader = MigrationExecutor(connection).loader
    apps = loader.project_state(loader.graph.leaf_nodes()).apps
    for migration, function in (
        ("0002_roles", "create_roles"),
        ("0008_front_page", "grant"),
    ):
        module = importlib.import_module(f"khabar.newsroom.migrations.{migration}")
        getattr(module, function)(apps, None)
