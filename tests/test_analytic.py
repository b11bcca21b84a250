"""The analytic product: bottom line first, judgments with confidence, corroboration and disagreement,
numbers that cannot drift, notes a reader can follow, end matter, and the email in the same order."""

from __future__ import annotations

import email
import email.policy
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main
from factsheet.document.nodes import BulletList, Cite, Document, NoteList, Paragraph, Table, walk_blocks
from factsheet.writers.look import citation_marks
from tests.conftest import SEED_FACTS
from tests.readback import docx_text, pdf_text

STEM = "russia-drones-2022"


def build(workspace: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(workspace), str(workspace / "seeds" / SEED_FACTS),
                                       *args])
    return result.exit_code, result.output


def edit(workspace: Path, old: str, new: str) -> str:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    facts.write_text(text, encoding="utf-8")
    return text


def line_col(output: str, needle: str) -> tuple[int, int]:
    """Line and column of the first diagnostic whose message contains `needle`."""
    for line in output.splitlines():
        if needle in line and ": error: " in line:
            found = re.search(r":(\d+):(\d+): error: ", line)
            assert found, line
            return int(found.group(1)), int(found.group(2))
    raise AssertionError(f"no error mentioning {needle!r} in:\n{output}")


def test_the_seed_reads_as_an_assessment_in_both_formats(built: Path) -> None:
    for path, read in ((built / "out" / f"{STEM}-briefing.pdf", pdf_text),
                       (built / "out" / f"{STEM}-briefing.docx", docx_text)):
        text = read(path)
        order = [text.index(h) for h in ("Bottom line", "Key judgments", "Key points", "Where sources disagree",
                                          "Source notes", "About this briefing")]
        assert order == sorted(order), path
        assert "Information cut-off: Sep 2022" in text and "As of 25 November 2026" in text
        assert "2 sources: 1 news (graded C); 1 official (graded B)" in text
        assert "Likely (55-80%)" in text and "Moderate confidence" in text and "Unlikely (20-45%)" in text
        # Attribution chains, not flattened ones.
        assert "US intelligence assessment, via The New York Times, via Tech Times" in text
        assert "The Associated Press, via Tech Times" in text
        assert "Biden administration, via Tech Times; directly: U.S. Department of State" in text
        # End matter; the build hash stays off the page.
        assert "Prepared by factsheet analyst desk. Contact: factsheet analyst desk, desk@example.org" in text
        assert "Distribution: Open source" in text and "Marking: UNCLASSIFIED // OPEN SOURCE" in text
        assert "Build " not in text


def test_corroboration_and_disagreement_read_back_from_pdf_and_docx(built: Path) -> None:
    for path, read in ((built / "out" / f"{STEM}-briefing.pdf", pdf_text),
                       (built / "out" / f"{STEM}-briefing.docx", docx_text)):
        text = read(path)
        assert "[corroborated: Tech Times; U.S. Department of State, the originator itself]" in text, path
        start = text.index("Where sources disagree", text.index("Key points"))
        table = text[start:text.index("Systems and transfers", start)]
        assert "Number of Iranian UAVs Russia is to obtain" in table
        assert "hundreds, planned" in table and "Biden administration, via Tech Times" in table
        assert "several hundred, planned" in table and "U.S. Department of State" in table
        assert "[sources disagree: both values shown together]" in text


def test_notes_are_numbered_in_order_of_first_appearance(workspace: Path) -> None:
    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted
    from factsheet.workspace import Workspace

    ws = Workspace.open(workspace)
    facts = load_facts(workspace / "seeds" / SEED_FACTS, ws)
    template = load_template(workspace / "templates" / "briefing.yaml", "briefing.yaml")
    document, _ = compose_fitted(facts, template, frozenset(), History())
    seen: list[int] = []
    for number in cites_in_reading_order(document):
        if number not in seen:
            seen.append(number)
    assert seen == list(range(1, len(seen) + 1))
    notes = next(b for b in walk_blocks(document.body) if isinstance(b, NoteList)).notes
    assert [n.number for n in notes] == seen
    # Each note says where in the source: paragraph, address and access date for the official one.
    official = [n for n in notes if "U.S. Department of State" in str(n.source)]
    assert official and all("para. " in str(n.source) for n in official)
    assert "accessed 29 November 2026" in str(official[0].source) and "iranwatch.org" in str(official[0].source)
    assert all("accessed" not in str(n.source) for n in official[1:])  # the address once, with its first note


def cites_in_reading_order(document: Document) -> list[int]:
    numbers: list[int] = []

    def inlines(nodes: tuple[object, ...]) -> None:
        for node in nodes:
            if isinstance(node, Cite):
                numbers.extend(node.numbers)
            elif hasattr(node, "children"):
                inlines(node.children)

    for block in walk_blocks(document.body):
        if isinstance(block, Paragraph):
            inlines(block.children)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    inlines(cell)
        elif isinstance(block, BulletList):
            for item in block.items:
                inlines(item)
    return numbers


def test_citation_runs_print_in_order_with_ranges() -> None:
    assert citation_marks([8, 4]) == [("4", 4), ("8", 8)]
    assert citation_marks([4, 8, 5, 6]) == [("4\u20136", 4), ("8", 8)]


def test_one_pager_shortens_quotes_at_word_boundaries_and_says_so(built: Path) -> None:
    text = pdf_text(built / "out" / f"{STEM}-one-pager.pdf")
    seed = " ".join(p.read_text(encoding="utf-8") for p in sorted((built / "seeds").glob("*.txt")))
    shortened = re.findall(r"“([^”]*) \[\.\.\.\]”", text)
    assert shortened
    flat = " ".join(seed.split())
    for head in shortened:
        assert f"{head} " in flat or f"{head}," in flat or f"{head};" in flat, head  # ends at a word boundary
    assert "Quotes are shortened at word boundaries where marked [...]" in text
    assert "…" not in text


