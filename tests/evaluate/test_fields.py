"""Field agreement between a page's two renderings, counted on the devset slice and on made-up extractions."""

from __future__ import annotations

from newsetl.clean.extraction import Extraction
from newsetl.evaluate.devset import load_pages
from newsetl.evaluate.fields import FieldAgreement, _count, _count_untitled, compare_fields, format_fields
from tests.conftest import CASES


def test_fields_of_the_slice_are_counted_page_by_page() -> None:
    found = compare_fields(load_pages(CASES / "devset_slice"))
    assert found.pages == 6
    assert 0 <= found.same_title <= found.titled_both <= 6
    assert 0 <= found.same_day <= min(found.dated_html, found.dated_text)
    assert found.languaged == 6
    assert "| title | " in format_fields(found)
    untitled = found.titled_both_untitled + found.no_title_untitled
    assert 0 <= found.same_title_untitled <= found.titled_both_untitled <= untitled <= 6
    assert "| title, dump without its title line | " in format_fields(found)


def test_a_dump_without_its_title_line_is_counted_apart() -> None:
    found = FieldAgreement()
    html = Extraction(body=["x"], title="Rail Strike Ends")
    _count_untitled(found, html, Extraction(body=["x"], title="rail strike ends"))
    _count_untitled(found, html, Extraction(body=["x"], title="Toggle navigation"))
    _count_untitled(found, html, Extraction(body=["x"]))
    _count_untitled(found, Extraction(body=["x"]), Extraction(body=["x"], title="Anything"))  # the page has none
    assert (found.same_title_untitled, found.titled_both_untitled, found.no_title_untitled) == (1, 2, 1)
    shown = "| title, dump without its title line | 1 equal of 2 titled both ways (no title: 1 more) |"
    assert shown in format_fields(found)


def test_agreement_is_case_blind_and_by_day() -> None:
    found = FieldAgreement()
    html = Extraction(
        body=["x"], title="Rail Strike Ends", published_at="2024-05-01T10:00:00+00:00", authors=["Ana Lima"]
    )
    text = Extraction(
        body=["x"], title="rail strike  ends", published_at="2024-05-01T23:59:00+00:00", authors=["ana lima"]
    )
    _count(found, html, text, truth="en")
    assert (found.same_title, found.same_day, found.same_authors) == (1, 1, 1)
    assert (found.updated_html, found.updated_text, found.same_update_day) == (0, 0, 0)
    assert (found.language_html, found.language_text) == (0, 0)  # neither extraction has a language


def test_a_rendering_that_failed_counts_as_empty() -> None:
    found = FieldAgreement()
    _count(found, None, Extraction(body=["x"], title="Headline", language="de"), truth="de")
    assert (found.pages, found.titled_both, found.dated_text, found.language_text) == (1, 0, 0, 1)


def test_changes_agree_by_day() -> None:
    found = FieldAgreement()
    html = Extraction(body=["x"], updated_at="2024-05-03T10:00:00+00:00")
    _count(found, html, Extraction(body=["x"], updated_at="2024-05-03T14:05:00+00:00"), truth=None)
    _count(found, html, Extraction(body=["x"], updated_at="2024-05-04T00:00:00+00:00"), truth=None)
    assert (found.updated_html, found.updated_text, found.same_update_day) == (2, 2, 1)
    assert "| updated_at | 1 on the same day of 2 dumps dated a change (2 pages) |" in format_fields(found)
