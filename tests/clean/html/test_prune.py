from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from newsetl.clean.html.prune import figure_captions, is_furniture_box, prune_furniture
from newsetl.clean.html.tree import parse_html, text_of

ARTICLE = "".join(
    f"<p>Paragraph {n} of the article carries the story's own text, long enough to read as prose and more than "
    f"one hundred and fifty characters in all, which is what an article paragraph looks like.</p>"
    for n in range(1, 5)
)


def _pruned(inner: str, sites: tuple[str, ...] = ("news.example.test",)) -> str:
    tree = parse_html(f"<html><body><article>{ARTICLE}{inner}</article></body></html>")
    assert tree is not None
    prune_furniture(tree, sites)
    return text_of(tree)


def _element(html: str) -> HtmlElement:
    tree = parse_html(f"<html><body>{html}</body></html>")
    assert tree is not None
    body = tree.find("body")
    assert body is not None
    return body[0]


@pytest.mark.parametrize(
    "box",
    [
        '<div class="shariff">Share on Facebook</div>',
        '<aside class="related-articles">Other story</aside>',
        '<div id="nextStory">Next story</div>',
        '<div class="newsletter-signup">Sign up</div>',
        '<div class="donation-box">Support us</div>',
        '<div class="ad-slot">Anzeige</div>',
        '<div class="c-advertisement">Advertisement</div>',
        '<div class="cookie-consent">We use cookies</div>',
        '<div class="author-bio">Jane writes about trains.</div>',
        '<div class="rating">Rate this article</div>',
        '<div class="paywall-notice">Subscribe to read on</div>',
        '<article class="teaser related">Other story</article>',  # a paywall exception only
        '<section id="comments"><p>Great article!</p></section>',
        '<figure><img src="x.jpg"><figcaption>A photo. Photo: AP</figcaption></figure>',
        '<p class="photo-credit">Photo: AP</p>',
        '<div style="display: none">Hidden teaser</div>',
        "<div hidden>Hidden teaser</div>",
    ],
)
def test_furniture_is_removed_and_the_article_kept(box: str) -> None:
    text = _pruned(box)
    assert "Paragraph 4 of the article" in text
    assert text.count("Paragraph") == 4
    assert text.endswith("what an article paragraph looks like.")


@pytest.mark.parametrize(
    "element",
    [
        '<div class="author">Jane Doe</div>',  # a byline, not an author box
        '<div class="layoutAdRight">x</div>',  # "ad" alone is a layout word
        '<div class="post category-sharing tag-cookies">x</div>',  # taxonomy classes describe the article
        '<div class="commentary">x</div>',  # whole words only
        '<article class="node article paywall-on">x</article>',  # the article itself, marked as paywalled
        '<div id="article" class="isPaywall">x</div>',
        '<div itemprop="articleBody" class="paywall">x</div>',
        '<section class="row non-paywall">x</section>',  # a negated word says what the element is not
    ],
)
def test_words_that_are_not_furniture(element: str) -> None:
    assert not is_furniture_box(_element(element))


def test_a_furniture_class_on_the_article_wrapper_is_ignored() -> None:
    # Many long paragraphs: the article, whatever its class says.
    tree = parse_html(f'<html><body><div class="related">{ARTICLE}</div><p>Footer</p></body></html>')
    assert tree is not None
    prune_furniture(tree, ())
    assert text_of(tree).count("Paragraph") == 4


def test_a_box_holding_most_of_the_page_stays() -> None:
    tree = parse_html('<html><body><div class="newsletter">Short page text only.</div></body></html>')
    assert tree is not None
    prune_furniture(tree, ())
    assert text_of(tree) == "Short page text only."


def test_an_article_hidden_in_parts_stays() -> None:
    # A slideshow shows one section at a time: each part alone is small, together they are most of the page.
    sections = "".join(
        f'<div class="slide" style="display: none"><p>Slide {n}: {ARTICLE[3:200]}</p></div>' for n in "123"
    )
    tree = parse_html(f'<html><body><h1>Ten costumes</h1><div class="slide">Slide 0</div>{sections}</body></html>')
    assert tree is not None
    prune_furniture(tree, ())
    assert all(f"Slide {n}:" in text_of(tree) for n in "123")


def test_text_after_a_removed_box_stays() -> None:
    tree = parse_html('<html><body><p>Before <span class="advert">AD</span> after.</p></body></html>')
    assert tree is not None
    prune_furniture(tree, ())
    assert text_of(tree) == "Before after."


def test_figure_captions_are_collected_once() -> None:
    tree = parse_html(
        "<html><body><figure><figcaption> A  photo. </figcaption></figure>"
        "<figure><figcaption>A photo.</figcaption></figure><figure><figcaption> </figcaption></figure></body></html>"
    )
    assert tree is not None
    assert figure_captions(tree) == ["A photo."]


@pytest.mark.parametrize(
    "wrapper",
    [
        f'<aside class="content"><h1>Ferry cuts</h1><div itemprop="articleBody">{ARTICLE}</div></aside>',
        f'<footer><div itemprop="articleBody">{ARTICLE}</div></footer>',
        f'<aside class="page-content">{ARTICLE}</aside>',  # most of the page's text
    ],
)
def test_an_aside_or_footer_wrapping_the_article_is_kept_as_a_div(wrapper: str) -> None:
    menu = "".join(f"<li><a href='/s{n}'>Section {n}</a></li>" for n in range(20))
    tree = parse_html(f"<html><body><ul>{menu}</ul>{wrapper}<footer>Impressum Datenschutz</footer></body></html>")
    assert tree is not None
    prune_furniture(tree, ())
    text = text_of(tree)
    assert text.count("Paragraph") == 4
    assert "Impressum" not in text
    assert tree.find(".//aside") is None


def test_a_sidebar_beside_the_article_still_goes() -> None:
    sidebar = "<aside class='widget'><h1>Archive</h1><p>March 2024</p><p>February 2024</p></aside>"
    text = _pruned(sidebar)
    assert "Archive" not in text
    assert text.count("Paragraph") == 4


def _month(name: str, days: int) -> str:
    rows = [["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]]
    numbers = [str(day) for day in range(1, days + 1)]
    rows += [numbers[start : start + 7] for start in range(0, days, 7)]
    cells = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><caption>{name}</caption>{cells}</table>"


def test_a_month_calendar_table_is_furniture() -> None:
    text = _pruned(_month("Dezember 2008", 31) + _month("Februar 2021", 28))
    assert "Dezember 2008" not in text
    assert " 28 " not in f" {text} "
    assert "Paragraph 4 of the article" in text


def test_a_table_of_small_numbers_stays() -> None:
    # A box score: a name, then numbers under 31 in every other cell, but not each day of a month.
    rows = "".join(
        f"<tr><td>Player {n}</td>" + "".join(f"<td>{(n * k) % 12}</td>" for k in range(1, 9)) + "</tr>"
        for n in range(1, 13)
    )
    text = _pruned(f"<table>{rows}</table>")
    assert "Player 12" in text
