"""Illustrations for the science pages: planets, molecules, circuits."""

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

SPACE = rgb("#0b0f1f")
NIGHT = rgb("#161d3a")
CYAN = rgb("#7fc4cf")
CORAL = rgb("#d9826a")
CREAM = rgb("#f0e7d6")
SHADOW = (0, 0, 0)


def stars(c, rng, count, box=(0, 0, WIDTH, HEIGHT)):
    x0, y0, x1, y1 = box
    for _ in range(count):
        r = rng.choice((0.7, 0.9, 1.1, 1.4, 2.0))
        c.circle(
            (rng.uniform(x0, x1), rng.uniform(y0, y1)),
            r,
            alpha(rgb("#eef1ff"), rng.uniform(0.25, 0.9)),
        )


def sphere(c, centre, r, colour, light=(-0.4, -0.45)):
    """A shaded ball: a darker rim away from the light, a highlight."""
    x, y = centre
    c.circle(centre, r, mix(colour, SHADOW, 0.35))
    lx, ly = light
    for k in range(1, 9):
        rr = r * (1 - 0.06 * k)
        c.circle(
            (x + lx * (r - rr), y + ly * (r - rr)),
            rr,
            mix(colour, SHADOW, 0.35 - k * 0.055),
        )
    c.circle(
        (x + lx * r * 0.45, y + ly * r * 0.45), r * 0.22, alpha(rgb("#ffffff"), 0.35)
    )


def _ellipse_points(cx, cy, rx, ry, turn, steps=72, start=0.0, end=2 * math.pi):
    cos, sin = math.cos(turn), math.sin(turn)
    out = []
    for k in range(steps + 1):
        a = start + (end - start) * k / steps
        ex, ey = rx * math.cos(a), ry * math.sin(a)
        out.append((cx + ex * cos - ey * sin, cy + ex * sin + ey * cos))
    return out


def ringed_planet(rng):
    sky = gradient([(0, SPACE), (1, NIGHT)], angle=rng.choice((60, 120)))
    for _ in range(3):  # nebulae
        glow(
            sky,
            (rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)),
            rng.uniform(250, 450),
            rng.choice([rgb("#3a2f5e"), rgb("#23445a"), rgb("#4a2f45")]),
            0.6,
        )
    c = Canvas(sky)
    stars(c, rng, 260)
    cx, cy, r = rng.uniform(900, 1100), 470, 230
    turn = -0.32
    ring = alpha(rgb("#d9c7a3"), 0.75)
    c.polygon(_band(cx, cy, r, turn, math.pi, 2 * math.pi), ring)
    # The globe: cloud bands, then the night side darkened by circles that
    # crowd towards the rim away from the light.
    bands = [
        rgb("#c7a27a"),
        rgb("#b08462"),
        rgb("#d8bd93"),
        rgb("#a5795a"),
        rgb("#cfae84"),
    ]
    stops = [
        (k / 11, mix(bands[k % len(bands)], CREAM, rng.uniform(0, 0.15)))
        for k in range(12)
    ]
    globe = Canvas(gradient(stops))
    night = (math.cos(0.5), math.sin(0.5))
    for k in range(18):
        rr = r * (1 - 0.05 * k)
        globe.circle(
            (cx + night[0] * (r - rr), cy + night[1] * (r - rr)),
            rr,
            alpha(SHADOW, 0.055),
        )
    c.inset(globe, lambda m: m.circle((cx, cy), r, 255))
    c.polygon(_band(cx, cy, r, turn, 0, math.pi), ring)
    c.polygon(
        _band(cx, cy, r, turn, 0, math.pi, 1.76, 1.81), alpha(rgb("#8f7c62"), 0.7)
    )
    moon = (rng.uniform(250, 450), rng.uniform(200, 320))
    sphere(c, moon, 46, rgb("#9aa3b5"))
    return develop(c.finish(), vignette_strength=0.35)


def _band(cx, cy, r, turn, start, end, inner=1.62, outer=1.95):
    """Half of a planet's ring, from *start* to *end* round the ellipse."""
    squash = 0.22
    return (
        _ellipse_points(cx, cy, r * outer, r * outer * squash, turn, 48, start, end)
        + (
            _ellipse_points(
                cx, cy, r * inner, r * inner * squash, turn, 48, start, end
            )[::-1]
        )
    )


