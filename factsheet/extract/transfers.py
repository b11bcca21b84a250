"""Transfers: supplier -> recipient, when a system, two actors and a verb of supply or purchase share a sentence.

"Norway and Britain would ... supply Ukraine with micro drones": the subject supplies (a supply verb);
"Russia is purchasing ... from North Korea": the subject receives (a purchase verb). Passive forms
("drones were sent to the Russian military") take the recipient from "to X" and the supplier from
"by X", "from X" or the system's stated origin. The status follows the verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.extract.actors import ActorFinding, ActorMention
from factsheet.extract.dates import DateMention
from factsheet.extract.lexicon import (
    AGREED_BEFORE,
    AGREED_FORMS,
    DELIVERED_FORMS,
    ENDED_NEAR,
    LICENCE_NEAR,
    PASSIVE_BEFORE,
    PLANNED_BEFORE,
    PLANNED_FORMS,
    QUANTITY,
    VERB,
)
from factsheet.extract.systems import SystemFinding, SystemMention
from factsheet.extract.text import Sentence
from factsheet.facts.model import ActorKind, Standing, TransferStatus

PARTY_KINDS = frozenset({ActorKind.state, ActorKind.government, ActorKind.military, ActorKind.organisation,
                         ActorKind.company})
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_SAYS = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?P<how>claims?|claimed|said|says|reported|reports|announced|"
                   r"announces|confirmed|confirms|stated|states|told|believes|warned|alleged|alleges|disclosed|"
                   r"revealed)\b")
_BODY = re.compile(r"\s+(?:military|armed forces|forces|army|navy|air force|government|troops|defen[cs]e ministry)\b")
_STATED = re.compile(r",[^,;]*\b(?:said|says|told|announced|stated|confirmed)\b[^,;]*$")
_NEW_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\b")
_BY_NOUN = re.compile(r"\b(?P<how>confirmation|statement|assessment|report|announcement|claim|disclosure)\s+"
                      r"(?:by|from)\s+(?:the\s+)?$")


_PAID_FOR = re.compile(r"\s+(?:about\s+|some\s+|more than\s+)?(?:[$\u20ac\u00a3]|US\$|[A-Z]{3}\s)\s?\d[^.;]*?"
                       r"\b(?:in (?:exchange|return) for|as payment for|to pay for)\b")


@dataclass
class TransferCandidate:
    """One proposed transfer of one system."""

    system: str
    suppliers: list[str]
    recipient: str
    status: TransferStatus
    span: tuple[int, int]
    sentence: int
    quantity: str | None = None
    when: DateMention | None = None
    according_to: tuple[str, str] | None = None
    extra: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, tuple[str, ...], str]:
        """What makes two candidates the same transfer: system, suppliers and recipient."""
        return self.system, tuple(sorted(self.suppliers)), self.recipient


def attribution(text: str, sentence: Sentence, actors: ActorFinding) -> tuple[str, str] | None:
    """Who the sentence attributes its content to, and how ('according to a statement', 'claims')."""
    here = actors.in_sentence(sentence.index)
    for match in _ACCORDING.finditer(text, sentence.start, sentence.end):
        stop = min([p for p in (text.find(",", match.end(), sentence.end), text.find(";", match.end(), sentence.end))
                    if p != -1] or [sentence.end])
        inside = [m for m in here if match.end() <= m.start < stop]
        if inside:
            how = " ".join(text[match.start() : inside[0].start].split())
            how = re.sub(r"\s+(?:from|by|of|the|at)(?:\s+the)?$", "", how)
            return inside[0].key, how
    for mention in here:
        says = _SAYS.match(text, mention.end, sentence.end)
        if says:
            return mention.key, says.group("how")
    for mention in here:
        by = _BY_NOUN.search(text, sentence.start, mention.start)
        if by and by.end() == mention.start:
            return mention.key, by.group("how")
    return None


_STANDINGS = (
    (Standing.denied, re.compile(r"\bden(?:y|ies|ied|ying)\b", re.IGNORECASE)),
    (Standing.disputed, re.compile(r"\b(?:disput(?:e|es|ed|ing)|contest(?:s|ed))\b", re.IGNORECASE)),
    (Standing.confirmed, re.compile(r"\bconfirm(?:s|ed|ing)?\b", re.IGNORECASE)),
    (Standing.claimed, re.compile(r"\b(?:claim(?:s|ed)?|alleg(?:e|es|ed|edly))\b", re.IGNORECASE)),
    (Standing.assessed, re.compile(r"\b(?:assess(?:es|ed|ment)?|believes?|estimates?)\b", re.IGNORECASE)),
    (Standing.reported, re.compile(r"\b(?:reported(?:ly)?|reports?|according to)\b", re.IGNORECASE)),
)


def standing(text: str, sentence: Sentence) -> Standing | None:
    """How the sentence holds what it says: denied, disputed, confirmed, claimed, assessed or reported; None
    when it states it as a fact."""
    words = text[sentence.start : sentence.end]
    return next((kind for kind, pattern in _STANDINGS if pattern.search(words)), None)


def _group(parties: list[ActorMention], anchor: ActorMention, text: str) -> list[ActorMention]:
    """`anchor` with the parties coordinated with it ("Norway and Britain"), in text order."""
    index = parties.index(anchor)
    group = [anchor]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(parties):
            a, b = sorted((parties[i], parties[i + step]), key=lambda m: m.start)
            if not re.fullmatch(r"\s*(?:,|,?\s+and|,?\s+&)\s+(?:the\s+)?", text[a.end : b.start]):
                break
            if re.match(r"\s*,\s+and\b", text[a.end : b.start]) and re.search(
                    r"\b(?:to|from|by|with|for|at|in)\s+(?:the\s+)?$", text[max(0, a.start - 12) : a.start]):
                break  # "... to Russia, and the United States sent ...": a new clause, not "Norway and Britain"
            i += step
            group.append(parties[i])
    return sorted(group, key=lambda m: m.start)


def _after(parties: list[ActorMention], text: str, start: int, stop: int, lead: str) -> ActorMention | None:
    """The first party after `start` (before `stop`) whose preceding text matches `lead`."""
    for mention in parties:
        if start <= mention.start < stop and re.search(lead + r"$", text[start : mention.start]):
            return mention
    return None


def _owner(parties: list[ActorMention], text: str, system: SystemMention) -> ActorMention | None:
    """The party named as the system's owner right before it: "Ukraine's Patriot batteries"."""
    return next((m for m in parties if re.fullmatch(r"(?:'|\u2019)s\s+", text[m.end : system.start])), None)


