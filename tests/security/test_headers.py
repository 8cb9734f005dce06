"""Security headers: CSP by hash, Permissions-Policy, HSTS and https only.

The browser half (no violation in chromium, scripts still working) is in
tests/security/test_browser.py.
"""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.template.loader import get_template
from django.test import override_settings

from khabar.cache.store import get_store
from khabar.cache.wsgi import PageCacheApp
from khabar.security import csp
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
#: Script types a browser does not run, so CSP does not ask them for a hash.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


class _InlineCode(HTMLParser):
    """Inline scripts and styles of a page, and attributes CSP would block."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts, self.styles, self.attributes = [], [], []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes += [
            f"<{tag} {name}>"
            for name in attrs
            if name == "style" or name.startswith("on")
        ]
        if tag == "style" or (
            tag == "script"
            and "src" not in attrs
            and attrs.get("type") not in DATA_SCRIPTS
        ):
            self._open = (tag, [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if self._open and self._open[0] == tag:
            target = self.scripts if tag == "script" else self.styles
            target.append("".join(self._open[1]))
            self._open = None


def _inline_code(html):
    parser = _InlineCode()
    parser.feed(html)
    return parser


def _sources(policy, directive):
    for part in policy.split(";"):
        name, *values = part.split()
        if name == directive:
            return values
    raise AssertionError(f"{directive} missing from {policy!r}")


def _assert_allowed(html, policy):
    code = _inline_code(html)
    assert not code.attributes, f"inline attributes CSP blocks: {code.attributes}"
    for directive, texts in (("script-src", code.scripts), ("style-src", code.styles)):
        allowed = _sources(policy, directive)
        for text in texts:
            assert csp.digest(text) in allowed, (
                f"inline code without a hash in {directive}: {text[:60]!r}; "
                "list its template with csp.allow_inline() in khabar/site/apps.py"
            )


@pytest.fixture
def story():
    return ArticleFactory(
        title="خبر للاختبار",
        section=SectionFactory(name="سياسة"),
        body=[("paragraph", "<p>نص الخبر.</p>"), ("subheading", "عنوان فرعي")],
    )


# The policy of readers' pages


def test_public_policy_is_strict():
    policy = csp.public_policy()
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert _sources(policy, "default-src") == ["'self'"]
    assert _sources(policy, "object-src") == ["'none'"]
    assert _sources(policy, "img-src") == ["'self'", "data:"]
    for directive in ("base-uri", "form-action"):
        assert _sources(policy, directive) == ["'self'"]
    assert _sources(policy, "frame-ancestors") == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/latest/", "section", "/search/?q=خبر"])
def test_list_pages_carry_only_inline_code_the_policy_allows(client, story, path):
    if path == "section":
        path = story.section.get_absolute_url()

    response = client.get(path)

    assert response.status_code == 200
    assert response[CSP] == csp.public_policy()
    _assert_allowed(response.text, response[CSP])


def test_article_page_carries_only_inline_code_the_policy_allows(client, story):
    response = client.get(story.get_absolute_url())

    assert 'type="application/ld+json"' in response.text
    assert _inline_code(response.text).scripts, "the early script is missing"
    _assert_allowed(response.text, response[CSP])


def test_error_pages_carry_only_inline_code_the_policy_allows(client, db):
    not_found = client.get("/a/999999")
    server_error = get_template("500.html").render({})

    assert not_found.status_code == 404
    _assert_allowed(not_found.text, not_found[CSP])
    assert _inline_code(server_error).styles, "500.html lost its inline style"
    _assert_allowed(server_error, csp.public_policy())


def test_the_hash_follows_the_inline_script_it_allows(settings, tmp_path):
    early = tmp_path / "site" / "includes" / "early.js"
    early.parent.mkdir(parents=True)
    early.write_text("document.documentElement.className='js';\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path]},
    ]
    csp.public_policy.cache_clear()
    try:
        policy = csp.public_policy()
    finally:
        csp.public_policy.cache_clear()
    assert csp.digest("document.documentElement.className='js';\n") in policy


# Every response, cache hits included


def test_permissions_policy_refuses_powerful_features(client, story):
    response = client.get(story.get_absolute_url())

    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy
    assert "browsing-topics=()" in policy


def test_admin_sign_in_allows_no_inline_script(client, wagtail_admin):
    response = client.get("/admin/login/")

    assert response[CSP] == csp.sign_in_policy()
    assert _sources(response[CSP], "script-src") == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_admin_gets_the_admin_policy(client, wagtail_admin):
    client.force_login(UserFactory(is_superuser=True))

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response[CSP] == csp.admin_policy()
    assert _sources(response[CSP], "object-src") == ["'none'"]
    assert _sources(response[CSP], "connect-src") == ["'self'"]


def test_cached_page_keeps_its_headers_on_every_hit(client, page_cache, story):
    url = story.get_absolute_url()

    first = client.get(url)
    second = client.get(url)

    assert [first["X-Khabar-Cache"], second["X-Khabar-Cache"]] == ["miss", "hit"]
    assert first[CSP] == second[CSP] == csp.public_policy()
    assert first["Permissions-Policy"] == second["Permissions-Policy"]
    assert first.content == second.content


def test_wsgi_fast_path_hit_has_the_headers(client, page_cache, story):
    client.get(story.get_absolute_url())
    started = []

    def django_app(environ, start_response):
        raise AssertionError("a fresh hit is answered before Django")

    PageCacheApp(django_app)(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": story.get_absolute_url(),
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
        },
        lambda status, headers: started.append(dict(headers)),
    )

    assert started[0][CSP] == csp.public_policy()
    assert "camera=()" in started[0]["Permissions-Policy"]


def test_a_page_keeps_the_policy_it_was_stored_with(client, page_cache, story):
    # After a deploy that changes early.js, a copy rendered before it must
    # keep the policy matching its own bytes, not get the new one.
    url = story.get_absolute_url()
    client.get(url)
    store = get_store()
    entry = store.get(url)
    entry.headers = tuple(
        (name, "script-src 'self' 'sha256-old='" if name == CSP else value)
        for name, value in entry.headers
    )
    entry._prepared.clear()
    store.set(url, entry)  # Redis keeps a copy, not this object

    response = client.get(url)

    assert response["X-Khabar-Cache"] == "hit"
    assert response[CSP] == "script-src 'self' 'sha256-old='"


# https only in production


TLS = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
}


@override_settings(**TLS)
def test_behind_the_tls_proxy_pages_are_served_with_hsts(client, story):
    response = client.get(story.get_absolute_url(), HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


@override_settings(**TLS)
def test_plain_http_is_redirected_to_https(client, story):
    response = client.get(story.get_absolute_url(), HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@override_settings(**TLS)
def test_wsgi_fast_path_leaves_plain_http_to_django(client, page_cache, story):
    url = story.get_absolute_url()
    client.get(url, HTTP_X_FORWARDED_PROTO="https")  # stored
    passed = []

    def django_app(environ, start_response):
        passed.append(environ["PATH_INFO"])
        return [b""]

    app = PageCacheApp(django_app)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": url,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
    }
    app({**environ, "HTTP_X_FORWARDED_PROTO": "http"}, lambda *a: None)
    app(environ, lambda *a: None)
    answered = app({**environ, "HTTP_X_FORWARDED_PROTO": "https"}, lambda *a: None)

    assert passed == [url, url], "plain http must reach the redirect"
    assert b"".join(answered), "https is answered from the cache"


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "KHABAR_ENV": "production",
        "KHABAR_VAR_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "KHABAR_BASE_URL": "https://example.org",
        "KHABAR_BEHIND_TLS_PROXY": "1",
    }
    for name in [n for n in env if n.startswith("SECURE_")]:
        del env[name]  # the defaults are what is checked

    command = ["check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(
        [sys.executable, "-m", "khabar", *command],
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