def molecule(rng):
    back = gradient(
        [(0, rgb("#dfe6ea")), (1, rgb("#c3ced6"))], angle=rng.choice((45, 135))
    )
    for _ in range(7):  # out-of-focus spheres behind
        glow(
            back,
            (rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)),
            rng.uniform(60, 150),
            rgb("#f3f6f8"),
            0.6,
            softness=1.0,
        )
    c = Canvas(back)
    palette = [rgb("#2f6f7a"), CORAL, rgb("#3d4d66"), rgb("#d9b36a"), rgb("#e8e4da")]
    # A molecule: atoms placed by a random walk, bonded to their parent.
    atoms = [(800.0, 450.0, 88, palette[0])]
    bonds = []
    for k in range(1, 13):
        parent = rng.randrange(len(atoms))
        px, py, pr, _ = atoms[parent]
        for _ in range(30):
            a = rng.uniform(0, 2 * math.pi)
            r = rng.choice((44, 58, 72))
            d = pr + r + rng.uniform(40, 70)
            x, y = px + d * math.cos(a), py + d * math.sin(a) * 0.85
            if (
                120 < x < WIDTH - 120
                and 110 < y < HEIGHT - 110
                and all(
                    math.hypot(x - ax, y - ay) > ar + r + 20 for ax, ay, ar, _ in atoms
                )
            ):
                atoms.append((x, y, r, palette[k % len(palette)]))
                bonds.append((parent, len(atoms) - 1))
                break
    for a, b in bonds:
        (x0, y0, *_), (x1, y1, *_) = atoms[a], atoms[b]
        c.line([(x0 + 6, y0 + 10), (x1 + 6, y1 + 10)], alpha(SHADOW, 0.12), 20)
        c.line([(x0, y0), (x1, y1)], rgb("#8e9aa6"), 16)
        c.line([(x0, y0 - 4), (x1, y1 - 4)], alpha(rgb("#ffffff"), 0.35), 4)
    for x, y, r, colour in sorted(atoms, key=lambda atom: atom[2]):
        c.circle((x + 10, y + 16), r, alpha(SHADOW, 0.12))
        sphere(c, (x, y), r, colour)
    return develop(c.finish(), vignette_strength=0.2)


def circuit(rng):
    board = gradient(
        [(0, rgb("#123330")), (1, rgb("#0c2220"))], angle=rng.choice((30, 150))
    )
    c = Canvas(board)
    trace, pad = rgb("#3f7f6e"), rgb("#c9a86a")
    chip = (640, 300, 960, 600)
    lit = []
    for side in range(4):
        for k in range(9):
            t = (k + 0.5) / 9
            if side in (0, 1):  # top, bottom
                x = chip[0] + t * (chip[2] - chip[0])
                y = chip[1] if side == 0 else chip[3]
                direction = (0, -1 if side == 0 else 1)
            else:
                y = chip[1] + t * (chip[3] - chip[1])
                x = chip[0] if side == 2 else chip[2]
                direction = (-1 if side == 2 else 1, 0)
            points = [(x, y)]
            length = rng.uniform(40, 160)
            x, y = x + direction[0] * length, y + direction[1] * length
            points.append((x, y))
            bend = rng.choice((-1, 1))
            diagonal = rng.uniform(30, 120)
            if direction[0] == 0:
                x, y = x + bend * diagonal, y + direction[1] * diagonal
            else:
                x, y = x + direction[0] * diagonal, y + bend * diagonal
            points.append((x, y))
            length = rng.uniform(80, 500)
            x, y = x + direction[0] * length, y + direction[1] * length
            points.append((x, y))
            (lit if rng.random() < 0.2 else []).append(points)
            c.line(points, trace, 6)
            c.circle(points[-1], 13, pad)
            c.circle(points[-1], 5, rgb("#0c2220"))
    for points in lit:  # a few traces carry a signal
        c.line(points, alpha(rgb("#b9f0d8"), 0.55), 3)
    for k in range(9):  # pins
        t = (k + 0.5) / 9
        x = chip[0] + t * (chip[2] - chip[0])
        c.rectangle((x - 8, chip[1] - 18, x + 8, chip[1]), rgb("#b8bcc0"))
        c.rectangle((x - 8, chip[3], x + 8, chip[3] + 18), rgb("#b8bcc0"))
        y = chip[1] + t * (chip[3] - chip[1])
        c.rectangle((chip[0] - 18, y - 8, chip[0], y + 8), rgb("#b8bcc0"))
        c.rectangle((chip[2], y - 8, chip[2] + 18, y + 8), rgb("#b8bcc0"))
    c.rounded(
        (chip[0] + 14, chip[1] + 18, chip[2] + 14, chip[3] + 18),
        16,
        fill=alpha(SHADOW, 0.4),
    )
    c.rounded(chip, 16, fill=rgb("#1d2224"))
    c.rounded(
        (chip[0] + 40, chip[1] + 40, chip[2] - 40, chip[3] - 40),
        10,
        outline=alpha(rgb("#ffffff"), 0.08),
        width=3,
    )
    c.circle((chip[0] + 30, chip[1] + 30), 9, alpha(rgb("#ffffff"), 0.12))
    image = c.finish()
    glow(image, (800, 450), 600, rgb("#2d7f6a"), 0.18)
    return develop(image, vignette_strength=0.35)


