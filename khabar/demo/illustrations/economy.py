"""Illustrations for the economy pages: charts, coins, ports, fields."""

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

TEAL = rgb("#1d3b45")
DEEP = rgb("#122a33")
GOLD = rgb("#d9b26a")
CREAM = rgb("#efe8da")
SAGE = rgb("#7fa08a")
BRICK = rgb("#b45f4a")
SHADOW = (0, 0, 0)


def _walk(rng, count, start, drift, wobble):
    values, value = [], start
    for _ in range(count):
        value += drift + rng.uniform(-wobble, wobble)
        values.append(value)
    return values


def _grid(c, box, columns, rows, colour):
    x0, y0, x1, y1 = box
    for i in range(columns + 1):
        x = x0 + i * (x1 - x0) / columns
        c.line([(x, y0), (x, y1)], colour, 1.5)
    for j in range(rows + 1):
        y = y0 + j * (y1 - y0) / rows
        c.line([(x0, y), (x1, y)], colour, 1.5)


def rising_chart(rng):
    back = gradient([(0, TEAL), (1, DEEP)], angle=rng.choice((60, 120)))
    glow(back, (1200, 250), 700, rgb("#2e5a63"), 0.8)
    c = Canvas(back)
    box = (120, 120, 1480, 760)
    _grid(c, box, 12, 6, alpha(rgb("#ffffff"), 0.06))
    values = _walk(rng, 24, 0.0, 1.0, 2.2)
    low, high = min(values), max(values)
    points = [
        (
            box[0] + i * (box[2] - box[0]) / (len(values) - 1),
            box[3] - 40 - (v - low) / (high - low) * (box[3] - box[1] - 120),
        )
        for i, v in enumerate(values)
    ]
    area = gradient([(0, alpha(GOLD, 1)), (1, TEAL)])
    c.fill_with(
        area, lambda m: m.polygon(points + [(box[2], box[3]), (box[0], box[3])], 255)
    )
    c.polygon(points + [(box[2], box[3]), (box[0], box[3])], alpha(TEAL, 0.55))
    shadow = [(x + 4, y + 8) for x, y in points]
    c.line(shadow, alpha(rgb("#000000"), 0.25), 8)
    c.line(points, GOLD, 7)
    for x, y in points[::4] + [points[-1]]:
        c.circle((x, y), 11, TEAL, GOLD, 4)
    c.circle(points[-1], 34, alpha(GOLD, 0.22))
    c.circle(points[-1], 16, GOLD)
    c.line([(box[0], box[3]), (box[2], box[3])], alpha(CREAM, 0.5), 3)
    return develop(c.finish(), vignette_strength=0.3)


def falling_bars(rng):
    back = gradient([(0, rgb("#f1ebe0")), (1, rgb("#e0d6c4"))])
    glow(back, (700, 300), 700, rgb("#f8f4ec"), 0.7)
    c = Canvas(back)
    base = 760
    count = 9
    values = _walk(rng, count, 560, -45, 40)
    width = 1200 / count * 0.62
    for i, v in enumerate(values):
        x = 200 + i * 1200 / count
        h = max(60, v)
        tone = mix(SAGE, BRICK, i / (count - 1))
        c.rectangle(
            (x + 14, base - h + 14, x + width + 14, base), alpha(rgb("#5b4a37"), 0.18)
        )
        c.rectangle((x, base - h, x + width, base), tone)
        c.rectangle(
            (x, base - h, x + width, base - h + 10), mix(tone, rgb("#ffffff"), 0.3)
        )
        c.rectangle(
            (x + width * 0.72, base - h, x + width, base), alpha(rgb("#000000"), 0.08)
        )
    # The trend, arrow down.
    tops = [
        (200 + i * 1200 / count + width / 2, base - max(60, v) - 60)
        for i, v in enumerate(values)
    ]
    c.line(tops, alpha(rgb("#3b3430"), 0.8), 5)
    x, y = tops[-1]
    c.polygon([(x + 30, y + 18), (x - 12, y + 34), (x + 6, y - 8)], rgb("#3b3430"))
    c.rectangle((140, base, 1460, base + 5), rgb("#5b4a37"))
    for j in range(1, 6):
        y = base - j * 110
        c.line([(140, y), (1460, y)], alpha(rgb("#5b4a37"), 0.12), 2)
    return develop(c.finish(), vignette_strength=0.15)


