"""Paper sizes, apart from the rest of the house style so that the command line can list them cheaply.

`factsheet build --paper` offers these names; importing the whole house style
(writers/look.py) for them would cost every command, a build with nothing to do
included, the time to set up type scales and margins it never uses.
"""

from __future__ import annotations

MM = 72 / 25.4
PAPER: dict[str, tuple[float, float]] = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0)}
"""Paper name -> (width, height) in points."""
