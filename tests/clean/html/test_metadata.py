from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsetl.clean.html import PageMetadata, read_metadata, split_authors
from newsetl.clean.html.tree import parse_html


def _metadata(html: str, url: str | None = None, zone: ZoneInfo | None = None) -> PageMetadata:
    tree = parse_html(html)
    assert tree is not None
    return read_metadata(tree, url, zone)


GRAPH_PAGE = """<html lang="de-DE"><head><title>Ignored | Site</title>
<link rel="canonical" href="https://example.test/a/1">
<meta property="article:tag" content="ignored: JSON-LD has keywords">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Example"},
  {"@type": ["NewsArticle"], "headline": "Rathaus wird saniert", "description": "Die Stadt saniert das Rathaus.",
   "datePublished": "2021-03-04T10:15:00+01:00", "dateModified": "2021-03-05T08:00:00Z",
   "author": [{"@type": "Person", "name": "Anna Muster"}, {"@type": "Person", "name": "Ben Beispiel"}],
   "articleSection": ["Lokales", "Politik"], "keywords": "Rathaus, Sanierung", "articleBody": "Die Stadt."}
]}
</script><meta property="og:title" content="From OG"></head><body><h1>Rathaus</h1></body></html>"""


def test_json_ld_graph_article_gives_every_field() -> None:
    found = _metadata(GRAPH_PAGE, "https://example.test/a/1?utm=x")
    assert found.title == "Rathaus wird saniert"
    assert found.description == "Die Stadt saniert das Rathaus."
    assert found.authors == ["Anna Muster", "Ben Beispiel"]
    assert found.published_at == "2021-03-04T09:15:00Z"
    assert found.updated_at == "2021-03-05T08:00:00Z"
    assert found.section == "Lokales"
    assert found.tags == ["Rathaus", "Sanierung"]
    assert found.language == "de"
    assert found.canonical_url == "https://example.test/a/1"
    assert found.article_body == "Die Stadt."


def test_main_entity_of_a_web_page_and_lenient_json() -> None:
    html = """<html><head><script type="application/LD+JSON">
    {"@type": "WebPage", "mainEntity": {"@type": "BlogPosting", "headline": "Line
    break inside", "author": "By Jane Doe",},}
    </script></head><body></body></html>"""
    found = _metadata(html)
    assert found.title == "Line break inside"
    assert found.authors == ["Jane Doe"]


def test_html_character_references_in_json_ld_are_read() -> None:
    # SEO plugins write them into JSON-LD strings, where JSON needs none.
    html = """<html><head><script type="application/ld+json">{"@type": "BlogPosting",
    "headline": "Thermen- &#038; Vulkanland: &#8216;Auszeit&#8217;", "author": {"name": "Anna M&uuml;ller"}}
    </script></head><body></body></html>"""
    found = _metadata(html)
    assert (found.title, found.authors) == ("Thermen- & Vulkanland: ‘Auszeit’", ["Anna Müller"])


@pytest.mark.parametrize(
    ("head", "url", "title"),
    [
        (
            '<meta property="og:title" content="Hof &amp; Geschichte - Schlosswirt Juval">'
            '<meta property="og:site_name" content="Schlosswirt Juval">',
            None,
            "Hof & Geschichte",
        ),
        (
            "<title>Wärmepumpe im Altbau - Wann es sich lohnt | heizung.de</title>",
            "https://www.heizung.de/a",
            "Wärmepumpe im Altbau - Wann es sich lohnt",
        ),
        (
            "<title>energieverbraucher.de | Gaspreise</title>",
            "https://www.energieverbraucher.de/a",
            "Gaspreise",
        ),  # the site's name first
        (
            "<title>Penny - Stardew Valley Wiki</title>",
            "https://stardewvalleywiki.com/Penny",
            "Penny",
        ),  # the host spelt with spaces and capitals
        (
            "<title>Penny - Stardew Valley Wiki</title>",
            "https://wiki.example.org/Penny",
            "Penny - Stardew Valley Wiki",
        ),  # a name that is not the host's stays
        ("<title>heizung.de</title>", "https://www.heizung.de/a", "heizung.de"),  # the name alone is all there is
        ("<title>Headline | example</title>", "http://[::1", "Headline | example"),  # a broken URL names no host
    ],
)
def test_the_site_s_name_after_the_headline_is_cut(head: str, url: str | None, title: str) -> None:
    assert _metadata(f"<html><head>{head}</head><body></body></html>", url).title == title


def test_a_web_page_node_dates_a_page_without_an_article_node() -> None:
    html = """<html><head><script type="application/ld+json">{"@graph": [
    {"@type": "WebSite", "name": "Blog"},
    {"@type": ["WebPage", "ItemPage"], "datePublished": "2019-09-17T14:54:31+02:00",
     "dateModified": "2019-09-18T08:00:00+02:00"}]}</script></head><body></body></html>"""
    found = _metadata(html)
    assert (found.published_at, found.updated_at) == ("2019-09-17T12:54:31Z", "2019-09-18T06:00:00Z")


