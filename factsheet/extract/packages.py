"""Packages and their items: aid packages, drawdowns, tranches, funds, contracts, with what they list.

A package is named where an amount and a package noun share a clause ("$725 million drawdown",
"a fourth tranche will add €500 million", "$770 million in ... USAI funds"), or where a list is
introduced ("The new $800 million assistance package includes:", "Included in this package are:").
Its items come from the list lines that follow such an introduction (each line may hold several
items: "2,000 Javelin, 1,000 light anti-armor weapons, and 6,000 AT-4 anti-armor systems;") or from
an inline enumeration after "include(s)", "including" or "with more". Each item is a phrase with a
quantity ("Up to 150,000 rounds of 155mm artillery ammunition" -> up to 150,000 rounds of
"155mm artillery ammunition") and, where it names one, a known system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from factsheet.extract.money import MoneyMention
from factsheet.extract.text import FUNCTION_WORDS, Sentence
from factsheet.facts.amounts import Bound, CostKind, Quantity
from factsheet.facts.model import PackageKind

_KINDS = {
    "package": PackageKind.aid_package, "drawdown": PackageKind.drawdown, "tranche": PackageKind.tranche,
    "fund": PackageKind.fund, "funds": PackageKind.fund, "contract": PackageKind.contract, "deal": PackageKind.sale,
    "sale": PackageKind.sale, "loan": PackageKind.loan, "grant": PackageKind.contribution,
    "contribution": PackageKind.contribution, "programme": PackageKind.programme, "program": PackageKind.programme,
    "shipment": PackageKind.aid_package, "measure": PackageKind.aid_package, "measures": PackageKind.aid_package,
    "assistance": PackageKind.aid_package, "aid": PackageKind.aid_package,
}
NOUN = re.compile(
    r"\b(?P<noun>packages?|drawdowns?|tranches?|funds?|contracts?|deal|sale|loan|grant|contribution|programme|"
    r"program|shipments?|assistance measures?|(?:security|military) assistance|military aid)\b", re.IGNORECASE)
_INTRO = re.compile(r"\b(?:includes?|included|including|are|comprises?|consists? of|contains?|following)\b[^:]*:\s*$|"
                    r"\b(?:includes?|included in [^:]*? (?:is|are)|comprises?)\s*:", re.IGNORECASE)
_INLINE = re.compile(r"\b(?:includes?|included|including|would include|will include|comprises?|such as|"
                     r"with\s+(?:more|additional|further))\s+(?:funding for\s+)?", re.IGNORECASE)
_NOT_ITEMS = re.compile(r"[$\u20ac\u00a3]|\b(?:authori[sz]ation|drawdown|package|tranche|assistance|"
                        r"aid|funds?|funding|support|needs|solidarity|commitment)\b", re.IGNORECASE)
_VERB_START = re.compile(r"^(?:designed|intended|used|to|which|that|who|so|because|valued|worth)\b", re.IGNORECASE)
_ORDINAL = re.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+-(?:first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth)|eleventh|twelfth|\w+teenth|\w+tieth|\d+(?:st|nd|rd|th))\s+(?:such\s+)?"
    r"(?P<noun>drawdown|tranche|package)\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50, "hundred": 100,
}
_BOUNDS = (("up to", Bound.up_to), ("more than", Bound.more_than), ("over", Bound.more_than),
           ("at least", Bound.at_least), ("approximately", Bound.about), ("about", Bound.about),
           ("around", Bound.about), ("some", Bound.about), ("nearly", Bound.nearly), ("almost", Bound.nearly))
_QUANTITY = re.compile(
    r"^(?P<bound>up to|more than|over|at least|approximately|about|around|some|nearly|almost)?\s*"
    r"(?P<n>\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion))?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty|fifty|hundreds|thousands|millions|tens of thousands|dozens)\s+"
    r"(?:(?:more|additional|new|further)\s+)?(?:(?P<unit>rounds|sets|pieces|units|batteries|kits|pairs|tons|tonnes)"
    r"\s+of\s+)?(?P<what>.+)$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|or|as well as|including|plus|also|additional|more|new|further|critical|other|the|"
                   r"their|its|our)\s+", re.IGNORECASE)
_CUT = re.compile(r"\s+(?:that|which|who|to help|to support|to defend|to counter|designed|intended|needed|"
                  r"essential|so that|because)\b.*$|\s+from\s+.*\b(?:inventor|stock|stockpile)\w*.*$|"
                  r"\s+[A-Z][\w-]*['\u2019]s\b.*$|\s+(?:on|at) the battlefield.*$")
_ADJECTIVE = re.compile(r"(?:al|ive|ous|ic|ed|ent|ant|ary|-range|-term|light|heavy)$")
_VAGUE = frozenset({"equipment", "capabilities", "capability", "support", "assistance", "weapons", "arms", "items",
                    "supplies", "materiel", "aid", "more", "other", "things", "systems", "gear", "tools"})


@dataclass
class ItemFinding:
    """One item of a package list: its words, its quantity and where it stands."""

    what: str
    start: int
    end: int
    sentence: int
    quantity: Quantity | None = None
    note: str | None = None


@dataclass
class PackageFinding:
    """A package the text names, with its value and items."""

    name: str
    kind: PackageKind
    sentence: int
    span: tuple[int, int]
    value: MoneyMention | None = None
    items: list[ItemFinding] = field(default_factory=list)
    restated: list[MoneyMention] = field(default_factory=list)
    """Later mentions of its value ('The new $800 million package includes:')."""


def _number(word: str) -> Decimal | None:
    word = word.lower().replace(",", "")
    scale = 1
    for name, factor in (("thousand", 10**3), ("million", 10**6), ("billion", 10**9)):
        if word.endswith(" " + name):
            word, scale = word[: -len(name) - 1], factor
    if word.replace(".", "", 1).isdigit():
        return Decimal(word) * scale
    return Decimal(_NUMBER_WORDS[word]) * scale if word in _NUMBER_WORDS else None


def parse_item(words: str) -> tuple[str, Quantity | None]:
    """An item phrase as (what, quantity): 'Up to 150,000 rounds of 155mm artillery ammunition' ->
    ('155mm artillery ammunition', up to 150,000 rounds)."""
    found = _QUANTITY.match(words)
    if found is None:
        return words, None
    value = _number(found.group("n"))
    bound = next((b for phrase, b in _BOUNDS if (found.group("bound") or "").lower() == phrase), Bound.exact)
    stated = words[: found.start("what")].strip()
    stated = re.sub(r"\s+(?:more|additional|new|further)$", "", stated)
    if value is None:
        magnitude = {"hundreds": 2, "thousands": 3, "millions": 6, "tens of thousands": 4, "dozens": 1}.get(
            found.group("n").lower())
        return found.group("what"), Quantity(stated=stated, magnitude=magnitude)
    return found.group("what"), Quantity(value=value, bound=bound, unit=found.group("unit"), stated=stated)


def _split(text: str) -> list[tuple[int, int]]:
    """Offsets of the parts of an enumeration: commas and ';' outside parentheses, then 'and' / 'as well as'
    between whole phrases ('conventional and long-range rockets' stays one part)."""
    parts: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;" and not (ch == "," and text[i - 1 : i].isdigit()
                                                 and text[i + 1 : i + 2].isdigit()):
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in parts:
        cut = _CUT.search(text, start, end)
        end = cut.start() if cut else end
        lead = re.match(r"\s*(?:and|as well as)\s+", text[start:end])
        start += lead.end() if lead else 0
        pieces: list[tuple[int, int]] = []
        at = start
        for sep in re.finditer(r"\s+(?:and|as well as)\s+", text[start:end]):
            pieces.append((at, start + sep.start()))
            at = start + sep.end()
        pieces.append((at, end))
        merged: list[tuple[int, int]] = []
        for piece in pieces:
            left = text[merged[-1][0] : merged[-1][1]].strip() if merged else ""
            if merged and len(left.split()) == 1 and _ADJECTIVE.search(left):
                merged[-1] = (merged[-1][0], piece[1])  # "conventional and long-range rockets"
            else:
                merged.append(piece)
        out += merged
    return out


def items_in(text: str, start: int, end: int, sentence: int) -> list[ItemFinding]:
    """The items an enumeration (or one list line) at `text[start:end]` names."""
    out: list[ItemFinding] = []
    chunk = text[start:end]
    for a, b in _split(chunk):
        raw = chunk[a:b]
        if raw.strip().lower().startswith("or "):
            continue  # an appositive alias: "18 more HIMARS, or HIMARS,"
        lead = len(raw) - len(raw.lstrip())
        words = raw.strip().rstrip(".;:")
        words = re.sub(r"\s+and$", "", words)
        while True:
            stripped = _LEAD.sub("", words)
            if stripped == words:
                break
            lead += len(words) - len(stripped)
            words = stripped
        words = _CUT.sub("", words)
        if words.lower().startswith("or ") or _VERB_START.match(words) or _NOT_ITEMS.search(words):
            continue  # an appositive alias ("18 more HIMARS, or HIMARS,"), a clause, money or the package itself
        what, quantity = parse_item(words)
        what = _LEAD.sub("", _CUT.sub("", what)).strip(" .;:")
        if not what or what.lower() in _VAGUE | FUNCTION_WORDS or len(what.split()) > 9 \
                or not re.search(r"[A-Za-z]{3}", what):
            continue
        if re.match(r"(?:and\s+)?(?:their|its)\s", raw.strip(), re.IGNORECASE) and out:
            out[-1].note = f"and {what}"  # "18 HIMARS and their ammunition"
            continue
        item_start = start + a + lead
        out.append(ItemFinding(what, item_start, item_start + len(words), sentence, quantity))
    return out


def find_packages(text: str, sentences: list[Sentence], money: list[MoneyMention]) -> list[PackageFinding]:
    """Every package the text names, each with its value and the items it lists."""
    found: list[PackageFinding] = []
    body = [s for s in sentences if s.body]
    money_in: dict[int, list[MoneyMention]] = {}
    for mention in money:
        money_in.setdefault(mention.sentence, []).append(mention)
    listing: PackageFinding | None = None
    for position, sentence in enumerate(body):
        if sentence.kind == "item":
            if listing is not None:
                listing.items += items_in(text, sentence.start, sentence.end, sentence.index)
            continue
        listing = None
        here = _valued(text, sentence, money_in.get(sentence.index, []), found)
        intro = _INTRO.search(sentence.text)
        inline = None if intro and sentence.text.rstrip().endswith(":") else _INLINE.search(text, sentence.start,
                                                                                              sentence.end)
        colon = sentence.text.find(":")
        if inline is not None and not (here or NOUN.search(sentence.text) or re.match(
                r"(?:it|they|these|this)\s", sentence.text[: inline.start() - sentence.start].split(",")[-1].strip()
                + " ", re.IGNORECASE)):
            inline = None  # "including" in a sentence about something other than a package
        if intro or inline or (colon > 0 and NOUN.search(sentence.text[:colon])):
            trigger = inline.start() if inline else sentence.start + intro.start() if intro else \
                sentence.start + (colon if colon > 0 else len(sentence.text))
            refers = re.search(r"\b(?:this|the|these|that)\s+(?:new\s+)?(?:package|drawdown|tranche|shipment)s?\b",
                               sentence.text, re.IGNORECASE)
            target = here[-1] if here else (found[-1] if refers and found else None) or _recent(
                found, body, position) or _unnamed(text, sentence, found, trigger, body[position - 1]
                                                   if position else None)
            if target is None:
                continue
            if intro and sentence.text.rstrip().endswith(":"):
                listing = target
            elif colon > 0 and colon < len(sentence.text) - 1 and (intro or NOUN.search(sentence.text[:colon])):
                target.items += items_in(text, sentence.start + colon + 1, sentence.end, sentence.index)
            elif inline is not None:
                triggers = list(_INLINE.finditer(text, sentence.start, sentence.end))
                for i, found_trigger in enumerate(triggers):
                    stop = triggers[i + 1].start() if i + 1 < len(triggers) else sentence.end
                    target.items += items_in(text, found_trigger.end(), stop, sentence.index)
    return found


def _nouns(text: str, sentence: Sentence) -> list[re.Match[str]]:
    """Package nouns of a sentence, leaving out those inside a proper name ('Security Assistance Initiative')."""
    out = []
    for noun in NOUN.finditer(text, sentence.start, sentence.end):
        if noun.group()[0].isupper() and re.match(r"\s+[A-Z]", text[noun.end() : noun.end() + 3]):
            continue
        out.append(noun)
    return out


def _valued(text: str, sentence: Sentence, money: list[MoneyMention], found: list[PackageFinding]
            ) -> list[PackageFinding]:
    """Packages named with an amount in this sentence ('This $725 million drawdown', '$770 million in USAI funds');
    each package noun goes with its nearest amount only."""
    nouns = _nouns(text, sentence)
    pairs: dict[int, tuple[int, MoneyMention, re.Match[str]]] = {}
    for mention in money:
        if mention.kind in (CostKind.cumulative, CostKind.rate, CostKind.per_unit) or not nouns:
            continue
        others = [m for m in money if m is not mention]
        reachable = [n for n in nouns if not any(min(n.start(), mention.start) < o.start < max(n.end(), mention.end)
                                                 for o in others)]
        if not reachable:
            continue
        noun = min(reachable, key=lambda n: min(abs(n.start() - mention.end), abs(mention.start - n.end())))
        distance = min(abs(noun.start() - mention.end), abs(mention.start - noun.end()))
        if noun.start() not in pairs or distance < pairs[noun.start()][0]:
            pairs[noun.start()] = (distance, mention, noun)
    out = []
    for _, mention, noun in sorted(pairs.values(), key=lambda item: item[1].start):
        same = next((p for p in found if p.value is not None and (p.value.amount, p.value.currency)
                     == (mention.amount, mention.currency) and p.value.kind == mention.kind), None)
        if same is not None:  # "an additional $800 million ..." then "The new $800 million package includes:"
            same.restated.append(mention)
            out.append(same)
            continue
        word = noun.group("noun").lower().split()[-1]
        word = word if word in _KINDS else word.removesuffix("s")
        kind = _KINDS.get(word, PackageKind.aid_package)
        ordinal = next((o for o in _ORDINAL.finditer(text, sentence.start, sentence.end)
                        if o.start("noun") == noun.start()), None)
        shown = " ".join(text[mention.start : mention.end].split()).split(" (")[0]
        shown = re.sub(r"^(?:up to|about|approximately|around|nearly|more than|over|some|at least|as much as|"
                       r"almost|roughly)\s+", "", shown, flags=re.I)
        phrase = _noun_phrase(text, noun, sentence)
        name = f"{ordinal.group('ord').capitalize()} {ordinal.group('noun').lower()} ({shown})" if ordinal \
            else f"{phrase} ({shown})" if phrase else f"{shown} {noun.group('noun').lower()}"
        if ordinal and word == "drawdown":
            kind = PackageKind.drawdown
        package = PackageFinding(name, kind, sentence.index, (min(mention.start, noun.start()),
                                                              max(mention.end, noun.end())), mention)
        found.append(package)
        out.append(package)
    return out


_SKIP_MODIFIER = re.compile(r"^(?:a|an|the|this|that|these|its|their|our|new|additional|latest|further|another|"
                            r"million|billion|bn|m|worth|of|in|to|for|with|and|valued|at|up|more|than)$|[$\u20ac\u00a3\d]",
                            re.IGNORECASE)


def _noun_phrase(text: str, noun: re.Match[str], sentence: Sentence) -> str | None:
    """The package's own name around its noun: 'international fund for Ukraine', 'assistance package'."""
    before = re.search(r"((?:[\w'\u2019-]+\s+){0,3})$", text[sentence.start : noun.start()])
    mods = (before.group(1) if before else "").split()
    while mods and _SKIP_MODIFIER.search(mods[0]):
        mods.pop(0)
    if any(_SKIP_MODIFIER.search(m) for m in mods):
        mods = mods[max(i for i, m in enumerate(mods) if _SKIP_MODIFIER.search(m)) + 1 :]
    after = re.match(r"\s+(?:for|to)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", text[noun.end() : sentence.end])
    if not mods and not after:
        return None
    phrase = " ".join([*mods, noun.group("noun")]) + (after.group() if after else "")
    return phrase[0].upper() + phrase[1:]


