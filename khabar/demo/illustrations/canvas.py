"""The drawing kit of the demo's illustrations: gradients, glows, crisp
shapes drawn at twice the size, and the grain that makes them print-like.

Every coordinate is in the finished picture's pixels (``WIDTH`` by
``HEIGHT``); each function scales to the image it draws on.
"""

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
#: Shapes are drawn at this multiple and averaged down: anti-aliasing.
SCALE = 2
#: Soft things (skies, glows, haze) are made this small and scaled up:
#: they have no edges to lose, and it is 64 times fewer pixels.
SOFT = (400, 225)


def rgb(code):
    """``"#1f2a44"`` as an (r, g, b) tuple."""
    code = code.lstrip("#")
    return tuple(int(code[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    """The colour *t* of the way from *a* to *b* (alpha kept if *a* has one)."""
    mixed = (
        min(255, max(0, round(x + (y - x) * t)))
        for x, y in zip(a[:3], b[:3], strict=True)
    )
    return tuple(mixed) + tuple(a[3:])


def alpha(colour, opacity):
    """*colour* with an alpha channel, *opacity* from 0 to 1."""
    return tuple(colour[:3]) + (round(255 * opacity),)


def gradient(stops, size=SOFT, angle=90):
    """A linear gradient through *stops*, [(position 0..1, colour), ...].

    *angle* 90 runs from the top (0) to the bottom (1), 0 from left to
    right, 180 from right to left; others tilt it. Made as a strip of 256
    colours, then stretched.
    """
    strip = Image.new("RGB", (256, 1))
    pixels = strip.load()
    for x in range(256):
        pixels[x, 0] = _at(stops, x / 255)
    if angle % 90 == 0:  # turned a quarter at a time: no resampling
        turned = strip.rotate(-(angle % 360), expand=True)
        return turned.resize(size, Image.BILINEAR)
    # A tilted gradient: a square wide enough for any rotation, cropped.
    side = math.ceil(math.hypot(*size))
    square = strip.resize((side, side), Image.BILINEAR).rotate(
        -angle, resample=Image.BILINEAR
    )
    left, top = (side - size[0]) // 2, (side - size[1]) // 2
    return square.crop((left, top, left + size[0], top + size[1]))


def _at(stops, t):
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 0)
    return stops[-1][1]


_FALLOFF = {}


def _falloff(softness):
    """A round mask, 255 at the centre fading to 0 at the rim."""
    if softness not in _FALLOFF:
        # 0 at the centre, 181 on the inscribed circle, 255 in the corners.
        distance = Image.radial_gradient("L")
        lut = [round(255 * (1 - min(1.0, v / 181)) ** softness) for v in range(256)]
        _FALLOFF[softness] = distance.point(lut)
    return _FALLOFF[softness]


def glow(image, centre, radius, colour, strength=1.0, softness=2.0, squash=1.0):
    """Light *image* with a soft round *colour* around *centre* (in place).

    *squash* below 1 flattens it into an ellipse (a glow on a horizon).
    """
    k = image.width / WIDTH
    rx, ry = radius * k, radius * k * squash
    if rx < 1 or ry < 1:
        return image
    mask = _falloff(softness).resize((round(2 * rx), round(2 * ry)), Image.BILINEAR)
    if strength < 1:
        mask = mask.point([round(v * strength) for v in range(256)])
    x, y = round(centre[0] * k - rx), round(centre[1] * k - ry)
    image.paste(Image.new("RGB", mask.size, colour[:3]), (x, y), mask)
    return image


def blurred(image, radius):
    """*image* softened by *radius* final pixels, cheaply (blurs small)."""
    small = image.resize((image.width // 4, image.height // 4), Image.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(radius * small.width / WIDTH))
    return small.resize(image.size, Image.BICUBIC)


class Canvas:
    """A surface twice the final size for crisp shapes over a soft backdrop.

    Colours may carry an alpha, which blends with what is under them.
    """

    def __init__(self, backdrop):
        # Smooth to the final size, then each pixel doubled: the average
        # that finish() takes gives the smooth one back wherever nothing
        # was drawn, and this costs a third of one smooth resize to 2×.
        backdrop = backdrop.convert("RGB")
        if backdrop.size != (WIDTH, HEIGHT):
            backdrop = backdrop.resize((WIDTH, HEIGHT), Image.BILINEAR)
        self.image = backdrop.resize((WIDTH * SCALE, HEIGHT * SCALE), Image.NEAREST)
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    @staticmethod
    def _points(points):
        return [(x * SCALE, y * SCALE) for x, y in points]

    @staticmethod
    def _box(box):
        x0, y0, x1, y1 = box
        return (
            min(x0, x1) * SCALE,
            min(y0, y1) * SCALE,
            max(x0, x1) * SCALE,
            max(y0, y1) * SCALE,
        )

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def rectangle(self, box, fill, outline=None, width=1):
        self.draw.rectangle(
            self._box(box), fill=fill, outline=outline, width=round(width * SCALE)
        )

    def rounded(self, box, radius, fill=None, outline=None, width=1):
        self.draw.rounded_rectangle(
            self._box(box),
            radius * SCALE,
            fill=fill,
            outline=outline,
            width=round(width * SCALE),
        )

    def ellipse(self, box, fill=None, outline=None, width=1):
        self.draw.ellipse(
            self._box(box), fill=fill, outline=outline, width=round(width * SCALE)
        )

    def circle(self, centre, radius, fill=None, outline=None, width=1):
        x, y = centre
        self.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill, outline, width
        )

    def line(self, points, fill, width=1, joint="curve"):
        self.draw.line(
            self._points(points),
            fill=fill,
            width=max(1, round(width * SCALE)),
            joint=joint,
        )

    def arc(self, box, start, end, fill, width=1):
        self.draw.arc(self._box(box), start, end, fill=fill, width=round(width * SCALE))

    def pieslice(self, box, start, end, fill):
        self.draw.pieslice(self._box(box), start, end, fill=fill)

    def chord(self, box, start, end, fill):
        self.draw.chord(self._box(box), start, end, fill=fill)

    def fill_with(self, paint, shape):
        """Paint *paint* (e.g. a gradient) through the shape that *shape*
        draws on a mask, ``shape(mask_canvas)``, stretched over its bounds."""
        x0, y0, x1, y1 = shape_box = _bounds(shape)
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        shape(_MaskCanvas(mask, offset=shape_box[:2]))
        self.image.paste(paint.resize(mask.size, Image.BILINEAR), (x0, y0), mask)

    def inset(self, other, shape):
        """Show the canvas *other* through the shape that *shape* draws."""
        mask = Image.new("L", self.image.size, 0)
        shape(_MaskCanvas(mask))
        self.image.paste(other.image, (0, 0), mask)

    def finish(self):
        """The final-size picture: every 2×2 block of samples averaged.

        A box average is what supersampling asks for, and at 1600×900 it
        takes 8 ms where LANCZOS takes about 110 ms: 48 pictures would
        spend five seconds on it.
        """
        return self.image.reduce(SCALE)


class _MaskCanvas(Canvas):
    """The same drawing calls, on a one-channel mask (255 = inside) whose
    top left corner is at *offset* (in the 2× canvas's pixels)."""

    def __init__(self, mask, offset=(0, 0)):
        self.image = mask
        self.draw = ImageDraw.Draw(mask)
        self.offset = offset

    def _points(self, points):
        dx, dy = self.offset
        return [(x * SCALE - dx, y * SCALE - dy) for x, y in points]

    def _box(self, box):
        x0, y0, x1, y1 = Canvas._box(box)
        dx, dy = self.offset
        return (x0 - dx, y0 - dy, x1 - dx, y1 - dy)


class _Bounds(Canvas):
    """Draws nothing; records the 2× pixel box that the calls would cover."""

    def __init__(self):
        self.box = None

    def _grow(self, xs, ys):
        box = (
            math.floor(min(xs)),
            math.floor(min(ys)),
            math.ceil(max(xs)) + 1,
            math.ceil(max(ys)) + 1,
        )
        if self.box is not None:
            box = (
                min(box[0], self.box[0]),
                min(box[1], self.box[1]),
                max(box[2], self.box[2]),
                max(box[3], self.box[3]),
            )
        self.box = box

    def polygon(self, points, fill):
        points = self._points(points)
        self._grow([x for x, _ in points], [y for _, y in points])

    def rectangle(self, box, fill, outline=None, width=1):
        x0, y0, x1, y1 = self._box(box)
        self._grow((x0, x1), (y0, y1))

    def ellipse(self, box, fill=None, outline=None, width=1):
        self.rectangle(box, fill)

    def rounded(self, box, radius, fill=None, outline=None, width=1):
        self.rectangle(box, fill)


def _bounds(shape):
    recorder = _Bounds()
    shape(recorder)
    if recorder.box is None:
        raise ValueError(
            "fill_with() needs a shape that draws a polygon, "
            "rectangle, ellipse or rounded rectangle."
        )
    return recorder.box


_SHADES = {}


def vignette(image, strength=0.25):
    """Darken *image* towards its corners, as a lens does."""
    key = (image.size, strength)
    if key not in _SHADES:  # the same few for every picture: made once
        lut = [round(255 * (1 - strength * (v / 255) ** 2)) for v in range(256)]
        shade = Image.radial_gradient("L").resize((256, 144)).point(lut)
        shade = shade.resize(image.size, Image.BILINEAR)
        _SHADES[key] = Image.merge("RGB", (shade, shade, shade))
    return ImageChops.multiply(image, _SHADES[key])


_GRAINS = {}


def grain(image, amount=5):
    """Add monochrome film grain of ±*amount* levels.

    One texture serves every picture of a size: grain has no features to
    recognise, and making it took a tenth of a picture's time. It comes
    from a fixed seed, so a picture's pixels do not depend on which
    pictures were drawn before it.
    """
    key = (image.size, amount)
    if key not in _GRAINS:
        rng = random.Random("khabar-demo-grain")
        noise = Image.frombytes(
            "L", image.size, rng.randbytes(image.width * image.height)
        )
        noise = noise.point([v * (2 * amount + 1) // 256 for v in range(256)])
        _GRAINS[key] = Image.merge("RGB", (noise, noise, noise))
    return ImageChops.add(image, _GRAINS[key], offset=-amount)


def develop(image, grain_amount=5, vignette_strength=0.22):
    """The last steps every illustration takes: vignette, then grain."""
    if vignette_strength:
        image = vignette(image, vignette_strength)
    return grain(image, grain_amount)
