from __future__ import annotations

from newsetl.clean.html.lead import find_lead
from newsetl.clean.html.tree import parse_html

FIRST = "The council approved the bridge on Tuesday after a decade of planning and two consultations."
NO_BREAK_SPACE = "\u00a0"
LEAD = "A new bridge will link the two halves of the old town by 2027, the council decided."


def _lead(body: str, description: str | None = None, title: str | None = "Bridge approved") -> str | None:
    tree = parse_html(f"<html><body>{body}</body></html>")
    assert tree is not None
    return find_lead(tree, [FIRST, "More text."], title, description)


def test_lead_matching_the_description_between_headline_and_body() -> None:
    body = f"<h1>Bridge approved</h1><div><span>{LEAD}</span></div><p>{FIRST}</p>"
    assert _lead(body, description=LEAD[:60] + "…") == LEAD


def test_lead_by_class_needs_a_headline_before_it() -> None:
    classed = f'<p class="article-intro">{LEAD}</p><p>{FIRST}</p>'
    assert _lead(f"<h1>Bridge approved</h1>{classed}") == LEAD
    assert _lead(classed) is None


def test_a_teaser_made_of_links_is_not_a_lead() -> None:
    body = f'<h1>Bridge approved</h1><p class="teaser"><a href="/x">{LEAD}</a></p><p>{FIRST}</p>'
    assert _lead(body) is None


def test_nothing_after_the_body_start_or_without_it() -> None:
    after = f'<h1>Bridge approved</h1><p>{FIRST}</p><p class="lead">{LEAD}</p>'
    assert _lead(after) is None
    assert _lead(f'<h1>Bridge approved</h1><p class="lead">{LEAD}</p>') is None  # body start not on the page


def test_the_body_start_is_found_across_no_break_spaces() -> None:
    first = FIRST.replace(" ", NO_BREAK_SPACE, 3)
    body = f"<h1>Bridge approved</h1><p class='lead'>{LEAD}</p><p>{first}</p>"
    assert _lead(body) == LEAD
