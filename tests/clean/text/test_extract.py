"""Whole dumps through the text-dump cleaner: context rules, the header, source patterns, accounting."""

from __future__ import annotations

import re

import pytest

from newsetl.clean.extraction import Extraction
from newsetl.clean.text import classify_lines, drop_leftover_boilerplate, extract_text_dump
from newsetl.clean.text.rules import GUARD
from newsetl.config import CleaningConfig, PatternRule

P1 = "The ferry operator will cut sailings on four routes from next month, blaming a steep rise in fuel costs."
P2 = "Residents of the islands, many of whom commute to jobs in Central, said the change would add an hour."
P3 = "The Transport Department said it was reviewing the application and would protect residents' needs."

DUMP = f"""Ferry operator cuts sailings

Reading Time: 3 minutes
{P1}
02:10

Island residents protest ferry cuts

Island residents protest ferry cuts
{P2}
Passengers queue at the pier on Thursday. Photo: Reuters
{P3}
{P1}
"""


def rules_by_text(extraction: Extraction) -> dict[str, str]:
    return {removal["text"]: removal["rule"] for removal in extraction.removed}


def test_video_widget_caption_and_repeats() -> None:
    extraction = extract_text_dump(DUMP)
    rules = rules_by_text(extraction)
    assert rules["02:10"] == "video-duration"
    assert [r["rule"] for r in extraction.removed].count("video-title") == 1
    assert [r["rule"] for r in extraction.removed].count("repeated-line") == 2
    assert rules["Reading Time: 3 minutes"] == "reading-time"
    assert extraction.reading_time_minutes == 3
    assert extraction.captions == [{"text": "Passengers queue at the pier on Thursday.", "credit": "Reuters"}]
    assert extraction.title == "Ferry operator cuts sailings"
    assert extraction.body == [P1, P2, P3]


def test_every_line_has_a_verdict_and_every_removed_line_a_rule() -> None:
    lines = DUMP.splitlines()
    verdicts = classify_lines(lines, CleaningConfig())
    assert len(verdicts) == len(lines)
    for line, verdict in zip(lines, verdicts, strict=True):
        assert verdict.rule
        assert (verdict.label == "blank") is (not line.strip())
    extraction = extract_text_dump(DUMP)
    placed = {extraction.title, *extraction.body} | {r["text"].strip() for r in extraction.removed}
    assert {line.strip() for line in lines if line.strip()} <= placed


def test_source_patterns_win_over_built_in_rules() -> None:
    cleaning = CleaningConfig(
        drop=(PatternRule("site:menu", re.compile(r"^(Home|News)$")), PatternRule("site:p3", re.compile("^The Tr"))),
        captions=(PatternRule("site:caption", re.compile(r"^Pictured: ")),),
    )
    text = f"Ferry operator cuts sailings\nHome\nNews\nPictured: the harbour at dusk. Photo: AP\n{P1}\n{P2}\n{P3}\n"
    extraction = extract_text_dump(text, cleaning)
    assert extraction.body == [P1, P2]
    rules = rules_by_text(extraction)
    assert rules["Home"] == rules["News"] == "site:menu"
    assert rules[P3] == "site:p3"
    assert rules["Pictured: the harbour at dusk. Photo: AP"] == "site:caption"
    assert extraction.captions == [{"text": "Pictured: the harbour at dusk.", "credit": "AP"}]


def test_header_bullets_byline_and_dateline() -> None:
    text = (
        "Ferry operator cuts sailings\n\n  • First bullet of the summary\n  • Second bullet\n"
        f"By Jane Leung and Tom Wright\nPublished: 9:15am, 14 Jun 2024\n{P1}\n{P2}\n"
    )
    extraction = extract_text_dump(text)
    assert extraction.title == "Ferry operator cuts sailings"
    assert extraction.summary == "First bullet of the summary\nSecond bullet"
    assert extraction.authors == ["Jane Leung", "Tom Wright"]
    assert extraction.published_at == "2024-06-14T09:15:00Z"
    assert extraction.body == [P1, P2]
    assert extraction.language == "en"


def test_a_byline_split_over_lines_names_the_author_and_leaves_the_body() -> None:
    # A theme's spans: "By", the name and a dash each on a line of their own, then the date.
    head = "Ferry operator cuts sailings | The Courier\n\nFerry operator cuts sailings\n\n"
    text = f"{head}By\n\nJames Whittaker\n\n-\n\nMay 4, 2022\n\n{P1}\n\n{P2}\n"
    extraction = extract_text_dump(text)
    assert extraction.authors == ["James Whittaker"]
    assert extraction.published_at == "2022-05-04T00:00:00Z"
    assert extraction.body == [P1, P2]


@pytest.mark.parametrize("end", ["-\n\n31. Dezember 2019", "31. Dezember 2019"])
def test_a_split_byline_of_one_name_ended_by_a_dash_or_its_date_leaves_the_body(end: str) -> None:
    head = "Ferry operator cuts sailings | The Courier\n\nFerry operator cuts sailings\n\n"
    extraction = extract_text_dump(f"{head}Von\n\nRobert\n\n{end}\n\n{P1}\n\n{P2}\n")
    assert extraction.authors == ["Robert"]
    assert extraction.published_at == "2019-12-31T00:00:00Z"
    assert extraction.body == [P1, P2]


