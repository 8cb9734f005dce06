"""Wagtail's and Django's msgids whose Arabic Khabar overrides.

Khabar's catalogue (khabar/locale) comes before the apps' catalogues, so a
msgid translated there replaces Wagtail's or Django's Arabic. `makemessages`
only collects msgids from Khabar's own code, and would mark an override it
did not find as obsolete: listing them here keeps them in the catalogue.
The Arabic is in khabar/locale/ar/LC_MESSAGES/django.po; the old and new
Arabic of each, and why, in docs/newsroom.md ("The admin's Arabic").

Nothing reads this tuple at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDDEN = (
    gettext_noop("user"),  # Django's User model
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
    gettext_noop("Choose another %(object)s"),
    gettext_noop("Edit this %(object)s"),
    gettext_noop(
        "You are viewing a previous version of this %(model_name)s from "
        "<b>%(created_at)s</b> by %(user)s"
    ),
    gettext_noop("Name and Email"),
    gettext_noop("Password confirmation"),
    gettext_noop("Enter the same password as above, for verification."),
    gettext_noop("The two password fields didn't match."),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    ngettext_lazy("There is %(counter)s match", "There are %(counter)s matches", "n"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Set schedule"),
    gettext_noop("Set publishing schedule"),
    gettext_noop("Toggle breadcrumbs"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Toggle status"),
    gettext_noop("Toggle comments"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle preview"),
    gettext_noop("Live"),
    gettext_noop("Submit to %(workflow_name)s"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop(
        "One or more references to this %(model_name)s prevent it from being deleted."
    ),
    gettext_noop("1 snippet selected"),
    gettext_noop("%(objects)s snippets selected"),
    gettext_noop("All %(objects)s snippets on this screen selected"),
    gettext_noop("All snippets in listing selected"),
    gettext_noop("1 image selected"),
    gettext_noop("%(objects)s images selected"),
    gettext_noop("All %(objects)s images on this screen selected"),
    gettext_noop("All images in listing selected"),
    gettext_noop("1 user selected"),
    gettext_noop("%(objects)s users selected"),
    gettext_noop("All %(objects)s users on this screen selected"),
    gettext_noop("All users in listing selected"),
    gettext_noop("1 item selected"),
    gettext_noop("%(objects)s items selected"),
    gettext_noop("All %(objects)s items on this screen selected"),
    gettext_noop("All items in listing selected"),
)
