"""Illustrations for the variety pages: coffee, tea, lights, weather."""

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

SHADOW = (0, 0, 0)
WARM = rgb("#f2c27a")
CREAM = rgb("#efe6d6")


def _wood(c, rng, tone, boards=7, vertical=False):
    """Table boards with their joins and a little grain."""
    size = WIDTH if vertical else HEIGHT
    for k in range(boards):
        a = k * size / boards
        shade = alpha(mix(tone, rgb("#ffffff"), rng.uniform(-0.1, 0.1)), 0.5)
        if vertical:
            c.rectangle((a, 0, a + size / boards, HEIGHT), shade)
            c.line([(a, 0), (a, HEIGHT)], alpha(SHADOW, 0.3), 3)
        else:
            c.rectangle((0, a, WIDTH, a + size / boards), shade)
            c.line([(0, a), (WIDTH, a)], alpha(SHADOW, 0.3), 3)
    for _ in range(60):
        if vertical:
            x = rng.uniform(0, WIDTH)
            y = rng.uniform(-100, HEIGHT)
            c.line(
                [(x, y), (x + rng.uniform(-4, 4), y + rng.uniform(80, 260))],
                alpha(SHADOW, 0.07),
                2,
            )
        else:
            y = rng.uniform(0, HEIGHT)
            x = rng.uniform(-100, WIDTH)
            c.line(
                [(x, y), (x + rng.uniform(80, 260), y + rng.uniform(-4, 4))],
                alpha(SHADOW, 0.07),
                2,
            )


def coffee(rng):
    table = gradient(
        [(0, rgb("#6b4a33")), (1, rgb("#4c3323"))], angle=rng.choice((30, 150))
    )
    glow(table, (600, 300), 700, rgb("#8a6446"), 0.6)
    c = Canvas(table)
    _wood(c, rng, rgb("#6b4a33"), vertical=True)
    cx, cy = rng.uniform(700, 900), 450
    c.circle((cx + 30, cy + 36), 250, alpha(SHADOW, 0.35))
    c.circle((cx, cy), 250, rgb("#e9e4da"))  # the saucer
    c.circle((cx, cy), 250, None, alpha(rgb("#c9c1b2"), 0.8), 3)
    c.circle((cx, cy), 185, alpha(rgb("#d6cfc2"), 0.8))
    handle = (cx + 200, cy - 40)
    c.rounded(
        (handle[0] - 30, handle[1] - 28, handle[0] + 70, handle[1] + 28),
        26,
        fill=rgb("#f1ede5"),
    )
    c.circle((cx + 18, cy + 24), 170, alpha(SHADOW, 0.2))
    c.circle((cx, cy), 170, rgb("#f3efe8"))  # the cup
    c.circle((cx, cy), 148, rgb("#4a2c1b"))  # coffee
    c.circle((cx, cy), 148, None, alpha(rgb("#b98452"), 0.9), 10)  # crema
    c.circle((cx - 4, cy + 6), 118, alpha(rgb("#6e4326"), 0.7))
    for k in range(5):  # a rosetta in the foam
        y = cy - 70 + k * 30
        w = 70 - k * 10
        c.ellipse((cx - w, y - 12, cx + w, y + 14), alpha(rgb("#e7d3b8"), 0.85))
    c.line([(cx, cy - 100), (cx, cy + 90)], alpha(rgb("#e7d3b8"), 0.85), 6)
    c.ellipse((cx - 110, cy - 130, cx - 30, cy - 90), alpha(rgb("#ffffff"), 0.15))
    # A spoon and a few beans.
    spoon = rgb("#b9b6ae")
    c.line([(cx - 190, cy + 190), (cx - 380, cy + 330)], spoon, 14)
    c.ellipse((cx - 200, cy + 150, cx - 130, cy + 210), spoon)
    for _ in range(7):
        bx, by = rng.uniform(150, 500), rng.uniform(150, 750)
        a = rng.uniform(0, math.pi)
        _bean(c, bx, by, a)
    return develop(c.finish(), vignette_strength=0.35)


def _bean(c, x, y, a):
    points = [
        (
            x + 22 * math.cos(t) * math.cos(a) - 15 * math.sin(t) * math.sin(a),
            y + 22 * math.cos(t) * math.sin(a) + 15 * math.sin(t) * math.cos(a),
        )
        for t in [k * math.pi / 12 for k in range(24)]
    ]
    c.polygon([(px + 4, py + 5) for px, py in points], alpha(SHADOW, 0.3))
    c.polygon(points, rgb("#3b2416"))
    c.line(
        [
            (x - 16 * math.cos(a), y - 16 * math.sin(a)),
            (x, y + 2),
            (x + 16 * math.cos(a), y + 16 * math.sin(a)),
        ],
        rgb("#1f120a"),
        3,
    )