def _coin_stack(c, x, base, count, rx, ry, face, edge):
    thick = ry * 0.55
    for k in range(count):
        y = base - k * thick
        c.rectangle((x - rx, y - ry * 0.02, x + rx, y + thick), edge)
        c.ellipse((x - rx, y, x + rx, y + 2 * ry), edge)
        c.line(
            [(x - rx, y + thick * 0.5 + ry), (x + rx, y + thick * 0.5 + ry)],
            alpha(rgb("#000000"), 0.08),
            1,
        )
        c.ellipse((x - rx, y - ry * 0.02 - 2 * ry * 0 - ry, x + rx, y + ry), face)
    top = base - (count - 1) * thick - ry
    c.ellipse(
        (x - rx * 0.72, top + ry * 0.28, x + rx * 0.72, top + ry * 1.72),
        None,
        alpha(edge, 0.8),
        3,
    )
    return top


def coin_stacks(rng):
    back = gradient([(0, rgb("#2a3d3a")), (1, rgb("#17221f"))])
    glow(back, (rng.uniform(500, 1100), 250), 650, rgb("#4a6458"), 0.7)
    c = Canvas(back)
    c.rectangle((0, 700, WIDTH, HEIGHT), rgb("#1a2320"))
    c.line([(0, 700), (WIDTH, 700)], alpha(rgb("#ffffff"), 0.06), 2)
    face, edge = rgb("#d6b36c"), rgb("#a67f3e")
    stacks = 6
    for i in range(stacks):
        x = 230 + i * 228
        count = 3 + i * 3 + rng.randrange(3)
        c.ellipse((x - 100, 745, x + 110, 790), alpha(rgb("#000000"), 0.35))
        top = _coin_stack(c, x, 722, count, 92, 26, face, edge)
        c.ellipse((x - 60, top + 6, x - 10, top + 22), alpha(rgb("#fff2cc"), 0.35))
    # A sprout on the tallest stack: the money grows.
    x, y = 230 + (stacks - 1) * 228, _top_of(722, 3 + (stacks - 1) * 3, 26)
    stem = rgb("#7fa36b")
    c.line([(x, y + 10), (x + 4, y - 60), (x - 2, y - 110)], stem, 6)
    c.polygon(
        [(x, y - 70), (x - 70, y - 110), (x - 95, y - 80), (x - 40, y - 62)], stem
    )
    c.polygon(
        [(x + 2, y - 95), (x + 60, y - 150), (x + 92, y - 128), (x + 40, y - 90)],
        mix(stem, rgb("#ffffff"), 0.15),
    )
    return develop(c.finish(), vignette_strength=0.35)


def _top_of(base, count, ry):
    return base - (count - 1) * ry * 0.55 - ry


