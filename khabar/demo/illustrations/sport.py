"""Illustrations for the sport pages: pitches, courts, tracks, floodlights."""

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

GRASS = rgb("#4f7a4a")
GRASS_LIGHT = rgb("#5c8854")
CHALK = rgb("#eef0e8")
SHADOW = (0, 0, 0)


def football(c, centre, r, turn=0.0, shadow=(14, 10)):
    """A ball with its black patches, shaded from the upper left."""
    x, y = centre
    c.circle((x + shadow[0], y + shadow[1]), r, alpha(SHADOW, 0.35))
    c.circle(centre, r, rgb("#f3f2ee"))
    c.polygon(_pentagon(x, y, r * 0.36, turn), rgb("#23262b"))
    for k in range(5):
        a = turn + k * 2 * math.pi / 5 + math.pi / 5
        px, py = x + math.cos(a) * r * 0.86, y + math.sin(a) * r * 0.86
        patch = _pentagon(px, py, r * 0.3, a + math.pi)
        # Clip the outer patches to the ball, roughly, by pulling points in.
        patch = [_inside(x, y, r * 0.98, p) for p in patch]
        c.polygon(patch, rgb("#23262b"))
        c.line(
            [
                _inside(
                    x, y, r, (x + math.cos(a) * r * 0.36, y + math.sin(a) * r * 0.36)
                ),
                _inside(x, y, r, (px, py)),
            ],
            alpha(rgb("#8c8f93"), 0.7),
            r * 0.04,
        )
    c.chord((x - r, y - r, x + r, y + r), 20, 200, alpha(SHADOW, 0.16))
    c.circle((x - r * 0.35, y - r * 0.4), r * 0.22, alpha(rgb("#ffffff"), 0.35))


def _pentagon(x, y, r, turn):
    return [
        (
            x + math.cos(turn + k * 2 * math.pi / 5) * r,
            y + math.sin(turn + k * 2 * math.pi / 5) * r,
        )
        for k in range(5)
    ]


def _inside(cx, cy, r, point):
    dx, dy = point[0] - cx, point[1] - cy
    d = math.hypot(dx, dy)
    if d <= r:
        return point
    return (cx + dx * r / d, cy + dy * r / d)


def _stripes(c, box, count, colours, vertical=True):
    x0, y0, x1, y1 = box
    for k in range(count):
        colour = colours[k % 2]
        if vertical:
            w = (x1 - x0) / count
            c.rectangle((x0 + k * w, y0, x0 + (k + 1) * w, y1), colour)
        else:
            h = (y1 - y0) / count
            c.rectangle((x0, y0 + k * h, x1, y0 + (k + 1) * h), colour)


def pitch_from_above(rng):
    c = Canvas(gradient([(0, GRASS), (1, GRASS)]))
    _stripes(c, (0, 0, WIDTH, HEIGHT), 16, (GRASS, GRASS_LIGHT))
    line = alpha(CHALK, 0.85)
    w = 5
    x0, y0, x1, y1 = 110, 70, 1490, 830
    c.line([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], line, w, joint=None)
    mid = (x0 + x1) / 2
    c.line([(mid, y0), (mid, y1)], line, w)
    c.circle((mid, 450), 120, None, line, w)
    c.circle((mid, 450), 7, line)
    for side in (1, -1):
        edge = x0 if side == 1 else x1
        box = [
            (edge, 250),
            (edge + side * 220, 250),
            (edge + side * 220, 650),
            (edge, 650),
        ]
        c.line(box, line, w)
        c.line(
            [
                (edge, 360),
                (edge + side * 75, 360),
                (edge + side * 75, 540),
                (edge, 540),
            ],
            line,
            w,
        )
        spot = edge + side * 150
        c.circle((spot, 450), 6, line)
        start, end = (-53, 53) if side == 1 else (127, 233)
        c.arc((spot - 120, 330, spot + 120, 570), start, end, line, w)
        c.rectangle((edge - side * 24, 405, edge, 495), alpha(CHALK, 0.4))
    for x, y, a in ((x0, y0, 0), (x1, y0, 90), (x1, y1, 180), (x0, y1, 270)):
        c.arc((x - 22, y - 22, x + 22, y + 22), a, a + 90, line, w)
    # Two teams in their shapes, long afternoon shadows.
    for colour, side in ((rgb("#b24a3c"), -1), (rgb("#e8e3d6"), 1)):
        for _ in range(10):
            px = mid + side * rng.uniform(60, 600)
            py = rng.uniform(140, 760)
            c.ellipse((px + 4, py + 2, px + 40, py + 14), alpha(SHADOW, 0.3))
            c.circle((px, py), 12, colour)
            c.circle((px, py), 5, rgb("#3a2a22"))
    football(c, (mid + rng.uniform(-200, 200), 450 + rng.uniform(-150, 150)), 13)
    return develop(c.finish(), vignette_strength=0.3)


