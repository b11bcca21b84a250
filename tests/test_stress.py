"""The stress workspace (tests/stress): every script and awkward string, built in both formats and read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import REPO, require_tool
from tests.readback import docx_text
from tests.stress import generate as g

STRESS = Path(__file__).resolve().parent / "stress"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def flat(text: str) -> str:
    """Composed, without the direction marks pdftotext adds, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", BIDI_CONTROLS.sub("", text)).split())


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The stress workspace built in every format once; with the build's output."""
    root = tmp_path_factory.mktemp("stress")
    shutil.copytree(STRESS / "seeds", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root / "out", result.output


def test_the_committed_workspace_is_what_the_generator_writes(tmp_path: Path) -> None:
    assert (STRESS / "seeds" / "stress.txt").read_text(encoding="utf-8") == g.SEED
    assert (STRESS / "seeds" / "stress.facts.yaml").read_text(encoding="utf-8") == g.facts()


def test_every_character_has_a_font_and_every_quote_is_intact(stress: tuple[Path, str]) -> None:
    _, output = stress
    assert "cannot draw" not in output and "warning" not in output
    root = stress[0].parent
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 0, result.output
    # The analyst's name is quoted composed (NFC) from a seed written decomposed (NFD).
    assert unicodedata.normalize("NFD", g.COMPOSED) in (root / "seeds" / "stress.txt").read_text(encoding="utf-8")
    assert re.search(r"(\d+) citations: \1 intact", result.output), result.output


def pdf_text(path: Path, *options: str) -> str:
    return flat(subprocess.run([require_tool("pdftotext"), *options, str(path), "-"], capture_output=True, text=True,
                               check=True).stdout)


@pytest.mark.parametrize("template", ["briefing", "one-pager"])
def test_pdf_text_keeps_every_string_intact_and_in_order(stress: tuple[Path, str], template: str) -> None:
    text = pdf_text(stress[0] / f"stress-{template}.pdf")
    strings = [g.DESIGNATION, g.SURFACE, unicodedata.normalize("NFC", g.RUSSIAN), g.NON_BREAKING,
               "countermeasures", "loitering-munitionprogramme"]
    if template == "briefing":  # the one-pager leaves the actors out
        strings.append(g.COMPOSED)
    for string in strings:
        assert string in text, string
    # Key points in the order of the facts file.
    points = ["drones pose a surface-to-air threat", "Уда́рные", "Officials spoke of countermeasures."]
    places = [text.index(unicodedata.normalize("NFC", point)) for point in points]
    assert places == sorted(places)
    assert "\u00ad" not in text and "\u200b" not in text and "\ufffd" not in text
    # Right-to-left words come back whole in pdftotext's layout order, which guesses the order of
    # words on a mixed line; in content stream order (-raw), what assistive technology reads, the
    # whole sentence is in logical order, letter by letter (pieces of a mixed word such as
    # "شاهد-۱۳۶" are positioned apart, so -raw puts line breaks between them).
    for word in [*g.PERSIAN.split(), *g.HEBREW.split()]:
        if word.isalpha():
            assert word in text, word
    raw = "".join(pdf_text(stress[0] / f"stress-{template}.pdf", "-raw").split())
    for sentence in (g.PERSIAN, g.HEBREW, *strings):
        assert "".join(unicodedata.normalize("NFC", sentence).split()) in raw, sentence


def test_all_48_transfers_are_listed(stress: tuple[Path, str]) -> None:
    text = pdf_text(stress[0] / "stress-briefing.pdf")
    assert all(f"(batch {n})" in text for n in range(1, 49))
    assert all(f"Clause {n}:" in text for n in range(1, 9))  # the fifteen-line cell, whole


def test_docx_shows_the_same_strings_with_right_to_left_runs(stress: tuple[Path, str]) -> None:
    path = stress[0] / "stress-briefing.docx"
    text = flat(docx_text(path))
    for string in [g.DESIGNATION, g.SURFACE, g.RUSSIAN, g.NON_BREAKING, g.SOFT, g.ZERO, g.COMPOSED, g.PERSIAN,
                   g.HEBREW]:
        assert unicodedata.normalize("NFC", string) in text, string
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode()
    persian = re.search(r"<w:r><w:rPr>([^<]|<(?!/w:rPr))*</w:rPr><w:t[^>]*>پهپادهای", body)
    assert persian and 'w:cs="Noto Sans Arabic"' in persian.group() and "<w:rtl/>" in persian.group()
    hebrew = re.search(r"<w:r><w:rPr>([^<]|<(?!/w:rPr))*</w:rPr><w:t[^>]*>כטב״ם", body)
    assert hebrew and 'w:cs="Noto Sans Hebrew"' in hebrew.group() and "<w:rtl/>" in hebrew.group()
    assert "<w:bidi/>" in body  # the Persian key point is a right-to-left paragraph
    # So is a table cell that starts in Persian.
    assert re.search(r'<w:tc>(?:(?!</w:tc>).)*<w:bidi/>(?:(?!</w:tc>).)*شاهد-۱۳۶', body)


def test_the_hebrew_instance_keeps_its_date_so_builds_are_reproducible() -> None:
    from fontTools.ttLib import TTFont

    from factsheet.fonts import _regular_instance, fallback_file

    path = fallback_file("NotoSansHebrew")
    instance = TTFont(_regular_instance(path))
    assert instance["head"].modified == TTFont(str(path))["head"].modified
    assert "fvar" not in instance and instance["OS/2"].usWeightClass == 400


def test_a_decomposed_seed_does_not_look_changed_to_the_next_build(stress: tuple[Path, str]) -> None:
    """The seed is read composed (NFC) but recorded by the bytes on disk: a second build has nothing to do."""
    result = CliRunner().invoke(main, ["build", "--root", str(stress[0].parent)])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output and "changed" not in result.output, result.output


def test_a_right_to_left_list_item_hangs_its_bullet_at_the_right(stress: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    bullets: list[float] = []
    hebrew: list[float] = []
    latin: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + cm[4]
        if text.strip() == "\u2022":
            bullets.append(x)
        elif "\u05e0\u05de\u05e1\u05e8\u05d5" in text:  # "were delivered" in the Hebrew key point
            hebrew.append(x)
        elif text.startswith("Officials spoke"):
            latin.append(x)

    PdfReader(str(stress[0] / "stress-briefing.pdf")).pages[0].extract_text(visitor_text=visit)
    assert hebrew and latin and len(bullets) >= 5
    assert min(bullets) < latin[0]  # a left-to-right item: its bullet at the left of its text
    assert max(bullets) > max(hebrew)  # a right-to-left item: its bullet at the right, mirrored
