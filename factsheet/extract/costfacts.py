"""From money mentions to cost facts: what each amount pays for (a package, transfer or system), or what
its words say it is (a total, a tranche, a fund contribution, a rate)."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from factsheet.extract.actors import ActorFinding
from factsheet.extract.assemble import Builder, attributed
from factsheet.extract.money import MoneyMention
from factsheet.extract.systems import SystemFinding, SystemMention
from factsheet.extract.text import FUNCTION_WORDS, Sentence, slug
from factsheet.extract.transfers import TransferCandidate, attribution, standing
from factsheet.facts.amounts import CostKind
from factsheet.facts.model import Cost, Money

_ANAPHOR = re.compile(
    r"(?:They|It|These|This|Those|Each|The\s+(?:\w+\s+){0,2}(?:deal|contract|order|package|purchase|sale|missiles|"
    r"drones|systems|weapons|tanks|rounds|shells|aircraft|vehicles|batch|delivery|deliveries|UAVs|launchers))\b"
)


def _pays_for(money: MoneyMention, build: Builder, systems: SystemFinding, transfers: list[TransferCandidate],
              transfer_ids: dict[int, str], system_ids: dict[str, str]) -> tuple[str | None, str]:
    """The transfer or system `money` pays for: the nearest system in its sentence, or, when the sentence
    opens by referring back ("They are expected to cost ..."), in the two sentences before it."""
    body = [s.index for s in build.sentences[max(0, money.sentence - 12) : money.sentence + 1] if s.body][-3:]
    if not _ANAPHOR.match(build.sentences[money.sentence].text):
        body = body[-1:]
    for index in reversed(body):
        here = [m for m in systems.mentions[_first_at(systems.mentions, index):] if m.sentence == index] \
            if systems.mentions else []
        if not here:
            continue
        if index == money.sentence:
            nearest = min(here, key=lambda m: min(abs(m.start - money.start), abs(m.end - money.start)))
        else:
            nearest = here[-1]
        key = nearest.keys[0]
        for t_index, candidate in enumerate(transfers):
            if candidate.system == key and body[0] <= candidate.sentence <= money.sentence:
                return transfer_ids[t_index], system_ids[key]
        return system_ids[key], system_ids[key]
    return None, ""


_WHAT_AFTER = re.compile(
    r"\s*(?:(?:in|of|for|worth of|under)\b|to (?=an?\s|the\s))\s*(?P<what>[^,.;:()\u2014]{3,90})")


_WHAT_NOUN = re.compile(
    r"\s+(?P<what>(?:[\w-]+\s+){0,2}(?:package|commitment|tranche|drawdown|contract|deal|fund|loan|grant|contribution|"
    r"investment|order|sale|aid|budget|price tag|funding|pledge|purchase)s?)\b")


_WHAT_TOTAL = re.compile(r"\b(?P<what>total\s+[^,;$\u20ac\u00a3]{3,70}?)\s+(?:to|at|of)\s+(?:[a-z]+\s+){0,3}$")


_WHAT_BEFORE = re.compile(r"(?P<what>[^,.;:()\u2014]{3,90}?)\s+(?:valued at|worth|of|totall?ing|amounting to|at)"
                          r"(?:\s+(?:up to|about|approximately|around|nearly|more than|over|some))?\s*$")


_WHAT_STOP = re.compile(r"\s+(?:to|that|which|who|since|from|as|and|but|will|would|is|are|was|were|has|have)\b.*$")


def _what(text: str, sentence: Sentence, money: MoneyMention) -> str:
    """What an amount is: its phrase, and for a short one the period it covers ('total since the start of ...')."""
    what = _what_phrase(text, sentence, money)
    since = re.match(r"\s+((?:since|to date|so far)\b[^,.;:()]{0,60})", text[money.end : sentence.end])
    if since and len(what.split()) < 3:
        return f"{what} {since.group(1).strip()}" if what != _NO_WHAT else since.group(1).strip()
    return what


_NO_WHAT = "an amount the source states"


def _what_phrase(text: str, sentence: Sentence, money: MoneyMention) -> str:
    """What an amount is, in the source's words: the phrase after it ('in security assistance for Ukraine')
    or before it ('a drawdown ... valued at'); the reviewer can tighten it."""
    total = _WHAT_TOTAL.search(text, sentence.start, money.start)
    if total:
        return " ".join(total.group("what").split())
    noun = _WHAT_NOUN.match(text, money.end, sentence.end)
    if noun and not re.match(r"(?:in|of|for|to|under|and|or)\b", noun.group("what")):
        return " ".join(noun.group("what").split())
    after = _WHAT_AFTER.match(text, money.end, sentence.end)
    if after:
        words = _WHAT_STOP.sub("", after.group("what")).split()
        if words:
            return " ".join(words[:10])
    before = _WHAT_BEFORE.search(text, sentence.start, money.start)
    if before:
        words = before.group("what").split()
        while words and words[0].lower() in FUNCTION_WORDS | {"including", "includes", "included"}:
            words.pop(0)
        if words:
            return " ".join(words[-8:])
    return _NO_WHAT


_SENTENCES_OF: list[tuple[list[SystemMention], list[int]]] = []


def _first_at(mentions: list[SystemMention], sentence: int) -> int:
    """Index of the first mention in or after `sentence` (mentions are in text order)."""
    if not _SENTENCES_OF or _SENTENCES_OF[0][0] is not mentions or len(_SENTENCES_OF[0][1]) != len(mentions):
        _SENTENCES_OF[:] = [(mentions, [m.sentence for m in mentions])]
    return bisect.bisect_left(_SENTENCES_OF[0][1], sentence)


def costs_of(build: Builder, money: list[MoneyMention], systems: SystemFinding, transfers: list[TransferCandidate],
           transfer_ids: dict[int, str], system_ids: dict[str, str], actors: ActorFinding,
           actor_ids: dict[str, str], notes: dict[str, list[str]],
           package_of: dict[int, str] | None = None) -> list[Cost]:
    """Every amount of money as a cost: paying for a package, transfer or system when the text says which,
    else standing for what its words say (a total, a tranche, a fund contribution, a rate)."""
    out: list[Cost] = []
    restated: dict[tuple[str, Decimal, str], int] = {}
    for mention in money:
        sentence = build.sentences[mention.sentence]
        pays_for, system_id = None, ""
        if mention.kind not in (CostKind.cumulative, CostKind.rate):
            pays_for, system_id = _pays_for(mention, build, systems, transfers, transfer_ids, system_ids)
            if pays_for is not None and pays_for not in transfer_ids.values() and mention.start in (package_of or {}):
                pays_for, system_id = None, ""  # a system named near a package's value: the package it is
        if pays_for is None:
            pays_for = (package_of or {}).get(mention.start)
        cite = build.cite(mention.sentence, mention.start, mention.end, 5, 3)
        again = restated.get((pays_for or "", mention.amount, mention.currency)) if pays_for else None
        if again is not None:  # the package's value stated again: one cost, quoted twice
            out[again] = out[again].model_copy(update={"cites": [*out[again].cites, cite]})
            continue
        if pays_for:
            restated[(pays_for, mention.amount, mention.currency)] = len(out)
        what = None if pays_for else _what(build.text, sentence, mention)
        said_by = attributed(attribution(build.text, sentence, actors), actor_ids)
        conversion = Money(amount=mention.conversion[0], currency=mention.conversion[1]) \
            if mention.conversion else None
        base = system_id or pays_for or slug(what or "amount", 30)
        out.append(Cost(
            id=build.ids.claim(f"{base}-{'cost' if system_id else 'amount'}"), amount=mention.amount,
            currency=mention.currency, bound=mention.bound, kind=mention.kind, per=mention.per,
            conversion=conversion, pays_for=pays_for, what=what, expected=mention.expected,
            according_to=said_by, standing=standing(build.text, sentence) if said_by else None,
            review="draft", cites=[cite],
        ))
    return out