def corner_kick(rng):
    back = gradient([(0, GRASS_LIGHT), (1, mix(GRASS, rgb("#000000"), 0.15))], angle=35)
    c = Canvas(back)
    for k in range(-6, 14):  # diagonal mowing stripes
        x = k * 180
        c.polygon(
            [(x, 0), (x + 90, 0), (x + 90 - 700, HEIGHT), (x - 700, HEIGHT)],
            alpha(rgb("#ffffff"), 0.05),
        )
    line = alpha(CHALK, 0.9)
    cx, cy = 1380, 760  # the corner
    c.line([(cx, -10), (cx, cy), (-10, cy)], line, 12, joint=None)
    c.arc((cx - 130, cy - 130, cx + 130, cy + 130), 180, 270, line, 12)
    # The flag, and its long shadow.
    c.polygon(
        [(cx, cy), (cx + 14, cy), (cx - 260, cy + 130), (cx - 274, cy + 130)],
        alpha(SHADOW, 0.25),
    )
    c.line([(cx, cy), (cx, cy - 330)], rgb("#e6e0cf"), 10)
    flag = rgb(rng.choice(("#c98b3a", "#b24a3c", "#d9c04f")))
    c.polygon(
        [(cx, cy - 330), (cx - 120, cy - 300), (cx - 112, cy - 250), (cx, cy - 265)],
        flag,
    )
    c.polygon(
        [(cx - 60, cy - 315), (cx - 112, cy - 250), (cx - 60, cy - 258)],
        alpha(SHADOW, 0.15),
    )
    football(c, (cx - 150, cy - 60), 46, rng.uniform(0, 1), shadow=(40, 24))
    return develop(c.finish(), vignette_strength=0.3)


def running_track(rng):
    infield = gradient([(0, GRASS), (1, mix(GRASS, rgb("#000000"), 0.1))])
    c = Canvas(infield)
    track = rgb("#b5553d")
    lanes = 8
    cx, cy = 430, 450  # the bend's centre, seen from above
    inner, lane = 230, 52
    outer = inner + lanes * lane
    c.circle((cx, cy), outer + 40, rgb("#9c8e78"))
    c.rectangle((cx, cy - outer - 40, WIDTH + 10, cy + outer + 40), rgb("#9c8e78"))
    c.circle((cx, cy), outer, track)
    c.rectangle((cx, cy - outer, WIDTH + 10, cy + outer), track)
    c.circle((cx, cy), inner, GRASS)
    c.rectangle((cx, cy - inner, WIDTH + 10, cy + inner), GRASS)
    _stripes(
        c, (cx, cy - inner + 6, WIDTH + 10, cy + inner - 6), 10, (GRASS, GRASS_LIGHT)
    )
    chalk = alpha(CHALK, 0.85)
    for k in range(lanes + 1):
        r = inner + k * lane
        c.arc((cx - r, cy - r, cx + r, cy + r), 90, 270, chalk, 3)
        c.line([(cx, cy - r), (WIDTH + 10, cy - r)], chalk, 3)
        c.line([(cx, cy + r), (WIDTH + 10, cy + r)], chalk, 3)
    # Staggered starts on the bend.
    for k in range(lanes):
        a = math.radians(180 + 10 * k)
        r0, r1 = inner + k * lane, inner + (k + 1) * lane
        c.line(
            [
                (cx + r0 * math.cos(a), cy + r0 * math.sin(a)),
                (cx + r1 * math.cos(a), cy + r1 * math.sin(a)),
            ],
            chalk,
            5,
        )
    finish = 1180
    c.line([(finish, cy - outer), (finish, cy - inner)], chalk, 10)
    return develop(c.finish(), vignette_strength=0.25)