def test_a_gallery_s_counter_between_paragraphs_leaves_the_body_and_the_article_goes_on() -> None:
    text = f"Ferry operator cuts sailings\n\n{P1}\n\nBild 1 von 9\n\n{P2}\n\n{P3}\n\nImpressum\nDatenschutz\n"
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert rules_by_text(extraction)["Bild 1 von 9"] == "gallery-count"


def test_a_byline_above_the_headline_names_the_author_of_an_article_without_one() -> None:
    def authors(byline: str) -> list[str]:
        head = f"Ferry operator cuts sailings | The Courier\n\nHome\nNews\nSport\n{byline}\n\n"
        return extract_text_dump(f"{head}Ferry operator cuts sailings\n\n{P1}\n\n{P2}\n").authors

    assert authors("By Jane Leung") == ["Jane Leung"]
    assert authors("Jane Leung") == []  # a bare name above the article may be anyone's


def test_a_byline_below_the_last_paragraph_names_the_author_of_an_article_without_one() -> None:
    def authors(below: str) -> list[str]:
        text = f"Ferry operator cuts sailings\n\n{P1}\n\n{P2}\n\n{below}\n\nImpressum\nDatenschutz\nKontakt\n"
        return extract_text_dump(text).authors

    assert authors("Text: Jane Leung") == ["Jane Leung"]
    assert authors("Related stories\n\nBy Tom Wright") == []  # another story's byline


def test_a_social_post_embedded_between_paragraphs_does_not_end_the_article() -> None:
    embed = "View this post on Instagram\n\nA post shared by Ferry Fans (@ferryfans) on Jun 16, 2019 at 7:30am PDT"
    text = f"Ferry operator cuts sailings\n\n{P1}\n\n{P2}\n\n{embed}\n\n{P3}\n\nImpressum\nDatenschutz\nKontakt\n"
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert rules_by_text(extraction)["View this post on Instagram"] == "social-embed"


def test_the_repeated_headline_wins_over_the_page_title() -> None:
    text = f"Ferry operator cuts sailings | The Courier\nHome\nSport\nFerry operator cuts sailings\n{P1}\n{P2}\n"
    extraction = extract_text_dump(text)
    assert extraction.title == "Ferry operator cuts sailings"
    assert rules_by_text(extraction)["Ferry operator cuts sailings | The Courier"] == "page-title"
    assert extraction.body == [P1, P2]


def test_without_a_headline_the_page_title_names_the_article() -> None:
    text = f"Ferry operator cuts sailings | The Courier\n\nHome\n\nNews\n\nSport\n\nWeather\n\nJobs\n\n{P1}\n\n{P2}\n"
    extraction = extract_text_dump(text)
    assert extraction.title == "Ferry operator cuts sailings"
    assert extraction.body == [P1, P2]


def test_a_kicker_above_the_headline_that_the_page_title_joins_to_it_is_part_of_the_title() -> None:
    page = "Fares up again: Ferry operator cuts sailings | The Courier"
    extraction = extract_text_dump(
        f"{page}\n\nHome\nNews\nSport\n\nFares up again:\nFerry operator cuts sailings\n\n{P1}\n\n{P2}\n"
    )
    assert extraction.title == "Fares up again: Ferry operator cuts sailings"
    assert extraction.body == [P1, P2]
    alone = extract_text_dump(
        f"{page}\n\nHome\nNews\nSport\n\nIn short:\nFerry operator cuts sailings\n\n{P1}\n\n{P2}\n"
    )
    assert alone.title == "Ferry operator cuts sailings"  # a label the <title> does not hold


def test_a_page_title_that_is_the_sites_address_and_a_label_names_nothing() -> None:
    text = f"www.courier.example | Detail\n\nHome\n\nNews\n\nSport\n\nWeather\n\nJobs\n\n{P1}\n\n{P2}\n"
    extraction = extract_text_dump(text)
    assert extraction.title is None
    assert extraction.body == [P1, P2]


def test_an_author_box_at_the_end_is_cut_off() -> None:
    bio = "Jane Leung is a senior reporter covering transport and infrastructure for the paper since 2015."
    text = f"Ferry operator cuts sailings\n{P1}\n{P2}\n{P3}\n{bio}\nFollow her on social media for updates.\n"
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert rules_by_text(extraction)[bio] == "author-bio"


def test_a_page_without_an_article_has_no_body() -> None:
    extraction = extract_text_dump("Home\nNews\nSport\nImpressum\nDatenschutz\n")
    assert extraction.body == []
    assert {r["rule"] for r in extraction.removed} <= {"no-article"}


