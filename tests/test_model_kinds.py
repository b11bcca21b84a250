"""The fact model holds what arms-transfer documents say, and refuses what cannot be right, at its line."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from factsheet.compose import format as fmt
from factsheet.compose.timeline import timeline_strip
from factsheet.document.nodes import Box
from factsheet.errors import InputError
from factsheet.facts.load import LoadedFacts, load_facts
from factsheet.facts.model import DateValue, Quantity
from factsheet.workspace import Workspace
from tests.conftest import REPO
from tests.readback import docx_text, pdf_text

US = "us-ukraine-assistance-2022-03-16"
EU = "eu-peace-facility-2023-03-14"
RU = "russia-drones-2022"
HEADER = """\
factsheet: {title: T, as_of: 2022-09-01}
sources:
  - {id: src, file: russia-drones-2022.txt, title: S}
actors:
  - {id: russia, name: Russia, kind: state, cites: [{source: src, text: Russia is purchasing}]}
  - {id: iran, name: Iran, kind: state, cites: [{source: src, text: Russia is purchasing}]}
systems:
  - {id: shahed, designation: Shahed, category: UAV, cites: [{source: src, text: Russia is purchasing}]}
"""  # eight lines: the bodies below start on line 9


def _load(name: str) -> LoadedFacts:
    return load_facts(REPO / "seeds" / f"{name}.facts.yaml", Workspace.open(REPO))


def _errors(workspace: Path, body: str, version: str = "schema_version: 2\n") -> list[str]:
    path = workspace / "seeds" / "bad.facts.yaml"
    path.write_text(HEADER + body + version, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_facts(path, Workspace.open(workspace))
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in info.value.diagnostics]


def test_a_dod_style_package_list_is_held_item_by_item() -> None:
    sheet = _load(US).sheet
    new, previous = (p for p in sheet.packages if p.id in ("package-800m", "previous-assistance"))
    assert new.value is not None and new.value.amount == Decimal(800_000_000)
    assert len(new.items) == 14 and len(previous.items) == 21
    quantities = {(i.system, fmt.quantity(i.quantity)) for i in new.items + previous.items if i.quantity}
    assert ("stinger", "800") in quantities and ("stinger", "more than 600") in quantities
    assert ("javelin", "about 2,600") in quantities
    assert ("small-arms-ammunition", "more than 20 million rounds") in quantities
    assert ("small-arms-ammunition", "nearly 40 million rounds") in quantities
    assert ("body-armour", "25,000 sets") in quantities
    assert {c.kind.value for c in sheet.costs} == {"cumulative total"}


def test_funds_tranches_and_rates_fit() -> None:
    sheet = _load(EU).sheet
    milex = next(p for p in sheet.packages if p.id == "milex-23")
    assert milex.part_of == "epf"
    ceiling = next(c for c in sheet.costs if c.id == "epf-ceiling")
    assert ceiling.pays_for == "epf" and ceiling.prices == "in current prices"
    assert fmt.event_date(ceiling.when) == "until 2027"  # type: ignore[arg-type]
    assert {e.kind.value for e in sheet.events} == {"agreement signed", "announcement", "decision"}
    assert {a.part_of for a in sheet.actors if a.id != "eu" and a.id != "ukraine"} == {"eu"}


@pytest.mark.parametrize(("date", "printed"), [
    ({"value": "2022"}, "2022"),
    ({"value": 2022, "part": "mid"}, "mid-2022"),
    ({"value": "2022-08", "part": "early"}, "early Aug 2022"),
    ({"value": "2023-summer"}, "summer 2023"),
    ({"value": "2023-Q3"}, "Q3 2023"),
    ({"value": "2022-H2"}, "second half of 2022"),
    ({"value": "2022-07", "relation": "since"}, "since Jul 2022"),
    ({"value": "2024", "relation": "by"}, "by the end of 2024"),
    ({"value": "2023-03", "end": "2023-05"}, "Mar\u2013May 2023"),
    ({"value": "2022-08-24", "year_inferred": True, "inferred_from": "weekday"}, "24 Aug 2022, year inferred"),
])
def test_dates_print_as_precisely_as_known(date: dict[str, object], printed: str) -> None:
    assert fmt.event_date(DateValue.model_validate(date)) == printed


def test_a_year_is_drawn_as_a_year_not_a_month() -> None:
    year, month = DateValue(value="2022"), DateValue(value="2022-08")
    days = [(DateValue(value=f"2022-{m:02d}-0{m - 8}"), f"day {m}") for m in (9, 10, 11)]
    figure = timeline_strip([(year, "a"), (month, "b"), *days])  # five entries: fewer are a table's job
    assert figure is not None

    def widest(role: str) -> float:
        return max(s.width for s in figure.shapes if isinstance(s, Box) and s.role == role)

    assert widest("year") > 10 * widest("month")


@pytest.mark.parametrize(("stated", "printed"), [
    ({"value": 250, "bound": "about"}, "about 250"),
    ({"min": 10, "max": 20, "unit": "launchers"}, "10\u201320 launchers"),
    ({"stated": "millions", "magnitude": 6}, "millions"),
    (1500, "1,500"),
])
def test_quantities_print_as_an_analyst_writes_them(stated: object, printed: str) -> None:
    assert fmt.quantity(Quantity.model_validate(stated)) == printed


def test_bad_quantities_money_and_packages_are_refused_at_their_line(workspace: Path) -> None:
    errors = _errors(workspace, """\