def _recent(found: list[PackageFinding], body: list[Sentence], position: int) -> PackageFinding | None:
    """The package named in the last three sentences ('Included in this package are:')."""
    recent = {s.index for s in body[max(0, position - 3) : position + 1]}
    return next((p for p in reversed(found) if p.sentence in recent), None)


def _unnamed(text: str, sentence: Sentence, found: list[PackageFinding], trigger: int,
             previous: Sentence | None) -> PackageFinding | None:
    """A package a list introduces without an amount: 'previous United States assistance committed to Ukraine
    includes:'; 'These packages include' takes its name from the sentence before ('new security assistance
    packages')."""
    head = text[sentence.start : trigger]
    head = head.rsplit(",", 1)[-1] if "," in head else head
    words = head.strip(" :").split()
    if not words or not re.search(r"\b(?:assistance|aid|support|packages?|shipments?|drawdowns?|tranches?)\b", head,
                                  re.I):
        return None
    name = " ".join(words[-8:])
    inside = [n for n in _nouns(text, sentence) if n.end() <= trigger]
    phrase = _noun_phrase(text, inside[-1], sentence) if inside else None
    if phrase and len(words) > 2:
        name = phrase
    elif len(words) <= 2 and previous is not None:
        earlier = _nouns(text, previous)
        phrase = _noun_phrase(text, earlier[0], previous) if earlier else None
        name = phrase or name
    package = PackageFinding(name[0].upper() + name[1:], PackageKind.aid_package, sentence.index,
                             (sentence.start, sentence.end))
    found.append(package)
    return package
