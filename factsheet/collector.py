"""Pausing Python's cyclic garbage collector while one briefing is loaded, composed or rendered.

Each stage allocates tens of thousands of short-lived objects that reference counting frees
as it goes. The cyclic collector runs every 700 allocations and re-scans every live young
object each time (the tree being built, the canvas's content, the parsed YAML): about a
millisecond and a half of a never-rendered briefing's thirty. Paused for the stage, it runs
once after it, at the next allocation, and frees whatever cycles the stage left (a few
hundred objects), so memory stays as flat as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off for the `with` block, then back as it was (on, unless a caller had turned it off)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