def helix(rng):
    back = gradient([(0, rgb("#101a2e")), (1, rgb("#1b1530"))], angle=0)
    glow(back, (800, 450), 700, rgb("#263a5c"), 0.7)
    c = Canvas(back)
    amplitude, wavelength = 190, 560
    phase = rng.uniform(0, math.pi)
    tilt = 0.18
    base = [rgb("#d9826a"), rgb("#7fc4cf"), rgb("#d9b36a"), rgb("#9c8fd0")]

    def point(x, offset):
        y = 450 + amplitude * math.sin(2 * math.pi * x / wavelength + phase + offset)
        return (x, y + (x - 800) * tilt)

    items = []
    for k in range(-2, 60):
        x = k * 28
        a, b = point(x, 0), point(x, math.pi)
        depth = math.cos(2 * math.pi * x / wavelength + phase)
        if k % 2 == 0:
            items.append((0, ("rung", a, b, rng.choice(base), rng.choice(base))))
        items.append((depth, ("bead", a, 15 + 5 * depth, CREAM)))
        items.append((-depth, ("bead", b, 15 - 5 * depth, rgb("#b9c7e0"))))
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if item[0] == "rung":
            _, a, b, left, right = item
            middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            c.line([a, middle], alpha(left, 0.8), 8)
            c.line([middle, b], alpha(right, 0.8), 8)
        else:
            _, centre, r, colour = item
            sphere(c, centre, r, colour)
    image = c.finish()
    return develop(image, vignette_strength=0.35)


def network(rng):
    back = gradient(
        [(0, rgb("#0e1426")), (1, rgb("#16233c"))], angle=rng.choice((0, 180))
    )
    c = Canvas(back)
    layers = [4, 7, 9, 7, 3]
    nodes = []
    for i, count in enumerate(layers):
        x = 220 + i * (WIDTH - 440) / (len(layers) - 1)
        column = []
        for k in range(count):
            y = 450 + (k - (count - 1) / 2) * 88 + rng.uniform(-6, 6)
            column.append((x, y))
        nodes.append(column)
    for left, right in zip(nodes, nodes[1:], strict=False):
        for a in left:
            for b in right:
                strength = rng.random()
                c.line(
                    [a, b], alpha(CYAN, 0.05 + 0.3 * strength**3), 1 + 2 * strength**3
                )
    image = c.finish()
    for column in nodes:
        for x, y in column:
            glow(image, (x, y), 60, rgb("#7fc4cf"), 0.25)
    c = Canvas(image)
    for column in nodes:
        for x, y in column:
            active = rng.random() < 0.45
            c.circle((x, y), 20, rgb("#0e1426"), alpha(CYAN, 0.9), 3)
            c.circle(
                (x, y), 11, alpha(CORAL if active else CYAN, 0.9 if active else 0.35)
            )
    return develop(c.finish(), vignette_strength=0.35)


