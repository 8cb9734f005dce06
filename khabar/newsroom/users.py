"""Newsroom accounts in the admin: nobody grants more power than they hold.

Wagtail lets anyone with ``auth.change_user`` tick "Administrator" and put
users in any group, so the chief editor could make superusers or take over
the superuser's account by changing its password. Here a user who is not a
superuser manages only accounts with no more power than their own, sees no
"Administrator" box, and may put people only in groups whose permissions
they hold themselves. Only a superuser grants superuser powers.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_users


def powers(user):
    """Every permission *user* holds: model permissions and those on image
    and document collections (which Django's ``get_all_permissions`` omits)."""
    model_perms = user.get_all_permissions()
    collection_perms = set(
        GroupCollectionPermission.objects.filter(group__user=user).values_list(
            "collection_id", "permission_id"
        )
    )
    return model_perms, collection_perms


def group_powers(group):
    model_perms = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    collection_perms = set(
        group.collection_permissions.values_list("collection_id", "permission_id")
    )
    return model_perms, collection_perms


def within(wanted, held):
    """Whether the powers *wanted* are all among the powers *held*."""
    return wanted[0] <= held[0] and wanted[1] <= held[1]


def grantable_groups(actor):
    """The groups *actor* may put users in: all for a superuser, otherwise
    those whose every permission the actor holds."""
    groups = Group.objects.all()
    if actor.is_superuser:
        return groups
    held = powers(actor)
    return groups.filter(pk__in=[g.pk for g in groups if within(group_powers(g), held)])


class UserPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and no account more powerful than one's own."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if user.is_superuser or instance.pk == user.pk:
            return True
        if instance.is_superuser or instance.is_staff:
            return False
        return within(powers(instance), powers(user))

    def instances_user_has_any_permission_for(self, user, actions):
        users = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return users
        users = users.filter(is_superuser=False, is_staff=False)
        held = powers(user)
        return users.filter(
            pk__in=[u.pk for u in users if u.pk == user.pk or within(powers(u), held)]
        )


class _LimitedPowersMixin:
    """Takes the acting user; hides what that user may not grant."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        if "groups" in self.fields:
            self.fields["groups"].queryset = grantable_groups(for_user)


class UserCreationForm(_LimitedPowersMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(_LimitedPowersMixin, wagtail_forms.UserEditForm):
    pass


class _ForUserMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CreateView(_ForUserMixin, wagtail_users.CreateView):
    pass


class EditView(_ForUserMixin, wagtail_users.EditView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    # Copying an account would copy its powers; there is nothing to gain.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