transfers:
  - id: t
    system: shahed
    suppliers: [iran]
    recipient: russia
    status: delivered
    quantity: {min: 300, max: 250}
    cites: [{source: src, text: Russia is purchasing}]
costs:
  - id: c
    what: running cost
    amount: 3000000000
    currency: GBP
    kind: rate
    cites: [{source: src, text: Russia is purchasing}]
packages:
  - id: p
    name: P
    kind: aid package
    items:
      - quantity: 800
    cites: [{source: src, text: Russia is purchasing}]
""")
    assert errors == [
        "15:5: transfers.0.quantity: the range's minimum (300) exceeds its maximum (250)",
        "18:5: costs.0: a rate needs 'per' (year, quarter, month, week or day)",
        "29:9: packages.0.items.0.system: required field is missing",
    ]


def test_part_of_and_within_cycles_are_refused(workspace: Path) -> None:
    errors = _errors(workspace, """\
packages:
  - {id: fund, name: F, kind: fund, part_of: tranche, cites: [{source: src, text: Russia is purchasing}]}
  - {id: tranche, name: T, kind: tranche, part_of: fund, cites: [{source: src, text: Russia is purchasing}]}
places:
  - {id: a, name: A, kind: region, within: a, cites: [{source: src, text: Russia is purchasing}]}
""")
    assert errors == [
        "10:46: packages.0.part_of: part_of runs in a circle: fund -> tranche -> fund",
        "13:44: places.0.within: within runs in a circle: a -> a",
    ]


def test_a_file_for_the_previous_model_gets_one_message_saying_how_to_upgrade(workspace: Path) -> None:
    errors = _errors(workspace, "", version="")
    assert len(errors) == 1
    assert errors[0].startswith("1:1: no schema_version: this file was written for the previous fact model")
    assert "factsheet upgrade" in errors[0]


def test_bare_years_are_dates_and_wrong_types_say_what_was_expected(workspace: Path) -> None:
    errors = _errors(workspace, """\
dates:
  - {id: d, event: E, value: 2022, cites: [{source: src, text: Russia is purchasing}]}
costs:
  - {id: c, what: W, amount: lots, currency: NOK, cites: [{source: src, text: Russia is purchasing}]}