def candlesticks(rng):
    back = gradient([(0, rgb("#141d2b")), (1, rgb("#0d131d"))])
    glow(back, (800, 420), 800, rgb("#1f2c40"), 0.8)
    c = Canvas(back)
    box = (90, 110, 1510, 790)
    _grid(c, box, 14, 7, alpha(rgb("#9fb4d0"), 0.07))
    count = 34
    price = 100.0
    candles = []
    for _ in range(count):
        opening = price
        price += rng.uniform(-3.2, 3.6)
        high = max(opening, price) + rng.uniform(0.3, 2.5)
        low = min(opening, price) - rng.uniform(0.3, 2.5)
        candles.append((opening, price, high, low))
    top = max(h for _, _, h, _ in candles)
    bottom = min(lo for _, _, _, lo in candles)

    def y(v):
        return box[3] - 30 - (v - bottom) / (top - bottom) * (box[3] - box[1] - 60)

    step = (box[2] - box[0]) / count
    average = []
    for i, (o, cl, h, lo) in enumerate(candles):
        x = box[0] + (i + 0.5) * step
        colour = rgb("#6fae8f") if cl >= o else rgb("#c96a5a")
        c.line([(x, y(h)), (x, y(lo))], colour, 2.5)
        c.rectangle(
            (x - step * 0.3, y(max(o, cl)), x + step * 0.3, y(min(o, cl)) + 2), colour
        )
        window = candles[max(0, i - 5) : i + 1]
        average.append((x, y(sum(v[1] for v in window) / len(window))))
    c.line(average, alpha(GOLD, 0.85), 4)
    # Volume bars along the bottom.
    for i in range(count):
        x = box[0] + (i + 0.5) * step
        h = rng.uniform(10, 70)
        c.rectangle(
            (x - step * 0.3, box[3] - h, x + step * 0.3, box[3]),
            alpha(rgb("#9fb4d0"), 0.15),
        )
    return develop(c.finish(), vignette_strength=0.3)


def port(rng):
    sky = gradient([(0, rgb("#6f8aa0")), (0.6, rgb("#c9c6bd")), (1, rgb("#e8cfae"))])
    glow(sky, (rng.uniform(1000, 1400), 520), 500, rgb("#f4ddbd"), 0.7, squash=0.5)
    c = Canvas(sky)
    quay = 640
    colours = [
        rgb(h)
        for h in (
            "#a4553f",
            "#2f5f6b",
            "#c39b4f",
            "#37465c",
            "#6d7f5a",
            "#8f4a3a",
            "#50738a",
            "#b07a3e",
        )
    ]
    cw, ch = 150, 58
    x = rng.uniform(-120, 0)
    while x < WIDTH:  # stacks of containers, each standing on the one below
        for row in range(rng.choice((1, 2, 3, 3, 4, 4, 5))):
            y = quay - (row + 1) * ch
            colour = rng.choice(colours)
            c.rectangle((x, y, x + cw - 4, y + ch - 3), colour)
            for k in range(1, 14):
                lx = x + k * (cw - 4) / 14
                c.line([(lx, y + 4), (lx, y + ch - 7)], alpha(rgb("#000000"), 0.12), 2)
            c.rectangle((x, y, x + cw - 4, y + 5), mix(colour, rgb("#ffffff"), 0.2))
        x += cw
    crane = rgb("#3a4656")
    for x in (rng.uniform(140, 300), rng.uniform(1050, 1200)):  # gantry cranes
        for leg in (x, x + 230):
            c.rectangle((leg, 200, leg + 22, quay), crane)
        for y in (330, 470):
            c.rectangle((x, y, x + 252, y + 14), crane)
        c.line([(x + 11, 344), (x + 241, 470)], crane, 6)
        c.rectangle((x - 150, 186, x + 470, 212), crane)  # the boom
        c.rectangle((x + 70, 140, x + 180, 200), crane)  # the cab
        c.line([(x + 125, 140), (x - 150, 188)], crane, 4)
        c.line([(x + 125, 140), (x + 470, 188)], crane, 4)
        c.line([(x + 400, 212), (x + 400, 390)], crane, 3)
        c.rectangle((x + 370, 390, x + 430, 410), crane)
    c.rectangle((0, quay, WIDTH, quay + 26), rgb("#4a4f57"))
    c.rectangle((0, quay + 26, WIDTH, HEIGHT), rgb("#3d5565"))
    for _ in range(70):
        x, y = rng.uniform(0, WIDTH), rng.uniform(quay + 40, HEIGHT)
        c.line([(x, y), (x + rng.uniform(20, 90), y)], alpha(rgb("#e8d6bd"), 0.2), 2)
    return develop(c.finish(), vignette_strength=0.22)


