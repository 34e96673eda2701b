"""The app's icons, drawn from the page's favicon: the PNGs under frontend/icons/ that the web
manifest (frontend/manifest.webmanifest) and index.html's apple-touch-icon name.

The favicon in index.html is an SVG on a 32-unit grid: a purple rounded square (corner radius 8)
and a white ring (centre 16, 17; radius 7; stroke 3). Phones want PNGs instead, in two kinds:

- "any": the rounded square as drawn, its corners transparent, shown as it is;
- "maskable": the square filled to its edges, which the phone cuts to its own shape (a circle, a
  squircle). Only the circle of 40% of the size around the centre is sure to be kept (the "safe
  zone"); the ring reaches 27% from the centre, so it survives any mask.

Run `python -m infra.app_icons` after changing the design; the PNGs are committed, and a test
(tests/unit/infra/test_app_icons.py) checks they are what this module draws.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS_DIR = Path(__file__).resolve().parents[1] / "frontend" / "icons"
SIZES = (192, 512)
BRAND_PURPLE = (0x5B, 0x4B, 0xDB, 255)
WHITE = (255, 255, 255, 255)
TRANSPARENT = (0, 0, 0, 0)
# The favicon's grid, and its shapes on it.
GRID = 32
CORNER_RADIUS = 8
RING_CENTRE = (16, 17)
RING_RADIUS = 7
RING_STROKE = 3
# Drawn this many times larger, then shrunk: Pillow draws without anti-aliasing.
OVERSAMPLING = 4


def icon(size: int, maskable: bool) -> Image.Image:
    """The icon `size` pixels square: rounded and transparent-cornered, or full-bleed if
    `maskable`."""
    canvas_size = size * OVERSAMPLING
    unit = canvas_size / GRID
    canvas = Image.new("RGBA", (canvas_size, canvas_size), TRANSPARENT)
    drawing = ImageDraw.Draw(canvas)
    square = (0, 0, canvas_size - 1, canvas_size - 1)
    if maskable:
        drawing.rectangle(square, fill=BRAND_PURPLE)
    else:
        drawing.rounded_rectangle(square, radius=CORNER_RADIUS * unit, fill=BRAND_PURPLE)
    # The favicon's stroke is centred on the circle: half inside, half outside.
    centre_x, centre_y = (coordinate * unit for coordinate in RING_CENTRE)
    outer = (RING_RADIUS + RING_STROKE / 2) * unit
    drawing.ellipse(
        (centre_x - outer, centre_y - outer, centre_x + outer, centre_y + outer),
        outline=WHITE,
        width=round(RING_STROKE * unit),
    )
    return canvas.resize((size, size), Image.Resampling.LANCZOS)


def icon_files() -> dict[str, Image.Image]:
    """Every icon the manifest names, by file name."""
    files = {}
    for size in SIZES:
        files[f"icon-{size}.png"] = icon(size, maskable=False)
        files[f"icon-maskable-{size}.png"] = icon(size, maskable=True)
    return files


def write_icons(icons_dir: Path = ICONS_DIR) -> None:
    icons_dir.mkdir(parents=True, exist_ok=True)
    for name, image in icon_files().items():
        image.save(icons_dir / name, "PNG", optimize=True)


if __name__ == "__main__":
    write_icons()
