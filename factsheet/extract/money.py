"""Amounts of money: "90 million Norwegian crowns ($9.26 million)", "EUR 500 million", "£1.2bn", "up to ...".

Currency comes from a symbol, an ISO 4217 code or a currency word (with its country adjective when
the word alone is ambiguous). A stated conversion in parentheses right after an amount is kept with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from factsheet.extract.text import Sentence
from factsheet.facts.amounts import CostKind, Period
from factsheet.facts.currencies import ISO_4217
from factsheet.facts.model import Bound

SYMBOLS = {
    "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
    "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH", "₩": "KRW",
    "₪": "ILS", "₺": "TRY", "CHF": "CHF",
}
WORDS = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD", "new zealand dollars": "NZD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "taiwan dollars": "TWD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "sterling": "GBP",
    "british pounds": "GBP", "norwegian crowns": "NOK", "norwegian kroner": "NOK", "norwegian krone": "NOK",
    "kroner": "NOK", "swedish crowns": "SEK", "swedish kronor": "SEK", "kronor": "SEK",
    "danish crowns": "DKK", "danish kroner": "DKK", "czech crowns": "CZK", "czech koruna": "CZK",
    "icelandic kronur": "ISK", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "chinese yuan": "CNY", "roubles": "RUB", "rubles": "RUB", "russian roubles": "RUB", "russian rubles": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH", "hryvnyas": "UAH", "zlotys": "PLN", "zloty": "PLN", "polish zlotys": "PLN",
    "swiss francs": "CHF", "indian rupees": "INR", "rupees": "INR", "pakistani rupees": "PKR",
    "south korean won": "KRW", "won": "KRW", "shekels": "ILS", "israeli shekels": "ILS", "new shekels": "ILS",
    "turkish lira": "TRY", "lira": "TRY", "liras": "TRY", "iranian rials": "IRR", "rials": "IRR",
    "saudi riyals": "SAR", "riyals": "SAR", "dirhams": "AED", "uae dirhams": "AED", "rand": "ZAR",
    "forints": "HUF", "forint": "HUF", "lei": "RON", "leva": "BGN",
    "crowns": "crowns", "krone": "crowns", "koruna": "CZK",
}
# Which crown a bare "crowns" means, by the country the text is about.
CROWNS = (("NOK", r"Norw"), ("SEK", r"Swed"), ("DKK", r"Den(?:mark|ish)|Danes"), ("CZK", r"Czech"),
          ("ISK", r"Iceland"))
SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "crore": 10**7, "lakh": 10**5,
    "mrd": 10**9, "mrd.": 10**9, "milliard": 10**9, "milliards": 10**9, "bln": 10**9, "mio": 10**6, "mio.": 10**6,
}
_NOT_CODES = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "SOS", "MAD", "PEN", "WST", "GEL", "NAD", "CHE", "CHW"})
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_WORD = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORDS, key=len, reverse=True))
_WORD_NUMBER = (r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                r"fifty|sixty|seventy|eighty|ninety|a hundred|one hundred|hundred)(?=\s+(?:thousand|million|billion))")
_NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?=\s+(?:thousand|million|billion|Mrd|Mio|mln|bln))|\d+(?:\.\d+)?|"
           + _WORD_NUMBER)
_SCALE = (r"(?:\s+(?:thousand|million|billion|trillion|crore|lakh|milliards?)|\s+(?:Mrd|Mio)\.?|\s?(?:mn|mln|bln|bn|tn)"
          r"|(?:m|b|k))(?![\w])")
_AMOUNT = (
    rf"(?:(?P<sym>{_SYMBOL})\s?(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?"
    rf"|\b(?P<code>[A-Z]{{3}})\s?(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?"
    rf"|(?<![\w.,])(?P<n3>{_NUMBER})(?P<s3>{_SCALE})?\s+(?:(?P<word>(?i:{_WORD}))|(?P<code2>[A-Z]{{3}}))(?!\w))"
)
AMOUNT = re.compile(_AMOUNT)
_CONVERSION = re.compile(r"\s*\((?:about|around|approximately|roughly|some|or|~|c\.)?\s*(?P<inner>[^()]{2,40})\)")
BOUNDS = [
    (re.compile(r"\b(?:up to|as much as|no more than|at most|a maximum of)\s+$", re.I), Bound.up_to),
    (re.compile(r"\b(?:more than|over|in excess of|upwards of)\s+$", re.I), Bound.more_than),
    (re.compile(r"\b(?:at least|a minimum of)\s+$", re.I), Bound.at_least),
    (re.compile(r"\b(?:nearly|almost)\s+$", re.I), Bound.nearly),
    (re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated|estimated at|"
                r"close to|an? (?:approximate|estimated))\s+$", re.I), Bound.about),
]
_BOUND_WORDS = re.compile(r"\b(?:up to|as much as|no more than|at most|a maximum of|at least|more than|over|"
                          r"in excess of|upwards of|a minimum of|about|around|approximately|roughly|some|nearly|almost|"
                          r"an estimated|estimated at|close to)\s+$", re.I)
_EXPECTED = re.compile(r"\b(?:expected|expects?|estimated|projected|budgeted|will cost|would cost|is to cost|"
                       r"are to cost|planned|forecast)\b", re.I)


@dataclass
class MoneyMention:
    """An amount of money in the text, with its bound and any stated conversion."""

    start: int
    end: int
    sentence: int
    amount: Decimal
    currency: str
    bound: Bound
    expected: bool
    conversion: tuple[Decimal, str] | None = None
    kind: CostKind = CostKind.total
    per: Period | None = None


def _number(number: str) -> Decimal:
    """A number as written: '1,200', '7,5' (a decimal comma before a scale word), '4.5', or a word ('one')."""
    if number[0].isdigit():
        if re.fullmatch(r"\d+,\d{1,2}", number):
            return Decimal(number.replace(",", "."))
        return Decimal(number.replace(",", ""))
    # number-parser reads number words ('twenty five', 'one'); 'a'/'an' and 'hundred' are ours
    words = number.lower()
    if words in ("a", "an"):
        return Decimal(1)
    if words.endswith("hundred"):
        return Decimal(100)
    from number_parser import parse_number

    found = parse_number(words)
    return Decimal(int(found)) if found is not None else Decimal(0)


def _value(number: str, scale: str | None) -> Decimal:
    amount = _number(number)
    if scale:
        amount *= SCALES[scale.strip().lower()]
    return Decimal(format(amount.normalize(), "f"))


def parse_amount(match: re.Match[str]) -> tuple[Decimal, str] | None:
    """The amount and ISO 4217 currency of an AMOUNT match, or None if the currency is not one."""
    group = match.group
    if group("sym"):
        return _value(group("n1"), group("s1")), SYMBOLS[group("sym")]
    if group("code"):
        code = group("code")
        return (_value(group("n2"), group("s2")), code) if code in ISO_4217 and code not in _NOT_CODES else None
    if group("word"):
        return _value(group("n3"), group("s3")), WORDS[" ".join(group("word").lower().split())]
    code = group("code2")
    return (_value(group("n3"), group("s3")), code) if code in ISO_4217 and code not in _NOT_CODES else None


def find_money(text: str, sentences: list[Sentence]) -> list[MoneyMention]:
    """Every amount of money in the body of `text`; a conversion in parentheses joins the amount before it."""
    out: list[MoneyMention] = []
    for sentence in sentences:
        if not sentence.body:
            continue
        position = sentence.start
        while True:
            match = AMOUNT.search(text, position, sentence.end)
            if match is None:
                break
            position = match.end()
            parsed = parse_amount(match)
            if parsed is not None and parsed[1] == "crowns":
                parsed = _crowns(text, parsed[0])
            if parsed is None or parsed[0] <= 0:
                continue
            start, end = match.start(), match.end()
            head = text[sentence.start : start]
            bound = next((b for pattern, b in BOUNDS if pattern.search(head)), Bound.exact)
            words = _BOUND_WORDS.search(head)
            if words and bound != Bound.exact:
                start = sentence.start + words.start()
            conversion = None
            paren = _CONVERSION.match(text, end, sentence.end)
            if paren:
                inner = AMOUNT.fullmatch(paren.group("inner").strip())
                converted = parse_amount(inner) if inner else None
                if converted is not None and converted[1] != parsed[1]:
                    conversion = converted
                    end = position = paren.end()
            expected = bool(_EXPECTED.search(head))
            kind, per = kind_of(text, sentence, match.start(), end)
            out.append(MoneyMention(start, end, sentence.index, parsed[0], parsed[1], bound, expected, conversion,
                                    kind, per))
    return out


def _crowns(text: str, amount: Decimal) -> tuple[Decimal, str] | None:
    """'1 billion crowns': the crown of the one crown country the text names, else not an amount we can read."""
    found = [code for code, pattern in CROWNS if re.search(pattern, text)]
    return (amount, found[0]) if len(found) == 1 else None


# A running total: "bringing the total ... to $X", "Since 2014, ... $X", "$X since the beginning of ...".
_TOTAL_BEFORE = re.compile(
    r"\b(?:total|cumulative|overall|price tag|since (?:19|20)\d\d|since the (?:beginning|start))\b", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^[^,;]*?\b(?:in total|to date|so far|altogether|all told|since (?:the (?:beginning|start)|"
                          r"(?:19|20)\d\d|[A-Z][a-z]+ (?:19|20)\d\d))\b", re.IGNORECASE)


def _previous_amount_end(text: str, start: int, stop: int) -> int:
    """Where the words that belong to an amount at `stop` begin: after the previous amount in the sentence."""
    last = start
    for match in AMOUNT.finditer(text, start, stop):
        if match.end() <= stop:
            last = match.end()
    return last
_RATE = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:(?:per|a|each|every)\s+(?P<per>year|annum|quarter|month|week|day)\b|"
                   r"(?P<adj>annually|yearly|a year|monthly|weekly|daily)\b)", re.IGNORECASE)
_ANNUAL_BEFORE = re.compile(r"\b(?:annual|yearly|monthly|weekly|daily)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PER_UNIT = re.compile(
    r"^\s*(?:each|apiece|a piece|per (?:unit|piece|item|drone|missile|system|round|shell|vehicle))\b", re.IGNORECASE)
_EACH_BEFORE = re.compile(r"\b(?:each|every|a single|one|per)\s+[\w-]+\s+(?:costs?|is priced at|sells? for|is worth)\s+"
                          r"(?:about\s+|around\s+|some\s+|roughly\s+)?$", re.IGNORECASE)
_PRODUCTION = re.compile(
    r"\b(?:to (?:produce|make|build|manufacture)|production cost|costs? to produce)\b", re.IGNORECASE)
_PERIODS = {"year": Period.year, "annum": Period.year, "annually": Period.year, "yearly": Period.year,
            "a year": Period.year, "annual": Period.year, "quarter": Period.quarter, "month": Period.month,
            "monthly": Period.month, "week": Period.week, "weekly": Period.week, "day": Period.day, "daily": Period.day}


def kind_of(text: str, sentence: Sentence, start: int, end: int) -> tuple[CostKind, Period | None]:
    """What an amount is, from the words around it: a rate ('£3 billion per year'), a per-unit or production
    cost, a cumulative total ('bringing the total to', 'since 2014'), else a total value."""
    after = text[end : sentence.end]
    rate = _RATE.match(after)
    if rate:
        return CostKind.rate, _PERIODS[(rate.group("per") or rate.group("adj")).lower()]
    annual = _ANNUAL_BEFORE.search(text[sentence.start : start])
    if annual:
        return CostKind.rate, _PERIODS[annual.group().split()[0].lower()]
    if _PER_UNIT.match(after) or _EACH_BEFORE.search(text, sentence.start, start):
        return CostKind.per_unit, None
    before = text[_previous_amount_end(text, sentence.start, start) : start]
    stop = min([p for p in (text.find(",", end, sentence.end), text.find(";", end, sentence.end)) if p != -1]
               or [sentence.end])
    if _PRODUCTION.search(before) or _PRODUCTION.search(text[end:stop]):
        return CostKind.production, None
    if _TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(text[end:stop]):
        return CostKind.cumulative, None
    return CostKind.total, None
