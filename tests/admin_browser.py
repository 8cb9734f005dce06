"""Sign in to the newsroom in a browser test, as a person does."""

from tests.factories import PASSWORD


def sign_in(page, base, username, next_path="/admin/"):
    """Sign *username* in on *page* through the login form (the factories'
    password) and wait until the admin shows *next_path*."""
    page.goto(f"{base}/admin/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(base + next_path)
