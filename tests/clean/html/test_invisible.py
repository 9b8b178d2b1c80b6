"""Invisible format characters of a page's text: trafilatura drops them, the HTML body has them back."""

from __future__ import annotations

from lxml.html import fromstring

from newsetl.clean.html import extract_html
from newsetl.clean.html.invisible import restore_format_characters

ZWNJ, ZWJ, RLM, SHY = "\u200c", "\u200d", "\u200f", "\u00ad"
# Persian writes "mi-khaham" (I want) and "khaneh-ha" (houses) with a zero-width non-joiner: without it the
# letters join and the word is misspelt.
PERSIAN = [
    f"من می{ZWNJ}خواهم امروز درباره خانه{ZWNJ}ها و قیمت آنها در شهر تهران بنویسم و نظر مردم را بپرسم.",
    f"قیمت خانه{ZWNJ}ها در سال گذشته بیش از دو برابر شده است و بسیاری از خانواده{ZWNJ}ها نگران آینده هستند.",
    f"دولت می{ZWNJ}گوید برنامه تازه{ZWNJ}ای برای ساخت خانه{ZWNJ}های ارزان دارد که از ماه آینده آغاز می{ZWNJ}شود.",
    "کارشناسان می‌گویند این برنامه به تنهایی کافی نیست و باید وام‌های بیشتری به خریداران داده شود.",
]


def page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f'<html lang="fa"><head><title>خانه</title></head><body><article>{body}</article></body></html>'


def test_a_zero_width_non_joiner_stays_in_the_word_it_spells() -> None:
    body = extract_html(page(PERSIAN)).body
    assert body == PERSIAN


def test_joiners_and_direction_marks_come_back_where_the_page_has_them() -> None:
    tree = fromstring(f"<div><p>A family emoji 👨{ZWJ}👩{ZWJ}👧 and a name {RLM}שלום{RLM}, in   a   line.</p></div>")
    dropped = "A family emoji 👨👩👧 and a name שלום, in a line."  # as trafilatura gives it
    assert restore_format_characters([dropped], tree) == [
        f"A family emoji 👨{ZWJ}👩{ZWJ}👧 and a name {RLM}שלום{RLM}, in a line."
    ]


def test_soft_hyphens_stay_out() -> None:
    tree = fromstring(f"<div><p>خانه{ZWNJ}ها و خا{SHY}نه</p></div>")
    assert restore_format_characters(["خانهها و خانه"], tree) == [f"خانه{ZWNJ}ها و خانه"]


def test_a_page_in_scripts_that_need_no_joiner_is_not_read_again() -> None:
    # Latin, Cyrillic, Greek, CJK: an invisible character there is a hyphenation hint or a stray emoji joiner.
    tree = fromstring(f"<div><p>Der Klima{SHY}wandel und die Energie{ZWJ}wende</p></div>")
    paragraphs = ["Der Klimawandel und die Energiewende"]
    assert restore_format_characters(paragraphs, tree) is paragraphs


def test_a_paragraph_not_found_in_the_page_is_kept_as_given() -> None:
    # trafilatura writes a table's row with pipes the page does not have: the row is not found, and stays as given.
    tree = fromstring(f"<table><tr><td>خانه{ZWNJ}ها</td><td>قیمت</td></tr></table>")
    assert restore_format_characters(["| خانهها | قیمت |"], tree) == ["| خانهها | قیمت |"]


def test_a_page_without_format_characters_is_left_alone() -> None:
    paragraphs = ["میخواهم"]
    assert restore_format_characters(paragraphs, fromstring("<p>میخواهم</p>")) is paragraphs


def test_the_same_paragraph_twice_takes_its_characters_from_each_place() -> None:
    tree = fromstring(f"<div><p>می{ZWNJ}خواهم</p><p>میخواهم</p><p>می{ZWNJ}خواهم</p></div>")
    assert restore_format_characters(["میخواهم"] * 3, tree) == [f"می{ZWNJ}خواهم", "میخواهم", f"می{ZWNJ}خواهم"]