def test_malformed_json_ld_is_skipped_and_meta_tags_fill_in() -> None:
    html = """<html><head><script type="application/ld+json">{not json</script>
    <meta property="og:title" content="OG title"><meta name="description" content="Meta description">
    <meta name="author" content="By Jane Doe and John Roe">
    <meta property="article:published_time" content="2020-01-13T15:59:00-05:00">
    <meta property="article:modified_time" content="2020-01-14T09:00:00+09:00">
    <meta property="article:section" content="Energy">
    <meta property="article:tag" content="politics"><meta property="article:tag" content="energy">
    <meta property="og:locale" content="en_GB"><meta property="og:url" content="https://example.test/og">
    </head><body></body></html>"""
    found = _metadata(html, "https://example.test/fetched")
    assert found.title == "OG title"
    assert found.description == "Meta description"
    assert found.authors == ["Jane Doe", "John Roe"]
    assert found.published_at == "2020-01-13T20:59:00Z"
    assert found.updated_at == "2020-01-14T00:00:00Z"
    assert found.section == "Energy"
    assert found.tags == ["politics", "energy"]
    assert found.language == "en"
    assert found.canonical_url == "https://example.test/og"


def test_canonical_link_wins_over_og_url_and_the_fetched_url() -> None:
    html = """<html><head><link rel="alternate canonical" href=" https://example.test/canon ">
    <meta property="og:url" content="https://example.test/og"></head><body></body></html>"""
    assert _metadata(html, "https://example.test/x").canonical_url == "https://example.test/canon"
    assert _metadata("<html><body><p>x</p></body></html>", "https://example.test/x").canonical_url == (
        "https://example.test/x"
    )


def test_dates_without_a_zone_are_read_in_the_source_zone() -> None:
    html = """<html><head><meta name="date" content="2024-01-15 10:00:00">
    <meta property="article:modified_time" content="2024-07-15T10:00:00 CEST"></head><body></body></html>"""
    found = _metadata(html, zone=ZoneInfo("Europe/Berlin"))
    assert found.published_at == "2024-01-15T09:00:00Z"  # CET in winter
    assert found.updated_at == "2024-07-15T08:00:00Z"


def test_title_prefers_the_h1_the_title_tag_repeats() -> None:
    html = "<html><head><title>Headline here - Site Name</title></head><body><h1>Headline here</h1></body></html>"
    assert _metadata(html).title == "Headline here"


def test_markup_fallbacks_rel_links_itemprop_and_html_lang() -> None:
    html = """<html lang="fr"><head><meta property="og:locale" content="en_US"></head><body>
    <a rel="category tag" href="/c/velo">Vélo</a> <a rel="tag" href="/t/lyon">Lyon</a>
    <span itemprop="author"><span itemprop="name">Claire Dubois</span></span>
    <p>Publié le <time datetime="2023-05-02">2 mai 2023</time></p></body></html>"""
    found = _metadata(html)
    assert found.language == "fr"
    assert found.section == "Vélo"
    assert found.tags == ["Lyon"]
    assert found.authors == ["Claire Dubois"]
    assert found.published_at == "2023-05-02T00:00:00Z"


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe and John Roe; https://x.test/me, me@x.test", ["Jane Doe", "John Roe"]),
        (["Von Anna Muster, Ben Beispiel und Carla Test"], ["Anna Muster", "Ben Beispiel", "Carla Test"]),
        ("Par Claire Dubois et Luc Martin", ["Claire Dubois", "Luc Martin"]),
        ("Anna Muster / Ben Beispiel", ["Anna Muster", "Ben Beispiel"]),
        (["https://www.facebook.com/jane", "Jane Doe", "Jane Doe"], ["Jane Doe"]),
        ("www.example.test", []),
        (None, []),
        ("Text und Fotos: Anna Schmidt", ["Anna Schmidt"]),
        ("Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"]),
        ("Y. Chen and J. e. Smith", ["Y. Chen", "J. e. Smith"]),
        ("Hans-Peter Müller & Jean-Luc Picard", ["Hans-Peter Müller", "Jean-Luc Picard"]),
        (["Redaktion", "Anna Muster"], ["Anna Muster"]),
        ("The Editors", []),
        ("dpa", ["dpa"]),
        (["Jane Doe", "Zeige alle Beiträge von Jane Doe →"], ["Jane Doe"]),
    ],
)
def test_split_authors(raw: str | list[str] | None, names: list[str]) -> None:
    assert split_authors(raw) == names