def basketball_court(rng):
    floor = gradient([(0, rgb("#c89a63")), (1, rgb("#b5844f"))], angle=0)
    glow(floor, (800, 450), 700, rgb("#dcb07a"), 0.6)
    c = Canvas(floor)
    for y in range(0, HEIGHT, 26):  # planks
        c.line([(0, y), (WIDTH, y)], alpha(rgb("#6d4a28"), 0.18), 1.5)
        offset = rng.uniform(0, 400)
        for x in range(-400, WIDTH, 400):
            c.line(
                [(x + offset, y), (x + offset, y + 26)],
                alpha(rgb("#6d4a28"), 0.15),
                1.5,
            )
        c.rectangle((0, y, WIDTH, y + 26), alpha(rgb("#ffffff"), rng.uniform(0, 0.05)))
    line = alpha(rgb("#f5efe3"), 0.9)
    paint = alpha(rgb("#2f4a6d"), 0.85)
    mid = 800
    c.line([(mid, 0), (mid, HEIGHT)], line, 5)
    c.circle((mid, 450), 110, paint, line, 5)
    for side in (1, -1):
        edge = 0 if side == 1 else WIDTH
        c.rectangle((edge, 330, edge + side * 360, 570), paint)
        c.line(
            [
                (edge, 330),
                (edge + side * 360, 330),
                (edge + side * 360, 570),
                (edge, 570),
            ],
            line,
            5,
        )
        c.arc(
            (edge + side * 360 - 110, 340, edge + side * 360 + 110, 560),
            -90 if side == 1 else 90,
            90 if side == 1 else 270,
            line,
            5,
        )
        c.arc(
            (edge - 560, -110, edge + 560, 1010),
            -75 if side == 1 else 105,
            75 if side == 1 else 255,
            line,
            5,
        )
    x, y, r = mid + rng.uniform(-380, 380), rng.uniform(200, 700), 44
    c.circle((x + 26, y + 16), r, alpha(SHADOW, 0.3))
    c.circle((x, y), r, rgb("#c6612f"))
    seam = rgb("#3a2418")
    c.line([(x - r, y), (x + r, y)], seam, 3)
    c.line([(x, y - r), (x, y + r)], seam, 3)
    c.arc((x - r * 1.6, y - r, x - r * 0.2, y + r), -60, 60, seam, 3)
    c.arc((x + r * 0.2, y - r, x + r * 1.6, y + r), 120, 240, seam, 3)
    c.circle((x - 14, y - 16), 14, alpha(rgb("#ffffff"), 0.18))
    return develop(c.finish(), vignette_strength=0.3)


