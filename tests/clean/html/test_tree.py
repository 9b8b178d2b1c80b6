"""The page's one parse: the tree trafilatura's own loader would make, with every element's class found in C."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsetl.clean.html.tree import parse_html

PAGES = [
    "<html><head><title>Ferry</title></head><body><article><p>The ferry sails again.</p></article></body></html>",
    # A str that declares its encoding: lxml refuses it as a str, the bytes parse.
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Fähre fährt wieder.</p></body></html>',
    "<!DOCTYPE html><html><body><form><input name='q'><select><option>a</option></select></form><p>Text</p></body>"
    "</html>",
    # Not HTML at all, and a fragment: trafilatura's checks turn them away.
    "just some words, no markup at all",
    "<p>one block</p>",
    "",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_tree_is_the_one_trafilatura_s_loader_makes(page: str) -> None:
    ours, theirs = parse_html(page), load_html(page) if page else None
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)


def test_every_element_is_a_plain_html_element() -> None:
    tree = parse_html(PAGES[2])
    assert tree is not None
    # lxml.html gives form fields classes of their own through a Python call per element; here none is asked.
    assert {type(element) for element in tree.iter(etree.Element)} == {HtmlElement}
    assert tree.xpath("//input")[0].text_content() == ""