def solar_panels(rng):
    sky = gradient([(0, rgb("#7e9cb3")), (0.5, rgb("#c3d0d6")), (1, rgb("#efe3cc"))])
    sun = (rng.uniform(1100, 1400), 150)
    glow(sky, sun, 420, rgb("#fbf1dc"), 0.9)
    c = Canvas(sky)
    c.circle(sun, 46, rgb("#fbf3e2"))
    horizon = 430
    for k, colour in enumerate(("#9aa79a", "#7f8f7c")):  # hills
        phase = rng.uniform(0, 6)
        points = [
            (x, horizon - 50 + k * 40 + 30 * math.sin(x / (180 + k * 90) + phase))
            for x in range(0, WIDTH + 40, 40)
        ]
        c.polygon(points + [(WIDTH, HEIGHT), (0, HEIGHT)], rgb(colour))
    c.rectangle((0, horizon + 40, WIDTH, HEIGHT), rgb("#a99a72"))
    # Rows of panels on flat ground in one-point perspective, the far ones
    # first: a row stands between two distances and tilts up towards us.
    vx, vy = rng.uniform(600, 1000), horizon
    near = 520  # how far below the horizon the ground one unit away is
    for z in [1.3 + 0.8 * k for k in range(18)][::-1]:
        bottom = vy + near / z
        top = vy + near / (z + 0.4) - 36 / z
        span = (-1200, 2800)  # the rows run out of the picture both ways
        _panel_row(c, vx, vy, top, bottom, span, z)
    return develop(c.finish(), vignette_strength=0.2)


def _panel_row(c, vx, vy, top, bottom, span, z):
    """One row of panels: a band with cells whose sides meet far away."""

    def at(x_bottom, y):  # where a line from *x_bottom* to the far point is
        return vx + (x_bottom - vx) * (y - vy) / (bottom - vy)

    x0, x1 = span
    c.polygon(
        [(at(x0, bottom), bottom + 14 / z), (x1, bottom + 14 / z), (x1, bottom + 4)],
        alpha(SHADOW, 0.2),
    )
    c.polygon([(at(x0, top), top), (at(x1, top), top), (x1, bottom), (x0, bottom)],
              rgb("#233650"))  # fmt: skip
    grid = alpha(rgb("#8fa8c0"), 0.4)
    for x in range(x0, x1, 120):
        c.line([(at(x, top), top), (x, bottom)], grid, max(1, 2 / z))
    for t in (1 / 3, 2 / 3):
        y = top + (bottom - top) * t
        c.line([(at(x0, y), y), (x1, y)], grid, max(1, 2 / z))
    c.line([(at(x0, top), top), (at(x1, top), top)], alpha(rgb("#dfe8ef"), 0.6), 2 / z)


def wheat(rng):
    sky = gradient(
        [
            (0, rgb("#6f8196")),
            (0.4, rgb("#c9b59a")),
            (0.56, rgb("#ebbd83")),
            (1, rgb("#c98b55")),
        ]
    )
    sun = (rng.uniform(300, 700), 470)
    glow(sky, sun, 360, rgb("#f6dcae"), 0.9, squash=0.6)
    field = gradient([(0, rgb("#d2a765")), (1, rgb("#7d5628"))])
    c = Canvas(sky)
    c.fill_with(field, lambda m: m.rectangle((0, 500, WIDTH, HEIGHT), 255))
    for _ in range(900):  # the standing crop, finer far away
        t = rng.random() ** 1.5
        x, y = rng.uniform(0, WIDTH), 500 + t * 400
        h = 6 + t * 60
        c.line(
            [(x, y), (x + rng.uniform(-0.3, 0.3) * h, y - h)],
            alpha(mix(rgb("#e8c07a"), rgb("#5e3f1c"), rng.random()), 0.5),
            1 + t * 2,
        )
    image = c.finish()
    glow(image, sun, 700, rgb("#f0cf98"), 0.35, squash=0.25)  # haze on the horizon
    c = Canvas(image)
    gold, dark = rgb("#e2b864"), rgb("#7a5226")
    # Far stalks first: 0 is far, small and pale; 1 near, large and darker.
    for near in sorted(rng.random() for _ in range(150)):
        _ear(
            c,
            rng,
            rng.uniform(-40, WIDTH + 40),
            540 + near * 420,
            0.35 + near**2 * 1.25,
            mix(gold, dark, near * 0.5),
        )
    return develop(c.finish(), vignette_strength=0.3)


