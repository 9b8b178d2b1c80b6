"""The published learned lines: deterministic, written only when they change, read safely by cleaners."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from newsetl.config import CleaningConfig, LearnConfig, LearnedLines
from newsetl.learn import PUBLISHED_FILE, publish, read_published, snapshot, with_learned


def test_publish_is_sorted_and_idempotent(tmp_path: Path) -> None:
    assert publish(tmp_path, {"b": ["Zebra", "Apfel"], "a": ["Impressum"]})
    content = (tmp_path / PUBLISHED_FILE).read_text(encoding="utf-8")
    assert json.loads(content) == {"format": 1, "sources": {"a": ["Impressum"], "b": ["Apfel", "Zebra"]}}
    assert not publish(tmp_path, {"a": ["Impressum"], "b": ["Apfel", "Zebra"]})
    assert (tmp_path / PUBLISHED_FILE).read_text(encoding="utf-8") == content
    assert read_published(tmp_path) == {"a": frozenset({"Impressum"}), "b": frozenset({"Apfel", "Zebra"})}


def test_nothing_published_yet_means_nothing_learned(tmp_path: Path) -> None:
    assert read_published(tmp_path) == {}
    run = tmp_path / "run"
    run.mkdir()
    snapshot(tmp_path, run)
    assert not (run / PUBLISHED_FILE).exists()


def test_a_run_keeps_the_lines_it_was_planned_with(tmp_path: Path) -> None:
    publish(tmp_path, {"a": ["Impressum"]})
    run = tmp_path / "run"
    run.mkdir()
    snapshot(tmp_path, run)
    publish(tmp_path, {"a": ["Impressum", "Kontakt"]})
    assert read_published(run) == {"a": frozenset({"Impressum"})}


@pytest.mark.parametrize("content", ["{not json", '{"format": 2, "sources": {}}', "[1, 2]"])
def test_an_unreadable_file_cleans_without_learned_lines(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / PUBLISHED_FILE).write_text(content, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="newsetl.learn"):
        assert read_published(tmp_path) == {}
    assert "cleaning without them" in caplog.text


def test_with_learned_leaves_out_vetoed_lines_and_disabled_sources() -> None:
    cleaning = CleaningConfig(learn=LearnConfig(never=frozenset({"Kontakt"})))
    learned = with_learned("a", cleaning, frozenset({"Impressum", "Kontakt"}))
    assert learned.learned == LearnedLines(rule="learned:a", lines=frozenset({"Impressum"}))
    off = CleaningConfig(learn=LearnConfig(enabled=False))
    assert with_learned("a", off, frozenset({"Impressum"})) is off
    assert with_learned("a", cleaning, frozenset()) is cleaning