def planet_horizon(rng):
    sky = gradient([(0, SPACE), (1, rgb("#121a36"))])
    c = Canvas(sky)
    stars(c, rng, 220, (0, 0, WIDTH, 600))
    image = c.finish()
    cx, cy, r = 800, 2050, 1500
    sun = (rng.uniform(450, 1150), cy - r - 12)
    glow(image, (cx, cy - r + 40), 1000, rgb("#4f86c0"), 0.55, squash=0.25)
    c = Canvas(image)
    c.circle((cx, cy), r + 14, alpha(rgb("#8ec1e6"), 0.5))  # the atmosphere
    c.circle((cx, cy), r + 6, alpha(rgb("#bfe0f2"), 0.6))
    c.circle((cx, cy), r, rgb("#1d3f66"))
    for _ in range(40):  # clouds over the sea
        a = rng.uniform(-0.5, 0.5) - math.pi / 2
        d = rng.uniform(r - 260, r - 20)
        x, y = cx + d * math.cos(a), cy + d * math.sin(a)
        c.ellipse(
            (x - rng.uniform(60, 180), y - 10, x + rng.uniform(60, 180), y + 14),
            alpha(rgb("#e8eef4"), rng.uniform(0.15, 0.45)),
        )
    image = c.finish()
    glow(image, sun, 420, rgb("#f4e2c0"), 0.55, squash=0.35)
    glow(image, sun, 70, rgb("#fff8ea"), 1.0)
    return develop(image, vignette_strength=0.3)


def atom(rng):
    back = gradient([(0, rgb("#13182c")), (1, rgb("#0b0f1d"))])
    glow(back, (800, 450), 500, rgb("#2a3358"), 0.8)
    c = Canvas(back)
    cx, cy = 800, 450
    turns = [rng.uniform(0, math.pi)]
    turns += [turns[0] + math.pi / 3, turns[0] + 2 * math.pi / 3]
    for turn in turns:
        c.line(_ellipse_points(cx, cy, 430, 130, turn), alpha(CYAN, 0.55), 4)
    nucleus = []
    for _ in range(14):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, 40)
        nucleus.append((cx + d * math.cos(a), cy + d * math.sin(a), rng.random() < 0.5))
    for x, y, proton in sorted(
        nucleus, key=lambda n: -math.hypot(n[0] - cx, n[1] - cy)
    ):
        sphere(c, (x, y), 24, CORAL if proton else rgb("#8da0c4"))
    for turn in turns:
        a = rng.uniform(0, 2 * math.pi)
        x, y = _ellipse_points(cx, cy, 430, 130, turn, steps=1, start=a, end=a)[0]
        c.circle((x, y), 22, alpha(CYAN, 0.25))
        sphere(c, (x, y), 13, rgb("#cfeef2"))
    return develop(c.finish(), vignette_strength=0.35)


def heartbeat(rng):
    screen = gradient([(0, rgb("#0f2226")), (1, rgb("#0a171a"))])
    c = Canvas(screen)
    for x in range(0, WIDTH, 40):
        c.line(
            [(x, 0), (x, HEIGHT)], alpha(rgb("#4f8f86"), 0.12 if x % 200 else 0.25), 1.5
        )
    for y in range(10, HEIGHT, 40):
        c.line(
            [(0, y), (WIDTH, y)],
            alpha(rgb("#4f8f86"), 0.12 if (y - 10) % 200 else 0.25),
            1.5,
        )
    baseline = 470
    points = []
    x = -20.0
    beat = rng.uniform(300, 360)
    while x < WIDTH + 40:  # one heartbeat: P wave, QRS spike, T wave
        for dx, dy in (
            (0, 0),
            (40, 0),
            (60, -22),
            (80, 0),
            (110, 0),
            (122, 30),
            (140, -260),
            (158, 90),
            (172, 0),
            (210, 0),
            (240, -55),
            (275, 0),
            (beat, 0),
        ):
            points.append((x + dx, baseline + dy))
        x += beat
    c.line(points, alpha(rgb("#9fe3c8"), 0.25), 16, joint="curve")
    c.line(points, rgb("#a9efd2"), 5, joint="curve")
    image = c.finish()
    head = points[len(points) * 2 // 3]
    glow(image, head, 160, rgb("#bff5de"), 0.5)
    return develop(image, vignette_strength=0.4)


#: (drawing, what it shows) in the order articles cycle through them.
ILLUSTRATIONS = (
    (ringed_planet, "كوكب بحلقات وقمر في سماء مرصّعة بالنجوم"),
    (molecule, "نموذج جزيء بالكرات والروابط"),
    (circuit, "شريحة إلكترونية ومساراتها على لوحة دارة"),
    (helix, "شريط الحمض النووي المزدوج"),
    (network, "شبكة عصبية اصطناعية بطبقاتها"),
    (planet_horizon, "شروق الشمس على أفق الأرض من المدار"),
    (atom, "نموذج ذرة ومدارات إلكتروناتها"),
    (heartbeat, "تخطيط كهربائي لنبض القلب"),
)
