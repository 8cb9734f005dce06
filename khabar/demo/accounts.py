"""The demo's newsroom logins: an admin, and one user for each role."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from khabar.newsroom import roles

PASSWORD_ENV = "KHABAR_DEMO_PASSWORD"
PASSWORD_FILE = "demo_admin_password"

#: (username, role group, label); the admin is a superuser, not in a group.
LOGINS = [
    ("admin", None, "Admin"),
    ("chief", roles.CHIEF_EDITOR, "Chief editor"),
    ("editor", roles.EDITOR, "Editor"),
    ("reporter", roles.REPORTER, "Reporter"),
]


def password_path():
    return Path(settings.VAR_DIR) / PASSWORD_FILE


def known_password():
    """The demo password from the environment or the saved file, or None."""
    password = os.environ.get(PASSWORD_ENV, "").strip()
    if password:
        return password
    path = password_path()
    if path.exists():
        return path.read_text().strip() or None
    return None


def demo_password():
    """The known password, or a new random one saved for later runs.

    Saved, so that rebuilding the demo database keeps the same login.
    """
    password = known_password()
    if password is None:
        password = secrets.token_urlsafe(12)
        path = password_path()
        path.write_text(password + "\n")
        path.chmod(0o600)
    return password


def ensure_users(password):
    """Create the demo logins that do not exist yet; return {username: user}.

    Users that already exist are left as they are, password included:
    they may belong to a real newsroom that asked for demo content.
    """
    User = get_user_model()
    # One hash for every new user: hashing is deliberately slow.
    hashed = make_password(password)
    users, created = {}, set()
    for username, role, _label in LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@example.invalid",
                password=hashed,
                is_staff=role is None,
                is_superuser=role is None,
            )
            user.save()
            if role is not None:
                user.groups.add(_group(role))
            created.add(username)
        users[username] = user
    return users, created


def login_lines(password):
    """One line per existing demo login: where to log in and how.

    *password* is the demo password (None when it is not known); a user
    that existed before the demo keeps its own.
    """
    User = get_user_model()
    existing = set(
        User.objects.filter(username__in=[login[0] for login in LOGINS]).values_list(
            "username", flat=True
        )
    )
    admin_url = f"{settings.KHABAR_BASE_URL}/admin/"
    if password is None:
        password = f"(not known: set {PASSWORD_ENV} or see {password_path()})"
    return [
        f"{label}: {admin_url}  user: {username}  password: {password}"
        for username, _role, label in LOGINS
        if username in existing
    ]


def _group(name):
    try:
        return Group.objects.get(name=name)
    except Group.DoesNotExist:
        raise LookupError(
            f"The group {name!r} is missing; run `khabar migrate` to create the "
            "newsroom roles."
        ) from None
