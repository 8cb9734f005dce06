"""Illustrations for the politics pages: domes, skylines, ballots, flags."""

import math

from PIL import Image

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

# Dusk: ink blue overhead, dusty rose and apricot on the horizon.
INK = rgb("#1b2238")
VIOLET = rgb("#4b4468")
ROSE = rgb("#b7798a")
APRICOT = rgb("#e8b487")
SAND = rgb("#efd9bd")
SHADOW = (0, 0, 0)


def skyline(c, rng, base, heights, widths, colour, lit=None, x=-30.0):
    """A row of city blocks standing on *base*; *lit* colours some windows."""
    while x < WIDTH + 30:
        w = rng.uniform(*widths)
        h = rng.uniform(*heights)
        top = base - h
        c.rectangle((x, top, x + w, base + 2), colour)
        kind = rng.random()
        if kind < 0.18:  # a setback storey
            c.rectangle((x + w * 0.2, top - h * 0.14, x + w * 0.8, top), colour)
            top -= h * 0.14
        elif kind < 0.3:  # a mast
            c.line([(x + w / 2, top), (x + w / 2, top - h * 0.3)], colour, 3)
        elif kind < 0.38:  # a pitched roof
            c.polygon([(x, top), (x + w / 2, top - w * 0.35), (x + w, top)], colour)
        if lit:
            _windows(c, rng, (x + 6, base - h + 10, x + w - 6, base - 6), lit)
        x += w + rng.uniform(-w * 0.15, 6)


def _windows(c, rng, box, colour, size=(6, 9), gap=(7, 9), share=0.28):
    x0, y0, x1, y1 = box
    y = y0
    while y + size[1] < y1:
        x = x0
        while x + size[0] < x1:
            if rng.random() < share:
                c.rectangle(
                    (x, y, x + size[0], y + size[1]),
                    alpha(colour, rng.uniform(0.35, 0.9)),
                )
            x += size[0] + gap[0]
        y += size[1] + gap[1]


def dome_building(c, cx, ground, scale, colour, light=None):
    """A parliament: wings, a columned portico, a drum and a dome."""
    s = scale
    for i in range(4):  # steps
        c.rectangle(
            (
                cx - (190 - i * 12) * s,
                ground - (i + 1) * 7 * s,
                cx + (190 - i * 12) * s,
                ground - i * 7 * s,
            ),
            colour,
        )
    top = ground - 28 * s
    c.rectangle((cx - 430 * s, top - 150 * s, cx + 430 * s, top), colour)  # wings
    c.rectangle((cx - 450 * s, top - 162 * s, cx + 450 * s, top - 150 * s), colour)
    c.rectangle((cx - 190 * s, top - 190 * s, cx + 190 * s, top), colour)  # portico
    c.polygon(
        [
            (cx - 205 * s, top - 190 * s),
            (cx, top - 250 * s),
            (cx + 205 * s, top - 190 * s),
        ],
        colour,
    )
    if light:
        # Lit gaps between the columns and the wings' tall windows.
        for i in range(8):
            x = cx - 170 * s + i * 46 * s
            c.rectangle((x + 14 * s, top - 165 * s, x + 32 * s, top - 8 * s), light)
        for side in (-1, 1):
            for i in range(5):
                x = cx + side * (230 + i * 40) * s
                c.rounded(
                    (x - 8 * s, top - 120 * s, x + 8 * s, top - 40 * s),
                    8 * s,
                    fill=light,
                )
    drum_top = top - 330 * s
    c.rectangle((cx - 135 * s, drum_top, cx + 135 * s, top - 240 * s), colour)
    c.rectangle(
        (cx - 150 * s, drum_top - 10 * s, cx + 150 * s, drum_top + 6 * s), colour
    )
    c.chord(
        (cx - 140 * s, drum_top - 175 * s, cx + 140 * s, drum_top + 165 * s),
        180,
        360,
        colour,
    )
    if light:  # the dome's ribs, caught by the last light
        rib = alpha(light, 0.22)
        for w in (40, 85, 120):
            c.arc(
                (cx - w * s, drum_top - 172 * s, cx + w * s, drum_top + 165 * s),
                185,
                355,
                rib,
                2,
            )
    lantern = drum_top - 170 * s
    c.rectangle((cx - 22 * s, lantern - 45 * s, cx + 22 * s, lantern + 10 * s), colour)
    c.chord(
        (cx - 26 * s, lantern - 70 * s, cx + 26 * s, lantern - 20 * s), 180, 360, colour
    )
    c.line([(cx, lantern - 60 * s), (cx, lantern - 130 * s)], colour, 3 * s)
    c.polygon(
        [
            (cx, lantern - 130 * s),
            (cx + 46 * s, lantern - 122 * s),
            (cx + 44 * s, lantern - 104 * s),
            (cx, lantern - 108 * s),
        ],
        colour,
    )
    if light:
        for i in range(7):
            x = cx - 105 * s + i * 35 * s
            c.rounded(
                (x - 6 * s, drum_top + 22 * s, x + 6 * s, top - 262 * s),
                6 * s,
                fill=light,
            )


