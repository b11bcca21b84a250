"""Variable fallback fonts' regular instances: made with fontTools once, then kept between processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.fontcache import DIGEST, cache_folder, instance
from factsheet.fonts import fallback_file, make_instance


def _never() -> bytes:
    raise AssertionError("made again, though a good copy was kept")


def test_an_instance_is_made_once_and_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path / "cache"))
    font = tmp_path / "font.ttf"
    font.write_bytes(b"variable font bytes")
    made = instance(font, {"wght": 400}, "maker 1", lambda: b"instance bytes")
    assert made == b"instance bytes"
    assert instance(font, {"wght": 400}, "maker 1", _never) == made
    # Other axes, another maker or other font bytes are other instances.
    assert instance(font, {"wght": 700}, "maker 1", lambda: b"bold") == b"bold"
    assert instance(font, {"wght": 400}, "maker 2", lambda: b"newer") == b"newer"
    font.write_bytes(b"another version of the font")
    assert instance(font, {"wght": 400}, "maker 1", lambda: b"other") == b"other"
    assert len(list((tmp_path / "cache").glob("*.ttf"))) == 4
    assert not [p for p in (tmp_path / "cache").iterdir() if not p.name.endswith(".ttf")]  # no temp file left


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty"])
def test_a_damaged_copy_is_made_again_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path))
    font = tmp_path / "font.src"
    font.write_bytes(b"variable font bytes")
    instance(font, {"wght": 400}, "m", lambda: b"the instance, long enough to damage")
    (kept,) = tmp_path.glob("*.ttf")
    data = kept.read_bytes()
    kept.write_bytes({"truncated": data[:-5], "flipped": data[:DIGEST + 3] + b"X" + data[DIGEST + 4:],
                      "empty": b""}[damage])
    assert instance(font, {"wght": 400}, "m", lambda: b"made again") == b"made again"
    assert instance(font, {"wght": 400}, "m", _never) == b"made again"


def test_a_folder_that_cannot_be_written_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(blocker / "cache"))
    font = tmp_path / "font.src"
    font.write_bytes(b"variable font bytes")
    assert instance(font, {"wght": 400}, "m", lambda: b"made") == b"made"
    assert instance(font, {"wght": 400}, "m", lambda: b"made twice") == b"made twice"


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTSHEET_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "factsheet"
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"


def test_hebrew_is_drawn_from_the_kept_instance_without_fonttools(tmp_path: Path) -> None:
    # Two fresh processes draw Hebrew: the first makes the regular instance with fontTools, the second
    # reads it back and never imports fontTools; both give the same font, and the PDF bytes agree.
    code = (
        "import io, json, sys\n"
        "from reportlab.pdfgen.canvas import Canvas\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from factsheet.fonts import reportlab_font\n"
        "font = reportlab_font('NotoSansHebrew')\n"
        "pdfmetrics.registerFont(font)\n"
        "out = io.BytesIO()\n"
        "canvas = Canvas(out, invariant=1)\n"
        "canvas.setFont('NotoSansHebrew', 12)\n"
        "canvas.drawString(72, 720, '\\u05e9\\u05dc\\u05d5\\u05dd')\n"
        "canvas.save()\n"
        "print(json.dumps([out.getvalue().hex(), 'fontTools' in sys.modules]))\n"
    )
    env = {"FACTSHEET_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                      env=env).stdout) for _ in range(2)]
    (first_pdf, first_fonttools), (second_pdf, second_fonttools) = runs
    assert first_fonttools and not second_fonttools
    assert first_pdf == second_pdf
    (kept,) = (tmp_path / "cache").glob("*.ttf")
    assert kept.read_bytes()[DIGEST:] == make_instance(fallback_file("NotoSansHebrew"))
