"""Generate synthetic workspaces for the scale benchmarks.

    python benchmarks/generate.py large DIR        # 2,000 systems and transfers, a 5 MB seed
    python benchmarks/generate.py many DIR COUNT   # COUNT fact sheets of 20 facts each
    python benchmarks/generate.py distinct DIR COUNT   # COUNT different full briefings (figures, every section)
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


COUNTRIES = ("Arden", "Borvia", "Calder", "Dunmore", "Estland", "Fenwick", "Galen", "Harrow", "Islay", "Jorvik",
             "Kestrel", "Lorne", "Merrow", "Norland", "Orkney", "Pellam")
CATEGORIES = ("UAV", "missile", "rocket", "artillery ammunition", "other")


def distinct_yaml(index: int) -> tuple[str, str]:
    """A full facts file unlike every other index: its own actors, systems, transfers, costs, dates and prose."""
    n_actors, n_systems = 4 + index % 5, 3 + index % 6
    names = [COUNTRIES[(index * 7 + a * 3) % len(COUNTRIES)] + f" {index % 97}-{a}" for a in range(n_actors)]
    sentences: list[str] = []
    lines = [
        "# yaml-language-server: $schema=../schemas/facts.schema.json",
        "schema_version: 2",
        "factsheet:", f"  title: Supplies to {names[1]} from {names[0]}, case {index}", "  as_of: 2026-11-25",
        f"  subject: Synthetic case {index}",
        "sources:", f"  - {{id: src, file: case{index:04d}.txt, title: Report {index}, publisher: Wire {index % 13}, "
        "reliability: B}",
        "actors:",
    ]

    def quote(sentence: str) -> str:
        sentences.append(sentence)
        return "[{source: src, text: '" + sentence + "'}]"

    for a, name in enumerate(names):
        said = f"{name} is a state named in report {index}."
        lines.append(f"  - {{id: a{a}, name: '{name}', kind: state, cites: {quote(said)}}}")
    lines.append("systems:")
    for s in range(n_systems):
        designation = f"K-{index % 50 + s}{chr(65 + s)} Mark {s + 1}"
        category = CATEGORIES[(index + s) % len(CATEGORIES)]
        said = f"The {designation} is a {category} in service since {1990 + (index + s) % 30}."
        lines.append(f"  - {{id: s{s}, designation: '{designation}', category: {category}, cites: {quote(said)}}}")
    lines.append("transfers:")
    for t in range(n_systems):
        supplier, recipient = t % n_actors, (t + 1 + index) % n_actors
        if supplier == recipient:
            recipient = (recipient + 1) % n_actors
        units = 10 * (t + 1) + index % 90
        said = f"{names[supplier]} sent {units} units of system {t} to {names[recipient]}."
        lines.append(f"  - {{id: t{t}, system: s{t}, suppliers: [a{supplier}], recipient: a{recipient}, "
                     f"status: {STATUSES[(t + index) % len(STATUSES)]}, quantity: {{value: {units}, unit: units}}, "
                     f"when: d{t % 3}, cites: {quote(said)}}}")
    lines.append("costs:")
    said = f"The first delivery cost up to {index % 90 + 1} million dollars."
    lines.append(f"  - {{id: c0, amount: {1000000 * (index % 90 + 1)}, currency: USD, bound: up to, pays_for: t0, "
                 f"cites: {quote(said)}}}")
    lines.append("dates:")
    for d in range(3):
        month, day = 1 + (index + 4 * d) % 12, 1 + (index * 3 + d) % 28
        value = f"{2020 + d}-{month:02d}-{day:02d}"
        said = f"Step {d + 1} of case {index} happened on {value}."
        lines.append(f"  - {{id: d{d}, event: 'Step {d + 1} of case {index}', value: '{value}', precision: day, "
                     f"cites: {quote(said)}}}")
    lines.append("key_points:")
    for k in range(3):
        # The point quotes its source word for word: every number it states is sourced (build checks that).
        said = f"Point {k + 1}: {names[k % n_actors]} supplies {names[(k + 1) % n_actors]} in case {index}."
        lines.append(f"  - {{id: k{k}, text: '{said}', cites: {quote(said)}}}")
    lines.append("claims:")
    said = f"{names[0]} denied sending anything in case {index}."
    lines.append(f"  - {{id: cl0, text: '{names[0]} denies sending anything.', standing: claimed, according_to: "
                 f"{{by: a0, how: denies}}, cites: {quote(said)}}}")
    lines.append("gaps:")
    said = f"The size of later deliveries in case {index} was not disclosed."
    lines.append(f"  - {{id: g0, text: 'The size of later deliveries in case {index} is not known.', cites: "
                 f"{quote(said)}}}")
    return "\n".join(lines) + "\n", " ".join(sentences) + "\n"


def distinct(target: Path, count: int) -> None:
    """`count` full briefings that differ from each other in every section (so no cache can serve two)."""
    workspace(target)
    for i in range(count):
        facts, seed = distinct_yaml(i)
        (target / "seeds" / f"case{i:04d}.txt").write_text(seed, encoding="utf-8")
        (target / "seeds" / f"case{i:04d}.facts.yaml").write_text(facts, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "large":
        large(Path(sys.argv[2]))
    elif sys.argv[1] == "distinct":
        distinct(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        many(Path(sys.argv[2]), int(sys.argv[3]))
