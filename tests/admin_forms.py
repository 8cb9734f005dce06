"""The POST data of the article edit form, as Wagtail's admin sends it."""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from khabar.newsroom.models import DEFAULT_BREAKING_HOURS


def article_form(
    *,
    title,
    section_id,
    summary="ملخص",
    kicker="",
    body="<p>نص الخبر.</p>",
    corrections=(),
    initial_corrections=0,
    **extra,
):
    """Form data for one article; *extra* adds fields or action buttons."""
    return nested_form_data(
        {
            "title": title,
            "kicker": kicker,
            "summary": summary,
            "section": section_id,
            "article_authors": inline_formset([]),
            "corrections": inline_formset(
                list(corrections), initial=initial_corrections
            ),
            "body": streamfield([("paragraph", rich_text(body))]),
            "lead_image_caption": "",
            "lead_image_credit": "",
            "breaking_hours": DEFAULT_BREAKING_HOURS,  # the select's default
            **extra,
        }
    )
