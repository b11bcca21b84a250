"""One-page fitting: the bounded search finds the same shortening as trying every step, in few renders."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from factsheet.cli import main
from factsheet.compose.fit import (
    SHORT_FIRST_ABOVE,
    fit_one_page,
    fit_one_page_linear,
    limits_of,
    shortening_steps,
)
from factsheet.compose.template import Template, TemplateSection
from tests.conftest import SEED_FACTS

# Section kinds that count one list of the facts each (the timeline counts several).
KINDS = ["key_points", "transfers", "packages", "systems", "claims", "actors", "places", "events", "costs", "gaps"]


def _sheet(counts: dict[str, int]) -> Any:
    """A stand-in facts sheet: only the lengths of its sections matter to fitting."""
    return SimpleNamespace(**{kind: [None] * counts.get(kind, 0) for kind in KINDS})


@st.composite
def fitting_cases(draw: st.DrawFn) -> tuple[Template, Any, dict[str, float], float]:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6, unique=True))
    counts = {kind: draw(st.integers(0, 400)) for kind in kinds}
    sections = [TemplateSection(kind=kind, limit=draw(st.none() | st.integers(1, 50))) for kind in kinds]
    sections.append(TemplateSection(kind="notes"))
    weights = {kind: draw(st.floats(0.2, 5)) for kind in kinds}
    capacity = draw(st.floats(5, 300))
    return Template(one_page=True, sections=sections), _sheet(counts), weights, capacity


Case = tuple[Template, Any, dict[str, float], float]


@settings(max_examples=300, deadline=None)
@given(fitting_cases())
def test_search_finds_the_step_that_trying_every_step_finds(case: Case) -> None:
    template, sheet, weights, capacity = case
    calls: list[int] = []

    def pages_of(candidate: Template) -> int:
        shown = limits_of(candidate, sheet)
        calls.append(sum(n or 0 for n in shown))
        height = sum(weights[s.kind] * (n or 0) for s, n in zip(candidate.sections, shown, strict=True)
                     if s.kind in weights)
        return max(1, math.ceil(height / capacity))

    linear = fit_one_page_linear(template, sheet, pages_of)
    calls.clear()
    searched = fit_one_page(template, sheet, pages_of)
    assert searched == linear
    steps = len(shortening_steps(template, sheet))
    # Finding the step, then giving back items section by section: logarithmic, not one render per item.
    bound = 4 + 3 * math.log2(steps + 1) + len(template.sections) * (2 + 2 * math.log2(steps + 1))
    assert len(calls) <= bound, (len(calls), steps)
    full = limits_of(template, sheet)
    if sum(n or 0 for n in full) > SHORT_FIRST_ABOVE:
        # Too long for a page: never rendered whole, nor anything much longer than what fits.
        fitted = sum(n or 0 for n in limits_of(searched, sheet))
        assert max(calls) <= 2 * fitted + len(template.sections) + 1, (max(calls), fitted)


def test_when_every_section_is_down_to_one_item_minor_sections_are_left_out_whole() -> None:
    template = Template(one_page=True, sections=[TemplateSection(kind=k) for k in ("key_points", "packages", "costs",
                                                                                     "gaps", "actors")])
    steps = shortening_steps(template, _sheet({"key_points": 4, "packages": 3, "costs": 2, "gaps": 5, "actors": 3}))
    assert steps[-1] == (1, 1, 0, 0, 0)  # key points and packages are never left out
    assert steps.index((1, 1, 1, 1, 0)) < steps.index((1, 1, 0, 1, 0))  # actors (0.5) before costs and gaps (2)


@contextmanager
def counting_renders() -> Iterator[list[str]]:
    """The formats rendered while inside, in order, and "measure" for each PDF laid out without being written
    (the build renders in this process below three tasks)."""
    from factsheet import render
    from factsheet.writers import pdf

    renders: list[str] = []
    original, measure = render.render, pdf.measure

    def counting(fmt: str, document: Any) -> Any:
        renders.append(fmt)
        return original(fmt, document)

    def counting_measure(document: Any) -> tuple[int, float]:
        renders.append("measure")
        return measure(document)

    render.render = counting  # type: ignore[assignment]
    pdf.measure = counting_measure
    try:
        yield renders
    finally:
        render.render = original  # type: ignore[assignment]
        pdf.measure = measure


def test_measuring_a_pdf_finds_what_rendering_it_finds(built: Path) -> None:
    # One-page fitting lays out its later tries without writing them (writers/pdf.measure): the page count
    # and the room left must be the rendered file's, at every step of shortening and for long briefings.
    from factsheet.compose.composer import compose
    from factsheet.compose.fit import shortening_steps, with_limits
    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.facts.paragraphs import quote_paragraphs
    from factsheet.workspace import Workspace
    from factsheet.writers.pdf import measure, render

    workspace = Workspace.open(built)
    checked = 0
    for facts_path in sorted((built / "seeds").glob("*.facts.yaml")):
        facts = load_facts(facts_path, workspace)
        for name in ("briefing", "one-pager"):
            loaded = load_template(built / "templates" / f"{name}.yaml", name)
            steps = shortening_steps(loaded.template, facts.sheet)
            paragraphs = quote_paragraphs(facts.sheet, facts.source_texts)
            for limits in {steps[0], steps[len(steps) // 3], steps[-1]}:
                shortened = with_limits(loaded.template, limits, steps[0])
                document = compose(facts.sheet, shortened, "test", frozenset(), "", (), paragraphs)
                rendition = render(document)
                assert measure(document) == (rendition.pages, rendition.room_left), (facts_path.name, name)
                checked += 1
    assert checked >= 12


def test_a_thousand_gaps_fit_in_a_few_renders(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    extra = "".join(
        f"  - id: gap-extra-{i}\n    text: Unknown detail number {i} about the shipments and their routes.\n"
        "    cites: [{source: techtimes, text: or size of the shipments}]\n"
        for i in range(1000)
    )
    facts.write_text(facts.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with counting_renders() as renders:
        result = CliRunner().invoke(main, ["build", "--root", str(workspace), "--template", "one-pager",
                                           "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert len(PdfReader(str(workspace / "out" / f"{facts.name.removesuffix('.facts.yaml')}-one-pager.pdf")).pages) == 1
    assert 1 < len(renders) <= 30, len(renders)


def test_a_word_only_build_reuses_the_fit_without_rendering_the_pdf(workspace: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--root", str(workspace), "--template", "one-pager"]).exit_code == 0
    docx = workspace / "out" / f"{SEED_FACTS.removesuffix('.facts.yaml')}-one-pager.docx"
    before = docx.read_bytes()
    docx.unlink()
    with counting_renders() as renders:
        result = runner.invoke(main, ["build", "--root", str(workspace), "--template", "one-pager", "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert renders == ["docx"]
    assert docx.read_bytes() == before


def test_a_damaged_fit_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    from factsheet.fitcache import NAME, FitCache

    for junk in (b"\xff\xfe", b"[1, 2]", b'{"k": [1, -2]}', b'{"k": "x", "j": [true]}', b'{"k": [1.5]}'):
        (tmp_path / NAME).write_bytes(junk)
        cache = FitCache.read(tmp_path)
        assert cache.get("k") is None and cache.get("j") is None
    cache.put("k", (3, 0, None))
    cache.save()
    assert FitCache.read(tmp_path).get("k") == (3, 0, None)