SCRIPTED_PAGE = [
    "Wie man eine runde Tischdecke in nur 7 Schritten herstellt | homify",
    "",
    "Dein Browser ist leider veraltet.",
    "",
    "Lade für ein besseres Erlebnis einen neueren Browser kostenfrei herunter. Klicke dafür einfach auf das Symbol!",
    "",
    *["Räume", "Experten", "Magazin", "DIY", "Werde Experte", "Premium", "Abmelden", "Einloggen", "Werde Experte"],
    *["Einloggen", "Edit SEO element"],
    "Hilfe und Support Firma kostenlos eintragen homify Premium AGB Datenschutzerklärung Impressum Badges Themen Jobs",
    "Erlebe die volle erfahrung!",
    "",
    "homify international",
    "",
    "UNITED KINGDOM ESPAÑA FRANCE ITALIA PORTUGAL BRASIL MÉXICO INDIA NEDERLAND POLSKA",
    "DEUTSCHLAND",
]


def test_a_page_that_shows_only_its_title_has_no_body() -> None:
    # A page its scripts draw, copied as text: its <title>, a notice about the browser, menus and a footer.
    extraction = extract_text_dump("\n".join(SCRIPTED_PAGE))
    assert extraction.body == []
    assert {"line": 1, "rule": "no-article", "text": SCRIPTED_PAGE[0]} in extraction.removed
    assert {removal["rule"] for removal in extraction.removed} == {"no-article"}  # as any page without an article
    # A dump of one paragraph is an article of one paragraph.
    assert extract_text_dump(f"{P1}\n").body == [P1]
    # A record's text is an article already: its one line stays.
    assert extract_text_dump("Rail strike ends after talks with the union\n", article=True).body == [
        "Rail strike ends after talks with the union"
    ]


def test_no_body_line_matches_a_built_in_drop_rule() -> None:
    furniture = ["Advertisement", "Story continues below", "06:35", "Share", "© The Courier 2024", "Impressum"]
    text = "\n".join(["Ferry operator cuts sailings", *(f"{P1} {P2}\n{line}" for line in furniture), P3])
    extraction = extract_text_dump(text)
    assert f"{P1} {P2}" in extraction.body
    assert all(GUARD.first_match(paragraph) is None for paragraph in extraction.body)
    assert all(line not in extraction.body for line in furniture)


def test_leftover_boilerplate_is_dropped_from_other_extractors_paragraphs() -> None:
    extraction = Extraction(body=[P1, "Advertisement", P2], extractor="html")
    cleaned = drop_leftover_boilerplate(extraction)
    assert cleaned.body == [P1, P2]
    assert cleaned.removed == [{"line": 2, "rule": "ad-label", "text": "Advertisement"}]
    assert drop_leftover_boilerplate(cleaned) is cleaned


def test_other_extractors_captions_and_datelines_leave_the_body() -> None:
    dateline, caption = "Published 3 March 2021, 14:05", "Passengers queue at the pier on Thursday. Photo: Reuters"
    body = [dateline, P1, caption, P2, P3, dateline, P1, dateline]
    cleaned = drop_leftover_boilerplate(Extraction(body=body, extractor="html"))
    assert cleaned.body == [P1, P2, P3, dateline, P1]  # a dateline is one among the first paragraphs, and last
    assert cleaned.captions == [{"text": "Passengers queue at the pier on Thursday.", "credit": "Reuters"}]
    assert [removal["rule"] for removal in cleaned.removed] == ["date", "caption-credit", "date"]
    row = "| Published | 3 March 2021, 14:05 |"
    assert drop_leftover_boilerplate(Extraction(body=[P1, P2, P3, row], extractor="html")).body == [P1, P2, P3, row]


def test_a_dateline_above_the_permalink_and_copyright_that_go_is_the_last_paragraph_left() -> None:
    tail = [
        "Aktualisiert am 17.01.2021.",
        "Permalink: https://news.example.org/2021/ferry.php",
        "© 1996 - 2022 Example",
    ]
    cleaned = drop_leftover_boilerplate(Extraction(body=[P1, P2, P3, *tail], extractor="html"))
    assert cleaned.body == [P1, P2, P3]
    assert [removal["rule"] for removal in cleaned.removed] == ["date", "post-meta", "copyright"]


def test_boilerplate_families_are_dropped_from_other_extractors_paragraphs() -> None:
    furniture = ["Sign up for our newsletter", "Related articles", "Follow us on Twitter", "Read more: Pool closes"]
    cleaned = drop_leftover_boilerplate(Extraction(body=[P1, *furniture, P2], extractor="html"))
    assert cleaned.body == [P1, P2]
    assert [removal["rule"] for removal in cleaned.removed] == ["newsletter", "related", "follow-us", "read-also"]


def test_a_list_of_other_stories_teasers_after_the_article_is_cut() -> None:
    teasers = [
        "Uber loses a case in court",
        "The ride-hailing company failed with its complaint against the taxi centre in Vienna, a court said.",
        "Waymo asks carmakers for money",
        "The Google sister company is looking for investors from the car industry for its self-driving cars.",
        "Lyft raises billions at its market debut",
        "At its debut on the stock exchange the company took in almost 2.3 billion dollars, more than planned.",
    ]
    text = "\n".join(["Ferry operator cuts sailings", P1, "", P2, "", P3, "", *teasers])
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert {r["rule"] for r in extraction.removed} == {"teaser-list"}


def test_an_article_of_short_sections_keeps_them() -> None:
    sections = ["Fares", P1, "Timetable", P2, "Residents", P3]
    extraction = extract_text_dump("\n".join(["Ferry operator cuts sailings", *sections]))
    assert extraction.body == sections


