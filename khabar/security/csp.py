"""Content-Security-Policy: strict for readers, looser for the signed-in admin.

Readers' pages are cached whole and are the same bytes for every reader, so
the little inline code they hold is allowed by its hash, never by a nonce
made per request. The hashes are computed from the templates that hold that
code, rendered as the pages include them: editing one of them changes the
policy with it, and tests/security/test_headers.py fails when a page
carries inline code that is not listed. The templates are the site's, a
layer above (docs/architecture.md): it lists them with ``allow_inline()``
in its ``AppConfig.ready()``.
"""

import base64
import hashlib
from functools import cache

from django.template.loader import get_template

#: Templates included as the whole body of an inline ``<script>`` or
#: ``<style>`` of readers' pages (``allow_inline()``).
INLINE_SCRIPTS = []
INLINE_STYLES = []

#: The directives of readers' pages, before the hashes are added. No
#: ``frame-ancestors 'self'``: no page of the public site is ever framed
#: (the admin's preview is an admin URL), and 'none' agrees with
#: ``X-Frame-Options: DENY`` for browsers without CSP.
PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

#: The Wagtail admin once signed in. Wagtail 8 still writes inline scripts
#: whose text differs per form (InlinePanel, date and chooser widgets), and
#: its chooser modals insert more through jQuery (wagtail/wagtail#1288):
#: neither a hash nor a nonce can allow them, so scripts need
#: 'unsafe-inline'. Styles too: Wagtail writes style attributes, and a
#: style cannot run code. What stays refused matters most: code and
#: connections from any other host, plugins, <base> and forms posting
#: elsewhere, and being framed by another site. Checked by saving a draft
#: in chromium (tests/security/test_browser.py).
ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # The preview panel frames the preview view, an admin URL.
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
#: The admin's sign-in pages, where a password is typed, have no inline
#: script: there no script but Wagtail's own files may run.
SIGN_IN = {**ADMIN, "script-src": ["'self'"]}


def allow_inline(*, scripts=(), styles=()):
    """Allow by its hash the inline code of each template named: *scripts*
    included as the whole body of a ``<script>``, *styles* of a ``<style>``.
    """
    INLINE_SCRIPTS.extend(n for n in scripts if n not in INLINE_SCRIPTS)
    INLINE_STYLES.extend(n for n in styles if n not in INLINE_STYLES)
    public_policy.cache_clear()


def digest(text):
    """The CSP source expression that allows inline code *text*."""
    value = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{value}'"


def _rendered(name):
    # Rendered, not read: the text must be the bytes the page carries.
    return get_template(name).render({})


def _serialise(directives):
    return "; ".join(
        f"{name} {' '.join(values)}" for name, values in directives.items()
    )


@cache
def public_policy():
    """The policy of every response outside the admin."""
    directives = {name: list(values) for name, values in PUBLIC.items()}
    directives["script-src"] += [digest(_rendered(n)) for n in INLINE_SCRIPTS]
    directives["style-src"] += [digest(_rendered(n)) for n in INLINE_STYLES]
    return _serialise(directives)


@cache
def admin_policy():
    """The policy of the Wagtail admin's pages once signed in."""
    return _serialise(ADMIN)


@cache
def sign_in_policy():
    """The policy of the admin's sign-in and password-reset pages."""
    return _serialise(SIGN_IN)
