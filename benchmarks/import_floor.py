"""The import floor: a process that only imports what a default `factsheet build` imports, and exits.

    python benchmarks/import_floor.py record ROOT MODULES.txt   # not measured: list what a build imports
    python benchmarks/import_floor.py MODULES.txt               # measured: import them all
    python benchmarks/import_floor.py MODULES.txt --fast-exit   # ... and exit without tearing down

`record` runs a forced default build of ROOT in-process and writes the names of every
module it imported (ours and the libraries'). The measured form imports those modules
and does nothing else, so a build's time over this floor is what the build itself does.
The recorded build renders in this one process (`--jobs 1`): a build with worker
processes imports some modules in the workers, which this process would not see.

A Python process that exits tears down every module it imported (here about 70 ms of the
floor). A build's workers skip that, as multiprocessing's forked workers do (`os._exit`), and
the build process itself imports none of the heavy modules, so the build pays little of it.
`--fast-exit` measures the floor the same way, for the row that compares like with like.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from pathlib import Path


def record(root: Path, target: Path) -> None:
    before = set(sys.modules)
    from factsheet.cli import main

    with contextlib.suppress(SystemExit):
        main(["build", "--force", "--jobs", "1", "--root", str(root)], standalone_mode=False)
    names = sorted(name for name in set(sys.modules) - before if not name.startswith("__"))
    target.write_text("\n".join(names) + "\n", encoding="utf-8")


def import_all(listing: Path) -> None:
    for name in listing.read_text(encoding="utf-8").split():
        # A name that does not import on its own is a private submodule a package made itself; importing
        # its parent did the work.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


if __name__ == "__main__":
    if sys.argv[1] == "record":
        record(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        import_all(Path(sys.argv[1]))
        if "--fast-exit" in sys.argv[2:]:
            sys.stdout.flush()
            os._exit(0)
