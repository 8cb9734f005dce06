"""Who may do what to an article: reporters their own, editors all."""

from wagtail.permission_policies import ModelPermissionPolicy

#: What a reporter may do to an article only because they own it.
OWNED_ACTIONS = frozenset({"view", "change", "delete"})


class ArticlePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, plus ownership for reporters.

    A user with ``change_article`` (an editor) views and edits any article.
    A reporter (``add_article`` without ``change_article``) views, edits and
    deletes only the articles they own, and deletes them only while they
    have never been published: an unpublished draft is the reporter's and
    their editors' business, so its text, revisions and history stay closed
    to the rest of the desk even though reporters hold ``view_article`` (the
    model permission that opens the list of their own stories).
    ``publish``, ``lock`` and ``unlock`` are plain model permissions.
    """

    def _can(self, user, action):
        return super().user_has_permission(user, action)

    def _is_reporter(self, user):
        return self._can(user, "add") and not self._can(user, "change")

    def user_has_permission(self, user, action):
        if action in ("change", "delete") and self._can(user, "add"):
            # A reporter may edit *some* articles: their own.
            return True
        return self._can(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self._may(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if self._is_reporter(user) and OWNED_ACTIONS & set(actions):
            return manager.filter(owner=user) if user.is_active else manager.none()
        if any(self._can(user, action) for action in actions):
            return manager.all()
        return manager.none()

    def _may(self, user, action, instance):
        if action in OWNED_ACTIONS and self._is_reporter(user):
            if not self._owns(user, instance):
                return False
            return action != "delete" or instance.first_published_at is None
        return self._can(user, action)

    def _owns(self, user, instance):
        return (
            user.is_active
            and instance.owner_id is not None
            and instance.owner_id == user.pk
        )