def _status(text: str, sentence: Sentence, verb: re.Match[str], seg: tuple[int, int]) -> TransferStatus:
    before = text[sentence.start : verb.start()]
    segment = text[seg[0] : seg[1]]
    form = " ".join(verb.group().split()).lower()
    if LICENCE_NEAR.search(segment):
        return TransferStatus.licensed
    if ENDED_NEAR.search(segment):
        return TransferStatus.ended
    if AGREED_BEFORE.search(before):
        return TransferStatus.agreed
    if PLANNED_BEFORE.search(before) or PLANNED_FORMS.match(form):
        return TransferStatus.planned
    if DELIVERED_FORMS.match(form):
        return TransferStatus.delivered
    if AGREED_FORMS.match(form):
        return TransferStatus.agreed
    return TransferStatus.reported


def find_transfers(text: str, sentences: list[Sentence], actors: ActorFinding, systems: SystemFinding,
                   dates: list[DateMention]) -> list[TransferCandidate]:
    """Every transfer the body sentences of `text` state, one per system, merged when repeated."""
    found: dict[tuple[str, tuple[str, ...], str], TransferCandidate] = {}
    system_mentions: dict[int, list[SystemMention]] = {}
    for system_mention in systems.mentions:
        system_mentions.setdefault(system_mention.sentence, []).append(system_mention)
    dates_in: dict[int, list[DateMention]] = {}
    for mention in dates:
        dates_in.setdefault(mention.sentence, []).append(mention)
    for sentence in (s for s in sentences if s.body):
        verbs = list(VERB.finditer(text, sentence.start, sentence.end))
        parties = [m for m in actors.in_sentence(sentence.index) if actors.actors[m.key].kind in PARTY_KINDS]
        here = system_mentions.get(sentence.index, [])
        if not verbs or not here or not parties:
            continue
        recipient: ActorMention | None = None
        for i, verb in enumerate(verbs):
            seg = (verbs[i - 1].end() if i else sentence.start, verbs[i + 1].start() if i + 1 < len(verbs) else
                   sentence.end)
            for candidate in _for_verb(text, sentence, verb, seg, parties, here, actors, systems, recipient):
                recipient = next(m for m in parties if m.key == candidate.recipient)
                candidate.when = _nearest_date(text, dates_in.get(sentence.index, []), sentence.index, verb)
                candidate.according_to = attribution(text, sentence, actors)
                if candidate.key in found:
                    first = found[candidate.key]
                    if len(first.extra) < 2 and candidate.sentence != first.sentence:
                        first.extra.append((*candidate.span, candidate.sentence))
                else:
                    found[candidate.key] = candidate
    return list(found.values())