def test_source_notes_link_to_the_address_in_both_formats(built: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(built / "out" / f"{STEM}-briefing.pdf"))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
    assert any("iranwatch.org" in str(uri) for uri in uris)
    with zipfile.ZipFile(built / "out" / f"{STEM}-briefing.docx") as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        body = package.read("word/document.xml").decode()
    target = re.search(r'Id="(rId\d+)" Type="[^"]*/hyperlink" Target="(https://www\.iranwatch\.org[^"]*)"', rels)
    assert target and f'r:id="{target.group(1)}"' in body


def test_a_drifting_number_is_caught_at_its_line_by_build_and_check(workspace: Path) -> None:
    text = edit(workspace, "Russia is buying millions of artillery shells", "Russia is buying 540 artillery shells")
    code, output = build(workspace)
    assert code == 2 and not list((workspace / "out").glob("*.pdf"))
    line, col = line_col(output, "'540'")
    assert text.splitlines()[line - 1][col - 1:].startswith("540 artillery")
    checked = CliRunner().invoke(main, ["check", "--root", str(workspace)])
    assert checked.exit_code == 2 and line_col(checked.output, "'540'") == (line, col)
    allowed_code, allowed = build(workspace, "--allow-unsourced-numbers", "--template", "one-pager",
                                  "--format", "pdf")
    assert allowed_code == 0 and ": warning: " in allowed and "'540'" in allowed


def test_digits_in_a_hyphenated_name_are_not_counts() -> None:
    from factsheet.facts.numbers import numbers_in

    assert [n.text for n in numbers_in("Geran-2/Shahed\u2011136 drones, 540 of them, over 3-5 weeks")] == [
        "540", "3", "5"]


def test_a_judgment_must_rest_on_existing_facts(workspace: Path) -> None:
    text = edit(workspace, "rests_on: [forpost-licence, kp-forpost]", "rests_on: [forpost-licence, no-such-fact]")
    code, output = build(workspace)
    assert code == 2
    line, _ = line_col(output, "'no-such-fact'")
    assert "no-such-fact" in text.splitlines()[line - 1]
    edit(workspace, "rests_on: [forpost-licence, no-such-fact]", "rests_on: []")
    code, output = build(workspace)
    assert code == 2 and "judgments.2.rests_on" in output


def test_judgments_resting_only_on_each_other_are_refused(workspace: Path) -> None:
    edit(workspace, "rests_on: [forpost-licence, kp-forpost]", "rests_on: [j-circle]")
    edit(workspace, "\ndisagreements:\n", """  - id: j-circle
    text: It is unlikely that the circle closes.
    likelihood: unlikely
    confidence: low
    rests_on: [j-forpost]

disagreements:
""")
    code, output = build(workspace)
    assert code == 2 and output.count("rests only on judgments that rest on no fact (a circle)") == 2


def test_a_disagreement_needs_values_that_differ(workspace: Path) -> None:
    text = edit(workspace, "{stated: several hundred, magnitude: 2}", "{stated: hundreds, magnitude: 2}")
    code, output = build(workspace)
    line, _ = line_col(output, "these facts state the same value")
    assert code == 2 and "facts: [iranian-uavs-to-russia, iranian-uavs" in text.splitlines()[line - 1]


def test_a_judgment_uses_its_own_scale_term(workspace: Path) -> None:
    edit(workspace, "It is unlikely that Russia regains", "It is very likely that Russia regains")
    code, output = build(workspace)
    assert code == 2 and "'very likely' but the likelihood is 'unlikely'" in output


def test_conflicting_values_must_be_held_as_a_disagreement(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    start = text.index("disagreements:\n")
    end = text.index("end_matter:\n")
    facts.write_text(text[:start] + text[end:], encoding="utf-8")
    code, output = build(workspace)
    assert code == 2
    assert "'iranian-uavs-to-russia-official' gives a different quantity for the same transfer" in output


def test_email_body_follows_the_briefing_order(workspace: Path, tmp_path: Path) -> None:
    eml = tmp_path / "briefing.eml"
    result = CliRunner().invoke(main, [
        "email", "--root", str(workspace), "--from", "desk@example.org", "--to", "ana@example.org",
        "--out", str(eml), "--date", "Wed, 25 Nov 2026 09:00:00 +0000", "--message-id", "<a@factsheet.test>",
        str(workspace / "seeds" / SEED_FACTS)])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    for kind in ("plain", "html"):
        part = message.get_body((kind,))
        assert part is not None
        body = part.get_content()
        heads = ["Bottom line", "Key judgments", "Key points"]
        positions = [body.index(h) for h in heads]
        assert positions == sorted(positions), kind
        assert "Likely, moderate confidence: Russia will likely go on buying" in body
        assert "As of 25 November 2026 \u00b7 information cut-off Sep 2022" in body


def test_the_end_matter_is_never_split_across_pages(built: Path) -> None:
    import docx
    from pypdf import PdfReader

    stem = SEED_FACTS.removesuffix(".facts.yaml")
    pages = [page.extract_text() or "" for page in PdfReader(str(built / "out" / f"{stem}-briefing.pdf")).pages]
    holding = [index for index, text in enumerate(pages) if "About this briefing" in text or "Distribution:" in text]
    assert len(holding) == 1, holding
    paragraphs = docx.Document(str(built / "out" / f"{stem}-briefing.docx")).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "About this briefing")
    closing = paragraphs[start + 1:]
    assert len(closing) >= 3 and "Distribution:" in closing[-1].text
    assert all(p.paragraph_format.keep_with_next for p in closing[:-1])