""")
    assert errors == ["12:30: costs.0.amount: expected a number, e.g. `amount: 90000000` (got 'lots')"]


@pytest.mark.parametrize("name", [US, EU, RU])
def test_outputs_carry_every_item_quantity_event_and_place(built: Path, name: str) -> None:
    sheet = _load(name).sheet
    systems = {s.id: s.designation for s in sheet.systems}
    for fmt_name, read in (("pdf", pdf_text), ("docx", docx_text)):
        # A line may break after a hyphen (UAX #14); the read-back then has a space there.
        text = re.sub(r"(?<=\w-) (?=\w)", "", read(built / "out" / f"{name}-briefing.{fmt_name}"))
        for package in sheet.packages:
            assert package.name in text, (fmt_name, package.id)
            for item in package.items:
                assert systems[item.system] in text, (fmt_name, item.system)
                if item.quantity is not None:
                    assert fmt.quantity(item.quantity) in text, (fmt_name, item.system)
        for event in sheet.events:
            assert event.what in text, (fmt_name, event.id)
            if event.quantity is not None:
                assert fmt.quantity(event.quantity) in text, (fmt_name, event.id)
        for place in sheet.places:
            assert place.name in text, (fmt_name, place.id)
        for transfer in sheet.transfers:
            if transfer.quantity is not None:
                assert fmt.quantity(transfer.quantity) in text, (fmt_name, transfer.id)
            if transfer.note:
                assert " ".join(transfer.note.split()) in text, (fmt_name, transfer.id)


def test_source_notes_link_to_the_source_url_in_both_formats(built: Path) -> None:
    import zipfile

    from pypdf import PdfReader

    url = _load(US).sheet.sources[0].url
    assert url is not None
    stem = built / "out" / f"{US}-briefing"
    uris = {str(a.get_object()["/A"]["/URI"]) for page in PdfReader(str(stem.with_suffix(".pdf"))).pages
            for a in page.get("/Annots", []) or [] if "/URI" in a.get_object().get("/A", {})}
    assert uris == {url}
    with zipfile.ZipFile(stem.with_suffix(".docx")) as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode()
        body = docx.read("word/document.xml").decode()
        note_rels = docx.read("word/_rels/footnotes.xml.rels").decode()
        footnotes = docx.read("word/footnotes.xml").decode()
    assert f'Target="{url}" TargetMode="External"' in rels
    assert f'Target="{url}" TargetMode="External"' in note_rels  # the notes are footnotes, with their own links
    # Every numbered note names its source through a link, the source's first note prints the address as a
    # link too, and the source list links once more.
    notes = len(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="note-', body + footnotes))
    links = body.count("<w:hyperlink r:id=") + footnotes.count("<w:hyperlink r:id=")
    assert notes > 10 and links == notes + 2


def test_denied_and_disputed_facts_say_by_whom() -> None:
    from factsheet.compose.composer import compose
    from factsheet.compose.template import load_template
    from factsheet.document.dump import dump
    from factsheet.facts.model import FactSheet

    quote = [{"source": "src", "text": "Russia is purchasing"}]
    sheet = FactSheet.model_validate({
        "schema_version": 2,
        "factsheet": {"title": "T", "as_of": "2022-10-01"},
        "sources": [{"id": "src", "file": "x.txt", "title": "S"}],
        "actors": [{"id": "us", "name": "United States", "kind": "state", "cites": quote},
                   {"id": "iran", "name": "Iran", "kind": "state", "cites": quote}],
        "claims": [{"id": "c", "text": "Iran supplies drones.", "standing": "claimed", "cites": quote,
                    "according_to": {"by": "us", "how": "claims"},
                    "stances": [{"by": "iran", "standing": "denied", "how": "calls it baseless"}]}],
        "key_points": [{"id": "k", "text": "Drones were supplied.", "standing": "disputed", "cites": quote,
                        "according_to": {"by": "us", "how": "says"},
                        "stances": [{"by": "iran", "standing": "denied"}]}],
    })
    template = load_template(REPO / "templates" / "briefing.yaml", "briefing.yaml").template
    text = dump(compose(sheet, template, "b"))
    assert "(disputed: United States, via S; denied by Iran)" in text  # the chain ends where it was read
    assert "(denied by Iran (calls it baseless))" in text


def test_upgrade_rewrites_a_previous_model_file_keeping_its_comments(workspace: Path) -> None:
    from click.testing import CliRunner

    from factsheet.cli import main

    facts = workspace / "seeds" / f"{RU}.facts.yaml"
    old = facts.read_text(encoding="utf-8").replace("schema_version: 2\n\n", "")
    old = old.replace("quantity: {stated: hundreds, magnitude: 2}", "quantity: about 250 drones  # as stated")
    facts.write_text(old, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(workspace)])
    assert result.exit_code == 2 and "factsheet upgrade" in result.output
    result = CliRunner().invoke(main, ["upgrade", "--root", str(workspace)])
    assert result.exit_code == 0 and "upgraded" in result.output, result.output
    new = facts.read_text(encoding="utf-8")
    assert 'quantity: {value: 250, bound: about, unit: "drones", stated: "about 250 drones"}  # as stated' in new
    assert new.count("\n") == old.count("\n") + 2 and new.startswith("# yaml-language-server")
    transfer = next(t for t in _load_from(facts, workspace).sheet.transfers if t.id == "iranian-uavs-to-russia")
    assert transfer.quantity is not None and fmt.quantity(transfer.quantity) == "about 250 drones"
    result = CliRunner().invoke(main, ["upgrade", "--root", str(workspace)])
    assert "already up to date" in result.output


def _load_from(path: Path, workspace: Path) -> LoadedFacts:
    return load_facts(path, Workspace.open(workspace))


def test_a_per_unit_cost_is_never_shown_as_the_price_of_a_delivery() -> None:
    from factsheet.compose.composer import compose
    from factsheet.compose.template import load_template
    from factsheet.document.dump import dump
    from factsheet.facts.model import FactSheet

    quote = [{"source": "src", "text": "Russia is purchasing"}]
    sheet = FactSheet.model_validate({
        "schema_version": 2,
        "factsheet": {"title": "T", "as_of": "2022-10-01"},
        "sources": [{"id": "src", "file": "x.txt", "title": "S"}],
        "actors": [{"id": "ru", "name": "Russia", "kind": "state", "cites": quote},
                   {"id": "ir", "name": "Iran", "kind": "state", "cites": quote}],
        "systems": [{"id": "shahed", "designation": "Shahed-136", "category": "loitering munition",
                     "cites": quote}],
        "transfers": [{"id": "t", "system": "shahed", "suppliers": ["ir"], "recipient": "ru", "status": "delivered",
                       "quantity": {"value": 250, "bound": "about"}, "cites": quote}],
        "costs": [{"id": "unit", "pays_for": "shahed", "amount": 20000, "currency": "USD", "kind": "production cost",
                   "bound": "about", "cites": quote},
                  {"id": "rate", "what": "UK military aid", "amount": 3000000000, "currency": "GBP", "kind": "rate",
                   "per": "year", "cites": quote}],
    })
    template = load_template(REPO / "templates" / "briefing.yaml", "briefing.yaml").template
    text = dump(compose(sheet, template, "b"))
    row = next(line for line in text.splitlines() if "**Shahed-136**" in line and "Iran → Russia" in line)
    assert "about USD 20,000 per unit to produce" in row and "delivered, about 250" in row
    assert "**UK military aid**: GBP 3 billion per year" in text


@pytest.mark.parametrize("compact", [False, True])
def test_an_events_section_lists_each_event_with_its_date(compact: bool) -> None:
    from factsheet.compose.composer import compose
    from factsheet.compose.template import Template
    from factsheet.document.dump import dump

    sheet = _load(EU).sheet
    template = Template.model_validate({"sections": [{"kind": "events", "compact": compact}, {"kind": "places"}]})
    text = dump(compose(sheet, template, "b"))
    assert "Events" in text
    for event in sheet.events:
        assert event.what in " ".join(text.split()), event.id
        assert fmt.event_date(event.when) in text  # type: ignore[arg-type]
    assert ("| Council of the EU |" in text) is not compact


@pytest.mark.parametrize(("when", "printed"), [(2022, "2022"), ("2022-08", "Aug 2022"), ("2022-Q3", "Q3 2022")])
def test_a_bare_date_in_a_when_field_is_a_date_not_an_id(when: object, printed: str) -> None:
    from factsheet.facts.model import Event

    event = Event.model_validate({"id": "e", "kind": "launch", "what": "W", "when": when,
                                  "cites": [{"source": "s", "text": "abc"}]})
    assert isinstance(event.when, DateValue) and fmt.event_date(event.when) == printed


def test_every_shipped_citation_stands_and_item_quotes_are_checked_too(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from factsheet.cli import main

    root = tmp_path / "all"
    shutil.copytree(REPO / "seeds", root / "seeds")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output and "89 citations: 89 intact" in result.output
    seed = root / "seeds" / f"{US}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("5,000 rifles", "5,500 rifles"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code != 0 and "packages.0.items.6.cites.0.text: package-800m: changed" in result.output
