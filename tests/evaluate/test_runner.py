"""What each text variant of `newsetl eval` gives the text path to read."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsetl.evaluate.devset import Page
from newsetl.evaluate.runner import untitled_text


def _page(tmp_path: Path, text: bytes) -> Page:
    path = tmp_path / "d0001.txt"
    path.write_bytes(text)
    return Page("d0001", None, (), (), tmp_path / "d0001.html", path)


@pytest.mark.parametrize(
    ("dump", "without_title"),
    [
        (b"Headline | Site\n\nMenu\nHeadline\n\nFirst paragraph.\n", b"Menu\nHeadline\n\nFirst paragraph.\n"),
        (b"Headline | Site\r\n\r\nMenu\r\n", b"Menu\r\n"),
        (b"Headline | Site", b""),
    ],
)
def test_the_untitled_dump_starts_below_the_title_and_its_blank_lines(
    tmp_path: Path, dump: bytes, without_title: bytes
) -> None:
    assert untitled_text(_page(tmp_path, dump)) == without_title
