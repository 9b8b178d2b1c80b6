from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsetl.clean.dates import find_date, to_utc_iso
from newsetl.clean.text.header import find_byline, find_dateline

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-12T08:30:00+01:00", "2024-06-12T07:30:00Z"),
        ("2024-06-12T08:30:00Z", "2024-06-12T08:30:00Z"),
        ("Wed, 12 Jun 2024 08:30:00 GMT", "2024-06-12T08:30:00Z"),
        ("2024-06-12", "2024-06-12T00:00:00Z"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_to_utc_iso(value: str | None, expected: str | None) -> None:
    assert to_utc_iso(value) == expected


def test_naive_timestamps_are_read_in_the_source_zone() -> None:
    assert to_utc_iso("2024-06-12 08:30", HONG_KONG) == "2024-06-12T00:30:00Z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: 9:15am, 14 Jun 2024", "2024-06-14T09:15:00Z"),
        ("14.06.2024, 10:30 Uhr", "2024-06-14T10:30:00Z"),
        ("3. März 2021", "2021-03-03T00:00:00Z"),
        ("publié le 13 juin 2024 à 18h05", "2024-06-13T18:05:00Z"),
        ("June 12, 2020 at 3:05 pm", "2020-06-12T15:05:00Z"),
        ("12 de junio de 2023", "2023-06-12T00:00:00Z"),
        ("opublikowano: 7 kwietnia 2021", "2021-04-07T00:00:00Z"),
        ("16 marca 2021, 11:22", "2021-03-16T11:22:00Z"),
        ("Updated 2024-06-12T08:30", "2024-06-12T08:30:00Z"),
        ("31.02.2024", None),
        ("no date here", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2021", "2021-03-04T00:00:00Z"),
        ("12/25/2021 at 9:15 pm", "2021-12-25T21:15:00Z"),
        ("25/12/2021", "2021-12-25T00:00:00Z"),  # the first number is no month: read day first
        ("03.04.2021", "2021-04-03T00:00:00Z"),  # dotted dates are day first everywhere
        ("April 3, 2021", "2021-04-03T00:00:00Z"),
    ],
)
def test_find_date_on_a_month_first_source(text: str, expected: str) -> None:
    assert find_date(text, month_first=True) == expected


def test_a_day_first_source_reads_slashed_dates_day_first() -> None:
    assert find_date("03/04/2021") == "2021-04-03T00:00:00Z"


def test_find_date_in_a_zone() -> None:
    assert find_date("Published: 9:15am, 14 Jun 2024", HONG_KONG) == "2024-06-14T01:15:00Z"


@pytest.mark.parametrize(
    ("line", "is_dateline"),
    [
        ("Published: 9:15am, 14 Jun 2024", True),
        ("14.06.2024, 10:30 Uhr", True),
        ("What happened on 2024-06-14 is still unclear to the investigators.", False),
        ("The law takes effect on 1 July 2024.", False),
    ],
)
def test_find_dateline_rejects_prose(line: str, is_dateline: bool) -> None:
    assert (find_dateline(line) is not None) is is_dateline


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Leung and Tom Wright", ["Jane Leung", "Tom Wright"]),
        ("Von Anna Schmidt", ["Anna Schmidt"]),
        ("Par Claire Dubois, publié le 13 juin 2024", ["Claire Dubois"]),
        ("By Ludwig van Beethoven | 12 June 2024", ["Ludwig van Beethoven"]),
        ("by the way, this is prose", None),
        ("The government said on Tuesday", None),
    ],
)
def test_find_byline(line: str, authors: list[str] | None) -> None:
    assert find_byline(line) == authors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/03/2021", "2021-03-12T00:00:00Z"),
        ("03/25/2021", "2021-03-25T00:00:00Z"),
        ("12.03.2021 14:05", "2021-03-12T14:05:00Z"),
        ("12.25.2021", "2021-12-25T00:00:00Z"),
        ("2021/03/12", "2021-03-12T00:00:00Z"),
        ("2021.03.12, 9:30 am", "2021-03-12T09:30:00Z"),
        ("Blogposting 09/20/2019", "2019-09-20T00:00:00Z"),
        ("25/25/2021", None),
        ("31/02/2021", None),
    ],
)
def test_numeric_dates_are_day_first_unless_impossible(text: str, expected: str | None) -> None:
    assert find_date(text) == expected