def _ear(c, rng, x, base, size, colour):
    """One stalk of wheat with its ear of grains and whiskers."""
    height = rng.uniform(340, 460) * size
    lean = rng.uniform(-70, 70) * size
    top = (x + lean, base - height)
    c.line(
        [(x, base), ((x + top[0]) / 2 + lean * 0.2, (base + top[1]) / 2), top],
        mix(colour, rgb("#000000"), 0.1),
        3.5 * size,
    )
    angle = math.atan2(top[1] - base, top[0] - x)
    for g in range(11):
        t = g / 11
        gx = top[0] + math.cos(angle) * t * 110 * size
        gy = top[1] + math.sin(angle) * t * 110 * size
        for side in (-1, 1):
            ox = math.cos(angle + side * 0.5) * 17 * size
            oy = math.sin(angle + side * 0.5) * 17 * size
            tone = mix(colour, rgb("#f3d592"), rng.uniform(0, 0.3))
            c.polygon(
                [
                    (gx, gy),
                    (gx + ox - 5 * size, gy + oy),
                    (gx + ox * 1.6, gy + oy * 1.6),
                    (gx + ox + 5 * size, gy + oy),
                ],
                tone,
            )
            c.line(
                [
                    (gx + ox * 1.5, gy + oy * 1.5),
                    (
                        gx + ox * 1.5 - math.cos(angle) * 45 * size,
                        gy + oy * 1.5 - math.sin(angle) * 45 * size,
                    ),
                ],
                alpha(colour, 0.55),
                1.1,
            )


def donut_chart(rng):
    back = gradient(
        [(0, rgb("#e9e4d8")), (1, rgb("#d7d0c0"))], angle=rng.choice((30, 150))
    )
    c = Canvas(back)
    cx, cy, r = 560, 450, 290
    shares = [rng.uniform(0.5, 1.5) for _ in range(5)]
    colours = [TEAL, rgb("#3f7a74"), SAGE, GOLD, BRICK]
    start = -90.0
    total = sum(shares)
    c.circle((cx + 14, cy + 18), r, alpha(rgb("#5b4a37"), 0.18))
    for share, colour in zip(shares, colours, strict=True):
        sweep = 360 * share / total
        middle = math.radians(start + sweep / 2)
        pull = 26 if colour == BRICK else 0  # one slice pulled out
        ox, oy = pull * math.cos(middle), pull * math.sin(middle)
        c.pieslice(
            (cx - r + ox, cy - r + oy, cx + r + ox, cy + r + oy),
            start,
            start + sweep,
            colour,
        )
        start += sweep
    c.circle((cx, cy), r * 0.52, mix(back.getpixel((100, 100)), rgb("#ffffff"), 0.2))
    for k, colour in enumerate(colours):  # a legend of bars
        y = 250 + k * 90
        c.rounded((1000, y, 1040, y + 40), 8, fill=colour)
        c.rounded(
            (1070, y + 8, 1070 + rng.uniform(180, 360), y + 32),
            12,
            fill=alpha(rgb("#5b5145"), 0.25),
        )
    return develop(c.finish(), vignette_strength=0.15)


#: (drawing, what it shows) in the order articles cycle through them.
ILLUSTRATIONS = (
    (rising_chart, "مؤشر صاعد على شاشة التداول"),
    (coin_stacks, "أكوام من القطع النقدية ونبتة فوق أعلاها"),
    (port, "حاويات ورافعات في ميناء تجاري"),
    (falling_bars, "أعمدة بيانية لمؤشر متراجع"),
    (wheat, "سنابل القمح في حقل عند الغروب"),
    (candlesticks, "شموع بيانية لحركة السوق"),
    (solar_panels, "صفوف من الألواح الشمسية تحت شمس الظهيرة"),
    (donut_chart, "مخطط دائري لتوزيع الإنفاق"),
)