def test_an_author_box_that_opens_with_the_name_alone_is_cut_off() -> None:
    bio = "Jane is a senior reporter covering transport and infrastructure for the paper since 2015."
    text = f"Ferry operator cuts sailings\n{P1}\n{P2}\n{P3}\nJane Leung\n{bio}\n"
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert rules_by_text(extraction) == {"Jane Leung": "author-bio", bio: "author-bio"}


def test_a_closing_section_named_like_a_person_is_not_an_author_box() -> None:
    # The line after the heading repeats its words, but no verb follows them: a section, not a biography.
    section = "Night sailings on the outlying routes will resume in May once the new crews are trained."
    text = f"Ferry operator cuts sailings\n{P1}\n{P2}\n{P3}\nNight Sailings\n{section}\n"
    assert extract_text_dump(text).body == [P1, P2, P3, "Night Sailings", section]


def test_a_related_stories_block_below_the_article_ends_it() -> None:
    # The teasers' prose outweighs the block's penalty, so the region runs on past it: the block still ends it.
    article = [f"{P1} {P2} {P3} ({number})" for number in range(1, 16)]
    teasers = [f"Other story {number}: {P1} {P2} {P3}" for number in (1, 2, 3)]
    text = "\n\n".join(["Ferry operator cuts sailings", *article, "Related articles", *teasers])
    extraction = extract_text_dump(text)
    assert extraction.body == article
    assert [rules_by_text(extraction)[teaser] for teaser in teasers] == ["after-boundary"] * 3


def test_short_lines_below_the_last_paragraph_are_not_the_article() -> None:
    credit = "Reporting by Jane Leung and Tom Lee."
    text = f"Ferry operator cuts sailings\n\n{P1}\n\n{P2}\n\n{P3}\n\nThe Courier Newsroom\n\n{credit}\n"
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3, credit]
    assert rules_by_text(extraction)["The Courier Newsroom"] == "short-tail"


def test_short_lines_announced_by_the_last_paragraph_stay() -> None:
    sources = ["https://www.example.org/bericht-2024", "Jahresbericht der Stadtwerke"]
    announcing = "The operator said the figures came from the yearly reports of the city and its own accounts:"
    text = f"Ferry operator cuts sailings\n\n{P1}\n\n{P2}\n\n{announcing}\n\n" + "\n".join(sources) + "\n"
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, announcing, *sources]


def test_headlines_under_a_related_stories_heading_inside_the_article_are_cut() -> None:
    # The article goes on below the box, so neither the late-boundary rule nor the teaser list applies.
    above = [f"{P1} {P2} ({number})" for number in range(1, 6)]
    below = [f"{P2} {P3} ({number})" for number in range(1, 6)]
    headlines = ["Tram line 4 closes for the summer", "New bridge opens to cyclists in May"]
    text = "\n\n".join(["Ferry operator cuts sailings", *above, "More on this topic", *headlines, *below])
    extraction = extract_text_dump(text)
    assert extraction.body == [*above, *below]
    assert [rules_by_text(extraction)[line] for line in headlines] == ["related-list"] * 2


def test_one_heading_after_a_related_stories_heading_is_the_articles_next_section() -> None:
    above = [f"{P1} {P2} ({number})" for number in range(1, 6)]
    below = [f"{P2} {P3} ({number})" for number in range(1, 6)]
    text = "\n\n".join(["Ferry operator cuts sailings", *above, "More on this topic", "What residents say", *below])
    assert extract_text_dump(text).body == [*above, "What residents say", *below]


def test_a_link_to_another_story_inside_the_article_does_not_end_it() -> None:
    # "Read more: <headline>" interrupts the article ("read-also", inline); a related-stories heading below most
    # of the article's prose would end it, and take P3 with it.
    link = "Read more: Why the council closed the pool"
    article = [f"{P1} {P2} ({number})" for number in range(1, 9)]
    text = "\n\n".join(["Ferry operator cuts sailings", *article, link, P3])
    extraction = extract_text_dump(text)
    assert extraction.body == [*article, P3]
    assert rules_by_text(extraction) == {link: "read-also"}


def test_php_warnings_printed_into_the_page_are_not_the_article() -> None:
    warnings = [
        f"Strict Standards: Declaration of Walker_Page::start_el() should be compatible with Walker::start_el() in "
        f"/www/htdocs/w0094d70/wp-includes/classes.php on line {number}"
        for number in (1199, 1244, 1391)
    ]
    text = "\n".join([*warnings, "Ferry operator cuts sailings", P1, P2, warnings[0], P3])
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert set(rules_by_text(extraction).values()) == {"server-error"}


def test_a_list_of_headlines_above_a_newsletter_box_does_not_join_the_article() -> None:
    # Wordy lines without a sentence end weigh half: eight headlines no longer outweigh the box between them and
    # the article, so the region does not run over both.
    topics = [
        "harbour district",
        "market hall",
        "city library",
        "tram depot",
        "river bank",
        "north school",
        "bus station",
    ]
    headlines = [
        f"Council votes on the new budget for the {topic} and what it means for the people there"
        for topic in [*topics, "town square"]
    ]
    article = [f"{P1} {P2} ({number})" for number in range(1, 5)]
    text = "\n\n".join([*headlines, "Sign up for our newsletter", "Ferry operator cuts sailings", *article])
    assert extract_text_dump(text).body == article


