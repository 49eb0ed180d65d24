"""Small pieces of SVG shared by the pictures: escaped text, wrapped lines, the frame."""

from __future__ import annotations

import textwrap
from html import escape
from typing import Final

FONT: Final = "system-ui, -apple-system, 'Segoe UI', sans-serif"


def text(words: str) -> str:
    """Words a person wrote, safe inside SVG text and attributes."""
    return escape(words, quote=True)


def short(words: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis when cut."""
    words = " ".join(words.split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "\u2026"


def lines(words: str, *, width: int, most: int) -> list[str]:
    """Words wrapped to ``most`` lines of ``width`` characters; the last shows a cut."""
    wrapped = textwrap.wrap(" ".join(words.split()), width) or [""]
    if len(wrapped) > most:
        wrapped = [*wrapped[: most - 1], short(" ".join(wrapped[most - 1 :]), width)]
    return wrapped


def label(x: float, y: float, words: str, *, size: int = 14, anchor: str = "middle") -> str:
    """One escaped line of text centred (by default) on ``x``."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">'
        f"{text(words)}</text>"
    )


def frame(width: int, height: int, title: str, body: list[str]) -> str:
    """The outer ``<svg>``: scales to its container (no inline style: the CSP forbids it)."""
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-labelledby="pic-title" class="picture" '
            f'font-family="{FONT}">',
            f'<title id="pic-title">{text(title)}</title>',
            *body,
            "</svg>",
        ]
    )
