"""Start-up: a command imports only what it needs, and the TrueType reader agrees with fontTools."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from factsheet.fonts import FALLBACKS, fallback_file, font_files
from factsheet.truetype import _subtable, character_map
from tests.conftest import REPO

RENDERERS = {"reportlab", "PIL", "fontTools", "uharfbuzz"}
"""What a Word file needs none of."""

MODEL_AND_TREE = {"pydantic", "pydantic_core", "ruamel", "docx", "lxml", "factsheet.document", "factsheet.facts",
                  "factsheet.compose", "factsheet.writers.pdf", "factsheet.writers.docx", "factsheet.render"}
"""What a build with nothing to do needs none of (besides the renderers)."""


def imported(args: list[str], cwd: Path | None = None) -> tuple[set[str], str]:
    """The modules a command imported, in its process or any worker it forked, and its output.

    Top-level names, and factsheet's own in full. `-X importtime` is inherited by forked workers,
    which report on the same stderr what they import beyond what they inherited. (It reports what the
    import statement loads; a module loaded by importlib.import_module shows through its own imports.)
    """
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "factsheet", *args], capture_output=True,
                         text=True, check=True, cwd=cwd)
    modules = {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    names = {m.split(".")[0] for m in modules}
    names.update(m for m in modules if m.startswith("factsheet."))
    names.update(".".join(m.split(".")[:2]) for m in modules if m.startswith("factsheet."))
    messages = "".join(line + "\n" for line in run.stderr.splitlines() if not line.startswith("import time:"))
    return names, run.stdout + messages


def test_word_only_builds_import_no_pdf_renderer(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"  # every shipped seed: three facts files, so the build forks workers
    shutil.copytree(REPO / "seeds", workspace / "seeds")
    shutil.copytree(REPO / "templates", workspace / "templates")
    word_only = ["build", "--root", str(workspace), "--format", "docx", "--jobs", "2"]
    # A briefing needs no fitting: a Word-only build from nothing parses no font with ReportLab.
    names, output = imported([*word_only, "--template", "briefing"], workspace)
    assert output.count(".docx (") == 3 and "wrote out/russia-drones-2022-briefing.docx" in output, output
    assert "docx" in names and not names & RENDERERS, sorted(names & RENDERERS)
    # A one-pager is fitted by rendering its PDF once; a Word-only build after that reuses the fit.
    subprocess.run([sys.executable, "-m", "factsheet", "build", "--root", str(workspace), "--jobs", "2"], check=True,
                   capture_output=True)
    first = (workspace / "out" / "russia-drones-2022-one-pager.docx").read_bytes()
    names, output = imported([*word_only, "--force"], workspace)
    assert output.count(".docx (") == 6 and "wrote out/russia-drones-2022-one-pager.docx" in output, output
    assert "docx" in names and not names & RENDERERS, sorted(names & RENDERERS)
    again = workspace / "out" / "russia-drones-2022-one-pager.docx"
    assert again.read_bytes() == first  # the same file as the build that rendered the PDF to fit
    with zipfile.ZipFile(again) as docx:
        fonts = [n for n in docx.namelist() if n.startswith("word/fonts/")]
        assert len(fonts) == 4 and all(docx.getinfo(n).file_size > 10_000 for n in fonts)
    # And the other way round: a PDF-only build imports no python-docx.
    names, output = imported(["build", "--root", str(workspace), "--format", "pdf", "--force", "--jobs", "2",
                              "--template", "briefing"], workspace)
    assert output.count(".pdf (") == 3 and "reportlab" in names and not names & {"docx", "lxml"}, output


def test_a_pooled_build_leaves_the_imports_to_its_workers(tmp_path: Path) -> None:
    # The workers import the model, the composer and the writers; the process that forks them does not
    # (buildjobs.run_tasks), and still writes every output and the manifest.
    workspace = tmp_path / "ws"  # every shipped seed: three facts files, so the build forks workers
    shutil.copytree(REPO / "seeds", workspace / "seeds")
    shutil.copytree(REPO / "templates", workspace / "templates")
    code = (
        "import contextlib, json, os, sys\n"
        "from factsheet.cli import main\n"
        "with open(os.devnull, 'w') as null, contextlib.redirect_stdout(null), contextlib.suppress(SystemExit):\n"
        f"    main(['build', '--jobs', '2', '--root', {str(workspace)!r}], standalone_mode=False)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=workspace)
    here = set(json.loads(run.stdout.splitlines()[-1]))
    assert (workspace / "out" / "russia-drones-2022-briefing.pdf").is_file()
    assert (workspace / "out" / "russia-drones-2022-one-pager.docx").is_file()
    assert (workspace / "out" / ".factsheet-manifest.json").is_file()
    heavy = RENDERERS | MODEL_AND_TREE
    loaded = sorted(m for m in here if m.split(".")[0] in heavy or ".".join(m.split(".")[:2]) in heavy)
    assert not loaded, loaded


def test_noop_build_imports_no_model_tree_or_writer(workspace: Path) -> None:
    root = str(workspace)
    subprocess.run([sys.executable, "-m", "factsheet", "build", "--root", root, "--jobs", "1"], check=True,
                   capture_output=True)
    names, output = imported(["build", "--root", root], workspace)
    assert "up to date: 4 outputs" in output
    assert not names & (RENDERERS | MODEL_AND_TREE), sorted(names & (RENDERERS | MODEL_AND_TREE))
    fonts = {"factsheet.ttface", "factsheet.ttsubset", "factsheet.truetype"}  # it reads font sizes, not fonts
    assert not names & fonts, sorted(names & fonts)


def test_noop_check_reads_each_input_once_and_still_sees_every_byte(workspace: Path) -> None:
    from click.testing import CliRunner

    from factsheet.cli import main

    def build(*args: str) -> str:
        result = CliRunner().invoke(main, ["build", "--root", str(workspace), "--jobs", "1", *args])
        assert result.exit_code == 0, result.output
        return result.output

    build()
    seed = workspace / "seeds" / "russia-drones-2022.txt"
    text = seed.read_bytes()
    seed.write_bytes(text[:-1] + bytes([text[-1] ^ 1]))  # one bit of the last byte: every output reads the seed
    assert build().count("seeds/russia-drones-2022.txt changed") == 4
    output = workspace / "out" / "russia-drones-2022-briefing.docx"
    output.write_bytes(output.read_bytes() + b"\0")
    changed = build()
    assert "russia-drones-2022-briefing.docx (" in changed and "output missing or modified" in changed
    assert "up to date: 3 outputs" in changed


def test_help_imports_no_build_machinery() -> None:
    names, output = imported(["--help"])
    assert "Usage:" in output
    heavy = RENDERERS | MODEL_AND_TREE | {"factsheet.build", "factsheet.manifest", "factsheet.lock"}
    assert not names & heavy, sorted(names & heavy)


def _shipped_fonts() -> list[Path]:
    return [*font_files().values(), *(fallback_file(f.name) for f in FALLBACKS)]


@pytest.mark.parametrize("path", _shipped_fonts(), ids=lambda p: p.name)
def test_character_map_is_the_one_fonttools_reads(path: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    best = {code: font.getGlyphID(name) for code, name in font.getBestCmap().items()}
    assert character_map(path) == best
    raw = path.read_bytes()
    directory = {raw[12 + 16 * i: 16 + 16 * i]: int.from_bytes(raw[20 + 16 * i: 24 + 16 * i], "big")
                 for i in range(int.from_bytes(raw[4:6], "big"))}
    cmap = raw[directory[b"cmap"]:]
    for table in font["cmap"].tables:  # every subtable, each format we read
        if table.format in (0, 4, 6, 12):
            expected = {code: font.getGlyphID(name) for code, name in table.cmap.items() if font.getGlyphID(name)}
            at = next(int.from_bytes(cmap[8 + 8 * i: 12 + 8 * i], "big")
                      for i in range(int.from_bytes(cmap[2:4], "big"))
                      if (int.from_bytes(cmap[4 + 8 * i: 6 + 8 * i], "big"),
                          int.from_bytes(cmap[6 + 8 * i: 8 + 8 * i], "big")) == (table.platformID, table.platEncID))
            assert _subtable(cmap, at) == expected, (table.platformID, table.platEncID, table.format)
