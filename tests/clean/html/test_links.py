from __future__ import annotations

import pytest

from newsetl.clean.html.links import is_same_site, own_sites, prune_link_sections, read_also_blocks, site_of
from newsetl.clean.html.tree import parse_html, text_of

SITE = "news.example.test"


@pytest.mark.parametrize(
    ("href", "same"),
    [
        ("/politik/story-2", True),
        ("story-2.html", True),
        ("https://www.news.example.test/x", True),
        ("//news.example.test/x", True),
        ("https://m.news.example.test/x", True),
        ("https://other.example.org/report.pdf", False),
        ("#comments", False),
        ("mailto:desk@news.example.test", False),
        ("", False),
    ],
)
def test_is_same_site(href: str, same: bool) -> None:
    assert is_same_site(href, (SITE,)) is same


def test_a_page_read_from_elsewhere_links_into_the_site_its_canonical_url_names() -> None:
    mirror = own_sites("http://127.0.0.1:8765/pages/d0137.html", "https://www.news.example.test/story")
    assert mirror == ("127.0.0.1", SITE)
    assert is_same_site("https://news.example.test/other-story", mirror)
    assert own_sites(None, "https://www.news.example.test/story") == (SITE,)
    assert own_sites("https://news.example.test/a", "https://www.news.example.test/a") == (SITE,)
    assert own_sites(None, None) == ()
    assert not is_same_site("https://other.example.org/x", mirror)


def test_site_of_drops_www_and_survives_bad_urls() -> None:
    assert site_of("https://www.news.example.test/a?b=1") == SITE
    assert site_of("http://[::1") is None
    assert site_of(None) is None


def test_read_also_blocks_are_short_and_mostly_same_site_links() -> None:
    tree = parse_html(
        """<html><body>
        <p id="teaser">Read also: <a href="/other-story">Council approves the new bridge budget</a></p>
        <p id="source">The figures come from <a href="https://stats.example.org/r">the statistics office</a>.</p>
        <blockquote id="card"><a href="https://news.example.test/other">Another story of ours</a></blockquote>
        <blockquote id="quote">"We will build it," the mayor said after the vote in the council.</blockquote>
        <p id="prose">The council met on Tuesday. <a href="/council">The council</a> said the bridge would open in
        spring, after a decade of planning and two rounds of consultation with the residents.</p>
        </body></html>"""
    )
    assert tree is not None
    assert [element.get("id") for element in read_also_blocks(tree, (SITE,))] == ["teaser", "card"]


def test_link_only_sections_go_with_their_heading() -> None:
    tree = parse_html(
        """<html><body><h2>The vote</h2><p>The council voted for the plan, which keeps the text.</p>
        <h3>More on this topic</h3><ul><li><a href="/a">Story A</a></li><li><a href="/b">Story B</a></li></ul>
        <h3>Sources</h3><ul><li><a href="https://elsewhere.example.org/">An outside report</a></li></ul>
        </body></html>"""
    )
    assert tree is not None
    body = tree.find("body")
    assert body is not None
    prune_link_sections(body, (SITE,))
    text = text_of(tree)
    assert "More on this topic" not in text
    assert "Story A" not in text
    assert "The council voted for the plan" in text
    assert "An outside report" in text
