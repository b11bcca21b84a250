"""The briefing's typeface: Source Sans Pro, installed from PyPI with the package.

Source Sans Pro 2.020 covers Latin with diacritics, Greek and Cyrillic, in
static TrueType faces that ReportLab embeds as subsets.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

FAMILY = "Source Sans Pro"
FACES = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
    "italic": "SourceSansPro-It.ttf",
    "bold_italic": "SourceSansPro-BoldIt.ttf",
}


@cache
def font_folder() -> Path:
    """The folder of the installed font package's files (found without importing the package)."""
    from importlib.util import find_spec

    spec = find_spec("font_source_sans_pro")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("font_source_sans_pro is not installed (pip install font-source-sans-pro)")
    return Path(next(iter(spec.submodule_search_locations))) / "files"


@cache
def font_files() -> dict[str, Path]:
    """Path of each face's TrueType file, from the installed font package."""
    return {face: font_folder() / name for face, name in FACES.items()}


PDF_NAMES = {
    "regular": "SourceSans", "bold": "SourceSans-Bold", "italic": "SourceSans-Italic",
    "bold_italic": "SourceSans-BoldItalic",
}


@cache
def reportlab_font(face: str) -> Any:
    """The ReportLab TrueType font for `face`, parsed once per process and shared by all who need it."""
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(PDF_NAMES[face], str(font_files()[face]))


@cache
def covered_codepoints() -> frozenset[int]:
    """Every code point the regular face can draw (read from its cmap)."""
    return frozenset(reportlab_font("regular").face.charToGlyph)