def birds(c, rng, box, count, colour):
    x0, y0, x1, y1 = box
    for _ in range(count):
        x, y, w = rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(7, 13)
        c.line(
            [
                (x - w, y - w * 0.35),
                (x - w * 0.3, y - w * 0.1),
                (x, y + w * 0.15),
                (x + w * 0.3, y - w * 0.1),
                (x + w, y - w * 0.35),
            ],
            colour,
            1.6,
        )


def dome_at_dusk(rng):
    sky = gradient([(0, INK), (0.45, VIOLET), (0.72, ROSE), (0.86, APRICOT), (1, SAND)])
    sun_x = rng.uniform(1050, 1300)
    glow(sky, (sun_x, 700), 520, APRICOT, 0.55, squash=0.45)
    glow(sky, (sun_x, 705), 70, rgb("#f6dcb4"), 0.95)
    c = Canvas(sky)
    ground = 770
    skyline(c, rng, ground, (80, 230), (40, 90), alpha(mix(ROSE, VIOLET, 0.55), 0.8))
    skyline(c, rng, ground + 20, (40, 150), (50, 110), mix(VIOLET, INK, 0.55))
    dome_building(
        c,
        rng.uniform(520, 640),
        ground + 40,
        0.9,
        rgb("#1a1528"),
        light=alpha(APRICOT, 0.55),
    )
    c.rectangle((0, ground + 20, WIDTH, HEIGHT), rgb("#171324"))
    birds(c, rng, (900, 180, 1400, 360), 7, alpha(INK, 0.8))
    return develop(c.finish())


