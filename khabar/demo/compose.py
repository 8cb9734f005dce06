"""Compose the demo paper's articles from the corpus, deterministically.

``compose(seed)`` is a pure function: no database, no clock. Times are
kept relative (how long ago an article was published), so the same seed
gives the same titles and bodies on any day, and ``loader.load`` turns
them into dates when it writes them. Pictures are named by their place in
their section's set of illustrations (``illustrations.PER_SECTION`` of
them); the loader puts the images themselves in.
"""

import html
import random
from dataclasses import dataclass, replace
from datetime import timedelta

from khabar.demo.corpus import SECTIONS, common

DEFAULT_SEED = 2026
ARTICLE_COUNT = 300
SCHEDULED_COUNT = 4
BREAKING_COUNT = 6
#: The breaking windows, in hours, of the two breaking stories that are
#: still breaking when the demo loads: the newest, and one from earlier
#: today. The others are days old, long past their window.
BREAKING_WINDOWS = (3, 12)
#: Breaking stories past their window are at least this old.
BREAKING_PAST = timedelta(days=2)
#: How many illustrations each section's articles cycle through.
ILLUSTRATIONS_PER_SECTION = 8
#: About one article in this many has a picture in its body too.
BODY_IMAGE_EVERY = 10
SPREAD = timedelta(days=60)
# An article's body, counted as a reader sees it (paragraphs, subheadings,
# quotations and their attributions), stays within these bounds.
MIN_WORDS = 300
MAX_WORDS = 900
# Who owns an article in the admin; reporters own most, as in a newsroom.
OWNERS = ("reporter", "reporter", "editor", "chief")


@dataclass(frozen=True)
class ArticlePlan:
    """One demo article, ready to be written to the database."""

    title: str
    kicker: str
    summary: str
    #: (block type, value) pairs, as a StreamField accepts them; but an
    #: image block's value is {"illustration": index}, for the loader.
    body: tuple
    section: str
    #: Author slugs, in byline order.
    authors: tuple
    tags: tuple
    #: How long before now it was first published; None while scheduled.
    age: timedelta | None
    #: How long after its first publication it was last published.
    updated_after: timedelta | None
    #: How long from now a scheduled article goes live.
    go_live_in: timedelta | None
    is_breaking: bool
    #: Hours the story shows as breaking; None keeps the site's default.
    breaking_hours: int | None
    #: Whether its story is hard news, the only kind that may break.
    hard_news: bool
    view_count: int
    owner: str
    #: Its lead picture: an index into its section's illustrations.
    illustration: int | None = None


def compose(
    seed=DEFAULT_SEED,
    count=ARTICLE_COUNT,
    scheduled=SCHEDULED_COUNT,
    breaking=BREAKING_COUNT,
):
    """Return *count* ArticlePlans; the same arguments give the same plans."""
    if count < scheduled + breaking + 1:
        raise ValueError(
            f"count must exceed scheduled + breaking ({scheduled + breaking})."
        )
    rng = random.Random(seed)
    titles = set()
    drafts = [_draft(rng, section, titles) for section in _slots(rng, count)]
    plans = _schedule(rng, drafts, scheduled, breaking)
    # Its own random stream, so that pictures leave the text as it was.
    return _illustrate(random.Random(f"{seed}:illustrations"), plans)


def word_count(body):
    """How many words a reader sees in *body* (block type, value) pairs."""
    total = 0
    for kind, value in body:
        if kind == "image":
            continue  # a caption is not the story's text
        if kind == "quotation":
            text = f"{value['text']} {value['attribution']}"
        else:
            text = value.removeprefix("<p>").removesuffix("</p>")
        total += len(text.split())
    return total