def tennis_court(rng):
    surround = rgb("#8a5540")
    c = Canvas(gradient([(0, surround), (1, mix(surround, rgb("#000000"), 0.1))]))
    court = rgb("#3f6f8a")
    x0, y0, x1, y1 = 160, 150, 1440, 750
    c.rectangle((x0, y0, x1, y1), court)
    line = alpha(rgb("#f3f1ea"), 0.92)
    w = 5
    c.line([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], line, w, joint=None)
    c.line([(x0, y0 + 75), (x1, y0 + 75)], line, w)
    c.line([(x0, y1 - 75), (x1, y1 - 75)], line, w)
    c.line([(x0 + 300, y0 + 75), (x0 + 300, y1 - 75)], line, w)
    c.line([(x1 - 300, y0 + 75), (x1 - 300, y1 - 75)], line, w)
    c.line([(x0 + 300, 450), (x1 - 300, 450)], line, w)
    c.line([(x0, 450), (x0 + 20, 450)], line, w)
    c.line([(x1, 450), (x1 - 20, 450)], line, w)
    # The net across the middle, and its shadow.
    mid = 800
    c.polygon(
        [(mid, y0 - 40), (mid + 60, y0 - 30), (mid + 60, y1 + 50), (mid, y1 + 40)],
        alpha(SHADOW, 0.22),
    )
    c.line([(mid, y0 - 40), (mid, y1 + 40)], rgb("#1d2226"), 10)
    c.line([(mid, y0 - 40), (mid, y1 + 40)], rgb("#eceae3"), 4)
    for y in (y0 - 40, y1 + 40):
        c.circle((mid, y), 12, rgb("#2b3136"))
    x, y = rng.uniform(950, 1300), rng.uniform(250, 650)
    c.circle((x + 30, y + 18), 20, alpha(SHADOW, 0.3))
    c.circle((x, y), 20, rgb("#d6dc6a"))
    c.arc((x - 30, y - 14, x + 8, y + 24), -80, 80, rgb("#f4f4e8"), 3)
    c.circle((x - 6, y - 7), 6, alpha(rgb("#ffffff"), 0.4))
    return develop(c.finish(), vignette_strength=0.28)


def floodlights(rng):
    sky = gradient([(0, rgb("#0b1020")), (0.7, rgb("#1b2437")), (1, rgb("#26314a"))])
    c = Canvas(sky)
    masts = (rng.uniform(220, 380), rng.uniform(1220, 1380))
    for x in masts:
        c.polygon(
            [(x - 10, HEIGHT), (x - 4, 260), (x + 4, 260), (x + 10, HEIGHT)],
            rgb("#0a0d14"),
        )
        c.rectangle((x - 110, 150, x + 110, 270), rgb("#0a0d14"))
        for row in range(3):
            for col in range(6):
                lx, ly = x - 90 + col * 36, 170 + row * 34
                c.circle((lx, ly), 12, rgb("#fff7e0"))
    # The stands: tiers of seats catching the light.
    for k in range(6):
        y = 560 + k * 40
        c.rectangle((0, y, WIDTH, y + 40), mix(rgb("#1a2133"), rgb("#39435a"), k / 6))
        for x in range(0, WIDTH, 22):
            if rng.random() < 0.6:
                c.rectangle(
                    (x + 3, y + 8, x + 15, y + 30),
                    alpha(
                        rng.choice([rgb("#8a3b34"), rgb("#d8d3c4"), rgb("#33507a")]),
                        0.55,
                    ),
                )
    c.rectangle((0, 800, WIDTH, HEIGHT), GRASS)
    image = c.finish()
    for x in masts:  # the glare of each bank of lamps
        glow(image, (x, 200), 330, rgb("#f6ecd0"), 0.55, softness=2.5)
        glow(image, (x, 200), 130, rgb("#fffaf0"), 0.9)
    glow(image, (800, 900), 700, rgb("#9cc59a"), 0.35, squash=0.35)
    c = Canvas(image)
    for _ in range(40):  # haze caught in the beams
        x, y = rng.uniform(0, WIDTH), rng.uniform(100, 500)
        c.circle(
            (x, y), rng.uniform(1, 2.5), alpha(rgb("#fff5dc"), rng.uniform(0.2, 0.6))
        )
    return develop(c.finish(), vignette_strength=0.3)


