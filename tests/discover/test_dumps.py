"""Listing a dumps folder: which files, under which uri, in which order (real files in a temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsetl.config import SourceConfig
from newsetl.discover import Interval, discover_dumps


def _listed(folder: Path, pattern: str) -> list[tuple[str, str]]:
    source = SourceConfig(name="dumps", kind="dumps", location=str(folder), options={"glob": pattern})
    return [(item.uri, item.location) for item in discover_dumps(source, Interval.unbounded())]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("a/b.txt", "a-b.txt", "a/c/d.txt.gz", ".hidden/x.txt", "a/.secret.txt", "a/.DS_Store", "Thumbs.db"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("story", encoding="utf-8")
    (tmp_path / "a" / "folder.txt").mkdir()
    return tmp_path


def test_files_are_listed_by_path_parts_without_hidden_files_or_folders(folder: Path) -> None:
    # "a/b" sorts before "a-b" (by parts, as Path objects sort): the order decides which document of an article wins.
    assert _listed(folder, "**/*") == [
        ("a/b.txt", f"{folder}/a/b.txt"),
        ("a/c/d.txt.gz", f"{folder}/a/c/d.txt.gz"),
        ("a-b.txt", f"{folder}/a-b.txt"),
    ]


def test_hidden_names_a_pattern_spells_out_are_still_left_out(folder: Path) -> None:
    assert _listed(folder, ".hidden/*.txt") == []
    assert _listed(folder, "a/.*") == []


@pytest.mark.parametrize("pattern", ["./a/*.txt", "a//*.txt", "a/./*.txt"])
def test_a_pattern_with_dot_or_empty_parts_gives_the_same_uri_as_the_plain_one(folder: Path, pattern: str) -> None:
    # The uri is the document's identity in the warehouse: however the glob is spelled, one file has one uri.
    assert [uri for uri, _location in _listed(folder, pattern)] == ["a/b.txt"]
    assert [Path(location) for _uri, location in _listed(folder, pattern)] == [folder / "a" / "b.txt"]


def test_links_count_as_what_they_point_at_and_a_link_to_nothing_as_a_missing_document(folder: Path) -> None:
    (folder / "links").mkdir()
    (folder / "links" / "to-file.txt").symlink_to(folder / "a" / "b.txt")
    (folder / "links" / "to-folder.txt").symlink_to(folder / "a")
    (folder / "links" / "broken.txt").symlink_to(folder / "gone.txt")
    (folder / "links" / "loop.txt").symlink_to(folder / "links" / "loop.txt")
    # A broken link is listed so that reading it quarantines it (tests/pipeline/test_ingest.py); so is a loop,
    # which points at nothing either.
    assert [uri for uri, _location in _listed(folder, "links/*")] == [
        "links/broken.txt",
        "links/loop.txt",
        "links/to-file.txt",
    ]


def test_a_saved_pages_assets_are_left_aside_and_said(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # A page saved "complete" comes with a folder of its stylesheets, scripts, images and fonts: none is an article.
    names = ("page.html", "page_files/style.css", "page_files/app.min.js", "page_files/Logo.PNG", "page_files/f.woff2")
    for name in (*names, "notes/readme", "export.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    with caplog.at_level("INFO", logger="newsetl.discover"):
        listed = [uri for uri, _location in _listed(tmp_path, "**/*")]
    assert listed == ["export.json", "notes/readme", "page.html"]  # a name that names no asset is still read
    assert caplog.messages == [f"source dumps: left aside 4 page asset(s) under {tmp_path} (**/*)"]