def _catenary(x0, x1, y, sag, steps=40):
    return [
        (x0 + (x1 - x0) * k / steps, y + sag * (1 - (2 * k / steps - 1) ** 2))
        for k in range(steps + 1)
    ]


def string_lights(rng):
    sky = gradient([(0, rgb("#1a2240")), (0.6, rgb("#3c3352")), (1, rgb("#6a4a4f"))])
    for _ in range(28):  # lights further away, out of focus
        glow(
            sky,
            (rng.uniform(0, WIDTH), rng.uniform(300, HEIGHT)),
            rng.uniform(30, 80),
            rng.choice([WARM, rgb("#e49a6a"), rgb("#f5dcae")]),
            rng.uniform(0.3, 0.7),
            softness=0.8,
        )
    c = Canvas(sky)
    bulbs = []
    for k, (y, sag) in enumerate(((120, 150), (60, 220), (240, 120))):
        wire = _catenary(-40, WIDTH + 40, y + rng.uniform(-20, 20), sag)
        c.line(wire, alpha(rgb("#0e0f16"), 0.9), 3)
        for i in range(2 + k % 2, len(wire) - 1, 3):
            bulbs.append((wire[i][0], wire[i][1] + 26, 1 - 0.2 * k))
    image = c.finish()
    for x, y, size in bulbs:
        glow(image, (x, y), 90 * size, WARM, 0.55)
    c = Canvas(image)
    for x, y, size in bulbs:
        c.line([(x, y - 26), (x, y - 10)], rgb("#0e0f16"), 4)
        c.rounded((x - 7 * size, y - 16, x + 7 * size, y - 4), 3, fill=rgb("#1b1c22"))
        c.ellipse((x - 12 * size, y - 6, x + 12 * size, y + 24 * size), rgb("#fff1cf"))
    return develop(c.finish(), vignette_strength=0.3)


def bokeh(rng):
    night = gradient(
        [(0, rgb("#141827")), (1, rgb("#251b24"))], angle=rng.choice((60, 120))
    )
    c = Canvas(night)
    colours = [WARM, rgb("#e08a5f"), rgb("#f4e1b8"), rgb("#8fb6c9"), rgb("#c76d6d")]
    for _ in range(70):
        r = rng.uniform(20, 110)
        x, y = rng.uniform(-50, WIDTH + 50), rng.uniform(-50, HEIGHT + 50)
        colour = rng.choice(colours)
        c.circle((x, y), r, alpha(colour, rng.uniform(0.08, 0.3)))
        c.circle((x, y), r, None, alpha(colour, rng.uniform(0.1, 0.3)), 2.5)
    image = c.finish()
    for _ in range(6):
        glow(
            image,
            (rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)),
            rng.uniform(200, 400),
            rng.choice(colours),
            0.25,
        )
    return develop(image, vignette_strength=0.35)


