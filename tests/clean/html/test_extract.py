"""extract_html on whole pages: ours (tests/cases/html, written for these tests) and the bundled sample."""

from __future__ import annotations

import pytest

from newsetl.clean.html import extract_html
from tests.conftest import CASES, SAMPLES

RADWEG = CASES / "html" / "stadtrat-radweg.html"
LIBRARY = SAMPLES / "saved_pages" / "library-reopens.html"


@pytest.mark.parametrize(
    ("page", "furniture"),
    [
        (
            RADWEG,
            [
                "Foto: Stadtverwaltung",  # caption
                "Anzeige",  # ad slot
                "Teilen",  # share bar
                "Morgen-Newsletter",  # newsletter box
                "Postfach",
                "Alte Brücke bleibt",  # "read also" insert
                "Mehr zum Thema",  # link-only section
                "Radverkehrskonzept",
                "seit 2015 über Verkehr",  # author bio
                "Rekord beim Stadtlauf",  # related stories
                "Cookies",  # consent banner
                "Impressum",
            ],
        ),
        (
            LIBRARY,
            [
                "Advertisement",
                "Related stories",
                "Museum extension",
                "newsletter",
                "cookies",
                "rooftop reading room seats",
            ],
        ),
    ],
    ids=["radweg", "library"],
)
def test_page_furniture_stays_out_of_the_body(page, furniture: list[str]) -> None:
    body = extract_html(page.read_text(encoding="utf-8")).body_text
    assert [text for text in furniture if text in body] == []


def test_the_article_comes_out_whole_with_its_lead_and_source_link_text() -> None:
    extraction = extract_html(RADWEG.read_text(encoding="utf-8"), "https://www.kurier.example/lokales/x")
    assert extraction.body[0].startswith("Der Stadtrat hat den Bau eines vier Kilometer")  # lead from the header
    assert extraction.body[-1].endswith("Ende nächsten Jahres befahrbar sein.")
    assert "wie aus dem Förderbescheid hervorgeht" in extraction.body_text  # a link to another site is a source
    assert len(extraction.body) == 5


def test_without_a_usable_url_the_canonical_one_names_the_site() -> None:
    # An absolute link to the page's own site is a "read also" insert, even when the dump's URL is made up, or the
    # page was read from another server (a mirror, a local copy served for a crawl).
    html = RADWEG.read_text(encoding="utf-8").replace(
        'href="/lokales/bruecke-gesperrt-987"', 'href="https://www.kurier.example/lokales/bruecke-gesperrt-987"'
    )
    for url in (None, "dump::stadtrat.html", "http://127.0.0.1:8765/stadtrat.html", "https://mirror.example.org/k/1"):
        assert "Alte Brücke bleibt" not in extract_html(html, url).body_text


def test_all_metadata_fields() -> None:
    extraction = extract_html(RADWEG.read_text(encoding="utf-8"))
    assert extraction.title == "Stadtrat beschließt neuen Radweg am Fluss"
    assert extraction.authors == ["Lena Hartmann", "Tobias Brandt"]
    assert (extraction.published_at, extraction.updated_at) == ("2024-03-05T17:30:00Z", "2024-03-06T06:15:00Z")
    assert extraction.language == "de"
    assert extraction.section == "Lokales"
    assert extraction.tags == ["Radverkehr", "Stadtrat", "Fluss"]
    assert extraction.canonical_url == "https://www.kurier.example/lokales/stadtrat-radweg-fluss-1234"
    assert extraction.captions == [{"text": "Am Ufer soll der neue Radweg entlangführen.", "credit": "Stadtverwaltung"}]
    assert extraction.extractor == "html"


def test_a_page_rendered_from_script_gets_the_declared_article_body() -> None:
    extraction = extract_html((CASES / "html" / "script-rendered-article.html").read_text(encoding="utf-8"))
    assert len(extraction.body) == 4
    assert extraction.body[0].startswith("Ferries across the harbour will run every 20 minutes")
    assert "Loading article" not in extraction.body_text
    assert (extraction.section, extraction.tags) == ("Transport", ["ferries", "harbour"])


def test_the_sample_page() -> None:
    extraction = extract_html(LIBRARY.read_text(encoding="utf-8"))
    assert extraction.body[0].startswith("The central library reopened on Wednesday")
    assert extraction.captions == [
        {"text": "The new rooftop reading room seats 120 people.", "credit": "Riverside Council"}
    ]
    assert extraction.updated_at == "2024-06-12T10:05:00Z"
    assert extraction.tags == ["libraries", "council", "culture"]
    assert extraction.section == "Local news"


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->"])
def test_a_page_without_markup_gives_no_body(html: str) -> None:
    extraction = extract_html(html, "https://example.test/x")
    assert extraction.body == []
    assert extraction.canonical_url == "https://example.test/x"


def test_an_article_marked_up_as_an_aside_is_extracted() -> None:
    # Some CMSs wrap the whole article in <aside>; trafilatura deletes every aside with all it holds.
    paragraphs = [
        "Frankfurt (dpa) - The ferry operator will cut sailings on four routes from next month, blaming fuel costs.",
        "Residents of the islands, many of whom commute to jobs in the city, said the change would add an hour.",
        "The transport department said it was reviewing the application and would protect residents' needs.",
    ]
    menu = "".join(f"<li><a href='/section-{n}'>Section {n}</a></li>" for n in range(60))
    page = (
        f"<html><head><title>Ferry operator cuts sailings</title></head><body><nav><ul>{menu}</ul></nav>"
        "<main><aside class='content-pane'><h1>Ferry operator cuts sailings</h1><article>"
        f"<div itemprop='articleBody'>{''.join(f'<p>{text}</p>' for text in paragraphs)}</div>"
        f"</article></aside></main><div class='links'><ul>{menu}</ul></div></body></html>"
    )
    assert extract_html(page).body == paragraphs


PARAGRAPHS = [
    "The ferry operator will cut sailings on four routes from next month, blaming the rising cost of fuel.",
    "Residents of the islands, many of whom commute to jobs in the city, said the change would add an hour.",
]


@pytest.mark.parametrize(
    ("title", "first", "dropped"),
    [
        (
            "Aktuelles - Ferry operator cuts sailings to the islands",
            "Ferry operator cuts sailings to the islands",
            True,
        ),
        ("08.11.2021 | Ferry operator cuts sailings", "Ferry operator cuts sailings", True),
        ("Ferry operator cuts sailings", "27.01.2022Ferry operator cuts sailings", True),  # a date run into it
        ("Ferry operator cuts sailings. Islanders angry", "Ferry operator cuts sailings.", False),  # the lead
        ("Ferry operator cuts sailings to the outlying islands from May", "Ferry operator", False),  # a small part
    ],
)
def test_the_headline_repeated_as_the_first_paragraph_leaves_the_body(title: str, first: str, dropped: bool) -> None:
    # The title tag and the <h1> differ by the site's section, a date before it or a date run into it.
    paragraphs = "".join(f"<p>{text}</p>" for text in [first, *PARAGRAPHS])
    page = f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article></body></html>"
    extraction = extract_html(page, "https://news.example.org/ferry")
    assert extraction.body == (PARAGRAPHS if dropped else [first, *PARAGRAPHS])
