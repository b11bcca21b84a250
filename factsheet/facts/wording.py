"""Messages for values of the wrong type: what was expected, with an example of the field."""

from __future__ import annotations

from typing import Any

# An example per field name, as it would be typed in a facts file.
EXAMPLES = {
    "amount": "amount: 90000000",
    "currency": "currency: NOK",
    "value": "value: 2022-08",
    "end": "end: 2023-05",
    "as_of": "as_of: 2022-09-07",
    "accessed": "accessed: 2024-05-01",
    "date": "date: 2022-09",
    "min": "min: 10",
    "max": "max: 20",
    "magnitude": "magnitude: 6",
    "expected": "expected: true",
    "year_inferred": "year_inferred: true",
    "quantity": "quantity: {value: 250, bound: about}",
    "cites": "cites: [{source: src, text: the exact words}]",
    "suppliers": "suppliers: [iran]",
    "funders": "funders: [united-states]",
    "providers": "providers: [united-states]",
    "actors": "actors: [russia, ukraine]",
    "aliases": "aliases: [Moscow]",
    "keywords": "keywords: [Russia, drones]",
    "items": "items: [{system: javelin, quantity: 2000}]",
    "according_to": "according_to: {by: us-official, how: according to}",
    "value_of_package": "value: {amount: 800000000, currency: USD}",
    "url": "url: https://www.defense.gov/News/Releases/",
    "conversion": "conversion: {amount: 9260000, currency: USD}",
    "when": "when: {value: 2022-08}",
    "factsheet": "factsheet: {title: Russia buys drones, as_of: 2022-09-07}",
    "stances": "stances: [{by: iran, standing: denied}]",
    "language": "language: en",
}

# A stand-in value of each expected kind, for fields without an example of their own.
_STAND_IN = {
    "text": "some words",
    "a number": "250",
    "a whole number": "6",
    "true or false": "true",
    "a list": "[first, second]",
    "a mapping of fields": "{...}",
    "a date": "2022-09-07",
}

_KINDS = {
    "string_type": "text",
    "decimal_parsing": "a number",
    "decimal_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_parsing": "a date",
    "date_from_datetime_parsing": "a date",
    "date_type": "a date",
}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def type_message(kind: str, loc: tuple[str | int, ...], given: Any, ctx: dict[str, Any] | None) -> str | None:
    """'expected a number, e.g. `amount: 90000000` (got 'lots')', or None to keep pydantic's message."""
    names = [part for part in loc if isinstance(part, str)]
    name = names[-1] if names else ""
    if name == "value" and len(names) > 1 and names[-2] == "packages":
        name = "value_of_package"
    if kind == "enum" and ctx is not None:
        return f"expected one of {ctx.get('expected', '')} (got {_shown(given)})"
    if kind == "literal_error" and ctx is not None:
        expected = str(ctx.get("expected", ""))
        return f"expected {'one of ' if ' or ' in expected else ''}{expected} (got {_shown(given)})"
    wanted = _KINDS.get(kind)
    if wanted is None:
        return None
    example = EXAMPLES.get(name)
    if example is None and name and wanted != "a mapping of fields":
        example = f"{name}: {_STAND_IN[wanted]}"
    hint = f", e.g. `{example}`" if example else ""
    if wanted == "text" and isinstance(given, int | float) and not isinstance(given, bool):
        hint += "; put a number meant as text in quotes"
    return f"expected {wanted}{hint} (got {_shown(given)})"