def test_a_section_named_in_the_page_title_places_the_article_but_is_not_its_headline() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    page_title = "Ferry cuts: operator blames fuel - Hongkong - The Courier"
    text = "\n\n".join([page_title, "Home", "World", "Hongkong", headline, P1, P2, P3])
    extraction = extract_text_dump(text)
    assert (extraction.title, extraction.body) == (headline, [P1, P2, P3])


def test_a_photo_credit_or_the_authors_name_under_the_headline_is_not_the_headline() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    for between, authors in ((["© Jane Doe"], []), (["Thomas Hanke", "27.04.2020 - 18:50 Uhr"], ["Thomas Hanke"])):
        text = "\n\n".join(["The Courier", "News Sport Weather Contact", headline, *between, P1, P2, P3])
        extraction = extract_text_dump(text)
        assert (extraction.title, extraction.body, extraction.authors) == (headline, [P1, P2, P3], authors)


def test_a_page_copied_without_its_title_line_is_not_titled_by_its_first_menu_item() -> None:
    # Copied from the browser: the dump opens with the menu ("Island News" run into "Politics"), whose first item the
    # page shows again above the headline. Taken for the page's <title>, that repeat anchored the article and titled it.
    headline = "Ferry operator cuts sailings to the outlying islands"
    menu = "Island News\nPolitics\nSport\nWeather"
    text = "\n\n".join([menu, "Island News", headline, P1, P2, P3, "Imprint"])
    extraction = extract_text_dump(text)
    assert (extraction.title, extraction.body) == (headline, [P1, P2, P3])


def test_an_address_above_the_article_does_not_title_it() -> None:
    # The author's e-mail address stood right above the article, the nearest line that could head it.
    page_title = "Ferry operator cuts sailings to the outlying islands"
    text = "\n\n".join(
        [f"{page_title} | The Courier", "News Sport Weather Contact", "jane.doe@courier.example", P1, P2]
    )
    extraction = extract_text_dump(text)
    assert (extraction.title, extraction.body) == (page_title, [P1, P2])


def test_a_caption_credited_to_its_source_or_licence_is_a_caption() -> None:
    # "/ Źródło: Pixabay" (source: Pixabay) or a Creative Commons licence ends a photo's caption, not a headline.
    headline = "Ferry operator cuts sailings to the outlying islands"
    for caption, credit in (
        ("A ferry at dawn / Źródło: Pixabay", "Pixabay"),
        ("A ferry at dawn, CC BY-SA 4.0", "CC BY-SA 4.0"),
    ):
        extraction = extract_text_dump("\n\n".join([headline, caption, P1, P2, P3]))
        assert (extraction.title, extraction.body) == (headline, [P1, P2, P3])
        assert extraction.captions == [{"text": "A ferry at dawn", "credit": credit}]


def test_the_name_beside_the_date_under_the_headline_is_the_author() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    extraction = extract_text_dump("\n\n".join([headline, "30. Oktober 2019 | Markus Euskirchen", P1, P2, P3]))
    assert (extraction.authors, extraction.published_at) == (["Markus Euskirchen"], "2019-10-30T00:00:00Z")
    assert extraction.body == [P1, P2, P3]


def test_a_dateline_under_the_article_dates_it_when_nothing_above_does() -> None:
    # A blog prints "Veröffentlicht am …" under the post. A bare date there may be another story's or an event's, and a
    # comment thread's dates are its comments'.
    headline = "Ferry operator cuts sailings to the outlying islands"
    cases = (
        (["Veröffentlicht am: 6. August 2009"], "2009-08-06T00:00:00Z"),
        (["Erscheinungsdatum: 07.02.2022"], "2022-02-07T00:00:00Z"),
        (["22. Juni 2022"], None),
        (["Kommentare (3)", "Published: 03 December 2019"], None),
    )
    for below, published in cases:
        extraction = extract_text_dump("\n\n".join(["News Sport Weather Contact", headline, P1, P2, P3, *below]))
        assert (extraction.body, extraction.published_at) == ([P1, P2, P3], published)


def test_a_trail_run_into_the_headline_is_cut_as_the_page_title_names_it() -> None:
    # The breadcrumb's steps copied without their separators, in front of the headline.
    headline = "Ferry operator cuts sailings to the outlying islands"
    for trail in ("Start News", "Startseite Kultur"):
        text = "\n\n".join([headline, "News Sport Weather Contact", f"{trail} {headline}", P1, P2, P3])
        assert extract_text_dump(text).title == headline


def test_a_dump_without_blank_lines_still_opens_with_its_title_line() -> None:
    # Copied with a newline between blocks only, no line is set apart: the first is the page's <title>, as before.
    text = f"Ferry cuts\nHome\nSport\nWeather\nFerry cuts\n{P1}\n{P2}\nImprint\n"
    extraction = extract_text_dump(text)
    assert (extraction.title, extraction.body) == ("Ferry cuts", [P1, P2])
    assert rules_by_text(extraction)["Ferry cuts"] == "page-title"