def swimming_pool(rng):
    water = gradient(
        [(0, rgb("#3f8ea3")), (1, rgb("#2c7088"))], angle=rng.choice((20, 160))
    )
    c = Canvas(water)
    lanes = 6
    h = HEIGHT / lanes
    for k in range(lanes):  # the black lines along each lane's floor
        y = k * h + h / 2
        c.rectangle((120, y - 8, WIDTH - 120, y + 8), alpha(rgb("#0f2c3a"), 0.55))
        for x in (120, WIDTH - 120):
            c.rectangle((x - 30, y - 24, x + 30, y + 24), alpha(rgb("#0f2c3a"), 0.55))
    for _ in range(150):  # light ripples on the floor
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)
        r = rng.uniform(20, 60)
        c.arc(
            (x - r, y - r * 0.4, x + r, y + r * 0.4),
            rng.uniform(180, 220),
            rng.uniform(300, 360),
            alpha(rgb("#d7f1f3"), rng.uniform(0.1, 0.3)),
            rng.uniform(1.5, 3),
        )
    colours = (rgb("#b24a3c"), rgb("#f0ede4"), rgb("#2f4a6d"))
    for k in range(1, lanes):  # lane ropes of floats
        y = k * h
        c.line([(0, y + 6), (WIDTH, y + 6)], alpha(SHADOW, 0.25), 14)
        for i, x in enumerate(range(0, WIDTH + 20, 22)):
            colour = colours[0] if (i // 6) % 2 == 0 else colours[1 + k % 2]
            c.ellipse((x - 11, y - 9, x + 11, y + 9), colour)
            c.ellipse((x - 7, y - 7, x + 1, y - 1), alpha(rgb("#ffffff"), 0.3))
    return develop(c.finish(), vignette_strength=0.25)


def ball_in_net(rng):
    back = gradient([(0, rgb("#1b2531")), (1, rgb("#0f151d"))])
    glow(back, (rng.uniform(600, 1000), 300), 700, rgb("#33465a"), 0.8)
    c = Canvas(back)
    bx, by, r = rng.uniform(700, 900), 470, 150
    # The net bulges around the ball: a diamond mesh pulled towards it.
    mesh = alpha(rgb("#e9ecef"), 0.5)
    step = 46

    def pull(x, y):
        d = math.hypot(x - bx, y - by)
        k = 1 + 0.5 * math.exp(-((d / 320) ** 2))
        return (bx + (x - bx) * k, by + (y - by) * k)

    for k in range(-40, 40):
        a = [pull(-200 + k * step + t * 20, -200 + t * 20) for t in range(70)]
        b = [pull(WIDTH + 200 - k * step - t * 20, -200 + t * 20) for t in range(70)]
        c.line(a, mesh, 2.5)
        c.line(b, mesh, 2.5)
    c.rectangle((0, 0, WIDTH, 34), rgb("#e9e7e0"))  # the crossbar
    c.rectangle((0, 34, WIDTH, 44), alpha(SHADOW, 0.35))
    football(c, (bx, by), r, rng.uniform(0, 1), shadow=(18, 18))
    c.rectangle((0, 800, WIDTH, HEIGHT), GRASS)
    return develop(c.finish(), vignette_strength=0.35)


#: (drawing, what it shows) in the order articles cycle through them.
ILLUSTRATIONS = (
    (pitch_from_above, "ملعب كرة قدم من الأعلى"),
    (running_track, "منعطف مضمار الجري والحارات الثماني"),
    (floodlights, "أضواء الملعب الكاشفة في مباراة ليلية"),
    (basketball_court, "أرضية ملعب كرة السلة والكرة عند منطقة الرمي"),
    (ball_in_net, "الكرة في الشباك"),
    (tennis_court, "ملعب كرة المضرب والشبكة من الأعلى"),
    (swimming_pool, "حارات حوض السباحة وحبال الفصل بينها"),
    (corner_kick, "راية الركنية والكرة على خط الملعب"),
)
