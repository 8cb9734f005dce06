"""Sign-ins, lockouts and permission changes in Wagtail's audit log."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

from khabar.accounts import audit
from khabar.newsroom import roles
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("wagtail_admin", "fast_hasher"),
]

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def editor():
    editor = UserFactory(username="salma", role=roles.EDITOR)
    # Joining the editors' group was logged; tests look at what follows.
    ModelLogEntry.objects.all().delete()
    return editor


def _sign_in(client, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": "salma", "password": password},
        REMOTE_ADDR=address,
    )


def _entries(user, action):
    return ModelLogEntry.objects.for_instance(user).filter(action=action)


def test_failed_sign_in_is_logged_with_the_address(client, editor):
    _sign_in(client, "wrong")

    entry = _entries(editor, audit.SIGN_IN_FAILED).get()
    assert entry.data["address"] == "203.0.113.7"
    assert entry.user is None


def test_sign_in_is_logged(client, editor):
    _sign_in(client, PASSWORD)

    entry = _entries(editor, audit.SIGN_IN).get()
    assert entry.user == editor


def test_lockout_is_logged_once_however_long_the_guessing(client, editor):
    for _ in range(12):
        _sign_in(client, "wrong")

    assert _entries(editor, audit.LOCKED_OUT).count() == 1
    assert _entries(editor, audit.SIGN_IN_FAILED).count() == 4


def test_group_change_is_logged_with_who_did_it(editor):
    chief = UserFactory(username="chief", role=roles.CHIEF_EDITOR)

    with LogContext(user=chief):
        editor.groups.add(Group.objects.get(name=roles.CHIEF_EDITOR))

    entry = _entries(editor, audit.PERMISSIONS_CHANGED).get()
    assert entry.data["added"] == [roles.CHIEF_EDITOR]
    assert entry.user == chief


def test_group_change_from_either_side_is_logged_on_the_account(editor):
    chief = Group.objects.get(name=roles.CHIEF_EDITOR)

    chief.user_set.add(editor)
    editor.groups.remove(chief)

    changes = _entries(editor, audit.PERMISSIONS_CHANGED)
    assert [e.data["added"] or e.data["removed"] for e in changes.order_by("pk")] == [
        [roles.CHIEF_EDITOR],
        [roles.CHIEF_EDITOR],
    ]


def test_superuser_flag_is_logged(editor):
    editor.is_superuser = True
    editor.save()

    entry = _entries(editor, audit.PERMISSIONS_CHANGED).get()
    assert entry.data == {"field": "flags", "added": ["is_superuser"], "removed": []}


def test_user_permission_change_is_logged(editor):
    editor.user_permissions.add(Permission.objects.get(codename="delete_user"))

    entry = _entries(editor, audit.PERMISSIONS_CHANGED).get()
    assert entry.data["added"] == ["auth.delete_user"]


def test_group_permission_change_is_logged_on_the_group():
    reporters = Group.objects.get(name=roles.REPORTER)

    reporters.permissions.add(Permission.objects.get(codename="publish_article"))

    entry = ModelLogEntry.objects.for_instance(reporters).get()
    assert entry.action == audit.PERMISSIONS_CHANGED
    assert entry.data["added"] == ["newsroom.publish_article"]


def test_sign_in_does_not_log_a_flag_change(client, editor):
    _sign_in(client, PASSWORD)

    assert not _entries(editor, audit.PERMISSIONS_CHANGED).exists()


def test_chief_editor_reads_sign_ins_and_group_changes_in_site_history(client, editor):
    _sign_in(client, "wrong")
    _sign_in(client, PASSWORD)
    for _ in range(5):
        _sign_in(client, "wrong", address="198.51.100.4")
    reporters = Group.objects.get(name=roles.REPORTER)
    reporters.permissions.add(Permission.objects.get(codename="publish_article"))
    client.logout()
    client.force_login(UserFactory(username="chief", role=roles.CHIEF_EDITOR))

    response = client.get(SITE_HISTORY)

    text = response.content.decode()
    assert response.status_code == 200
    for label in ("فشل تسجيل الدخول", "سجّل الدخول", "قفل بعد محاولات دخول فاشلة"):
        assert label in text, label
    assert "تغيّرت الصلاحيات" in text
    assert roles.REPORTER in text


def test_chief_editor_finds_site_history_in_the_reports_menu(client):
    client.force_login(UserFactory(username="chief", role=roles.CHIEF_EDITOR))

    assert SITE_HISTORY in client.get("/admin/").content.decode()


def test_reporter_does_not_see_account_history(client, editor):
    _sign_in(client, PASSWORD)
    client.logout()
    client.force_login(UserFactory(username="rep", role=roles.REPORTER))

    text = client.get(SITE_HISTORY).content.decode()

    assert "salma" not in text
