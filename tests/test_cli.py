"""The installed ``newsetl`` command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_DUMP, SAMPLES, ConfigFactory

NEWSETL = str(Path(sys.executable).parent / "newsetl")


def _newsetl(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSETL, *args], capture_output=True, text=True, timeout=120, check=check)


def test_extract_prints_one_json_object_per_file_in_order(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    html = SAMPLES / "saved_pages" / "library-reopens.html"
    done = _newsetl("extract", str(SAMPLE_DUMP), str(empty), str(html))
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["path"] for r in results] == [str(SAMPLE_DUMP), str(empty), str(html)]
    assert set(results[0]) == {
        "path",
        "title",
        "summary",
        "body",
        "authors",
        "published_at",
        "updated_at",
        "language",
        "section",
        "tags",
        "canonical_url",
        "captions",
        "reading_time_minutes",
        "word_count",
        "removed",
    }
    assert results[0]["title"] == "China urges neighbours to back its data security ideas, not the US’"
    assert results[0]["reading_time_minutes"] == 2
    assert {"line": 1, "rule": "ad-label", "text": "Advertisement"} in results[0]["removed"]
    assert results[1]["error"] == "file is empty (0 bytes)"
    assert results[2]["title"] == "City library reopens after two-year refit"


def test_extract_reads_an_export_a_record_at_a_time(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    record = {"url": "https://example.test/a", "text": "A headline\n\nThe one paragraph of the story, in full."}
    export.write_text(json.dumps(record) + "\n" + "x" * 20_000_001 + "\n" + json.dumps(record) + "\n")
    results = [json.loads(line) for line in _newsetl("extract", str(export)).stdout.splitlines()]
    assert [(r["path"], r.get("reason_code"), r.get("title")) for r in results] == [
        (f"{export}#L1", None, "A headline"),
        (f"{export}#L2", "too_large", None),
        (f"{export}#L3", None, "A headline"),
    ]


def test_extract_format_flag_forces_the_reader(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "<html><body><article><p>" + "Words of the article body here. " * 8 + "</p></article></body></html>"
    )
    as_text = json.loads(_newsetl("extract", "--format", "text", str(page)).stdout)
    as_html = json.loads(_newsetl("extract", "--format", "html", str(page)).stdout)
    assert "<p>" in as_text["body"]
    assert "<p>" not in as_html["body"]


def test_ingest_then_sql(write_config: ConfigFactory) -> None:
    config = write_config([{"name": "pages", "kind": "dumps", "location": str(SAMPLES / "saved_pages")}])
    ingest = _newsetl("ingest", "--config", str(config), "--no-progress")
    assert "pages" in ingest.stdout
    assert "check accounting: pass" in ingest.stdout
    query = _newsetl(
        "sql", "--config", str(config), "--format", "json", "SELECT source, count(*) AS n FROM articles GROUP BY source"
    )
    assert [json.loads(line) for line in query.stdout.splitlines()] == [{"source": "pages", "n": 2}]
    table = _newsetl("sql", "--config", str(config), "SELECT title FROM articles ORDER BY title")
    assert "City library reopens" in table.stdout
    # Values are printed as they are: markup and emoji codes in them are text.
    data = _newsetl("sql", "--config", str(config), "SELECT 'Rebels [/b] :fire: [bold]town' AS \"[x]\"")
    assert "Rebels [/b] :fire: [bold]town" in data.stdout
    assert "[x]" in data.stdout
    # Sent to a pipe, a table keeps its width: each cell whole up to --max-width, on one line.
    cells = [f"{name} " + "word " * 9 + "end" for name in ("first", "second", "third")]
    wide = _newsetl(
        "sql", "--config", str(config), "SELECT " + ", ".join(f"'{cell}' AS c{i}" for i, cell in enumerate(cells))
    )
    assert any(all(cell in line for cell in cells) for line in wide.stdout.splitlines())
    report = _newsetl("report", "--config", str(config))
    assert "Articles per source" in report.stdout


def test_ingest_writes_a_summary_with_counts_checks_and_timings(write_config: ConfigFactory, tmp_path: Path) -> None:
    config = write_config([{"name": "pages", "kind": "dumps", "location": str(SAMPLES / "saved_pages")}])
    summary = tmp_path / "summary.json"
    done = _newsetl("ingest", "--config", str(config), "--no-progress", "--summary-json", str(summary))
    assert "time: plan" in done.stdout
    assert "; check: checks " in done.stdout
    assert ", publish " in done.stdout  # the snapshot's copy, on its own
    document = json.loads(summary.read_text(encoding="utf-8"))
    assert document["ok"] is True
    assert document["totals"]["articles_new"] == 2
    assert {check["name"] for check in document["checks"]} >= {"accounting", "duplicate_keys"}
    assert set(document["timings"]) >= {"plan", "clean", "load", "check", "read", "land", "extract", "index", "stage"}
    assert set(document["timings"]) >= {"check.checks", "check.publish"}


def test_errors_are_one_clear_line(write_config: ConfigFactory) -> None:
    config = write_config([{"name": "pages", "kind": "dumps", "location": str(SAMPLES / "saved_pages")}])
    missing = _newsetl("sql", "--config", str(config), "SELECT 1", check=False)
    assert missing.returncode == 2
    assert "no analyst snapshot at" in missing.stderr
    unknown = _newsetl("ingest", "--config", str(config), "--source", "nope", check=False)
    assert unknown.returncode == 2
    assert "unknown source 'nope'" in unknown.stderr
