"""Amounts of money: "90 million Norwegian crowns ($9.26 million)", "EUR 500 million", "£1.2bn", "up to ...".

Currency comes from a symbol, an ISO 4217 code or a currency word (with its country adjective when
the word alone is ambiguous). A stated conversion in parentheses right after an amount is kept with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from factsheet.extract.text import Sentence
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
}
SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "crore": 10**7, "lakh": 10**5,
}
_NOT_CODES = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "SOS", "MAD", "PEN", "WST", "GEL", "NAD", "CHE", "CHW"})
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_WORD = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORDS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:thousand|million|billion|trillion|crore|lakh)|\s?(?:mn|mln|bn|tn)|(?:m|b|k))(?![\w])"
_AMOUNT = (
    rf"(?:(?P<sym>{_SYMBOL})\s?(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?"
    rf"|\b(?P<code>[A-Z]{{3}})\s?(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?"
    rf"|(?<![\w.,])(?P<n3>{_NUMBER})(?P<s3>{_SCALE})?\s+(?:(?P<word>(?i:{_WORD}))|(?P<code2>[A-Z]{{3}}))(?!\w))"
)
AMOUNT = re.compile(_AMOUNT)
_CONVERSION = re.compile(r"\s*\((?:about|around|approximately|roughly|some|or|~|c\.)?\s*(?P<inner>[^()]{2,40})\)")
BOUNDS = [
    (re.compile(r"\b(?:up to|as much as|no more than|at most|a maximum of)\s+$", re.I), Bound.up_to),
    (re.compile(r"\b(?:at least|more than|over|in excess of|upwards of|a minimum of)\s+$", re.I), Bound.at_least),
    (re.compile(r"\b(?:about|around|approximately|roughly|some|nearly|almost|an estimated|estimated at|"
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


def _value(number: str, scale: str | None) -> Decimal:
    amount = Decimal(number.replace(",", ""))
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
            out.append(MoneyMention(start, end, sentence.index, parsed[0], parsed[1], bound, expected, conversion))
    return out