def test_a_label_under_the_headline_is_not_the_headline() -> None:
    # Two words between the headline and the article ("Zum Video", "minute read", the author's name): the nearest
    # heading-like line, but the headline stands above it.
    headline = "Ferry operator cuts sailings to the outlying islands"
    for label in ("Zum Video", "minute read", "Sara Zinnecker"):
        text = "\n\n".join(["The Courier", "News Sport Weather Contact", headline, label, P1, P2, P3])
        extraction = extract_text_dump(text)
        assert (extraction.title, extraction.body) == (headline, [P1, P2, P3])
        assert rules_by_text(extraction)[label] == "before-title"


def test_a_line_ending_in_a_colon_above_the_article_bounds_it_but_is_not_its_headline() -> None:
    # It announces what follows ("Die Themen des Tages:", a list's heading): the headline above it, else the
    # page's title.
    for above, title in (([], "The Courier"), (["Ferry operator cuts sailings to the outlying islands"], None)):
        text = "\n\n".join(["The Courier", "Home\nNews\nSport\nWeather", *above, "Die Themen des Tages:", P1, P2, P3])
        extraction = extract_text_dump(text)
        assert (extraction.title, extraction.body) == (title or above[0], [P1, P2, P3])
        assert rules_by_text(extraction)["Die Themen des Tages:"] == "before-title"


def test_a_dateline_just_above_the_headline_dates_the_article() -> None:
    text = "\n\n".join(
        ["The Courier", "News Sport Weather", "31.10.2023 14:08", "Ferry operator cuts sailings", P1, P2, P3]
    )
    extraction = extract_text_dump(text)
    assert (extraction.published_at, extraction.body) == ("2023-10-31T14:08:00Z", [P1, P2, P3])


# Wordy enough to weigh as prose in the region search, so the region takes them in and the rule decides.
TAIL_HEADLINES = [
    "Tram line 4 closes for the whole of the summer while the tracks are renewed",
    "The new bridge over the river opens to cyclists and walkers at the end of May",
    "Harbour festival returns to the waterfront after three years of the pandemic",
]


def test_headlines_ending_the_body_below_its_last_sentence_are_cut() -> None:
    # No related-stories heading announces the list: a short label, then three headline-like lines below the prose.
    text = "\n\n".join(["Ferry operator cuts sailings", P1, P2, P3, "Harbour Courier", *TAIL_HEADLINES])
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert [rules_by_text(extraction)[line] for line in TAIL_HEADLINES] == ["headline-tail"] * 3


def test_two_headline_like_lines_at_the_end_stay() -> None:
    # A last subheading and its one-line section are not a list of other stories.
    text = "\n\n".join(["Ferry operator cuts sailings", P1, P2, P3, *TAIL_HEADLINES[:2]])
    assert extract_text_dump(text).body == [P1, P2, P3, *TAIL_HEADLINES[:2]]


def test_headline_like_items_announced_by_a_colon_stay() -> None:
    announced = "The operator named the routes that keep their timetable:"
    text = "\n\n".join(["Ferry operator cuts sailings", P1, P2, P3, announced, *TAIL_HEADLINES])
    assert extract_text_dump(text).body == [P1, P2, P3, announced, *TAIL_HEADLINES]


def test_a_related_heading_over_one_headline_inside_the_article_is_a_link_not_its_end() -> None:
    # "Lea también", one story's headline, then the article goes on: too little prose below to outweigh a
    # related-stories block, which would have ended the article there.
    above = [f"{P1} {P2} ({number})" for number in range(1, 9)]
    link = ["Lea también", "Tram line 4 closes for the whole summer"]
    text = "\n\n".join(["Ferry operator cuts sailings", *above, *link, P2, P3])
    extraction = extract_text_dump(text)
    assert extraction.body == [*above, P2, P3]
    assert [rules_by_text(extraction)[line] for line in link] == ["read-also"] * 2


def test_a_related_heading_over_headlines_and_teasers_still_ends_the_article() -> None:
    above = [f"{P1} {P2} ({number})" for number in range(1, 9)]
    teasers = ["Tram line 4 closes for the whole summer", P2, "New bridge opens to cyclists in May", P3]
    text = "\n\n".join(["Ferry operator cuts sailings", *above, "Lea también", *teasers])
    assert extract_text_dump(text).body == above


def test_a_newsletter_prompt_between_paragraphs_interrupts_the_article_without_ending_it() -> None:
    prompt = "Sign up for our daily newsletter for more ferry news!"
    text = "\n\n".join(["Ferry operator cuts sailings", P1, prompt, P2, P3])
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert rules_by_text(extraction)[prompt] == "newsletter"


def test_a_newsletter_box_under_the_article_still_ends_it() -> None:
    box = ["Sign up for our daily newsletter", "Enter your e-mail address", "Subscribe"]
    text = "\n\n".join(["Ferry operator cuts sailings", P1, P2, P3, *box])
    assert extract_text_dump(text).body == [P1, P2, P3]


