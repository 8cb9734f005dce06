"""Wagtail's and Django's msgids whose Arabic Khabar overrides.

Khabar's catalogue (khabar/locale) comes before the apps' catalogues, so a
msgid translated there replaces Wagtail's or Django's Arabic. `makemessages`
only collects msgids from Khabar's own code, and would mark an override it
did not find as obsolete: listing them here keeps them in the catalogue.
The Arabic and the reason for each are in khabar/locale/ar/LC_MESSAGES/
django.po and the table in docs/newsroom.md ("The admin's Arabic").

Nothing reads this tuple at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDDEN = (
    gettext_noop("Shortcuts"),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop(
        "Reviewers can edit this %(model_name)s – lock it to prevent other "
        "reviewers from editing"
    ),
    gettext_noop(
        "Anyone can edit this %(model_name)s – lock it to prevent others from editing"
    ),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    gettext_noop("Unlocked"),
    gettext_noop("This data explained"),
    ngettext_lazy("Used %(usage_count)s time", "Used %(usage_count)s times", "n"),
    gettext_noop("%(time_period)s ago"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "n"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "n"),
    ngettext_lazy("%(num)d day", "%(num)d days", "n"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "n"),
    ngettext_lazy("%(num)d month", "%(num)d months", "n"),
    ngettext_lazy("%(num)d year", "%(num)d years", "n"),
    ngettext_lazy("a second ago", "%(count)s seconds ago", "n"),
    gettext_noop("Editing"),
    gettext_noop("Saving…"),
    gettext_noop("Publishing…"),
    gettext_noop("Scheduling…"),
    gettext_noop("Loading"),
    gettext_noop("Uploading…"),
    gettext_noop("Toggle section"),
    gettext_noop("Delete selected snippets"),
    gettext_noop("Select all snippets in listing"),
    gettext_noop("Search all pages…"),
    gettext_noop("live"),
    gettext_noop("first published at"),
    gettext_noop("%s KB"),
    gettext_noop("%s MB"),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "n",
    ),
    gettext_noop(
        "JavaScript is required to use Wagtail, but it is currently disabled.<br "
        '/> Here are the <a href="https://www.enable-javascript.com/" '
        'target="_blank" rel="noreferrer">instructions how to enable JavaScript '
        "in your web browser</a>."
    ),
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "n",
    ),
    gettext_noop("Wagtail admin"),
    gettext_noop("Can access Wagtail admin"),
    gettext_noop("Go to Wagtail admin"),
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
)
