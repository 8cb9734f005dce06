"""Illustrations for the culture pages: tiles, arches, books, lanterns."""

import math

from khabar.demo.illustrations.canvas import (
    HEIGHT,
    WIDTH,
    Canvas,
    alpha,
    develop,
    glow,
    gradient,
    mix,
    rgb,
)

INDIGO = rgb("#1f2d4a")
TURQUOISE = rgb("#2f7f86")
OCHRE = rgb("#c79a4a")
CREAM = rgb("#efe6d2")
TERRACOTTA = rgb("#a8543c")
SHADOW = (0, 0, 0)


def _star(cx, cy, r, inner=0.71, points=8, turn=0.0):
    """An eight-pointed star: two squares laid over each other."""
    out = []
    for k in range(points * 2):
        a = turn + k * math.pi / points
        radius = r if k % 2 == 0 else r * inner
        out.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return out


def star_tiles(rng, step=200):
    """Zellige: eight-pointed stars and the crosses between them."""
    ground = rng.choice((INDIGO, rgb("#23403f")))
    c = Canvas(gradient([(0, ground), (1, mix(ground, SHADOW, 0.3))], angle=45))
    r = step / 2 / math.cos(math.pi / 8) * 0.98
    colours = [TURQUOISE, OCHRE, CREAM, TERRACOTTA]
    rng.shuffle(colours)
    for row in range(-1, HEIGHT // step + 2):
        for col in range(-1, WIDTH // step + 2):
            cx, cy = col * step + (row % 2) * 0, row * step
            tone = mix(colours[0], rgb("#ffffff"), rng.uniform(-0.08, 0.1))
            c.polygon(_star(cx, cy, r, 0.76, turn=math.pi / 8), tone)
            c.polygon(_star(cx, cy, r * 0.55, 0.76, turn=math.pi / 8), colours[1])
            c.polygon(_star(cx, cy, r * 0.25, 0.6, turn=0), colours[2])
            # The cross-shaped tile between four stars.
            x, y = cx + step / 2, cy + step / 2
            c.polygon(
                _star(x, y, step * 0.23, 0.45, points=4, turn=math.pi / 4), colours[3]
            )
    line = alpha(CREAM, 0.85)
    for row in range(-1, HEIGHT // step + 2):
        for col in range(-1, WIDTH // step + 2):
            cx, cy = col * step, row * step
            points = _star(cx, cy, r, 0.76, turn=math.pi / 8)
            c.line(points + points[:1], line, 5)
    image = c.finish()
    glow(
        image,
        (rng.uniform(300, 1300), rng.uniform(100, 400)),
        600,
        rgb("#fff4dc"),
        0.18,
    )
    return develop(image, vignette_strength=0.4)


def small_tiles(rng):
    """The same pattern, finer, seen from further away."""
    return star_tiles(rng, step=130)


def mashrabiya(rng):
    """A turned-wood screen in a pointed-arch window, lit from outside."""
    wall = gradient([(0, rgb("#3a2a20")), (1, rgb("#241913"))])
    glow(wall, (800, 420), 700, rgb("#5a3f2c"), 0.6)
    c = Canvas(wall)
    cx, top, bottom, half = 800, 70, 900, 300
    spring = top + 390

    def window(m, grow=0):
        m.polygon(
            _pointed_arch(cx, top - grow, spring, half + grow)
            + [(cx + half + grow, bottom + grow), (cx - half - grow, bottom + grow)],
            255,
        )

    c.fill_with(
        gradient([(0, rgb("#c7a171")), (1, rgb("#8d6a47"))]), lambda m: window(m, 30)
    )  # the stone frame
    screen = Canvas(
        gradient([(0, rgb("#fbe3b4")), (0.6, rgb("#f0b772")), (1, rgb("#d88d4f"))])
    )
    wood = rgb("#3b2418")
    step = 52
    for x in range(cx - half - step, cx + half + step, step):  # spindles and beads
        screen.rectangle((x - 5, 0, x + 5, HEIGHT), wood)
    for y in range(top - 20, HEIGHT + step, step):
        screen.rectangle((0, y - 5, WIDTH, y + 5), wood)
    for x in range(cx - half - step, cx + half + step, step):
        for y in range(top - 20, HEIGHT + step, step):
            screen.ellipse((x - 15, y - 11, x + 15, y + 11), wood)
            screen.ellipse((x - 11, y - 16, x + 11, y + 16), wood)
            screen.ellipse((x - 8, y - 12, x, y - 6), alpha(rgb("#f1c98f"), 0.3))
    screen.polygon(_star(cx, 500, 128, 0.72, turn=math.pi / 8), wood)  # a medallion
    screen.polygon(_star(cx, 500, 98, 0.72, turn=math.pi / 8), rgb("#f2c27e"))
    screen.polygon(_star(cx, 500, 44, 0.6, turn=0), wood)
    c.inset(screen, window)
    image = c.finish()
    glow(image, (cx, 500), 700, rgb("#f0b772"), 0.18)
    return develop(image, vignette_strength=0.45)


def _pointed_arch(cx, apex, spring, half):
    """The points of a pointed arch from its left springing to its right.

    Each side is an arc of a circle centred beyond the middle, on the
    springing line; it needs an apex higher above the springing than
    *half* the span.
    """
    rise = spring - apex
    offset = (rise**2 - half**2) / (2 * half)
    radius = offset + half
    top = math.atan2(-rise, -offset)
    left = [
        (cx + offset + radius * math.cos(a), spring + radius * math.sin(a))
        for a in (-math.pi + (top + math.pi) * k / 16 for k in range(17))
    ]
    return left + [(2 * cx - x, y) for x, y in reversed(left[:-1])]


def open_book(rng):
    table = gradient(
        [(0, rgb("#5a3d2b")), (1, rgb("#3e2a1e"))], angle=rng.choice((20, 160))
    )
    glow(table, (700, 350), 800, rgb("#7a5539"), 0.7)
    c = Canvas(table)
    for k in range(9):  # the table's boards
        y = k * 110 + rng.uniform(-10, 10)
        c.line([(0, y), (WIDTH, y + rng.uniform(-8, 8))], alpha(SHADOW, 0.18), 3)
    cx, top, bottom = 760, 140, 780
    c.polygon(
        [
            (cx - 600, top + 40),
            (cx, top + 70),
            (cx + 600, top + 40),
            (cx + 620, bottom + 40),
            (cx, bottom + 70),
            (cx - 620, bottom + 40),
        ],
        alpha(SHADOW, 0.35),
    )
    cover = rgb("#6e2f2a")
    c.polygon(
        [
            (cx - 590, top + 10),
            (cx, top + 40),
            (cx + 590, top + 10),
            (cx + 600, bottom + 15),
            (cx, bottom + 40),
            (cx - 600, bottom + 15),
        ],
        cover,
    )
    paper = rgb("#efe6d3")
    for side in (-1, 1):
        edge = [(cx + side * (570 - k * 4), top + 12 + k * 4) for k in range(4)]
        for k, (x, y) in enumerate(edge):  # page edges under the open pages
            c.polygon(
                [
                    (cx, y + 30),
                    (x, y - 10),
                    (x + side * 4, bottom + 4 - k * 3),
                    (cx, bottom + 26 - k * 3),
                ],
                mix(paper, SHADOW, 0.1 + k * 0.03),
            )
        page = [(cx, top + 40)]
        page += [
            (
                cx + side * 560 * t,
                top + 18 - 28 * math.sin(t * math.pi) ** 0.5 * (1 - t) + 8 * t,
            )
            for t in (0.15, 0.35, 0.6, 0.85, 1.0)
        ]
        page += [(cx + side * 565, bottom - 8), (cx, bottom + 12)]
        c.polygon(page, paper)
        c.polygon(
            [
                (cx, top + 40),
                (cx + side * 90, top + 22),
                (cx + side * 90, bottom - 2),
                (cx, bottom + 12),
            ],
            alpha(SHADOW, 0.12),
        )  # the gutter's shade
        # Lines of text, right-aligned as Arabic is, with ragged starts.
        right = cx - 100 if side == -1 else cx + 510
        for line in range(17):
            y = top + 80 + line * 33
            if line in (5, 11):  # paragraph breaks
                continue
            short = 280 if line in (4, 10, 16) else 90  # a paragraph's last line
            length = 410 - rng.uniform(0, short)
            c.line([(right - length, y), (right, y)], alpha(rgb("#6d655a"), 0.55), 5)
    c.line([(cx, top + 40), (cx, bottom + 12)], alpha(SHADOW, 0.3), 3)
    c.polygon(
        [
            (cx - 8, bottom),
            (cx + 8, bottom),
            (cx + 14, bottom + 120),
            (cx, bottom + 100),
            (cx - 14, bottom + 120),
        ],
        rgb("#b6453a"),
    )  # a ribbon
    return develop(c.finish(), vignette_strength=0.4)


def _lantern(c, x, y, size, body, glass):
    """A Ramadan lantern: cap, ring, glass panels and a pointed base."""
    s = size
    c.line([(x, 0), (x, y - 90 * s)], alpha(rgb("#1a1410"), 0.9), 3)
    c.circle((x, y - 82 * s), 10 * s, None, body, 4 * s)
    c.polygon(
        [
            (x - 20 * s, y - 70 * s),
            (x + 20 * s, y - 70 * s),
            (x + 46 * s, y - 30 * s),
            (x - 46 * s, y - 30 * s),
        ],
        body,
    )
    c.chord((x - 20 * s, y - 90 * s, x + 20 * s, y - 50 * s), 180, 360, body)
    c.rectangle((x - 52 * s, y - 32 * s, x + 52 * s, y - 18 * s), body)
    c.polygon(
        [
            (x - 46 * s, y - 18 * s),
            (x + 46 * s, y - 18 * s),
            (x + 38 * s, y + 90 * s),
            (x - 38 * s, y + 90 * s),
        ],
        glass,
    )
    for k in (-1, 0, 1):  # the frame's bars over the glass
        c.line(
            [(x + k * 30 * s, y - 18 * s), (x + k * 25 * s, y + 90 * s)], body, 4 * s
        )
    c.circle((x, y + 30 * s), 14 * s, alpha(rgb("#fff6dc"), 0.8))
    c.rectangle((x - 44 * s, y + 88 * s, x + 44 * s, y + 102 * s), body)
    c.polygon(
        [(x - 36 * s, y + 102 * s), (x + 36 * s, y + 102 * s), (x, y + 150 * s)], body
    )
    c.circle((x, y + 156 * s), 7 * s, body)


def lanterns(rng):
    back = gradient([(0, rgb("#141a2a")), (1, rgb("#231a22"))])
    c = Canvas(back)
    lights = []
    for _ in range(9):
        x = rng.uniform(80, WIDTH - 80)
        y = rng.uniform(280, 640)
        size = rng.uniform(0.8, 1.5)
        lights.append((x, y + 30 * size, size))
    image = c.finish()
    for x, y, size in lights:  # their light on the air first
        glow(image, (x, y), 260 * size, rgb("#e0a04f"), 0.45)
    c = Canvas(image)
    bodies = [rgb("#2a1d12"), rgb("#3a2a17"), rgb("#1e2a2c")]
    glasses = [rgb("#f0b45a"), rgb("#e2874f"), rgb("#d9b861"), rgb("#9cc0a0")]
    for x, y, size in sorted(lights, key=lambda item: item[2]):
        _lantern(
            c,
            x,
            y - 30 * size,
            size,
            rng.choice(bodies),
            alpha(rng.choice(glasses), 0.92),
        )
    return develop(c.finish(), vignette_strength=0.35)


def arches(rng):
    """Horseshoe arches with red and cream voussoirs, as in Cordoba."""
    back = gradient([(0, rgb("#2b1e18")), (1, rgb("#16100c"))])
    c = Canvas(back)
    red, cream = rgb("#9b3b2b"), rgb("#e6d3b0")
    count = 4
    pitch = WIDTH / (count - 0.5)
    for k in range(count):
        x = pitch * 0.25 + k * pitch
        r = pitch * 0.42
        cy = 380
        c.rectangle(
            (x - r * 0.55, cy, x + r * 0.55, HEIGHT), rgb("#0d0907")
        )  # the depth
        segments = 18
        for s in range(segments):  # voussoirs round a horseshoe (more than half)
            a0 = math.radians(-200 + s * 220 / segments)
            a1 = math.radians(-200 + (s + 1) * 220 / segments)
            outer, inner = r, r * 0.62
            c.polygon(
                [
                    (x + outer * math.cos(a0), cy + outer * math.sin(a0)),
                    (x + outer * math.cos(a1), cy + outer * math.sin(a1)),
                    (x + inner * math.cos(a1), cy + inner * math.sin(a1)),
                    (x + inner * math.cos(a0), cy + inner * math.sin(a0)),
                ],
                red if s % 2 == 0 else cream,
            )
        for side in (-1, 1):  # columns under the springing
            cx = x + side * r * 0.8
            c.rectangle((cx - 16, cy + 70, cx + 16, HEIGHT), rgb("#6b6257"))
            c.rectangle((cx - 28, cy + 40, cx + 28, cy + 72), rgb("#8a7f70"))
            c.rectangle((cx - 16, cy + 70, cx - 4, HEIGHT), alpha(rgb("#ffffff"), 0.12))
    image = c.finish()
    glow(image, (rng.uniform(500, 1100), 300), 600, rgb("#f2c98f"), 0.22)
    return develop(image, vignette_strength=0.45)


def bookshelf(rng):
    wood = rgb("#4a3121")
    c = Canvas(gradient([(0, rgb("#2a1c14")), (1, rgb("#1c130d"))]))
    spines = [
        rgb(h)
        for h in (
            "#7a2e2a",
            "#2f4a5d",
            "#c49a52",
            "#3f5d4a",
            "#8c5a3c",
            "#d8cfbd",
            "#5b3f5f",
            "#a8543c",
            "#2d3e50",
            "#b9a27a",
        )
    ]
    shelf_h = 280
    for row in range(4):
        floor = 40 + (row + 1) * shelf_h - 40
        x = 40 + rng.uniform(-30, 0)
        while x < WIDTH - 40:
            if rng.random() < 0.08:  # a leaning book, then a gap
                w, h = rng.uniform(30, 45), rng.uniform(190, 220)
                c.polygon(
                    [
                        (x, floor),
                        (x + w, floor),
                        (x + w + h * 0.35, floor - h * 0.93),
                        (x + h * 0.35, floor - h * 0.93),
                    ],
                    rng.choice(spines),
                )
                x += w + h * 0.35 + 10
                continue
            w, h = rng.uniform(24, 52), rng.uniform(160, 230)
            colour = mix(rng.choice(spines), rgb("#000000"), rng.uniform(0, 0.2))
            c.rectangle((x, floor - h, x + w, floor), colour)
            for band in (0.12, 0.82):  # gilt bands on the spine
                y = floor - h * band
                c.rectangle((x + 3, y - 4, x + w - 3, y), alpha(rgb("#e0c27c"), 0.55))
            c.rectangle((x + w * 0.7, floor - h, x + w, floor), alpha(SHADOW, 0.15))
            x += w + rng.uniform(0, 3)
        c.rectangle((0, floor, WIDTH, floor + 30), wood)
        c.rectangle((0, floor, WIDTH, floor + 6), mix(wood, rgb("#ffffff"), 0.15))
        c.rectangle((0, floor + 30, WIDTH, floor + 50), alpha(SHADOW, 0.35))
    c.rectangle((0, 0, 40, HEIGHT), wood)
    c.rectangle((WIDTH - 40, 0, WIDTH, HEIGHT), wood)
    image = c.finish()
    glow(image, (rng.uniform(400, 1200), 200), 700, rgb("#f0c890"), 0.16)
    return develop(image, vignette_strength=0.4)


def stage(rng):
    back = gradient([(0, rgb("#120d10")), (1, rgb("#1d1418"))])
    c = Canvas(back)
    curtain = rgb("#6e2431")
    spot = (rng.uniform(650, 950), 720)
    c.rectangle((0, 640, WIDTH, HEIGHT), rgb("#2b1f1a"))  # the boards
    for x in range(0, WIDTH, 60):
        c.line([(x, 640), (x + (x - 800) * 0.4, HEIGHT)], alpha(SHADOW, 0.3), 2)
    c.polygon(
        [
            (spot[0] - 90, -20),
            (spot[0] + 90, -20),
            (spot[0] + 330, 760),
            (spot[0] - 330, 760),
        ],
        alpha(rgb("#f6e8c8"), 0.08),
    )  # the beam
    c.ellipse((spot[0] - 330, 690, spot[0] + 330, 800), alpha(rgb("#f6e8c8"), 0.35))
    c.rectangle(
        (spot[0] - 18, 540, spot[0] + 18, 740), rgb("#1a1311")
    )  # a microphone stand
    c.ellipse((spot[0] - 60, 728, spot[0] + 60, 748), rgb("#1a1311"))
    c.rounded((spot[0] - 16, 500, spot[0] + 16, 560), 14, fill=rgb("#2a2220"))
    for side in (-1, 1):  # curtains gathered at the sides, folds shaded
        edge = 0 if side == -1 else WIDTH
        for k in range(9):
            x = edge - side * (k * 42)
            tone = mix(curtain, SHADOW, 0.35 if k % 2 else 0.05)
            c.polygon(
                [
                    (x, -10),
                    (x - side * 42, -10),
                    (x - side * (60 + k * 6), HEIGHT),
                    (x - side * (10 + k * 4), HEIGHT),
                ],
                tone,
            )
    for k in range(30):  # the valance
        x = k * 56
        c.chord(
            (x - 10, 40, x + 66, 150),
            0,
            180,
            mix(curtain, SHADOW, 0.15 if k % 2 else 0.3),
        )
    c.rectangle((0, 0, WIDTH, 100), mix(curtain, SHADOW, 0.2))
    c.rectangle((0, 94, WIDTH, 104), alpha(rgb("#c9a45a"), 0.7))
    image = c.finish()
    glow(image, spot, 420, rgb("#f3dfb5"), 0.35, squash=0.3)
    return develop(image, vignette_strength=0.4)


#: (drawing, what it shows) in the order articles cycle through them.
ILLUSTRATIONS = (
    (star_tiles, "زخرفة هندسية إسلامية من نجوم ثمانية الرؤوس"),
    (open_book, "كتاب مفتوح على طاولة خشبية"),
    (lanterns, "فوانيس معلّقة مضاءة في الليل"),
    (arches, "أقواس أندلسية بصنجات حمراء وبيضاء"),
    (bookshelf, "رفوف مكتبة مليئة بالكتب"),
    (stage, "خشبة مسرح تحت ضوء كشّاف"),
    (mashrabiya, "مشربية خشبية يعبرها الضوء"),
    (small_tiles, "زليج بنجوم ثمانية الرؤوس وصلبان"),
)
