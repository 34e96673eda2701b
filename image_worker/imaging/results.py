"""What the pipeline hands back to the worker: renditions and what the page needs to show them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendition:
    # A photo's "grid" | "medium" | "feed" | "large" | "full" (see geometry); an avatar's
    # "large" | "small".
    name: str
    width: int
    height: int
    body: bytes  # WebP bytes, no metadata at all
    content_type: str = "image/webp"


@dataclass(frozen=True)
class RenditionSet:
    width: int  # the upright original's width
    height: int  # the upright original's height
    renditions: tuple[Rendition, ...]
    placeholder: str  # a data: URL of at most about 400 bytes