def test_a_byline_with_a_date_gives_the_authors_and_the_date() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    for byline, authors, date in (
        ("Von Anna Schmidt am 3. März 2021", ["Anna Schmidt"], "2021-03-03T00:00:00Z"),
        (
            "By Hans-Peter Müller and Jean-Luc Picard on 12 June 2020",
            ["Hans-Peter Müller", "Jean-Luc Picard"],
            "2020-06-12T00:00:00Z",
        ),
        ("Von Anja Schmoll-Trautmann am 12.03.2021, 15:40 Uhr", ["Anja Schmoll-Trautmann"], "2021-03-12T15:40:00Z"),
    ):
        extraction = extract_text_dump("\n\n".join(["The Courier", "News Sport Weather", headline, byline, P1, P2, P3]))
        assert (extraction.authors, extraction.published_at, extraction.body) == (authors, date, [P1, P2, P3])


def test_a_meta_line_with_a_date_dates_the_article_and_leaves_the_body() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    meta = "Veröffentlicht am 6. Juli 2015 von Mark Hosak — Hinterlasse eine Antwort"
    extraction = extract_text_dump("\n\n".join(["The Courier", "News Sport Weather", headline, meta, P1, P2, P3]))
    assert (extraction.published_at, extraction.authors) == ("2015-07-06T00:00:00Z", ["Mark Hosak"])
    assert extraction.body == [P1, P2, P3]


def test_a_byline_with_a_date_just_above_the_headline_dates_the_article() -> None:
    text = "\n\n".join(
        [
            "The Courier",
            "News Sport Weather",
            "By Jane Doe 10. Februar 2019 in Allgemein",
            "Ferry operator cuts sailings",
            P1,
            P2,
            P3,
        ]
    )
    extraction = extract_text_dump(text)
    assert (extraction.published_at, extraction.authors) == ("2019-02-10T00:00:00Z", ["Jane Doe"])
    assert extraction.body == [P1, P2, P3]


def test_sentences_with_a_date_or_a_name_in_the_body_stay_in_it() -> None:
    dated = "Published on 12 June 2020, the report shows that fares rose by a third over the decade."
    named = "Müller-Lüdenscheidt and the council met on 12 June 2020"
    headline = "Ferry operator cuts sailings to the outlying islands"
    extraction = extract_text_dump(
        "\n\n".join(["The Courier", "News Sport Weather", headline, dated, named, P1, P2, P3])
    )
    assert extraction.body == [dated, named, P1, P2, P3]
    assert (extraction.published_at, extraction.authors) == (None, [])


def test_a_placeholder_byline_names_no_author() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    extraction = extract_text_dump(
        "\n\n".join(["The Courier", "News Sport Weather", headline, "By Staff Writer", P1, P2])
    )
    assert (extraction.authors, extraction.body) == ([], [P1, P2])


def test_the_published_date_wins_over_an_update_and_an_embedded_posts_date() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    tweet = "— Jane Doe (@janedoe) June 1, 2017"
    lines = ["The Courier", "News Sport Weather", headline, "Aktualisiert: 11.04.2020, 10:27", "Erstellt: 03.04.2020"]
    extraction = extract_text_dump("\n\n".join([*lines, P1, tweet, P2, P3]))
    assert extraction.published_at == "2020-04-03T00:00:00Z"
    assert extraction.updated_at == "2020-04-11T10:27:00Z"
    assert extraction.body == [P1, tweet, P2, P3]


def test_a_change_dated_after_the_publication_on_one_line() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    dateline = "Published 2 May 2024 | Updated 3 May 2024, 14:05"
    extraction = extract_text_dump("\n\n".join(["The Courier", headline, dateline, P1, P2, P3]))
    assert (extraction.published_at, extraction.updated_at) == ("2024-05-02T00:00:00Z", "2024-05-03T14:05:00Z")


def test_an_author_box_under_the_headline_leaves_the_body() -> None:
    bio = "Jane Doe is a senior writer covering transport for the Courier."
    headline = "Ferry operator cuts sailings to the outlying islands"
    extraction = extract_text_dump("\n\n".join(["The Courier", headline, "Jane Doe", "3 May 2024", bio, P1, P2, P3]))
    assert (extraction.body, extraction.authors) == ([P1, P2, P3], ["Jane Doe"])
    assert rules_by_text(extraction)[bio] == "author-bio"


def test_a_sentence_about_someone_else_under_the_byline_stays() -> None:
    lead = "Jane Doe is a ferry captain who has sailed the islands route for thirty years, and she is worried."
    headline = "Ferry operator cuts sailings to the outlying islands"
    extraction = extract_text_dump("\n\n".join(["The Courier", headline, "John Smith", "3 May 2024", lead, P1, P2]))
    assert extraction.body == [lead, P1, P2]


def test_a_longer_promotion_below_the_articles_tags_is_not_the_article() -> None:
    # No line repeats the page's title, so no headline anchors the article; the densest run is the promotion.
    promotion = [
        f"Win tickets for the harbour festival, where {band} plays the main stage on Saturday night."
        for band in (
            "the Ratboys",
            "the Seagulls",
            "the Tidewaters",
            "the Lighthouse Keepers",
            "the Gulls",
            "the Anchors",
        )
    ]
    text = "\n\n".join(
        ["Harbour Courier - News", "Ferry operator cuts sailings", P1, P2, P3, "Tags:", "Ferries", *promotion]
    )
    assert extract_text_dump(text).body == [P1, P2, P3]


