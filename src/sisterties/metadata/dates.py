"""Partial dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, kept at the precision a source gives.

A partial date stands for an interval; comparisons use its earliest and latest day.

>>> precision("2023-11")
'month'
>>> bounds("2023-11")
(datetime.date(2023, 11, 1), datetime.date(2023, 11, 30))
>>> bounds("1983")
(datetime.date(1983, 1, 1), datetime.date(1983, 12, 31))
"""
from __future__ import annotations

import calendar
import datetime as dt

PRECISIONS = {4: "year", 7: "month", 10: "day"}


def precision(value: str) -> str:
    """'year', 'month' or 'day' for a well-formed partial date."""
    return PRECISIONS[len(value)]


def bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a partial date can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(*parts)
    return day, day
