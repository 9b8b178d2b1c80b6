"""`newsetl eval` end to end on a six-page slice of the devset (scores are measured by `make eval`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import CASES

NEWSETL = str(Path(sys.executable).parent / "newsetl")
SLICE = CASES / "devset_slice"
FIELDS = ("title", "published_at", "authors", "language")


def test_eval_prints_all_systems_and_writes_the_table(tmp_path: Path) -> None:
    output = tmp_path / "table.md"
    done = subprocess.run(
        [NEWSETL, "eval", "--devset", str(SLICE), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    systems = [line.split("|")[1].strip() + "/" + line.split("|")[2].strip() for line in lines[1:8]]
    assert systems == [
        "newsetl/html",
        "trafilatura 2.3.1/html",
        "newsetl/text",
        "whole text/text",
        "newsetl/text cut at 76 columns",
        "newsetl/text without blank lines",
        "newsetl/text without its title line",
    ]
    assert "on 6 pages" in done.stdout
    assert "same 6 pages, both with the page's URL" in done.stdout
    fields = [line.split("|")[1].strip() for line in lines if line.split("|")[1].strip() in FIELDS]
    assert fields == list(FIELDS)
    assert output.read_text().strip() == done.stdout.strip()


def test_a_missed_floor_fails_with_a_message() -> None:
    done = subprocess.run(
        [NEWSETL, "eval", "--devset", str(SLICE), "--min-text-f", "1.01"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "newsetl on text: F" in done.stderr
    assert "below the floor 1.010" in done.stderr
    assert done.stderr.count("below the floor") == 1  # the text floor is the uncut dumps'


def test_missing_devset_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [NEWSETL, "eval", "--devset", str(tmp_path / "nope")], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2
    assert "no devset at" in done.stderr