def tea(rng):
    back = gradient([(0, rgb("#3c2d24")), (1, rgb("#21170f"))], angle=0)
    glow(back, (rng.uniform(900, 1200), 300), 600, rgb("#7a5338"), 0.7)
    c = Canvas(back)
    c.rectangle((0, 660, WIDTH, HEIGHT), rgb("#5a3b27"))  # the tray
    c.rectangle((0, 660, WIDTH, 672), rgb("#8a6444"))
    for x in range(0, WIDTH, 40):
        c.line([(x, 672), (x - 60, HEIGHT)], alpha(SHADOW, 0.12), 2)
    # A teapot behind, in shadow.
    px = 1150
    pot = rgb("#2b211b")
    c.ellipse((px - 170, 380, px + 170, 660), pot)
    c.rectangle((px - 60, 330, px + 60, 400), pot)
    c.chord((px - 70, 300, px + 70, 380), 180, 360, pot)
    c.circle((px, 296), 14, pot)
    c.polygon(
        [
            (px - 150, 500),
            (px - 300, 400),
            (px - 310, 380),
            (px - 280, 390),
            (px - 130, 560),
        ],
        pot,
    )
    c.arc((px + 110, 420, px + 260, 600), -80, 90, pot, 22)
    c.ellipse((px - 120, 420, px - 60, 520), alpha(rgb("#c9a27a"), 0.15))
    # The glass: a waisted tulip, amber tea, mint leaves.
    gx, top, bottom = 640, 330, 700
    c.ellipse((gx - 140, bottom - 10, gx + 140, bottom + 40), alpha(SHADOW, 0.4))
    c.ellipse((gx - 130, bottom - 22, gx + 130, bottom + 26), rgb("#c2a15c"))  # saucer
    c.ellipse((gx - 100, bottom - 14, gx + 100, bottom + 14), rgb("#a98745"))

    def outline(width_top, width_waist, width_base, y0):
        left = [
            (gx - width_top, y0),
            (gx - width_waist, (y0 + bottom) / 2 + 40),
            (gx - width_base, bottom),
        ]
        return left + [(2 * gx - x, y) for x, y in reversed(left)]

    c.polygon(outline(92, 66, 80, top), alpha(rgb("#e9e4da"), 0.28))
    tea_top = top + 70
    c.polygon(outline(86, 62, 76, tea_top), alpha(rgb("#b4541f"), 0.92))
    c.ellipse((gx - 86, tea_top - 14, gx + 86, tea_top + 14), rgb("#c97c3a"))
    for k in range(3):
        lx, ly = gx - 30 + k * 28, tea_top - 6 + k * 4
        c.ellipse((lx - 30, ly - 12, lx + 30, ly + 12), rgb("#5e7d3e"))
        c.line([(lx - 24, ly), (lx + 24, ly)], rgb("#7ea05a"), 2)
    c.polygon(
        [
            (gx - 80, top + 10),
            (gx - 62, top + 10),
            (gx - 44, bottom - 20),
            (gx - 58, bottom - 20),
        ],
        alpha(rgb("#ffffff"), 0.25),
    )
    c.ellipse(
        (gx - 92, top - 12, gx + 92, top + 12), None, alpha(rgb("#ffffff"), 0.45), 3
    )
    image = c.finish()
    for k in range(3):  # steam
        glow(image, (gx - 40 + k * 40, top - 80 - k * 40), 70, rgb("#d8c9b8"), 0.12)
    return develop(image, vignette_strength=0.4)


def dunes(rng):
    sky = gradient(
        [
            (0, rgb("#7d86a6")),
            (0.45, rgb("#d9a98a")),
            (0.62, rgb("#efc28d")),
            (1, rgb("#e4a772")),
        ]
    )
    sun = (rng.uniform(500, 1100), 430)
    glow(sky, sun, 380, rgb("#f8dcb0"), 0.9, squash=0.7)
    c = Canvas(sky)
    c.circle(sun, 56, rgb("#fbe6c4"))
    layers = [
        rgb("#d39a68"),
        rgb("#c0804f"),
        rgb("#a86a3f"),
        rgb("#8b5532"),
        rgb("#6e4228"),
    ]
    crests = []
    for k, colour in enumerate(layers):
        base = 460 + k * 90
        phase = rng.uniform(0, 2 * math.pi)
        points = []
        for x in range(-40, WIDTH + 80, 40):
            y = (
                base
                - 70 * math.sin(x / (260 + 60 * k) + phase) ** 2
                - 30 * math.sin(x / 110 + k)
            )
            points.append((x, y))
        crests.append(points)
        c.polygon(points + [(WIDTH + 40, HEIGHT), (-40, HEIGHT)], colour)
        if k == 0:
            _caravan(c, rng, points)
        # The shaded lee side of each crest.
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            if y1 > y0:
                c.polygon(
                    [(x0, y0), (x1, y1), (x1, y1 + 40), (x0, y0 + 30)],
                    alpha(SHADOW, 0.06),
                )
    return develop(c.finish(), vignette_strength=0.25)


def _caravan(c, rng, crest):
    """Four camels walking along the far crest."""
    highest = min(range(2, len(crest) - 6), key=lambda i: crest[i][1])
    camel = rgb("#3a2418")
    for k in range(4):
        x = crest[highest][0] - 120 + k * 52 + rng.uniform(0, 8)
        i = min(range(len(crest) - 1), key=lambda j: abs(crest[j][0] - x))
        (x0, y0), (x1, y1) = crest[i], crest[i + 1]
        y = y0 + (y1 - y0) * (x - x0) / (x1 - x0) + 2
        c.ellipse((x - 18, y - 42, x + 16, y - 22), camel)
        c.chord((x - 10, y - 52, x + 6, y - 32), 180, 360, camel)  # the hump
        for dx in (-12, -6, 8, 13):
            c.line([(x + dx, y - 26), (x + dx * 1.1, y)], camel, 3)
        c.line([(x + 14, y - 34), (x + 26, y - 54), (x + 36, y - 52)], camel, 4)


