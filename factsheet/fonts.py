"""The briefing's typeface: Source Sans Pro, installed from PyPI with the package.

Source Sans Pro 2.020 covers Latin with diacritics, Greek and Cyrillic, in
static TrueType faces that ReportLab embeds as subsets.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

FAMILY = "Source Sans Pro"
FACES = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
    "italic": "SourceSansPro-It.ttf",
    "bold_italic": "SourceSansPro-BoldIt.ttf",
}


@cache
def font_files() -> dict[str, Path]:
    """Path of each face's TrueType file, from the installed font package."""
    folder = resources.files("font_source_sans_pro") / "files"
    return {face: Path(str(folder / name)) for face, name in FACES.items()}


@cache
def covered_codepoints() -> frozenset[int]:
    """Every code point the regular face can draw (read from its cmap)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_files()["regular"])).charToGlyph)
