"""factsheet: curated, quote-backed facts -> briefing PDF and Word files."""

__version__ = "0.1.0"
