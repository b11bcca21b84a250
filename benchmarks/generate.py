"""Generate synthetic workspaces for the scale benchmarks.

    python benchmarks/generate.py large DIR        # 2,000 systems and transfers, a 5 MB seed
    python benchmarks/generate.py many DIR COUNT   # COUNT fact sheets of 20 facts each
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STATUSES = ("planned", "agreed", "delivered", "licensed", "ended", "reported")


def facts_yaml(stem: str, systems: int, actors: int) -> tuple[str, str]:
    """A facts file with `systems` systems and as many transfers, and the seed text they quote."""
    sentences = [f"Actor number {a} is a state in this synthetic article." for a in range(actors)]
    lines = [
        "# yaml-language-server: $schema=../schemas/facts.schema.json",
        "schema_version: 2",
        "factsheet:", f"  title: Synthetic briefing {stem}", "  as_of: 2026-11-25",
        "sources:", f"  - {{id: src, file: {stem}.txt, title: Synthetic source}}",
        "actors:",
    ]
    for a in range(actors):
        lines.append(f"  - {{id: a{a}, name: Actor {a}, kind: state, cites: [{{source: src, text: "
                     f"'Actor number {a} is a state'}}]}}")
    lines.append("systems:")
    for s in range(systems):
        sentences.append(f"System {s:05d} is a UAV built in workshop {s * 7 % 1000:03d}.")
        lines.append(f"  - {{id: s{s}, designation: System {s:05d}, category: UAV, cites: [{{source: src, "
                     f"text: 'System {s:05d} is a UAV built in workshop {s * 7 % 1000:03d}.'}}]}}")
    lines.append("transfers:")
    for t in range(systems):
        supplier, recipient = t % actors, (t + 1) % actors
        sentence = f"Actor {supplier} ships system {t:05d} to actor {recipient} under order {t * 13:07d}."
        sentences.append(sentence)
        lines.append(f"  - {{id: t{t}, system: s{t}, suppliers: [a{supplier}], recipient: a{recipient}, "
                     f"status: {STATUSES[t % len(STATUSES)]}, cites: [{{source: src, text: '{sentence}'}}]}}")
    return "\n".join(lines) + "\n", " ".join(sentences) + "\n"


def workspace(target: Path) -> Path:
    """An empty workspace at `target` with the shipped templates."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "seeds").mkdir(parents=True)
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def large(target: Path) -> None:
    """2,000 systems and transfers, padded to a 5 MB seed."""
    workspace(target)
    facts, seed = facts_yaml("large", 2000, 40)
    filler = "Filler paragraph without facts, to make the seed large. " * 20 + "\n"
    seed = seed + filler * ((5_000_000 - len(seed)) // len(filler) + 1)
    (target / "seeds" / "large.txt").write_text(seed, encoding="utf-8")
    (target / "seeds" / "large.facts.yaml").write_text(facts, encoding="utf-8")


def many(target: Path, count: int) -> None:
    """`count` fact sheets of 20 facts each (6 actors, 7 systems, 7 transfers)."""
    workspace(target)
    for i in range(count):
        facts, seed = facts_yaml(f"sheet{i:04d}", 7, 6)
        (target / "seeds" / f"sheet{i:04d}.txt").write_text(seed, encoding="utf-8")
        (target / "seeds" / f"sheet{i:04d}.facts.yaml").write_text(facts, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "large":
        large(Path(sys.argv[2]))
    else:
        many(Path(sys.argv[2]), int(sys.argv[3]))
