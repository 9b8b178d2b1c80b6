"""Dates: machine-readable timestamps to UTC, and dates written in prose lines (multilingual).

``dateutil`` parses ISO 8601 and RFC 2822 stamps from metadata. For dates written out in a dump's dateline
("3. März 2021, 14:05 Uhr", "June 12, 2020", "12.03.2021", "2021/03/12") a compiled pattern with month names
finds them at a cost of microseconds; ``dateparser`` would take ~30 ms a line, which text-dump throughput cannot
afford. Numeric dates are read day first ("12/03/2021" is 12 March), month first only when the first number
cannot be a month's day and the second can ("03/25/2021"); a source configured ``date_order: month-first`` has
its slashed dates read month first wherever the first number can be a month ("03/04/2021" is 4 March).
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, tzinfo

from dateutil import parser as dateutil_parser
from dateutil import tz

_MONTHS = {
    # Polish writes a date's month in the genitive ("7 kwietnia 2021"); its abbreviations ("sie") are words
    # elsewhere, so only the full forms are here.
    1: "january jan januar jänner janvier enero gennaio januari janeiro stycznia styczeń",
    2: "february feb februar février fevrier febrero febbraio februari fevereiro lutego luty",
    3: "march mar märz maerz mars marzo maart março marca marzec",
    4: "april apr avril abril aprile kwietnia kwiecień",
    5: "may mai mayo maggio mei maio maja",
    6: "june jun juni juin junio giugno junho czerwca czerwiec",
    7: "july jul juli juillet julio luglio julho lipca lipiec",
    8: "august aug août aout agosto augustus sierpnia sierpień",
    9: "september sep sept septembre septiembre settembre setembro września wrzesień",
    10: "october oct oktober octobre octubre ottobre oktober outubro okt października październik",
    11: "november nov novembre noviembre novembro listopada listopad",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro dez grudnia grudzień",
}
_MONTH_BY_NAME = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH_NAMES = "|".join(sorted(map(re.escape, _MONTH_BY_NAME), key=len, reverse=True))
MONTH = rf"(?i:{_MONTH_NAMES})\.?"
"""A month's name or its abbreviation, in any of the languages here (no group)."""
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_TIME = r"(?:[,\s]+(?:um\s+|at\s+|à\s+|-\s*)?(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MONTHS_IN_YEAR = 12
# Zone abbreviations news sites print; dateutil knows only UTC/GMT and the local zone by itself.
_ZONE_ABBREVIATIONS = {
    name: tz.gettz(zone)
    for name, zone in {
        "CET": "Europe/Berlin",
        "CEST": "Europe/Berlin",
        "MEZ": "Europe/Berlin",
        "MESZ": "Europe/Berlin",
        "BST": "Europe/London",
        "WET": "Europe/Lisbon",
        "WEST": "Europe/Lisbon",
        "EET": "Europe/Athens",
        "EEST": "Europe/Athens",
        "EST": "America/New_York",
        "EDT": "America/New_York",
        "CST": "America/Chicago",
        "CDT": "America/Chicago",
        "PST": "America/Los_Angeles",
        "PDT": "America/Los_Angeles",
        "HKT": "Asia/Hong_Kong",
        "JST": "Asia/Tokyo",
        "IST": "Asia/Kolkata",
    }.items()
}
_LOOSE_TIME = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?", re.IGNORECASE)
_DATE_PATTERNS = tuple(
    re.compile(pattern + _TIME, re.IGNORECASE)
    for pattern in (
        rf"\b{_YEAR}-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:T|\b)",
        rf"\b{_YEAR}(?P<sep>[/.])(?P<mnum>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})\b",
        # "12.03.2021", "12/03/2021": day first, as Europe writes it; month first only where that is impossible.
        rf"\b(?P<day>\d{{1,2}})\.\s?(?P<mnum>\d{{1,2}})\.\s?{_YEAR}\b",
        rf"\b(?P<day>\d{{1,2}})/(?P<mnum>\d{{1,2}})/{_YEAR}\b",
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?{_YEAR}\b",
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
    )
)
_DAY_FIRST = frozenset(_DATE_PATTERNS[2:4])
"""Numeric dates read day first that may have been written month first ("03/25/2021")."""
_SLASHED = _DATE_PATTERNS[3]
"""The numeric dates a month-first source writes ("03/04/2021"); with dots, even American pages write day first."""


def to_utc_iso(value: str | None, zone: tzinfo | None = None) -> str | None:
    """A timestamp from metadata as ISO 8601 in UTC; a stamp without a zone is read in ``zone`` (default UTC)."""
    if not value or not value.strip():
        return None
    try:
        with warnings.catch_warnings():
            # An abbreviation dateutil does not know is read as no zone at all, which ``zone`` then supplies.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            moment = dateutil_parser.parse(value.strip(), tzinfos=_ZONE_ABBREVIATIONS)
    except (ValueError, OverflowError):
        return None
    return iso_utc(moment, zone)


def iso_utc(moment: datetime, zone: tzinfo | None = None) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def find_date(text: str, zone: tzinfo | None = None, *, month_first: bool = False) -> str | None:
    """The first date written in ``text`` (with its time when given), as ISO 8601 UTC, else ``None``.

    Written dates rarely carry a zone; they are read in ``zone`` (the source's, from its config), else UTC.
    """
    found = search_date(text, month_first=month_first)
    return iso_utc(found[0], zone) if found else None


def search_date(text: str, *, month_first: bool = False) -> tuple[datetime, re.Match[str]] | None:
    """The first written date in ``text`` and where it stands; ``month_first``: the source writes "03/04/2021"
    for 4 March."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            moment = _moment(match, text, month_first)
            if moment is not None:
                return moment, match
    return None


def _moment(match: re.Match[str], text: str, month_first: bool) -> datetime | None:
    fields = match.groupdict()
    month = int(fields["mnum"]) if fields.get("mnum") else _MONTH_BY_NAME[fields["month"].lower()]
    hour, minute = _time_of(fields, text[: match.start()] + " " + text[match.end() :])
    day = int(fields["day"])
    if _written_month_first(match.re, day, month, month_first):
        day, month = month, day
    try:
        return datetime(int(fields["year"]), month, day, hour, minute)
    except ValueError:
        return None


def _written_month_first(pattern: re.Pattern[str], first: int, second: int, month_first: bool) -> bool:
    """Whether a numeric date read day first ("03/04/2021": ``first`` 3, ``second`` 4) was written month first:
    where day first is impossible, or on a month-first source's slashed dates where the first number can be a
    month."""
    if pattern not in _DAY_FIRST:
        return False
    if month_first and pattern is _SLASHED:
        return first <= _MONTHS_IN_YEAR
    return second > _MONTHS_IN_YEAR >= first


def _time_of(fields: dict[str, str | None], rest: str) -> tuple[int, int]:
    """The time next to the date, or written elsewhere on the line ("9:15am, 14 Jun 2024"); midnight if none."""
    hour, minute, ampm = fields.get("hour"), fields.get("minute"), fields.get("ampm")
    if hour is None:
        loose = _LOOSE_TIME.search(rest)
        if loose is None:
            return 0, 0
        hour, minute, ampm = loose.group("hour"), loose.group("minute"), loose.group("ampm")
    value = int(hour)
    if ampm and ampm[0].lower() == "p" and value < 12:
        value += 12
    elif ampm and ampm[0].lower() == "a" and value == 12:
        value = 0
    return value, int(minute or 0)
