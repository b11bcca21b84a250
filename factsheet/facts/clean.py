"""Text as loaded: composed (NFC), and characters no output can store (control characters, lone surrogates)
dropped, with a warning each."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from factsheet.diagnostics import Diagnostic
from factsheet.yamlio import PathKey, YamlDocument

# C0 controls except tab and newline, DEL and C1 controls, lone surrogates, and the two non-characters XML forbids.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """`text` without characters that PDF text or XML cannot hold."""
    return UNSTORABLE.sub("", text)


def composed(text: str) -> str:
    """`text` in Unicode normalisation form C: a letter and its accent typed apart become one character."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean_document(document: YamlDocument) -> tuple[Any, list[Diagnostic]]:
    """The document's data composed (NFC) with unstorable characters removed, and a warning per affected field."""
    warnings: list[Diagnostic] = []

    def walk(value: Any, key: PathKey) -> Any:
        if isinstance(value, str):
            value = composed(value)
            found = UNSTORABLE.findall(value)
            if not found:
                return value
            shown = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
            field = ".".join(str(part) for part in key)
            warnings.append(Diagnostic(document.location(key), f"{field}: dropped {len(found)} character(s) "
                                       f"that cannot be stored ({shown})", "warning"))
            return clean_text(value)
        if isinstance(value, dict):
            return {k: walk(v, (*key, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*key, i)) for i, v in enumerate(value)]
        return value

    return walk(document.data, ()), warnings