def _slots(rng, count):
    """The section of each article, in proportion to the sections' shares."""
    total = sum(section["share"] for section in SECTIONS)
    numbers = [count * section["share"] // total for section in SECTIONS]
    numbers[0] += count - sum(numbers)
    slots = [
        section
        for section, number in zip(SECTIONS, numbers, strict=True)
        for _ in range(number)
    ]
    rng.shuffle(slots)
    return slots


def _draft(rng, section, titles):
    """The text of one article and who wrote it, still without times."""
    topic = rng.choice(section["topics"])
    for _ in range(200):
        fill = _fill(rng, topic)
        story = rng.choice(topic["stories"])
        title = rng.choice(story["headlines"]).format_map(fill)
        if title not in titles:
            break
    else:  # pragma: no cover - the corpus has far more titles than needed
        raise RuntimeError(f"Ran out of new titles for {section['slug']}.")
    titles.add(title)
    kicker = ""
    if rng.random() < 0.65:
        # A topic's own kickers are more telling, so they come up more.
        kicker = rng.choice(topic["kickers"] * 3 + common.KICKERS)
    return {
        "title": title,
        "kicker": kicker,
        "summary": story["summary"].format_map(fill),
        "body": _body(rng, section, topic, story, fill),
        "section": section["slug"],
        "authors": _authors(rng, section["slug"]),
        "tags": _tags(rng, topic, fill),
        "owner": rng.choice(OWNERS),
        "hard_news": story.get("hard_news", False),
    }


def _fill(rng, topic):
    """The words one article's templates are filled with."""
    # Some topics only make sense in some countries (no snow in Doha).
    allowed = topic.get("countries")
    place = rng.choice([p for p in common.PLACES if allowed is None or p[4] in allowed])
    other = rng.choice([p for p in common.PLACES if p[1] != place[1]])
    fill = {
        "city": place[0],
        "country": place[1],
        "adj_f": place[2],
        "adj_m": place[3],
        "country_tag": place[4],
        "city2": other[0],
        "country2": other[1],
        "day": rng.choice(common.WEEKDAYS),
        "date": (
            f"{rng.randint(1, 28)} {rng.choice(common.MONTHS)} "
            f"{rng.choice(common.PAST_YEARS)}"
        ),
        "month": rng.choice(common.MONTHS),
        "n1": str(rng.randint(3, 9)),
        "n2": str(rng.randint(11, 95)),
        "n3": str(rng.randrange(120, 960, 10)),
        "pct": str(rng.randint(4, 19)),
        "pct2": str(rng.randint(20, 45)),
    }
    # Sorted, so "team" is chosen before "team2", which must differ from it.
    for key in sorted(topic["fill"]):
        taken = fill.get(key.removesuffix("2")) if key.endswith("2") else None
        fill[key] = rng.choice([o for o in topic["fill"][key] if o != taken])
    return fill


def _body(rng, section, topic, story, fill):
    """Paragraphs, subheadings and quotations, between the word bounds."""
    # The story's own details come last, so pop() uses them first: they
    # follow on from the first sentence best.
    pools = [
        _shuffled(rng, topic["details"]) + _shuffled(rng, story.get("details", [])),
        _shuffled(rng, section["sentences"]),
        _shuffled(rng, common.SENTENCES),
    ]
    subheadings = _shuffled(rng, section["subheadings"] + topic.get("subheadings", []))
    quotes = _shuffled(
        rng,
        list(topic["quotes"]) + [(text, None) for text in section["quotes"]],
    )
    target = rng.randint(MIN_WORDS + 30, MAX_WORDS - 60)

    def paragraph(sentences):
        text = " ".join(sentences).format_map(fill)
        return ("paragraph", f"<p>{html.escape(text, quote=False)}</p>")

    blocks = [paragraph([story["lead"], pools[0].pop()])]
    closing = paragraph([rng.choice(section["closings"])])
    total = word_count(blocks) + word_count([closing])
    since_subheading = since_quote = 1
    quoted = False
    while total < target and any(pools):
        if since_subheading >= 2 and subheadings and rng.random() < 0.7:
            unit = [
                ("subheading", subheadings.pop().format_map(fill)),
                paragraph(_sentences(rng, pools)),
            ]
            since_subheading = 0
        elif since_quote >= 3 and quotes and (not quoted or rng.random() < 0.6):
            unit = [("quotation", _quotation(rng, section, fill, *quotes.pop()))]
            since_quote = 0
        else:
            unit = [paragraph(_sentences(rng, pools))]
        size = word_count(unit)
        if total + size > MAX_WORDS - 20:
            break
        blocks.extend(unit)
        total += size
        quoted = quoted or unit[0][0] == "quotation"
        since_subheading += 1
        since_quote += 1
    if not quoted:
        # Every story quotes someone: make room in a long one by dropping
        # its last paragraph.
        quote = ("quotation", _quotation(rng, section, fill, *quotes.pop()))
        if total + word_count([quote]) > MAX_WORDS - 20:
            blocks.pop()
        blocks.append(quote)
    blocks.append(closing)
    return tuple(blocks)


def _sentences(rng, pools):
    """Two or three sentences, mostly the story's own details."""
    picked = []
    for _ in range(rng.choice((2, 2, 3))):
        weights = [3, 3, 2]
        choices = [i for i, pool in enumerate(pools) if pool]
        if not choices:
            break
        pool = rng.choices(choices, [weights[i] for i in choices])[0]
        picked.append(pools[pool].pop())
    return picked


def _quotation(rng, section, fill, text, roles):
    """A quotation attributed to an invented person with a fitting role."""
    male, female = roles or rng.choice(section["roles"])
    if rng.random() < 0.5:
        name, role = rng.choice(common.FIRST_NAMES_MALE), male
    else:
        name, role = rng.choice(common.FIRST_NAMES_FEMALE), female
    name = f"{name} {rng.choice(common.FAMILY_NAMES)}"
    return {"text": text, "attribution": f"{name}، {role.format_map(fill)}"}


def _authors(rng, section):
    """One byline, sometimes two: a writer on the section's beat first."""
    beat = [author[1] for author in common.AUTHORS if section in author[2]]
    first = rng.choice(beat)
    if rng.random() < 0.25:
        others = [author[1] for author in common.AUTHORS if author[1] != first]
        return (first, rng.choice(others))
    return (first,)


def _tags(rng, topic, fill):
    """One to four tags: the topic's, the country's, and maybe who it is about."""
    tags = list(topic["tags"])
    tags.append(fill["country_tag"])
    if fill["city"] in common.CITY_TAGS:
        tags.append(common.CITY_TAGS[fill["city"]])
    if topic["people"] and rng.random() < 0.4:
        tags.append(rng.choice(topic["people"]))
    return tuple(dict.fromkeys(tags))[:4]


def _schedule(rng, drafts, scheduled, breaking):
    """Spread the articles over the last SPREAD; flag breaking, schedule a few."""
    indices = list(range(len(drafts)))
    # Only hard news breaks: a vote, a decision, a price set; never a feature.
    hard = [i for i in indices if drafts[i]["hard_news"]]
    breaking_ids = rng.sample(hard, min(breaking, len(hard)))
    rest = [i for i in indices if i not in breaking_ids]
    scheduled_ids = sorted(rng.sample(rest, scheduled))
    published = [i for i in rest if i not in scheduled_ids]

    # One age in each equal slice of the spread, so every week has news.
    n = len(breaking_ids) + len(published)
    ages = [SPREAD * (k + rng.random()) / n for k in range(n)]
    # The breaking strip shows the stories still in their window: the
    # newest of all, from the last hours, and one from earlier today.
    ages[0] = timedelta(minutes=rng.randint(30, 150))
    ages[1] = timedelta(minutes=rng.randint(240, 540))
    windows = dict(zip(breaking_ids, BREAKING_WINDOWS, strict=False))
    age_of = {i: ages[k] for k, i in enumerate(breaking_ids[: len(windows)])}
    remaining = ages[len(windows) :]
    rng.shuffle(remaining)
    # The other breaking stories are days old: their window has passed.
    old = [age for age in remaining if age >= BREAKING_PAST]
    for i, age in zip(breaking_ids[len(windows) :], old, strict=False):
        age_of[i] = age
        remaining.remove(age)
    age_of.update(zip(published, remaining, strict=True))

    hours = (3, 10, 27, 50)
    go_live_in = {
        i: timedelta(hours=hours[k % len(hours)], minutes=rng.randint(0, 50))
        for k, i in enumerate(scheduled_ids)
    }
    plans = []
    for i, draft in enumerate(drafts):
        is_breaking = i in breaking_ids
        age = age_of.get(i)
        plans.append(
            ArticlePlan(
                **draft,
                age=age,
                updated_after=_updated_after(rng, age, is_breaking),
                go_live_in=go_live_in.get(i),
                is_breaking=is_breaking,
                breaking_hours=windows.get(i),
                view_count=_views(rng, age, is_breaking),
            )
        )
    return plans


def _illustrate(rng, plans):
    """Give every article a lead picture, and about one in ten another in
    its body.

    A section's articles take its illustrations in turn, newest first
    (scheduled ones count as newer still), so that any run of
    ``ILLUSTRATIONS_PER_SECTION`` stories of one section in a row, such
    as those the home page shows, never repeat a picture.
    """
    per = ILLUSTRATIONS_PER_SECTION
    illustration = {}
    for section in dict.fromkeys(plan.section for plan in plans):
        mine = [i for i, plan in enumerate(plans) if plan.section == section]
        mine.sort(key=lambda i: _newness(plans[i]))
        start = rng.randrange(per)
        for turn, i in enumerate(mine):
            illustration[i] = (start + turn) % per
    with_body_image = set(rng.sample(range(len(plans)), len(plans) // BODY_IMAGE_EVERY))
    illustrated = []
    for i, plan in enumerate(plans):
        body = plan.body
        if i in with_body_image:
            # After the first paragraph; half the set away from the lead.
            picture = ("image", {"illustration": (illustration[i] + per // 2) % per})
            body = (*body[:1], picture, *body[1:])
        illustrated.append(replace(plan, body=body, illustration=illustration[i]))
    return illustrated


def _newness(plan):
    """Sorts newest first: scheduled stories ahead of published ones."""
    if plan.age is None:
        return -plan.go_live_in
    return plan.age


def _updated_after(rng, age, is_breaking):
    """A later publication for breaking news and about a quarter of the rest."""
    if age is None or age < timedelta(minutes=30):
        return None
    if not is_breaking and rng.random() > 0.25:
        return None
    longest = min(age * 0.8, timedelta(hours=6) if is_breaking else timedelta(days=2))
    minutes = rng.randint(10, max(10, int(longest.total_seconds() // 60)))
    return timedelta(minutes=minutes)


def _views(rng, age, is_breaking):
    """Plausible view counts: most modest, recent and breaking ones higher."""
    if age is None:
        return 0
    views = rng.lognormvariate(6.6, 0.9)
    if age < timedelta(days=2):
        views *= 2
    if is_breaking:
        views += rng.randint(3000, 9000)
    return max(50, min(20000, int(views)))


def _shuffled(rng, items):
    items = list(items)
    rng.shuffle(items)
    return items
