"""From date mentions to date facts: the event each date marks, in the source's words, and the date's
shape in the model (precision, part of a period, relation)."""

from __future__ import annotations

import calendar
import re
from datetime import date

from factsheet.extract.assemble import Builder
from factsheet.extract.dates import DateMention
from factsheet.extract.text import FUNCTION_WORDS, Sentence
from factsheet.facts.dates import Part, Precision, Relation
from factsheet.facts.model import DateFact

_EVENT_STOP = frozenset(
    (
        "and", "or", "but", "for", "as", "after", "before", "since", "that", "which", "while", "because", "with"
    )
)


def _event(text: str, sentence: Sentence, mention: DateMention) -> str:
    """What happened on a date, in the source's words: its clause without the date."""
    head = " ".join(text[sentence.start : mention.start].split()[-20:])
    while re.search(r",[^,]*,", head):  # drop appositives: "The missiles, made by MBDA, give ..."
        head = re.sub(r",[^,]*,\s*", " ", head, count=1)
    cut = list(re.finditer(r"(?:\bthat\b|\bwhich\b|,)\s*", head))
    for boundary in reversed(cut):
        if len(head[boundary.end() :].split()) >= 4:
            head = head[boundary.end() :]
            break
    else:
        head = " ".join(head.split()[-12:])
    tail: list[str] = []
    rest = text[mention.end : sentence.end]
    if not [w for w in head.split() if w.lower() not in FUNCTION_WORDS]:
        head, rest = "", rest.lstrip(" ,")
    for word in rest.split()[:8]:
        if word.startswith((",", ";")) or (tail and word.strip(",;:.").lower() in _EVENT_STOP - {"with"}):
            break
        if not tail and word.lower() in _EVENT_STOP - {"with"}:
            break
        tail.append(word.rstrip(",;:."))
        if word.endswith((",", ";", ":", ".")):
            break
    words = (head + " " + " ".join(tail)).split()
    while words and words[0].strip(",;:").lower() in FUNCTION_WORDS | {"meanwhile", "hence", "where", "when"}:
        words.pop(0)
    while words and words[-1].strip(",;:").lower() in FUNCTION_WORDS:
        words.pop()
    event = " ".join(words).strip(" ,;:")
    return (event[0].upper() + event[1:]) if event else "Event dated in the source"


def dates_of(build: Builder, dates: list[DateMention], notes: dict[str, list[str]]
           ) -> tuple[list[DateFact], dict[int, str]]:
    out, ids = [], {}
    for mention in dates:
        sentence = build.sentences[mention.sentence]
        shown = " ".join(build.text[mention.start : mention.end].split())
        if mention.value is None:
            notes.setdefault("dates", []).append(f"not proposed: {shown!r}: {mention.problem}")
            continue
        if mention.note:
            notes.setdefault("dates", []).append(mention.note)
        event = _event(build.text, sentence, mention)
        words = [w for w in re.findall(r"[\w-]+", event) if w.lower() not in FUNCTION_WORDS]
        ident = build.ids.claim(f"{mention.value}-{' '.join(words[:3])}")
        ids[mention.start] = ident
        value, precision, part, relation = _date_shape(build.text, mention)
        out.append(DateFact(
            id=ident, event=event, value=value, precision=precision, part=part, end=mention.last,
            relation=Relation.on if mention.last else relation,
            year_inferred=mention.year_inferred, inferred_from=mention.inferred_from, review="draft",
            cites=[build.cite(mention.sentence, mention.start, mention.end, 8, 6, 5)],
        ))
    return out, ids


_RELATIONS = {"since": Relation.since, "by": Relation.by, "until": Relation.until, "before": Relation.before,
              "after": Relation.after, "from": Relation.since}


def _date_shape(text: str, mention: DateMention) -> tuple[str, Precision, Part | None, Relation]:
    """A date mention in the model's terms: a season as '2022-summer', 'mid-2023' as part mid, 'since August
    2021' as an open period, 'by the end of the year' as a deadline."""
    value, precision = mention.value or "", mention.precision
    part = None
    shown = text[mention.start : mention.end]
    said = re.search(r"\b(early|mid|late)(?:-|\s+)(?=[A-Z\d])", shown, re.IGNORECASE)
    if said and not mention.part and precision is not Precision.day:
        part = Part(said.group(1).lower())  # "in mid-June", "late August"
    if mention.part in ("early", "mid", "late"):
        part = Part(mention.part)
    elif mention.part:
        value, precision = f"{value}-{'autumn' if mention.part == 'fall' else mention.part}", Precision.season
    first = text[mention.start : mention.end].split()[0].lower() if mention.end > mention.start else ""
    relation = Relation(mention.relation) if mention.relation else _RELATIONS.get(first, Relation.on)
    if relation is Relation.since and first == "from" and " to " in text[mention.end : mention.end + 4]:
        relation = Relation.on
    return value, precision, part, relation


def latest_date(dates: list[DateFact], today: date | None = None) -> date | None:
    """The end of the latest period the text dates with a stated year, up to `today`: a text is not
    current to a date it looks forward to ("a ceiling of EUR 7.9 billion until 2027")."""
    today = today or date.today()
    ends = []
    for fact in dates:
        if fact.year_inferred or fact.relation is not Relation.on:
            continue
        parts = [int(p) for p in fact.value.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        ends.append(date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]))
    return max((end for end in ends if end <= today), default=None)