def skyline_at_night(rng):
    night = [(0, rgb("#0c1224")), (0.55, rgb("#1c2b45")), (1, rgb("#3a4a62"))]
    sky = gradient(night)
    glow(sky, (800, 620), 700, rgb("#5b6b84"), 0.5, squash=0.35)
    c = Canvas(sky)
    for _ in range(140):
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, 420)
        c.circle(
            (x, y), rng.uniform(0.6, 1.6), alpha(rgb("#e7ecf5"), rng.uniform(0.2, 0.8))
        )
    moon = (rng.uniform(1150, 1400), rng.uniform(120, 200))
    c.circle(moon, 34, rgb("#efe6cf"))
    c.circle((moon[0] + 14, moon[1] - 8), 30, mix(rgb("#0c1224"), rgb("#1c2b45"), 0.3))
    water = 640
    warm = rgb("#f1c27a")
    skyline(c, rng, water, (120, 300), (50, 95), rgb("#27344c"), lit=warm)
    skyline(c, rng, water, (60, 170), (60, 120), rgb("#161f31"), lit=warm)
    image = c.finish()
    # The water: the city upside down, darker, smeared by the ripples.
    city = image.crop((0, water - (HEIGHT - water), WIDTH, water)).transpose(1)
    smeared = city.resize((WIDTH // 10, city.height), Image.BOX).resize(
        city.size, Image.BICUBIC
    )
    image.paste(
        Image.blend(smeared, Image.new("RGB", city.size, rgb("#0d1526")), 0.45),
        (0, water),
    )
    c = Canvas(image)
    for _ in range(60):
        x, y = rng.uniform(0, WIDTH), rng.uniform(water + 10, HEIGHT)
        w = rng.uniform(20, 90)
        c.line([(x, y), (x + w, y)], alpha(warm, rng.uniform(0.08, 0.25)), 1.5)
    return develop(c.finish(), vignette_strength=0.3)


def ballot_box(rng):
    paper = rgb("#f4f1ea")
    wall = gradient(
        [(0, rgb("#e5dfd3")), (1, rgb("#cfc6b6"))], angle=rng.choice((80, 100))
    )
    glow(wall, (800, 300), 700, rgb("#f6f2ea"), 0.7)
    c = Canvas(wall)
    c.rectangle((0, 690, WIDTH, HEIGHT), rgb("#b9ae9c"))  # the table
    c.rectangle((0, 690, WIDTH, 698), rgb("#cfc5b4"))
    c.ellipse((430, 700, 1210, 790), alpha(rgb("#6d6253"), 0.35))  # shadow
    x0, x1, top, bottom, depth = 520, 1060, 330, 740, 110
    side = rgb("#8fa3b3")
    # Back and inside, seen through the clear plastic.
    c.polygon(
        [
            (x0 + depth, top - 60),
            (x1 + depth, top - 60),
            (x1 + depth, bottom - 60),
            (x0 + depth, bottom - 60),
        ],
        alpha(rgb("#9fb2c0"), 0.5),
    )
    for _ in range(9):  # folded ballots inside
        bx = x0 + 30 + rng.uniform(0, x1 - x0 - 150)
        by = bottom - 40 - rng.uniform(0, 120)
        angle = rng.uniform(-0.4, 0.4)
        c.polygon(_rotated((bx, by, bx + 120, by + 70), angle), paper)
    c.polygon(
        [(x1, top), (x1 + depth, top - 60), (x1 + depth, bottom - 60), (x1, bottom)],
        alpha(side, 0.85),
    )
    c.rectangle((x0, top, x1, bottom), alpha(rgb("#b7c7d3"), 0.62))  # front
    c.polygon(
        [(x0 + 14, top + 14), (x0 + 70, top + 14), (x0 + 14, top + 260)],
        alpha(rgb("#ffffff"), 0.25),
    )  # a reflection
    lid = rgb("#2f4256")
    c.polygon(
        [
            (x0 - 8, top),
            (x0 + depth - 8, top - 60),
            (x1 + depth + 8, top - 60),
            (x1 + 8, top),
        ],
        lid,
    )
    c.rectangle((x0 - 8, top, x1 + 8, top + 22), mix(lid, rgb("#000000"), 0.25))
    c.polygon(
        [
            (x1 + 8, top),
            (x1 + depth + 8, top - 60),
            (x1 + depth + 8, top - 38),
            (x1 + 8, top + 22),
        ],
        mix(lid, rgb("#000000"), 0.45),
    )
    slot = (760, top - 34)
    c.polygon(
        [
            (slot[0] - 110, slot[1] + 6),
            (slot[0] + 100, slot[1] + 6),
            (slot[0] + 120, slot[1] - 6),
            (slot[0] - 90, slot[1] - 6),
        ],
        rgb("#141c26"),
    )
    # The ballot going in, with its tick.
    tilt = rng.uniform(-0.12, 0.05)
    sheet = _rotated((slot[0] - 95, slot[1] - 250, slot[0] + 95, slot[1] + 2), tilt)
    c.polygon(sheet, paper)
    c.line([sheet[0], sheet[3]], rgb("#d9d3c6"), 2)
    for row in range(4):
        y = slot[1] - 215 + row * 45
        c.rectangle((slot[0] - 60, y, slot[0] - 36, y + 24), None, rgb("#6c7a86"), 2)
        c.line([(slot[0] - 22, y + 12), (slot[0] + 60, y + 12)], rgb("#b9c1c8"), 5)
    y = slot[1] - 215 + 45 * rng.randrange(4)
    c.line(
        [(slot[0] - 58, y + 12), (slot[0] - 48, y + 24), (slot[0] - 26, y - 8)],
        rgb("#9e3b33"),
        5,
    )
    return develop(c.finish(), vignette_strength=0.18)


def _rotated(box, angle):
    """The corners of *box* turned by *angle* radians about its centre."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cos, sin = math.cos(angle), math.sin(angle)
    return [
        (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos)
        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    ]


def flags(rng):
    sky = gradient([(0, rgb("#8ea3b5")), (0.7, rgb("#d9dcd8")), (1, rgb("#ece3d3"))])
    glow(sky, (rng.uniform(300, 1300), 120), 600, rgb("#f3eee4"), 0.6)
    c = Canvas(sky)
    palette = [
        rgb(h)
        for h in (
            "#7a2e2e",
            "#2f5d62",
            "#c49a45",
            "#3f4f6b",
            "#5e6b3a",
            "#8c5a3c",
            "#2d3e50",
        )
    ]
    rng.shuffle(palette)
    poles = 6
    wind = rng.uniform(0.8, 1.2)
    for i in range(poles):
        x = 170 + i * 255 + rng.uniform(-10, 10)
        top = 150 + rng.uniform(-15, 15)
        c.line([(x, top), (x, 820)], rgb("#3d3f44"), 7)
        c.circle((x, top - 6), 9, rgb("#8a7a55"))
        _flag(c, x + 3, top + 10, 220, 140, palette[i % len(palette)], i * 1.3 * wind)
    # A stone building behind the poles' feet.
    c.rectangle((0, 700, WIDTH, HEIGHT), rgb("#b9ab93"))
    for i in range(0, WIDTH, 90):
        c.rectangle((i + 20, 720, i + 60, 860), rgb("#a19279"))
    c.rectangle((0, 700, WIDTH, 716), rgb("#cfc2aa"))
    c.rectangle((0, 860, WIDTH, HEIGHT), rgb("#8d7f67"))
    return develop(c.finish(), vignette_strength=0.2)


def _flag(c, x, y, length, height, colour, phase):
    """A flag in the wind: two waving edges and shaded folds."""
    steps = 24
    top, bottom = [], []
    for k in range(steps + 1):
        t = k / steps
        wave = math.sin(t * 5.5 + phase) * 14 * t
        droop = t * t * 24
        top.append((x + t * length, y + wave + droop))
        bottom.append((x + t * length * 0.97, y + height + wave + droop * 0.6))
    c.polygon(top + bottom[::-1], colour)
    for k in range(steps):
        t = k / steps
        shade = math.cos(t * 5.5 + phase)
        tone = (
            (0, 0, 0, round(60 * shade))
            if shade > 0
            else (255, 255, 255, round(-40 * shade))
        )
        c.polygon([top[k], top[k + 1], bottom[k + 1], bottom[k]], tone)


def negotiation_table(rng):
    carpet = gradient([(0, rgb("#2a2f3b")), (1, rgb("#353640"))], angle=35)
    glow(carpet, (800, 450), 800, rgb("#4f4d4c"), 0.7)
    c = Canvas(carpet)
    for i in range(-900, WIDTH, 60):  # the carpet's woven diagonals
        c.line([(i, 0), (i + 900, HEIGHT)], alpha(rgb("#ffffff"), 0.025), 10)
    x0, y0, x1, y1 = 180, 285, 1420, 615
    seats = 5
    pitch = (x1 - x0 - 160) / (seats - 1)
    places = []
    for k in range(seats):
        x = x0 + 80 + k * pitch + rng.uniform(-12, 12)
        places += [(x, y0, 1), (x, y1, -1)]
    for x, edge, side in places:  # chairs, half under the table
        back = edge - side * 120
        c.rounded(
            (x - 55, min(edge, back + side * 20), x + 55, max(edge, back + side * 20)),
            18,
            fill=rgb("#1b1d23"),
        )
        c.rounded((x - 62, back - 16, x + 62, back + 16), 14, fill=rgb("#121318"))
    for end, side in ((x0, 1), (x1, -1)):
        c.rounded(
            (end - side * 150 - 16, 390, end - side * 150 + 16, 510),
            14,
            fill=rgb("#121318"),
        )
        c.rounded(
            (min(end, end - side * 140), 395, max(end, end - side * 140), 505),
            18,
            fill=rgb("#1b1d23"),
        )
    c.rounded((x0 - 6, y0 + 14, x1 + 6, y1 + 22), 60, fill=alpha(rgb("#000000"), 0.4))
    wood = gradient([(0, rgb("#8b6446")), (0.5, rgb("#74523a")), (1, rgb("#5c412e"))])
    c.fill_with(wood, lambda m: m.rounded((x0, y0, x1, y1), 60, fill=255))
    for k in range(14):  # grain of the wood
        y = y0 + 18 + k * (y1 - y0 - 36) / 13 + rng.uniform(-4, 4)
        c.line(
            [(x0 + 40, y), (x1 - 40, y + rng.uniform(-3, 3))],
            alpha(rgb("#3f2b1e"), rng.uniform(0.08, 0.18)),
            rng.uniform(1, 3),
        )
    c.rounded((x0, y0, x1, y1), 60, outline=alpha(rgb("#c19a74"), 0.5), width=3)
    c.rounded((560, 420, 1040, 480), 28, fill=rgb("#3f4a3e"))  # a planter
    for _ in range(40):
        x, y = rng.uniform(580, 1020), rng.uniform(418, 482)
        c.circle(
            (x, y),
            rng.uniform(9, 20),
            alpha(rng.choice([rgb("#5d7a4f"), rgb("#7d9460"), rgb("#4c6642")]), 0.9),
        )
    paper, ink = rgb("#f1eee7"), rgb("#9a968e")
    for x, edge, side in places:
        y = edge + side * 70
        turn = rng.uniform(-0.12, 0.12)
        c.polygon(_turned(x - 10, y, 84, 62, turn), alpha(rgb("#000000"), 0.2))
        c.polygon(_turned(x - 14, y - 3, 84, 62, turn), paper)
        for line in range(4):
            ly = y - 18 + line * 11
            c.line([(x - 44, ly), (x + 12 - rng.uniform(0, 20), ly)], ink, 2)
        c.line([(x + 38, y - 24), (x + 50, y + 26)], rgb("#1f2a3a"), 4)  # a pen
        gx = x + 70
        c.circle((gx + 3, y + 3), 15, alpha(rgb("#000000"), 0.2))
        c.circle((gx, y), 15, alpha(rgb("#d8e6ea"), 0.6))
        c.circle((gx, y), 15, None, alpha(rgb("#ffffff"), 0.6), 2)
        mx, my = x - 60, edge + side * 40  # a desk microphone
        c.line([(mx, my), (mx + 10, my + side * 55)], rgb("#1d1d1f"), 4)
        c.circle((mx + 10, my + side * 55), 7, rgb("#2b2b2e"))
        c.circle((mx, my), 11, rgb("#202023"))
        c.circle((mx, my), 3, rgb("#b54a3c"))
    return develop(c.finish(), vignette_strength=0.4)


def _turned(cx, cy, w, h, angle):
    return _rotated((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), angle)


def columns(rng):
    stone = rgb("#d8cab0")
    shadow = rgb("#8e7f69")
    wall = gradient([(0, rgb("#b3a285")), (1, rgb("#9c8b70"))], angle=0)
    c = Canvas(wall)
    count, left, pitch, width = 6, 70, 300, 120
    top, base = 170, 760
    slant = rng.uniform(0.35, 0.6)  # how far the low sun throws shadows
    for i in range(count):
        x = left + i * pitch
        c.polygon(
            [
                (x + width, top + 40),
                (x + width + 260 * slant, top + 40),
                (x + width + 260 * slant, base),
                (x + width, base),
            ],
            alpha(rgb("#5f523f"), 0.45),
        )
    for i in range(count):
        x = left + i * pitch
        shaft = gradient(
            [(0, mix(stone, rgb("#ffffff"), 0.25)), (0.35, stone), (1, shadow)], angle=0
        )
        c.fill_with(
            shaft, lambda m, x=x: m.rectangle((x, top + 40, x + width, base), 255)
        )
        for f in range(1, 6):
            fx = x + f * width / 6
            c.line([(fx, top + 44), (fx, base - 4)], alpha(shadow, 0.35 + f * 0.07), 2)
        c.rectangle((x - 18, top + 14, x + width + 18, top + 40), stone)
        c.rectangle((x - 18, top + 32, x + width + 18, top + 40), alpha(shadow, 0.6))
        c.rectangle((x - 14, base, x + width + 14, base + 24), stone)
    c.rectangle((0, top - 80, WIDTH, top + 14), stone)  # the architrave
    c.rectangle((0, top - 80, WIDTH, top - 66), mix(stone, rgb("#ffffff"), 0.3))
    c.rectangle((0, top - 10, WIDTH, top + 14), alpha(shadow, 0.5))
    for i in range(0, WIDTH, 44):
        c.rectangle((i, top - 52, i + 18, top - 24), alpha(shadow, 0.35))
    c.rectangle((0, 0, WIDTH, top - 80), mix(stone, shadow, 0.3))
    for k in range(4):  # the steps, lit treads and shaded risers
        y = base + 24 + k * 30
        c.rectangle((0, y, WIDTH, y + 12), mix(stone, rgb("#ffffff"), 0.2))
        c.rectangle((0, y + 12, WIDTH, y + 30), mix(stone, shadow, 0.5))
    return develop(c.finish(), vignette_strength=0.28)


def microphones(rng):
    back = gradient([(0, rgb("#16243a")), (1, rgb("#0e1624"))])
    glow(back, (rng.uniform(650, 950), 260), 650, rgb("#3c5878"), 0.7)
    for _ in range(6):  # out-of-focus lights of the hall
        glow(
            back,
            (rng.uniform(0, WIDTH), rng.uniform(80, 420)),
            rng.uniform(40, 90),
            rgb("#c9a46a"),
            rng.uniform(0.25, 0.5),
            softness=1.2,
        )
    c = Canvas(back)
    cx = 800
    # The lectern: a slanted top and a front panel with a round emblem.
    c.polygon(
        [(cx - 330, 520), (cx + 330, 520), (cx + 290, HEIGHT), (cx - 290, HEIGHT)],
        rgb("#5a3f2c"),
    )
    panel = gradient([(0, rgb("#7b573c")), (1, rgb("#4b3424"))], angle=0)
    c.fill_with(
        panel,
        lambda m: m.polygon(
            [(cx - 300, 540), (cx + 300, 540), (cx + 265, HEIGHT), (cx - 265, HEIGHT)],
            255,
        ),
    )
    c.polygon(
        [(cx - 350, 495), (cx + 350, 495), (cx + 330, 525), (cx - 330, 525)],
        rgb("#6d4c35"),
    )
    c.circle((cx, 700), 78, None, alpha(rgb("#c8a866"), 0.8), 5)
    c.circle((cx, 700), 58, alpha(rgb("#c8a866"), 0.25))
    heads = [
        rgb(h)
        for h in (
            "#2b2b2e",
            "#8e3b2f",
            "#2f4a6d",
            "#3a3a3a",
            "#5c6b3c",
            "#1f1f22",
            "#7a6a55",
        )
    ]
    rng.shuffle(heads)
    for k in range(7):  # stems from the lectern's top, fanning out
        bx = cx - 150 + k * 50 + rng.uniform(-8, 8)
        hx = cx - 300 + k * 100 + rng.uniform(-15, 15)
        hy = rng.uniform(220, 300)
        c.line([(bx, 500), (hx, hy + 90)], rgb("#141414"), 9)
        c.rounded((hx - 18, hy - 30, hx + 18, hy + 95), 18, fill=rgb("#202022"))
        c.rounded((hx - 25, hy + 15, hx + 25, hy + 82), 7, fill=heads[k])  # mic flag
        c.rounded((hx - 25, hy + 15, hx - 14, hy + 82), 4, fill=alpha(SHADOW, 0.25))
        c.ellipse(
            (hx - 26, hy - 58, hx + 26, hy + 10), mix(heads[k], rgb("#202022"), 0.55)
        )
        for g in range(1, 4):  # the grille's mesh
            y = hy - 58 + g * 17
            c.line([(hx - 22, y), (hx + 22, y)], alpha(SHADOW, 0.25), 2)
        c.ellipse((hx - 15, hy - 50, hx, hy - 26), alpha(rgb("#ffffff"), 0.2))
    return develop(c.finish(), vignette_strength=0.35)


def bridge_at_dawn(rng):
    sky = gradient(
        [
            (0, rgb("#9fb3c8")),
            (0.55, rgb("#d9d4d4")),
            (0.8, rgb("#f0d2bc")),
            (1, rgb("#e9c3a8")),
        ]
    )
    sun = (rng.uniform(350, 600), 520)
    glow(sky, sun, 420, rgb("#f7e2c9"), 0.8, squash=0.6)
    c = Canvas(sky)
    horizon = 560
    far = alpha(rgb("#8d94a8"), 0.7)
    skyline(c, rng, horizon, (40, 140), (40, 90), far)
    for x, r in ((rng.uniform(1000, 1250), 80), (rng.uniform(200, 380), 55)):  # domes
        c.chord((x - r, horizon - 100 - r, x + r, horizon - 100 + r), 180, 360, far)
        c.rectangle((x - r, horizon - 100, x + r, horizon), far)
        for side in (-1, 1):  # slender towers beside each dome
            tx = x + side * (r + 40)
            c.rectangle((tx - 7, horizon - 250, tx + 7, horizon), far)
            c.polygon(
                [(tx - 9, horizon - 250), (tx, horizon - 285), (tx + 9, horizon - 250)],
                far,
            )
    c.rectangle((0, horizon, WIDTH, HEIGHT), rgb("#a9b0bb"))
    deck = rgb("#4a4d5a")
    c.rectangle((0, 600, WIDTH, 630), deck)  # the bridge
    for i in range(6):
        x0 = -40 + i * 300
        c.polygon(
            [(x0, 630), (x0 + 300, 630), (x0 + 300, 700)]
            + [
                (
                    x0 + 150 + 150 * math.cos(t / 20 * math.pi),
                    700 - 55 * math.sin(t / 20 * math.pi),
                )
                for t in range(21)
            ]
            + [(x0, 700)],
            deck,
        )
        c.rectangle((x0 + 285, 630, x0 + 315, 760), deck)
    for i in range(0, WIDTH, 24):
        c.rectangle((i, 588, i + 6, 600), deck)
    c.rectangle((0, 584, WIDTH, 590), deck)
    image = c.finish()
    c = Canvas(image)
    for _ in range(90):  # light on the water
        x, y = rng.uniform(sun[0] - 260, sun[0] + 260), rng.uniform(700, HEIGHT)
        c.line([(x, y), (x + rng.uniform(15, 70), y)], alpha(rgb("#f6e3cd"), 0.35), 2)
    return develop(c.finish(), vignette_strength=0.18)


#: (drawing, what it shows) in the order articles cycle through them.
ILLUSTRATIONS = (
    (dome_at_dusk, "قبة البرلمان وأفق المدينة عند الغروب"),
    (ballot_box, "ورقة اقتراع تدخل صندوقاً شفافاً"),
    (skyline_at_night, "أفق مدينة وأضواؤها على الماء ليلاً"),
    (negotiation_table, "طاولة مفاوضات مستديرة من الأعلى"),
    (flags, "أعلام ترفرف أمام مبنى رسمي"),
    (microphones, "ميكروفونات على منصة مؤتمر صحافي"),
    (columns, "أعمدة مبنى حكومي في ضوء الصباح"),
    (bridge_at_dawn, "جسر وقباب المدينة عند الفجر"),
)