def test_a_month_first_source_dates_its_dump_month_first() -> None:
    text = "\n\n".join(["The Courier", "Ferry operator cuts sailings to the outlying islands", "03/04/2021", P1, P2])
    assert extract_text_dump(text, CleaningConfig(month_first=True)).published_at == "2021-03-04T00:00:00Z"
    assert extract_text_dump(text).published_at == "2021-04-03T00:00:00Z"


def test_a_dump_that_dates_no_change_has_no_update() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    extraction = extract_text_dump("\n\n".join(["The Courier", headline, "Published 2 May 2024", P1, P2, P3]))
    assert (extraction.published_at, extraction.updated_at) == ("2024-05-02T00:00:00Z", None)


def test_a_label_or_a_newsroom_above_the_dateline_names_no_author() -> None:
    headline = "Ferry operator cuts sailings to the outlying islands"
    for above in ("Übersetzer: Sonja Häußler", "Magazin, News", "Multimedia Redaktion"):
        text = "\n\n".join(["The Courier", "News Sport Weather", headline, above, "27.04.2020 - 18:50 Uhr", P1, P2, P3])
        extraction = extract_text_dump(text)
        assert (extraction.authors, extraction.published_at) == ([], "2020-04-27T18:50:00Z")


def test_a_comment_thread_under_the_article_is_cut_at_its_first_commenter() -> None:
    comments = [
        f"{name} says:\n\n{day} March 2024 at 9:{minute} am\n\n"
        f"I took the {day}:10 sailing for years and the change will add an hour to my commute, so thanks for this."
        for name, day, minute in (("Jane Doe", 3, 14), ("Chris Lee", 4, 20), ("Sam Wu", 5, 45), ("Ana Ruiz", 6, 2))
    ]
    text = "\n\n".join(["Ferry operator cuts sailings", P1, P2, P3, *comments])
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert rules_by_text(extraction)["Jane Doe says:"] == "comments"


def test_a_figures_caption_leaves_the_body_for_the_captions() -> None:
    caption = "Abbildung 2: Die Fähre am Pier von Mui Wo, kurz nach sechs Uhr morgens."
    text = "\n\n".join(["Ferry operator cuts sailings", P1, caption, P2, P3])
    extraction = extract_text_dump(text)
    assert extraction.body == [P1, P2, P3]
    assert extraction.captions == [{"text": caption, "credit": None}]
    cleaned = drop_leftover_boilerplate(Extraction(body=[P1, caption, P2], extractor="html"))
    assert cleaned.body == [P1, P2]
    assert cleaned.captions == [{"text": caption, "credit": None}]


def test_a_breadcrumb_trail_ending_in_the_headline_titles_the_article_by_its_headline() -> None:
    headline = "Ferry operator cuts sailings on four routes"
    text = "\n\n".join([headline, "Impressum", f"> Blog > Verkehr > {headline}", headline, P1, P2, P3])
    assert extract_text_dump(text).title == headline


def test_a_thread_of_long_comments_ends_the_article_at_its_first_comment_cue() -> None:
    # Each comment outweighs its header: without the thread rule the article ran on through every comment.
    comments = [
        f"{name}, {day} Apr 2020 / 08:{minute} Antworten\n\n"
        + "\n\n".join(
            f"{name} commuted on the {hour} o'clock ferry for {years} years, and the new timetable will cost an hour "
            f"every day of the week, which the operator never mentioned when it asked the department for the cuts."
            for hour, years in zip(range(5, 12), range(3, 10), strict=True)
        )
        for name, day, minute in (("Anna", 9, 34), ("Chris", 10, 12), ("Sam", 11, 55))
    ]
    headline = "Ferry operator cuts sailings"
    text = "\n\n".join([f"{headline} | Harbour Courier", "Home", headline, P1, P2, P3, "Kommentare", *comments])
    assert extract_text_dump(text).body == [P1, P2, P3]


def test_a_table_row_of_one_cell_is_held_to_the_rules_as_a_line() -> None:
    # trafilatura writes a layout table's row as "| … |": a box's heading in one cell is furniture like the line.
    body = [P1, "| Weitere Artikel zum Thema |", P2, "| Weitere Artikel | zum Thema |", P3]
    cleaned = drop_leftover_boilerplate(Extraction(body=body, extractor="html"))
    assert cleaned.body == [P1, P2, "| Weitere Artikel | zum Thema |", P3]
    assert [removal["rule"] for removal in cleaned.removed] == ["related"]


def test_a_dated_meta_line_ending_other_extractors_paragraphs_leaves_the_body() -> None:
    for meta in ("Aktualisiert am 17.01.2021.", "Posted: Thursday, April 21, 2022. 10:11 pm CST."):
        cleaned = drop_leftover_boilerplate(Extraction(body=[P1, P2, P3, P1, meta], extractor="html"))
        assert cleaned.body == [P1, P2, P3, P1], meta
