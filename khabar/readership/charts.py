"""Small SVG charts drawn on the server: no script, no chart CDN.

Each returns safe markup to put straight into a template. Time follows the
reading direction: with ``rtl=True`` (Arabic) the oldest day is on the
right, where a line starts, and the newest on the left.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _x(index, count, width, rtl):
    return (count - 1 - index) * width if rtl else index * width


def bar_chart(points, *, label, height=160, bar=18, gap=4, rtl=False):
    """*points* is ``[(text, value)]``, oldest first; *text* is each bar's
    tooltip. Returns an ``<svg role="img">`` labelled with *label*."""
    count = len(points)
    top = max((value for _, value in points), default=0) or 1
    step = bar + gap
    width = max(count * step, step)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}</title></rect>',
        (
            (
                _x(i, count, step, rtl),
                height - round(value / top * (height - 4)),
                bar,
                max(round(value / top * (height - 4)), 1 if value else 0),
                text,
            )
            for i, (text, value) in enumerate(points)
        ),
    )
    return format_html(
        '<svg class="readership-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" height="{}" preserveAspectRatio="none" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        label,
        width,
        height,
        height,
        bars,
    )


def sparkline(values, *, label, width=120, height=28, rtl=False):
    """A line of *values* (oldest first) in a small ``<svg role="img">``."""
    if not values:
        return mark_safe("")
    top = max(values) or 1
    count = len(values)
    step = width / max(count - 1, 1)
    points = " ".join(
        f"{_x(i, count, step, rtl):.1f},{height - 2 - value / top * (height - 4):.1f}"
        for i, value in enumerate(values)
    )
    return format_html(
        '<svg class="readership-sparkline" role="img" aria-label="{}" '
        'viewBox="0 0 {} {}" width="{}" height="{}" xmlns="http://www.w3.org/2000/svg">'
        '<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{}"/>'
        "</svg>",
        label,
        width,
        height,
        width,
        height,
        points,
    )