def rain_window(rng):
    street = gradient([(0, rgb("#2a3444")), (1, rgb("#1a202b"))])
    colours = [WARM, rgb("#d9775a"), rgb("#9cc0d9"), rgb("#f1e2c2")]
    for _ in range(24):  # the street beyond, blurred
        glow(
            street,
            (rng.uniform(0, WIDTH), rng.uniform(350, HEIGHT)),
            rng.uniform(40, 120),
            rng.choice(colours),
            rng.uniform(0.3, 0.7),
            softness=1.0,
        )
    c = Canvas(street)
    for _ in range(260):  # drops on the glass
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)
        r = rng.choice((3, 4, 5, 6, 8, 11))
        c.ellipse((x - r, y - r * 1.2, x + r, y + r), alpha(rgb("#0e131b"), 0.35))
        c.ellipse(
            (x - r * 0.6, y - r * 0.9, x + r * 0.4, y), alpha(rgb("#ffffff"), 0.35)
        )
    for _ in range(14):  # runs where drops slid down
        x = rng.uniform(0, WIDTH)
        y = rng.uniform(0, 500)
        length = rng.uniform(120, 380)
        path = [(x + math.sin(t / 30) * 4, y + t) for t in range(0, int(length), 20)]
        c.line(path, alpha(rgb("#cfd8e3"), 0.18), 4)
        c.ellipse(
            (path[-1][0] - 7, path[-1][1] - 6, path[-1][0] + 7, path[-1][1] + 10),
            alpha(rgb("#cfd8e3"), 0.35),
        )
    c.rectangle((0, 0, 24, HEIGHT), rgb("#12161d"))  # the window frame
    c.rectangle((WIDTH - 24, 0, WIDTH, HEIGHT), rgb("#12161d"))
    c.rectangle((WIDTH // 2 - 10, 0, WIDTH // 2 + 10, HEIGHT), rgb("#12161d"))
    return develop(c.finish(), vignette_strength=0.35)


def table_spread(rng):
    cloth = gradient(
        [(0, rgb("#d8cbb3")), (1, rgb("#c3b395"))], angle=rng.choice((30, 150))
    )
    c = Canvas(cloth)
    for k in range(0, WIDTH, 80):  # a woven cloth
        c.line([(k, 0), (k, HEIGHT)], alpha(rgb("#a4553f"), 0.15), 6)
    for k in range(0, HEIGHT, 80):
        c.line([(0, k), (WIDTH, k)], alpha(rgb("#a4553f"), 0.15), 6)

    def plate(x, y, r, rim, inside):
        c.circle((x + 16, y + 20), r, alpha(SHADOW, 0.22))
        c.circle((x, y), r, rim)
        c.circle((x, y), r * 0.78, inside)

    # Flat breads.
    for x, y in ((330, 300), (430, 560)):
        c.circle((x + 14, y + 18), 190, alpha(SHADOW, 0.2))
        c.circle((x, y), 190, rgb("#e2c08c"))
        for _ in range(26):
            bx, by = x + rng.uniform(-150, 150), y + rng.uniform(-150, 150)
            if math.hypot(bx - x, by - y) < 170:
                c.circle((bx, by), rng.uniform(6, 16), alpha(rgb("#a26a33"), 0.45))
    # Hummus with oil and paprika, olives, salad.
    plate(880, 330, 170, rgb("#2f5f6b"), rgb("#e8dcc0"))
    c.circle((880, 330), 60, alpha(rgb("#c9a33c"), 0.6))
    for _ in range(14):
        c.circle(
            (880 + rng.uniform(-90, 90), 330 + rng.uniform(-90, 90)), 5, rgb("#b4452f")
        )
    plate(1260, 240, 120, rgb("#efe8da"), rgb("#e4dccb"))
    for _ in range(16):
        ox, oy = 1260 + rng.uniform(-70, 70), 240 + rng.uniform(-70, 70)
        c.ellipse(
            (ox - 16, oy - 11, ox + 16, oy + 11),
            rgb(rng.choice(("#3b3a26", "#5b5a2e"))),
        )
    plate(1140, 640, 190, rgb("#a4553f"), rgb("#efe8da"))
    for _ in range(30):
        sx, sy = 1140 + rng.uniform(-120, 120), 640 + rng.uniform(-120, 120)
        colour = rgb(rng.choice(("#c4432f", "#6e9a4a", "#4f7a3a", "#e0c65a")))
        c.circle((sx, sy), rng.uniform(12, 24), colour)
    plate(700, 720, 90, rgb("#efe8da"), rgb("#7a4a2a"))  # a small dish of dates
    return develop(c.finish(), vignette_strength=0.3)


def _peak(c, rng, cx, summit, half, base, colour, snow):
    """One mountain: ragged flanks, the far flank shaded, a cap of snow."""
    steps = 6
    rise = base - summit

    def flank(side):
        return [
            (
                cx
                + side * half * (1 - k / steps)
                + rng.uniform(-12, 12) * (0 < k < steps),
                base - rise * k / steps + rng.uniform(-10, 10) * (0 < k < steps),
            )
            for k in range(steps + 1)
        ]

    left, right = flank(-1), flank(1)[::-1]
    c.polygon(left + right[1:], colour)
    c.polygon(
        [(cx, summit)] + right[1:] + [(cx + half * 0.15, base)], alpha((0, 0, 0), 0.12)
    )
    if not snow:
        return
    depth = rise * rng.uniform(0.22, 0.32)
    line = summit + depth
    cap_left = [p for p in left if p[1] <= line]
    cap_right = [p for p in right if p[1] <= line]
    x0 = cx - half * depth / rise
    x1 = cx + half * depth / rise
    ragged = [
        (x1 + (x0 - x1) * k / 6, line + (-1) ** k * rng.uniform(6, 20))
        for k in range(7)
    ]
    c.polygon(cap_left + cap_right[1:] + ragged, snow)
    shade = [(cx, summit)] + cap_right[1:] + ragged[:4] + [(cx + 6, line - depth * 0.2)]
    c.polygon(shade, alpha(rgb("#8196b3"), 0.35))


def mountains(rng):
    sky = gradient([(0, rgb("#8aa2bd")), (0.7, rgb("#d6dee6")), (1, rgb("#eef0ef"))])
    glow(sky, (rng.uniform(400, 1200), 150), 600, rgb("#f6f3ea"), 0.6)
    c = Canvas(sky)
    ranges = (  # colour, base, summit height range, width range, snow
        (rgb("#9fadc0"), 620, (330, 470), (220, 330), rgb("#f4f6f8")),
        (rgb("#73859c"), 700, (220, 330), (200, 300), rgb("#dfe6ee")),
        (rgb("#4f627b"), 800, (120, 220), (220, 320), None),
    )
    for colour, base, heights, widths, snow in ranges:
        x = rng.uniform(-200, -50)
        while x < WIDTH + 200:
            half = rng.uniform(*widths)
            _peak(
                c, rng, x, base - rng.uniform(*heights), half, base + 40, colour, snow
            )
            x += half * rng.uniform(0.9, 1.3)
        c.rectangle((0, base + 30, WIDTH, HEIGHT), colour)
    image = c.finish()
    glow(image, (800, 700), 900, rgb("#e9eef3"), 0.3, squash=0.2)  # mist in the valley
    c = Canvas(image)
    c.rectangle((0, 840, WIDTH, HEIGHT), rgb("#3c4c61"))
    for _ in range(50):  # a line of pines in the foreground
        x = rng.uniform(-20, WIDTH + 20)
        h = rng.uniform(60, 130)
        c.polygon(
            [(x, 850 - h), (x + h * 0.22, 850), (x - h * 0.22, 850)], rgb("#2e3b4c")
        )
    return develop(c.finish(), vignette_strength=0.2)


#: (drawing, what it shows) in the order articles cycle through them.
ILLUSTRATIONS = (
    (coffee, "فنجان قهوة على طاولة خشبية"),
    (string_lights, "أضواء معلّقة في سهرة صيفية"),
    (dunes, "قافلة على كثبان رملية عند الغروب"),
    (table_spread, "مائدة من الأعلى: خبز وحمّص وزيتون"),
    (rain_window, "قطرات المطر على زجاج النافذة"),
    (tea, "كأس شاي بالنعناع وإبريق"),
    (mountains, "جبال تكسو قممها الثلوج"),
    (bokeh, "أضواء المدينة ليلاً خارج بؤرة العدسة"),
)
