"""Incremental, reproducible, atomic builds; what changed; watch."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import SEED_FACTS
from tests.readback import pdf_text

SEED = "russia-drones-2022.txt"


def run(workspace: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["build", "--root", str(workspace), *args])
    assert result.exit_code == 0, result.output
    return result.output


def snapshot(out: Path) -> dict[str, tuple[int, str]]:
    return {p.name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_noop_build_rewrites_nothing_and_imports_no_renderer(workspace: Path) -> None:
    run(workspace)
    before = snapshot(workspace / "out")
    (workspace / "seeds" / SEED).touch()  # a save without a change
    assert "up to date: 4 outputs" in run(workspace)
    assert snapshot(workspace / "out") == before
    assert CliRunner().invoke(main, ["check", "--root", str(workspace)]).exit_code == 0
    for command in ("build", "check"):
        code = (
            "import sys; from factsheet.cli import main\n"
            f"main([{command!r}, '--root', {str(workspace)!r}], standalone_mode=False)\n"
            "heavy = {'reportlab', 'docx', 'pydantic', 'ruamel', 'PIL'}\n"
            "print('HEAVY', sorted({m.split('.')[0] for m in sys.modules} & heavy))"
        )
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert "HEAVY []" in output, (command, output)


def test_only_what_changed_is_rebuilt_and_why(workspace: Path) -> None:
    run(workspace)
    template = workspace / "templates" / "one-pager.yaml"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("title: Not known", "title: Unknown"), encoding="utf-8")
    output = run(workspace)
    assert "one-pager.pdf" in output and "templates/one-pager.yaml changed" in output
    assert "briefing.pdf" not in output and "up to date: 2 outputs" in output
    forced = run(workspace, "--force")
    assert forced.count(": forced") == 4


def test_rebuilds_are_byte_identical_across_processes(workspace: Path) -> None:
    def build_hashes(env_extra: dict[str, str]) -> dict[str, tuple[int, str]]:
        env = {**os.environ, **env_extra}
        subprocess.run([sys.executable, "-m", "factsheet", "build", "--force", "--root", str(workspace)],
                       check=True, capture_output=True, env=env)
        return {k: v[1:] for k, v in snapshot(workspace / "out").items()}  # type: ignore[misc]

    first = build_hashes({"TZ": "UTC", "PYTHONHASHSEED": "1"})
    time.sleep(1.1)  # a different wall-clock second
    second = build_hashes({"TZ": "Asia/Tokyo", "PYTHONHASHSEED": "2"})
    assert first == second and len(first) == 4


def test_killed_builds_leave_complete_files(workspace: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    run(workspace)
    rng = random.Random(7)
    for _ in range(6):
        process = subprocess.Popen([sys.executable, "-m", "factsheet", "build", "--force", "--root", str(workspace)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in (workspace / "out").glob("*.pdf"):
            assert len(PdfReader(str(path)).pages) >= 1
        for path in (workspace / "out").glob("*.docx"):
            assert Document(str(path)).paragraphs


def test_what_changed_is_printed_and_shown_in_the_briefing(workspace: Path) -> None:
    template = workspace / "templates" / "briefing.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "sections:\n", "sections:\n  - kind: changes\n", 1), encoding="utf-8")
    run(workspace, "--template", "briefing", "--format", "pdf")
    assert "Changes since" not in pdf_text(workspace / "out" / "russia-drones-2022-briefing.pdf")
    seed, facts = workspace / "seeds" / SEED, workspace / "seeds" / SEED_FACTS
    seed.write_text(seed.read_text(encoding="utf-8").replace("90 million Norwegian", "95 million Norwegian"),
                    encoding="utf-8")
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    amount: 90000000", "    amount: 95000000").replace(
        "up to 90 million Norwegian", "up to 95 million Norwegian")
    facts.write_text(text, encoding="utf-8")
    # The prose still says 90: the build names each drifting number at its own line and column, writes nothing.
    refused = CliRunner().invoke(main, ["build", "--root", str(workspace), "--template", "briefing"])
    assert refused.exit_code == 2
    lines = text.splitlines()
    for problem in [line for line in refused.output.splitlines() if "error:" in line]:
        line, col = (int(part) for part in problem.split(":")[1:3])
        assert lines[line - 1][col - 1:].startswith("90 million"), problem
    assert "key_points.4.text" in refused.output and "bottom_line.2.text" in refused.output
    facts.write_text(text.replace("NOK 90 million", "NOK 95 million"), encoding="utf-8")
    output = run(workspace, "--template", "briefing", "--format", "pdf")
    expected = "Changed: Black Hornet cost: up to NOK 90 million (stated as USD 9.26 million), expected -> " \
               "Black Hornet cost: up to NOK 95 million (stated as USD 9.26 million), expected"
    assert expected in output
    pdf = pdf_text(workspace / "out" / "russia-drones-2022-briefing.pdf")
    assert "Changes since 25 November 2026" in pdf and "up to NOK 95 million" in pdf


def test_watch_rebuilds_after_a_save(workspace: Path) -> None:
    from factsheet.buildoptions import BuildOptions
    from factsheet.watching import watch_workspace
    from factsheet.workspace import Workspace

    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_workspace, args=(Workspace.open(workspace), lines.append, stop),
                              kwargs={"options": BuildOptions(formats=("pdf",), jobs=1),
                                      "template_names": ("one-pager",)})
    thread.start()
    try:
        deadline = time.time() + 60
        while not lines and time.time() < deadline:
            time.sleep(0.05)
        pdf = workspace / "out" / "russia-drones-2022-one-pager.pdf"
        first = pdf.stat().st_mtime_ns
        facts = workspace / "seeds" / SEED_FACTS
        facts.write_text(facts.read_text(encoding="utf-8").replace("title: Russia turns", "title: Moscow turns"),
                         encoding="utf-8")
        while pdf.stat().st_mtime_ns == first and time.time() < deadline:
            time.sleep(0.05)
        assert pdf.stat().st_mtime_ns != first, lines
        assert "Moscow turns" in pdf_text(pdf)
        while len(lines) < 2 and time.time() < deadline:
            time.sleep(0.05)
        assert "ms from save to disk" in lines[1]
    finally:
        stop.set()
        thread.join(timeout=10)
