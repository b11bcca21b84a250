"""The briefing's typefaces: Source Sans Pro, then Noto fallbacks, all installed from PyPI with the package.

Source Sans Pro 2.020 covers Latin with diacritics, Greek and Cyrillic, in static
TrueType faces that ReportLab embeds as subsets. A character it lacks is drawn
from the first fallback that has it: Noto Sans (more Latin, Greek, Cyrillic and
punctuation such as the non-breaking hyphen), Noto Sans Arabic (Arabic and
Persian) and Noto Sans Hebrew. The Noto files are variable fonts: their default
instance is drawn when it is the regular weight; Noto Sans Hebrew's default is
Thin, so its regular instance is made with fontTools when first needed (under a
second) and kept for next time (fontcache.py). Fallback text is drawn upright and regular; the PDF writer emboldens it
where the run is bold. All are under the SIL Open Font License 1.1, shipped with
their packages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

FAMILY = "Source Sans Pro"
FACES = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
    "italic": "SourceSansPro-It.ttf",
    "bold_italic": "SourceSansPro-BoldIt.ttf",
}


# A NamedTuple, not a dataclass: every build (one with nothing to do too) defines it, and a dataclass
# costs about 0.6 ms to define, a NamedTuple 0.1 ms.
class Fallback(NamedTuple):
    """A font drawn where the main face lacks a character: its PDF name and where its package keeps it."""

    name: str
    family: str
    package: str
    file: str
    regular_is_default: bool = True
    """False when the variable font's default instance is not the regular weight (it must be instantiated)."""


FALLBACKS = (
    Fallback("NotoSans", "Noto Sans", "fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf"),
    Fallback("NotoSansArabic", "Noto Sans Arabic", "fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf"),
    Fallback("NotoSansHebrew", "Noto Sans Hebrew", "justmytype_intl_rtl",
             "fonts/ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf", regular_is_default=False),
)
"""The fallback chain, in the order it is searched."""


def _package_folder(package: str) -> Path:
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed (pip install {package.replace('_', '-')})")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def font_folder() -> Path:
    """The folder of the installed font package's files (found without importing the package)."""
    return _package_folder("font_source_sans_pro") / "files"


@cache
def font_files() -> dict[str, Path]:
    """Path of each face's TrueType file, from the installed font package."""
    return {face: font_folder() / name for face, name in FACES.items()}


@cache
def fallback_file(name: str) -> Path:
    """The TrueType file of the fallback font called `name`."""
    for fallback in FALLBACKS:
        if fallback.name == name:
            return _package_folder(fallback.package) / fallback.file
    raise KeyError(name)


PDF_NAMES = {
    "regular": "SourceSans", "bold": "SourceSans-Bold", "italic": "SourceSans-Italic",
    "bold_italic": "SourceSans-BoldItalic",
}


@cache
def reportlab_font(face: str) -> Any:
    """The ReportLab TrueType font for `face` (a face of FACES or a fallback's name), parsed once per process
    (by factsheet.ttface, which gives what ReportLab's own parsing gives in a third of the time)."""
    from factsheet.ttface import truetype_font  # here: a build with nothing to do reads FACES, not fonts

    if face in PDF_NAMES:
        return truetype_font(PDF_NAMES[face], str(font_files()[face]))
    fallback = next(f for f in FALLBACKS if f.name == face)
    if fallback.regular_is_default:
        return truetype_font(face, str(fallback_file(face)))
    return truetype_font(face, _regular_instance(fallback_file(face)))


REGULAR: dict[str, float] = {"wght": 400, "wdth": 100}
"""The axis values of the regular-weight, normal-width instance."""


def _regular_instance(path: Path) -> Any:
    """The regular-weight, normal-width instance of the variable font at `path`, as an in-memory file
    (kept between processes by factsheet/fontcache.py: made once per machine and fontTools version)."""
    import io
    from importlib.metadata import version

    from factsheet.fontcache import instance

    return io.BytesIO(instance(path, REGULAR, f"fontTools {version('fonttools')}", lambda: make_instance(path)))


def make_instance(path: Path) -> bytes:
    """The regular instance of the variable font at `path`, made with fontTools."""
    import io

    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(TTFont(str(path)), REGULAR)
    font.recalcTimestamp = False  # keep the file's own date: the same PDF bytes on every build
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


@cache
def fallback_cmaps() -> tuple[tuple[str, frozenset[int]], ...]:
    """Each fallback's name and the code points it can draw, in chain order (read once per process)."""
    from factsheet.truetype import character_map

    return tuple((f.name, frozenset(character_map(fallback_file(f.name)))) for f in FALLBACKS)


@cache
def covered_codepoints() -> frozenset[int]:
    """Every code point the regular face can draw (read from its cmap, without parsing the rest of the font)."""
    from factsheet.truetype import character_map

    return frozenset(character_map(font_files()["regular"]))


@cache
def chain_codepoints() -> frozenset[int]:
    """Every code point some font of the chain (main face or a fallback) can draw."""
    covered = set(covered_codepoints())
    for _name, cmap in fallback_cmaps():
        covered |= cmap
    return frozenset(covered)
