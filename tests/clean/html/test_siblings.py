from __future__ import annotations

from newsetl.clean.html import extract_html
from newsetl.clean.html.siblings import with_split_parts
from newsetl.clean.html.tree import parse_html, text_of
from tests.conftest import CASES

PARTS = [
    [
        "Es gibt Ereignisse, die eine Biografie für immer in zwei Teile zerschneiden, in ein Davor und ein Danach.",
        "Einundzwanzig Jahre später sitzt die Schauspielerin auf der Couch ihres Hauses und erzählt davon.",
    ],
    [
        "Was war Ihr erster Gedanke, als Sie aus der Narkose erwachten, und wem haben Sie zuerst davon erzählt?",
        "Dass es nicht nur um mich geht. Mein Sohn war erst achtzehn Monate alt, als ich den Schlaganfall hatte.",
        "Es dauerte Jahre, bis ich genügend Kraft in mir spürte, um noch zwei weitere Söhne zu adoptieren.",
    ],
    [
        "Hollywood verzeiht es dir nicht, wenn du von heute auf morgen von der Bildfläche verschwindest, sagt sie.",
        "Heute sind ihre Kinder sechzehn, siebzehn und zweiundzwanzig Jahre alt, und sie dreht wieder Filme.",
    ],
]


def _module(paragraphs: list[str], kind: str = "editorial-module editorial-module--text") -> str:
    inner = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f'<div class="{kind}"><div class="text">{inner}</div></div>'


def _page(*modules: str) -> str:
    photo = '<div class="editorial-module editorial-module--image"><img src="a.jpg" alt=""></div>'
    return f"<html><body><main>{photo.join(modules)}</main></body></html>"


def _joined(page: str, found: list[str]) -> list[str]:
    tree = parse_html(page)
    assert tree is not None
    return with_split_parts(tree, found)


def test_the_parts_of_an_article_split_over_same_class_modules_join_in_page_order() -> None:
    page = _page(*map(_module, PARTS))
    assert _joined(page, PARTS[1]) == [*PARTS[0], *PARTS[1], *PARTS[2]]


def test_a_page_s_other_stories_do_not_join() -> None:
    # A listing: each <article> is a story of its own.
    stories = "".join(f'<article class="list-item">{_module(part)}</article>' for part in PARTS)
    page = f"<html><body><main>{stories}</main></body></html>"
    assert _joined(page, PARTS[1]) == PARTS[1]


def test_a_module_the_extractor_kept_part_of_does_not_join() -> None:
    # What trafilatura left out of a container it read, it left out on purpose: here it kept the heading only.
    first = _module(PARTS[0]).replace('<div class="text">', '<div class="text"><h2>Davor und Danach</h2>')
    page = _page(first, _module(PARTS[1]))
    assert _joined(page, ["Davor und Danach", *PARTS[1]]) == ["Davor und Danach", *PARTS[1]]


def test_teasers_links_and_short_text_do_not_join() -> None:
    teaser = '<div class="card"><h3><a href="/other">Eine andere Geschichte</a></h3><p>{}</p><p>{}</p></div>'.format(
        *PARTS[2]
    )
    linked = _module([f'<a href="/x">{PARTS[2][0]}</a> {PARTS[2][1]}'])
    short = _module([PARTS[2][0]])
    for other in (teaser.replace("card", "editorial-module editorial-module--text"), linked, short):
        assert _joined(_page(_module(PARTS[1]), other), PARTS[1]) == PARTS[1]


def test_modules_without_a_class_say_nothing_of_their_kind() -> None:
    page = _page(*(_module(part, kind="") for part in PARTS))
    assert _joined(page, PARTS[1]) == PARTS[1]


def test_the_whole_article_comes_out_of_a_page_split_into_modules() -> None:
    page = (CASES / "html" / "split-modules.html").read_text(encoding="utf-8")
    tree = parse_html(page)
    assert tree is not None
    modules = tree.xpath("//div[@class='editorial-module editorial-module--text']")
    wanted = [text_of(paragraph) for module in modules for paragraph in module.iter("p") if text_of(paragraph)]
    assert extract_html(page, "https://magazin.example.org/story/interview").body == wanted
