"""Newsroom sign-ins and permission changes, in Wagtail's audit log.

Every entry is logged against the account (or group) it concerns, so the
"Site history" report shows it to whoever may see accounts: the chief
editor. The client address goes in the entry's data.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

from khabar.netaddr import client_address

SIGN_IN = "khabar.sign_in"
SIGN_IN_FAILED = "khabar.sign_in_failed"
LOCKED_OUT = "khabar.locked_out"
SECOND_FACTOR = "khabar.second_factor"
SECOND_FACTOR_FAILED = "khabar.second_factor_failed"
DEVICE_ADDED = "khabar.device_added"
DEVICE_REMOVED = "khabar.device_removed"
RECOVERY_CODES = "khabar.recovery_codes"
PERMISSIONS_CHANGED = "khabar.permissions_changed"

#: The user flags whose change is a change of what the account may do.
FLAGS = ("is_superuser", "is_staff", "is_active")


class _Formatter(LogFormatter):
    """Adds the client address, when known, to the entry's message."""

    def format_message(self, log_entry):
        address = (log_entry.data or {}).get("address")
        if address:
            return _("%(what)s (from %(address)s)") % {
                "what": self.message,
                "address": address,
            }
        return self.message


class _PermissionsFormatter(LogFormatter):
    label = _("Permissions changed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        field = data.get("field", "")
        return _("%(field)s: added %(added)s; removed %(removed)s") % {
            "field": FIELD_LABELS.get(field, field),
            "added": _names_shown(field, data.get("added", [])),
            "removed": _names_shown(field, data.get("removed", [])),
        }


#: What the log calls each changed field (stored by its code name).
FIELD_LABELS = {
    "groups": _("groups"),
    "user_permissions": _("user permissions"),
    "permissions": _("permissions"),
    "flags": _("account status"),
}


def _names_shown(field, names):
    # Flags are stored as field names (is_active); show Django's labels.
    if field == "flags":
        User = get_user_model()
        names = [str(User._meta.get_field(name).verbose_name) for name in names]
    return gettext(", ").join(names) or "—"


ACTIONS = {
    SIGN_IN: _("Signed in"),
    SIGN_IN_FAILED: _("Sign-in failed"),
    LOCKED_OUT: _("Locked out after failed sign-ins"),
    SECOND_FACTOR: _("Second factor verified"),
    SECOND_FACTOR_FAILED: _("Second factor failed"),
    DEVICE_ADDED: _("Second factor added"),
    DEVICE_REMOVED: _("Second factor removed"),
    RECOVERY_CODES: _("New recovery codes made"),
}


def register_actions(actions):
    """The register_log_actions hook (wagtail_hooks.py)."""
    for action, label in ACTIONS.items():
        actions.register_action(action)(
            type("Formatter", (_Formatter,), {"label": label, "message": label})
        )
    actions.register_action(PERMISSIONS_CHANGED)(_PermissionsFormatter)


def record(instance, action, request=None, actor=None, **data):
    """Log *action* on *instance*, by *actor*: by default the request's
    signed-in user, else Wagtail's current one (none for a failed sign-in)."""
    if request is not None and getattr(request, "META", None):
        data.setdefault("address", client_address(request.META))
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            actor = user
    return wagtail_log(instance=instance, action=action, user=actor, data=data)


def kind(device) -> str:
    """A device's kind as the log names it."""
    return {
        "totpdevice": "totp",
        "staticdevice": "recovery",
        "webauthncredential": "passkey",
    }.get(device._meta.model_name, device._meta.model_name)


# Sign-ins ---------------------------------------------------------------


def _signed_in(sender, request, user, **kwargs):
    record(user, SIGN_IN, request, actor=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Axes' receiver ran first (connect()) and marked a locked-out request;
    # those are logged once per lockout, not once per refused attempt.
    if request is None or getattr(request, "axes_locked_out", False):
        return
    user = _account(credentials.get("username"))
    if user is not None:
        record(user, SIGN_IN_FAILED, request)


def _locked_out(sender, request, username, ip_address, **kwargs):
    user = _account(username)
    if user is None:
        return
    # One entry per lockout: every refused attempt restarts the cool-off,
    # and an attacker's thousand tries must not bury the report.
    cool_off = settings.AXES_COOLOFF_TIME.total_seconds()
    if cache.add(f"accounts:lockout:{user.pk}:{ip_address}", 1, timeout=cool_off):
        record(user, LOCKED_OUT, request)


def _account(username):
    if not username:
        return None
    User = get_user_model()
    return User.objects.filter(**{User.USERNAME_FIELD: username}).first()


# Permission changes -----------------------------------------------------


def _names(model, pks):
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    return sorted(
        f"{app}.{codename}"
        for app, codename in model.objects.filter(pk__in=pks).values_list(
            "content_type__app_label", "codename"
        )
    )


def _m2m_changed(field):
    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            # pk_set is empty on clear: remember what is about to go.
            related = (
                model.objects.filter(**{field: instance})
                if reverse
                else getattr(instance, field).all()
            )
            instance._khabar_cleared = set(related.values_list("pk", flat=True))
            return
        if action == "post_clear":
            pk_set, action = getattr(instance, "_khabar_cleared", set()), "post_remove"
        if action not in ("post_add", "post_remove") or not pk_set:
            return
        if reverse:
            # group.user_set.add(...) and the like: log each account or
            # group whose permissions changed.
            for other in model.objects.filter(pk__in=pk_set):
                _log_change(other, field, action, [instance.pk], type(instance))
        else:
            _log_change(instance, field, action, pk_set, model)

    return receiver


def _log_change(instance, field, action, pks, model):
    names = _names(model, pks)
    added = names if action == "post_add" else []
    removed = names if action == "post_remove" else []
    record(instance, PERMISSIONS_CHANGED, field=field, added=added, removed=removed)


def _remember_flags(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(FLAGS):
        return  # e.g. last_login on every sign-in: no extra query
    instance._khabar_flags = (
        sender.objects.filter(pk=instance.pk).values(*FLAGS).first()
    )


def _flags_changed(sender, instance, created, **kwargs):
    before = getattr(instance, "_khabar_flags", None)
    instance._khabar_flags = None
    if created or not before:
        return
    changed = [f for f in FLAGS if before[f] != getattr(instance, f)]
    if changed:
        record(
            instance,
            PERMISSIONS_CHANGED,
            field="flags",
            added=[f for f in changed if getattr(instance, f)],
            removed=[f for f in changed if not getattr(instance, f)],
        )


def connect():
    """Connect the receivers; called from AccountsConfig.ready()."""
    # Axes' receivers first, so ours see request.axes_locked_out.
    import axes.signals

    User = get_user_model()
    user_logged_in.connect(_signed_in, dispatch_uid="khabar.accounts.signed_in")
    user_login_failed.connect(
        _sign_in_failed, dispatch_uid="khabar.accounts.sign_in_failed"
    )
    axes.signals.user_locked_out.connect(
        _locked_out, dispatch_uid="khabar.accounts.locked_out"
    )
    for through, field in (
        (User.groups.through, "groups"),
        (User.user_permissions.through, "user_permissions"),
        (Group.permissions.through, "permissions"),
    ):
        m2m_changed.connect(
            _m2m_changed(field),
            sender=through,
            weak=False,
            dispatch_uid=f"khabar.accounts.{field}",
        )
    pre_save.connect(_remember_flags, sender=User, dispatch_uid="khabar.flags.pre")
    post_save.connect(_flags_changed, sender=User, dispatch_uid="khabar.flags.post")
