"""One history entry per editing session of an article.

Wagtail's editor autosaves every ``WAGTAIL_AUTOSAVE_INTERVAL`` ms (500 by
default). Within one session every autosave after the first overwrites the
same revision (``overwrite_revision``), and for pages Wagtail logs those
saves under one uuid, which the history view shows as one entry. For
snippets, Wagtail 8's ``EditAction`` logs each save on its own, so a few
minutes of writing left a history entry per pause. This action gives the
log entry of an overwriting save the uuid of the entry the overwritten
revision already has.
"""

from wagtail.actions.edit import EditAction
from wagtail.log_actions import LogContext, get_active_log_context, registry


class SessionEditAction(EditAction):
    """Wagtail's edit, logged once per session of overwritten revisions."""

    def _edit(self, skip_permission_checks=False):
        uuid = self._session_uuid()
        if uuid is None:
            return super()._edit(skip_permission_checks=skip_permission_checks)
        context = LogContext(user=get_active_log_context().user or self.user)
        context.uuid = uuid
        with context:
            return super()._edit(skip_permission_checks=skip_permission_checks)

    def _session_uuid(self):
        """The uuid of this session's entry, or None for a new entry."""
        if not (self.overwrite_revision and self.log_action):
            return None
        logs = registry.get_logs_for_instance(self.instance)
        return logs.latest_uuid_for_user_revision_action(
            self.user, self.overwrite_revision, self.log_action
        )
