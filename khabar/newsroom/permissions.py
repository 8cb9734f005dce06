"""Who may do what to an article: reporters their own, editors all."""

from wagtail.permission_policies import ModelPermissionPolicy


class ArticlePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, plus ownership for reporters.

    A user with ``change_article`` edits any article. A user with only
    ``add_article`` (a reporter) edits and deletes the articles they own,
    and may delete them only while they have never been published.
    ``publish``, ``lock`` and ``unlock`` are plain model permissions.
    """

    def _can(self, user, action):
        return super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        if action in ("change", "delete") and self._can(user, "add"):
            # A reporter may edit *some* articles: their own.
            return True
        return self._can(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        for action in actions:
            if self._can(user, action):
                return True
            if action in ("change", "delete") and self._owns(user, instance):
                if action == "change" or instance.first_published_at is None:
                    return True
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self._can(user, action) for action in actions):
            return manager.all()
        if {"change", "delete"} & set(actions) and self._can(user, "add"):
            return manager.filter(owner=user)
        return manager.none()

    def _owns(self, user, instance):
        return (
            user.is_active
            and self._can(user, "add")
            and instance.owner_id is not None
            and instance.owner_id == user.pk
        )
