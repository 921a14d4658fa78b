"""Dates as readers of each language write them ('29 November 2026', '29 نومبر 2026')."""

from __future__ import annotations

import datetime as dt
import os

from babel.core import UnknownLocaleError
from babel.dates import format_date

PATTERN = "d MMMM y"  # day, month name, year: unambiguous in every language, unlike 11/12/2026


def format_day(day: dt.date, lang: str) -> str:
    """A date in a language's own month names (CLDR, through Babel); English for a language Babel lacks."""
    try:
        return format_date(day, PATTERN, locale=lang)
    except (UnknownLocaleError, ValueError):
        return format_date(day, PATTERN, locale="en")


def build_day() -> dt.date:
    """The day a build is made: SOURCE_DATE_EPOCH's (so a rebuilt release is byte-identical), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()
