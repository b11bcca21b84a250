"""`check --fix`: rewrite quotes that changed only harmlessly, touching no other byte of the facts file.

A round trip through a YAML library would re-flow folded scalars and quoting
elsewhere in the file, so the quote's own text is patched in place instead:
its position comes from the loader, and the new value keeps the old style
(plain, quoted, or a folded block at the same indentation).
"""

from __future__ import annotations

import json
import re
import textwrap

from factsheet.facts.anchor import normalise

_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|\s$")


def _plain_or_quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False) if _PLAIN_UNSAFE.search(value) else value


def _block_end(lines: list[str], first: int, key_indent: int) -> int:
    """Index after the last line of a block scalar whose indicator is on line `first`."""
    end = first + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= key_indent:
            break
        end += 1
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def patch_scalar(text: str, line: int, col: int, key_col: int, value: str) -> str:
    """`text` with the scalar starting at 1-based (`line`, `col`) replaced by `value`, same style."""
    value = normalise(value)
    lines = text.split("\n")
    row, start = line - 1, col - 1
    current = lines[row]
    head, rest = current[:start], current[start:]
    if rest.startswith((">", "|")):
        indicator = rest.split("#", 1)[0].rstrip()
        end = _block_end(lines, row, key_col - 1)
        body = [line for line in lines[row + 1 : end] if line.strip()]
        indent = min(len(line) - len(line.lstrip(" ")) for line in body) if body else key_col + 1
        width = max(max((len(line) for line in body), default=100), 60)
        wrapped = textwrap.wrap(value, width=width - indent, break_long_words=False, break_on_hyphens=False)
        new = [head + indicator] + [" " * indent + part for part in wrapped]
        return "\n".join(lines[:row] + new + lines[end:])
    if rest.startswith(("'", '"')):
        quote = rest[0]
        close = start + 1
        while close < len(current):
            if current[close] == quote and not (quote == '"' and current[close - 1] == "\\"):
                if quote == "'" and close + 1 < len(current) and current[close + 1] == "'":
                    close += 2
                    continue
                break
            close += 1
        replacement = json.dumps(value, ensure_ascii=False)
        lines[row] = head + replacement + current[close + 1 :]
        return "\n".join(lines)
    comment = re.search(r"\s+#", rest)
    tail = rest[comment.start() :] if comment else ""
    if head.rstrip().endswith(("[", "{", ",")) or re.search(r"[,}\]]", rest.split(" #")[0]):
        # Inside a flow collection: the plain scalar ends at the next , } or ].
        flow_end = re.search(r"[,}\]]", rest)
        tail = rest[flow_end.start() :] if flow_end else tail
        lines[row] = head + json.dumps(value, ensure_ascii=False) + tail
        return "\n".join(lines)
    lines[row] = head + _plain_or_quoted(value) + tail
    return "\n".join(lines)
