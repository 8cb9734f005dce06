"""Make the paper's icons and default share image from its logo mark: a
red square with «خ» in the headline face. Run once when the brand changes
(needs Pillow and the Noto Sans Arabic Bold TTF, Debian's fonts-noto-core):

    .venv/bin/python tools/brand_assets.py /usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf

Writes favicon.ico, apple-touch-icon.png, icon-192.png, icon-512.png,
icon-maskable-512.png and share.png into khabar/site/static/site/.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RED = (176, 18, 27)
WHITE = (255, 255, 255)
INK = (21, 24, 29)
OUT = Path(__file__).resolve().parent.parent / "khabar/site/static/site"
SCALE = 4  # drawn large, then reduced, for smooth edges


def mark(size, font_path, radius=0.18, letter=0.72, padding=0.0):
    """The logo mark, *size* pixels square; *padding* leaves a safe zone."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if padding:
        draw.rectangle((0, 0, big, big), fill=RED)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius * big, fill=RED)
    font = ImageFont.truetype(font_path, int(big * letter * (1 - padding)))
    # Centre the letter's ink, not its advance box: «خ» sits high.
    left, top, right, bottom = draw.textbbox((0, 0), "خ", font=font)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    draw.text((x, y), "خ", font=font, fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def share(font_path, name="خبر"):
    width, height = 1200, 630
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 24, width, height), fill=RED)
    logo = mark(260, font_path)
    image.paste(logo, (width - 260 - 120, (height - 260) // 2 - 12), logo)
    font = ImageFont.truetype(font_path, 190)
    # Raqm (in Pillow's wheels) shapes and orders the Arabic name.
    left, top, right, bottom = draw.textbbox((0, 0), name, font=font)
    x = width - 260 - 120 - 60 - (right - left) - left
    y = (height - (bottom - top)) / 2 - top - 12
    draw.text((x, y), name, font=font, fill=INK)
    return image


def main(font_path):
    icon = mark(256, font_path)
    icon.save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    mark(180, font_path, radius=0).convert("RGB").save(
        OUT / "apple-touch-icon.png", optimize=True
    )
    for size in (192, 512):
        mark(size, font_path).save(OUT / f"icon-{size}.png", optimize=True)
    mark(512, font_path, padding=0.2).convert("RGB").save(
        OUT / "icon-maskable-512.png", optimize=True
    )
    share(font_path).save(OUT / "share.png", optimize=True)


if __name__ == "__main__":
    main(sys.argv[1])
