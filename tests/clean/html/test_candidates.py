from __future__ import annotations

from newsetl.clean.html.candidates import combine, declared_paragraphs, main_text, with_lead
from newsetl.clean.html.tree import parse_html

OURS = [
    "The council approved the bridge on Tuesday after a decade of planning and two consultations with residents.",
    "Construction starts in spring and the bridge should open to cyclists and pedestrians in the summer of 2027.",
    "Subscribe to our newsletter for more local news every morning.",
]
DECLARED = [*OURS[:2], "The opposition voted against it, citing the cost of maintenance over the next forty years."]


def test_declared_body_replaces_ours_when_we_missed_the_article() -> None:
    assert combine(["Loading…"], DECLARED, None) == DECLARED
    assert combine(["Loading…"], DECLARED, "The lead.") == ["The lead.", *DECLARED]


def test_our_paragraphs_the_declared_body_lacks_are_dropped_when_both_agree() -> None:
    assert combine(OURS, DECLARED, None) == OURS[:2]


def test_paragraphs_before_the_declared_body_starts_are_kept() -> None:
    # Publishers leave the standfirst out of articleBody: missing there, it is still the article.
    standfirst = "A standfirst summing the story up in one sentence, shown above the article's first paragraph."
    assert combine([standfirst, *OURS], DECLARED, None) == [standfirst, *OURS[:2]]


def test_the_lead_survives_the_agreement_filter() -> None:
    lead = "A lead the publisher left out of articleBody, written as one long sentence of its own."
    assert combine([lead, *OURS], DECLARED, lead) == [lead, *OURS[:2]]


def test_ours_stays_when_the_candidates_disagree_or_the_declared_body_is_short() -> None:
    other = ["An entirely different text about something else, long enough to count as an article body. " * 3]
    assert combine(OURS, other, None) == OURS
    assert combine(OURS, ["Short teaser."], None) == OURS


def test_declared_paragraphs_unescape_and_strip_markup() -> None:
    assert declared_paragraphs("<p>First &amp; one.</p>\n<p>Second.</p>") == ["First & one.", "Second."]
    assert declared_paragraphs("A &lt; B\n\n  C  ") == ["A < B", "C"]
    assert declared_paragraphs(None) == []


def test_with_lead_does_not_repeat_it() -> None:
    assert with_lead(["Lead here.", "Body."], "Lead here.") == ["Lead here.", "Body."]
    assert with_lead(["Body."], "Lead here.") == ["Lead here.", "Body."]
    assert with_lead([], "Lead here.") == []


def test_main_text_gives_the_article_paragraphs_in_order() -> None:
    paragraphs = [
        f"Paragraph {n}: the article's own text, one full sentence after another, as prose." for n in range(6)
    ]
    article = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    tree = parse_html(f"<html><body><nav><a href='/'>Home</a></nav><article>{article}</article></body></html>")
    assert tree is not None
    assert main_text(tree, None) == paragraphs