def _nearest_date(text: str, dates: list[DateMention], sentence: int, verb: re.Match[str]) -> DateMention | None:
    """The date nearest the verb: before it in the sentence, or after it in the same clause."""
    here = [d for d in dates if d.sentence == sentence and d.value
            and (not _NEW_CLAUSE.search(text[d.end : verb.start()]) if d.end <= verb.start()
                 else not re.search(r"[,;]", text[verb.end() : d.start]) or _STATED.search(text[verb.end() : d.start]))]
    return min(here, key=lambda d: abs(d.start - verb.start())) if here else None


def _for_verb(text: str, sentence: Sentence, verb: re.Match[str], seg: tuple[int, int], parties: list[ActorMention],
              here: list[SystemMention], actors: ActorFinding, systems: SystemFinding,
              fallback: ActorMention | None = None) -> list[TransferCandidate]:
    """The transfers one verb states; `fallback` is the recipient of an earlier verb of the sentence
    ("Germany sent tanks to Ukraine, and Berlin has pledged IRIS-T")."""
    passive = not verb.group().endswith("ing") and bool(
        PASSIVE_BEFORE.search(text[sentence.start : verb.start()]) or re.match(r"\s+by\b", text[verb.end() :]))
    after = [m for m in here if verb.end() <= m.start < seg[1]]
    before = [m for m in here if seg[0] <= m.start < verb.start()]
    chosen = (before or after) if passive else after
    if not chosen:
        return []
    to = _after(parties, text, verb.end(), seg[1], r"\bto\s+(?:the\s+)?")
    by = _after(parties, text, verb.end(), seg[1], r"\bby\s+(?:the\s+)?")
    source = _after(parties, text, verb.end(), seg[1], r"\bfrom\s+(?:\w+\s+){0,3}")
    subject = next((m for m in reversed(parties) if m.end <= verb.start()
                    and not re.search(r"\bby\s+(?:the\s+)?$", text[sentence.start : m.start])), None)
    named: list[ActorMention] = []
    recipient: ActorMention | None = None
    if verb.group("supply"):
        if passive:
            recipient = to or _owner(parties, text, chosen[0])
            named = _group(parties, by, text) if by else [source] if source else []
        else:
            named = _group(parties, subject, text) if subject else []
            recipient = to or _after(parties, text, verb.end(), seg[1], r"^\s+(?:the\s+)?")
            if named and recipient and _PAID_FOR.match(text, verb.end(), seg[1]):
                # "Russia delivered $140 million to Iran in exchange for drones": the drones go the other way
                named, recipient = [recipient], named[0]
    else:
        recipient = by if passive else subject
        named = [source] if source else []
    quoted = [m for m in [*named, recipient] if m is not None]
    recipient = recipient or fallback
    suppliers = list(dict.fromkeys(m.key for m in named))
    if recipient is None:
        return []
    out = []
    for mention in chosen:
        for key in mention.keys:
            origin = mention.origin or (None if mention.generic else systems.systems[key].origin)
            who = suppliers or ([origin] if origin and origin in actors.actors else [])
            if not who or recipient.key in who:
                continue
            involved = [verb.start(), verb.end(), mention.start, mention.end]
            for party in quoted:
                body = _BODY.match(text, party.end, sentence.end)
                involved += [party.start, body.end() if body else party.end]
            quantity = QUANTITY.search(text[sentence.start : mention.start])
            out.append(TransferCandidate(
                key, who, recipient.key, _status(text, sentence, verb, seg), (min(involved), max(involved)),
                sentence.index, quantity=quantity.group("q") if quantity else None))
    return out
