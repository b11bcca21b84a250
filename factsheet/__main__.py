"""Allow ``python -m factsheet``."""

from factsheet.cli import main

main()
