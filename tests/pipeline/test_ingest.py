"""The whole pipeline without Airflow (the same functions the DAG tasks call), on real files and a real DuckDB."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from newsetl.checks import CHECK_NAMES, CheckResult
from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.ingest import IngestOutcome, ingest, print_summary
from newsetl.landing import Landing
from newsetl.pipeline import RunSpec, manifest_size
from newsetl.pipeline.finish import CHECK_PARTS, LOAD_PARTS, load_parts, step_parts
from newsetl.records import sha256_hex
from newsetl.stage import StagingArea
from newsetl.warehouse import LoadCounts
from newsetl.warehouse.load import COUNT_NAMES
from tests.conftest import SAMPLE_DUMP, ConfigFactory

GOOD_TEXT = "A headline for the story\n\nThe first paragraph of the story.\n\nThe second paragraph of the story.\n"


def _spec(run_id: str, sources: tuple[str, ...] = ("dumps",), interval: Interval | None = None) -> RunSpec:
    return RunSpec(
        run_id=run_id,
        trigger="cli",
        interval=interval or Interval.unbounded(),
        sources=sources,
        started_at=datetime(2026, 11, 30, tzinfo=UTC),
    )


def _run(config: Path, run_id: str, **kwargs: object) -> IngestOutcome:
    return ingest(load_settings(config), _spec(run_id), progress=False, **kwargs)  # type: ignore[arg-type]


def _rows(config: Path, query: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


@pytest.fixture
def bad_and_good(dumps_dir: Path) -> Path:
    shutil.copy(SAMPLE_DUMP, dumps_dir / "sample.txt")
    (dumps_dir / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (dumps_dir / "empty.txt").write_bytes(b"")
    (dumps_dir / "garbage.txt").write_bytes(os.urandom(2048) + b"\x00\x01\x02")
    (dumps_dir / "legacy-cp1252.txt").write_bytes(
        ("Überschrift über Straßen\n\n" + "Die Straße – gesperrt. " * 5).encode("cp1252")
    )
    (dumps_dir / "legacy-gb18030.txt").write_bytes(
        ("数据安全倡议\n\n" + "中国外交部长王毅呼吁东南亚国家支持全球数据安全倡议。" * 4).encode("gb18030")
    )
    (dumps_dir / "truncated.txt.gz").write_bytes(gzip.compress(GOOD_TEXT.encode() * 50)[:40])
    (dumps_dir / "huge.txt").write_bytes(b"x" * 5_000)
    records = [
        {"url": "https://example.test/a", "title": "Record A", "text": GOOD_TEXT, "published": "2024-06-14T07:45:00Z"},
        "{this is not json",
        {
            "url": "https://example.test/b",
            "title": "Record B",
            "html": "<html><body><article><p>" + "Body of B. " * 20 + "</p></article></body></html>",
        },
    ]
    (dumps_dir / "export.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    return dumps_dir


@pytest.fixture
def config(write_config: ConfigFactory, bad_and_good: Path) -> Path:
    return write_config(
        [{"name": "dumps", "kind": "dumps", "location": str(bad_and_good)}], max_document_bytes=4_000, batch_size=3
    )


def test_bad_input_is_quarantined_with_reasons_and_the_rest_loads(config: Path) -> None:
    outcome = _run(config, "run-1")
    assert outcome.ok, outcome.failure
    rejected = dict(_rows(config, "SELECT uri, reason_code FROM rejected_documents"))
    assert rejected == {
        "empty.txt": "empty",
        "garbage.txt": "binary",
        "truncated.txt.gz": "corrupt_archive",
        "huge.txt": "too_large",
        "export.jsonl#L2": "malformed",
    }
    reasons = dict(_rows(config, "SELECT uri, reason FROM rejected_documents"))
    assert "over the limit of 4,000" in str(reasons["huge.txt"])
    titles = {row[0] for row in _rows(config, "SELECT title FROM articles")}
    assert titles == {
        "China urges neighbours to back its data security ideas, not the US’",
        "A headline for the story",
        "Überschrift über Straßen",
        "数据安全倡议",
        "Record A",
        "Record B",
    }
    assert outcome.counts.totals == {
        "documents_read": 11,
        "articles_new": 6,
        "articles_updated": 0,
        "articles_unchanged": 0,
        "documents_rejected": 5,
        "documents_duplicate": 0,
        "articles_retired": 0,
    }


def test_an_export_bigger_than_the_cap_loads_record_by_record(write_config: ConfigFactory, dumps_dir: Path) -> None:
    # The cap is on a document, and a record of an export is one: the export as a whole may be any size.
    stories = [f"Story number {n} of the export\n\nWhat happened in story {n}, told in full.\n" for n in range(40)]
    records = [json.dumps({"url": f"https://example.test/{n}", "text": text}) for n, text in enumerate(stories)]
    records[10] = json.dumps({"url": "https://example.test/long", "text": "A long record. " * 400})
    (dumps_dir / "export.jsonl.gz").write_bytes(gzip.compress(("\n".join(records) + "\n").encode()))
    assert len("\n".join(records)) > 4_000
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}], max_document_bytes=4_000)
    outcome = _run(config, "run-1")
    assert outcome.ok, outcome.failure
    assert _rows(config, "SELECT uri, reason_code, reason FROM rejected_documents") == [
        (
            "export.jsonl.gz#L11",
            "too_large",
            f"record is {len(records[10]):,} bytes, over the limit of 4,000 (max_document_bytes)",
        )
    ]
    assert _rows(config, "SELECT count(*), count(DISTINCT uri) FROM articles") == [(39, 39)]
    assert (outcome.counts.totals["documents_read"], outcome.counts.totals["documents_rejected"]) == (40, 1)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("archive/moved.txt", "No such file or directory"),  # its target was moved away
        ("broken.txt", "Too many levels of symbolic links"),  # a link to itself
    ],
)
def test_a_broken_link_is_quarantined_not_left_out(
    write_config: ConfigFactory, dumps_dir: Path, target: str, message: str
) -> None:
    (dumps_dir / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (dumps_dir / "broken.txt").symlink_to(dumps_dir / target)
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}])
    outcome = _run(config, "run-1")
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["documents_read"] == 2
    [(uri, raw_id, reason_code, reason)] = _rows(
        config, "SELECT uri, raw_id, reason_code, reason FROM rejected_documents"
    )
    assert (uri, raw_id, reason_code) == ("broken.txt", "", "unreadable")
    assert message in str(reason)


def test_a_link_whose_file_was_read_before_and_is_gone_now_is_quarantined_and_its_article_kept(
    write_config: ConfigFactory, dumps_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "archive" / "story.txt"
    target.parent.mkdir()
    target.write_text(GOOD_TEXT, encoding="utf-8")
    (dumps_dir / "story.txt").symlink_to(target)
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}])
    assert _run(config, "run-1").counts.totals["articles_new"] == 1
    target.unlink()
    outcome = _run(config, "run-2")
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["documents_rejected"] == 1
    assert _rows(config, "SELECT uri, reason_code FROM rejected_documents") == [("story.txt", "unreadable")]
    assert _rows(config, "SELECT uri, title FROM articles") == [("story.txt", "A headline for the story")]


def _as_loaded(table: str) -> str:
    # A file read within SETTLED_SECONDS of its last change gets its identity (file_stat) from a later run: whether
    # run-2 records it depends on the clock, not on the input (tests/pipeline/test_skip.py covers that).
    volatile = "run_id, file_stat" if table == "raw_documents" else "run_id"
    return f"SELECT * EXCLUDE ({volatile}) FROM {table} ORDER BY ALL"


def test_running_the_same_input_twice_changes_nothing(config: Path) -> None:
    _run(config, "run-1")
    tables = ("articles", "raw_documents", "removed_lines", "rejected_documents")
    before = {table: _rows(config, _as_loaded(table)) for table in tables}
    articles_before = _rows(config, "SELECT * FROM articles ORDER BY article_id")
    outcome = _run(config, "run-2")
    assert outcome.counts.totals["articles_new"] == 0
    assert outcome.counts.totals["articles_unchanged"] == 6
    assert _rows(config, "SELECT * FROM articles ORDER BY article_id") == articles_before
    for table in ("articles", "raw_documents", "removed_lines"):
        assert _rows(config, _as_loaded(table)) == before[table], table
    assert _rows(config, "SELECT count(*) FROM rejected_documents") == [(5,)]
    assert _rows(config, "SELECT run_id, articles_new, articles_unchanged FROM runs ORDER BY run_id") == [
        ("run-1", 6, 0),
        ("run-2", 0, 6),
    ]


def test_changed_content_updates_the_article_and_its_removed_lines(config: Path, bad_and_good: Path) -> None:
    _run(config, "run-1")
    (bad_and_good / "good.txt").write_text(GOOD_TEXT + "Advertisement\nA third paragraph, added later.\n")
    outcome = _run(config, "run-2")
    assert outcome.counts.totals["articles_updated"] == 1
    (body,) = _rows(config, "SELECT body FROM articles WHERE uri = 'good.txt'")[0]
    assert body.endswith("A third paragraph, added later.")
    assert _rows(
        config, "SELECT rule_id FROM removed_lines r JOIN articles a USING (article_id) WHERE a.uri = 'good.txt'"
    ) == [("ad-label",)]


def test_a_rerun_of_the_same_run_id_replaces_its_own_output(config: Path) -> None:
    first = _run(config, "same")
    second = _run(config, "same")
    assert first.counts.totals["documents_read"] == second.counts.totals["documents_read"] == 11
    assert _rows(config, "SELECT count(*) FROM runs") == [(1,)]


def test_parallel_workers_give_the_same_rows(config: Path, tmp_path: Path) -> None:
    outcome = _run(config, "parallel", workers=2)
    assert outcome.counts.totals["articles_new"] == 6
    assert outcome.counts.totals["documents_rejected"] == 5
    # Each batch reports where its time went; the run adds them up across the processes. The load reports its
    # parts, which add up to nearly all of it.
    part_names = {f"load.{part}" for part in LOAD_PARTS}
    check_part_names = {f"check.{part}" for part in CHECK_PARTS}
    phases = {"plan", "clean", "load", "check", "skip", "read", "land", "extract", "index", "stage"}
    phases |= part_names | check_part_names
    assert set(outcome.timings) == phases | {f"{phase}.cpu" for phase in phases}
    assert all(seconds >= 0 for seconds in outcome.timings.values())
    for step, names in (("load", part_names), ("check", check_part_names)):
        parts = sum(outcome.timings[part] for part in names)
        assert 0.5 * outcome.timings[step] <= parts <= outcome.timings[step]
    assert load_parts(outcome.timings).startswith("open ")
    assert step_parts(outcome.timings, "check", CHECK_PARTS).startswith("checks ")


def test_parallel_workers_started_beside_another_thread_give_the_same_rows(config: Path) -> None:
    # Another thread is running, so the cleaning processes come from a fork server: a new interpreter that has to
    # import the cleaning code and receive the settings itself.
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        outcome = _run(config, "parallel-threaded", workers=2)
    finally:
        stop.set()
        waiting.join()
    assert outcome.ok
    assert outcome.counts.totals["articles_new"] == 6
    assert outcome.counts.totals["documents_rejected"] == 5


# Run in a new interpreter: the test process has threads of its own (servers, pools of earlier tests).
_WORKERS_PARENTS = """
import os, threading
from newsetl.ingest import cleaning_processes

def forked_from_here():
    with cleaning_processes(2) as pool:
        return pool.submit(os.getppid).result() == os.getpid()

alone = forked_from_here()
threading.Thread(target=threading.Event().wait, daemon=True).start()
print(alone, forked_from_here())
"""


def test_cleaning_processes_are_forked_from_this_process_only_while_it_has_no_other_thread() -> None:
    printed = subprocess.run([sys.executable, "-c", _WORKERS_PARENTS], capture_output=True, text=True, check=True)
    assert printed.stdout.split() == ["True", "False"]


_FROZEN_FORK = """
import gc
from newsetl.ingest import cleaning_processes, frozen_heap

held = [[] for _ in range(10)]  # objects the collector tracks, held when the processes fork
with cleaning_processes(2) as pool, frozen_heap():
    inherited = pool.submit(gc.get_freeze_count).result()  # the processes fork at the first submit
print(inherited >= len(held), gc.get_freeze_count())
"""


def test_a_forked_process_inherits_the_objects_frozen_and_this_process_gets_them_back() -> None:
    printed = subprocess.run([sys.executable, "-c", _FROZEN_FORK], capture_output=True, text=True, check=True)
    assert printed.stdout.split() == ["True", "0"]


_STARTED = """
import sys
from pathlib import Path
from newsetl.config import load_settings
from newsetl.ingest import _started_processes
from newsetl.stage.seen import _reader

def readers_opened():
    return _reader.cache_info().currsize

with _started_processes(load_settings(Path(sys.argv[1])), 1) as pool:
    print(pool.submit(readers_opened).result())  # readers the process opened before any batch
"""


def test_cleaning_processes_open_their_seen_reader_as_they_start_where_there_is_an_index(config: Path) -> None:
    def readers() -> str:
        command = [sys.executable, "-c", _STARTED, str(config)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()

    assert readers() == "0"  # no index yet: nothing to read
    _run(config, "run-1")
    assert readers() == "1"


def test_every_raw_document_with_bytes_is_in_the_landing(config: Path) -> None:
    _run(config, "run-1")
    settings = load_settings(config)
    landing = Landing(settings.landing)
    rows = _rows(config, "SELECT raw_id, landing_path FROM raw_documents")
    assert rows
    for raw_id, location in rows:
        assert sha256_hex(landing.read(location, raw_id)) == raw_id
        assert Path(location).is_relative_to(settings.landing / "packs")
    # A pack a batch, not a file a document.
    packs = {location.rpartition("#")[0] for _, location in rows}
    assert {str(path) for path in (settings.landing / "packs").rglob("*.gz")} == packs
    assert len(packs) < len(rows)
    assert not [path for path in settings.landing.rglob("*") if path.is_file() and "packs" not in path.parts]


def test_runs_and_per_source_counts_are_recorded(config: Path) -> None:
    _run(config, "run-1")
    assert _rows(config, "SELECT status, documents_read, documents_rejected FROM runs") == [("checked", 11, 5)]
    assert _rows(config, "SELECT source, articles_new FROM run_sources") == [("dumps", 6)]
    checks = dict(_rows(config, "SELECT check_name, status FROM check_results"))
    assert checks == dict.fromkeys(CHECK_NAMES, "pass")


def test_date_partitioned_dumps_read_only_the_interval(write_config: ConfigFactory, tmp_path: Path) -> None:
    root = tmp_path / "daily"
    for day in ("2024-06-13", "2024-06-14", "2024-06-15"):
        (root / day).mkdir(parents=True)
        (root / day / "story.txt").write_text(f"Story of {day}\n\nWhat happened on {day}.\n")
    config = write_config(
        [{"name": "daily", "kind": "dumps", "location": str(root), "options": {"glob": "{date}/*.txt"}}]
    )
    from datetime import date

    spec = _spec("day-14", ("daily",), Interval.of_days(date(2024, 6, 14), date(2024, 6, 14)))
    ingest(load_settings(config), spec, progress=False)
    assert _rows(config, "SELECT title FROM articles") == [("Story of 2024-06-14",)]


def test_a_document_repeated_in_one_run_loads_its_removed_lines_once(
    write_config: ConfigFactory, dumps_dir: Path
) -> None:
    record = json.dumps(
        {
            "url": "https://example.test/same",
            "title": "The same story twice",
            "text": "The same story twice\n\nAdvertisement\n\nThe story, sent twice by the exporter in one file.\n",
        }
    )
    (dumps_dir / "export.jsonl").write_text(f"{record}\n{record}\n", encoding="utf-8")
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}])
    outcome = _run(config, "run-1")
    assert outcome.counts.totals["documents_duplicate"] == 1
    assert _rows(config, "SELECT uri, rule_id FROM removed_lines r JOIN articles a USING (article_id)") == [
        ("export.jsonl#L2", "ad-label")
    ]


def test_the_summary_prints_names_and_details_whole_and_as_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    counts = dict.fromkeys(COUNT_NAMES, 1) | {"documents_read": 123_456}
    detail = "2 bodies hold lines of rule [/menu] :thumbs_up: [bold]" + " and more" * 12  # markup, an emoji code, long
    source = "[red]wire-service-with-a-long-name-" + "x" * 60  # past any terminal's width
    outcome = IngestOutcome(
        "run-[1]",
        LoadCounts(totals=counts, per_source={source: counts}),
        [CheckResult("boilerplate_leak", "fail", detail)],
        failure=f"boilerplate_leak: {detail}",
    )
    print_summary(outcome)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "run run-[1]"
    header, row, total = lines[1:4]
    assert header.split() == ["source", "read", "new", "updated", "unchanged", "rejected", "duplicate", "retired"]
    assert row.split() == [source, "123456", "1", "1", "1", "1", "1", "1"]
    assert total.split()[:2] == ["total", "123456"]
    assert len({len(header), len(row), len(total)}) == 1  # aligned columns
    assert f"check boilerplate_leak: fail — {detail}" in lines
    assert f"checks failed: boilerplate_leak: {detail}" in lines
    assert lines[-1].startswith("time: ")


@pytest.mark.parametrize("name", ["export.jsonl", "export.jsonl.gz"])
def test_an_export_read_in_pieces_by_two_processes_loads_what_it_loads_read_whole(
    write_config: ConfigFactory, dumps_dir: Path, name: str
) -> None:
    stories = [f"Story number {n} of the export\n\nWhat happened in story {n}, told in full.\n" for n in range(300)]
    records = [json.dumps({"url": f"https://example.test/{n}", "text": text}) for n, text in enumerate(stories)]
    records[10] = json.dumps({"url": "https://example.test/long", "text": "A long record. " * 400})
    records[150] = "{this is not json"
    content = ("\r\n".join(records[:200]) + "\n\n" + "\n".join(records[200:])).encode()
    (dumps_dir / name).write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    query = (
        "SELECT uri, content_hash FROM articles UNION ALL "
        "SELECT uri, reason_code || ': ' || reason FROM rejected_documents ORDER BY ALL"
    )
    loaded, batches = {}, {}
    for chunk_bytes in (0, 1_000):
        shutil.rmtree(dumps_dir.parent / "data", ignore_errors=True)
        source = {"name": "dumps", "kind": "dumps", "location": str(dumps_dir), "options": {"chunk_bytes": chunk_bytes}}
        config = write_config([source], max_document_bytes=4_000)
        outcome = _run(config, "run-1", workers=2)
        assert outcome.ok, outcome.failure
        assert outcome.counts.totals["documents_read"] == 300
        loaded[chunk_bytes] = _rows(config, query)
        batches[chunk_bytes] = len(list(StagingArea(load_settings(config).staging).run_dir("run-1").glob("batches/*")))
    # Whole, the export is one item. In pieces of about 1,000 bytes (a gzipped one's inflated bytes, in eight pieces at
    # most), its 301 lines (one blank) are cut into a batch for each of the two processes, though a batch may hold
    # 1,000 documents.
    assert batches == {0: 1, 1_000: 2}
    assert len(loaded[0]) == 300
    assert loaded[1_000] == loaded[0]
    too_large = f"too_large: record is {len(records[10]):,} bytes, over the limit of 4,000 (max_document_bytes)"
    assert (f"{name}#L11", too_large) in loaded[0]
    # Numbered as the whole file's lines: the blank line 201 is no record, and moves the last 100 one further.
    assert (f"{name}#L151", "malformed") in {(uri, reason.split(":")[0]) for uri, reason in loaded[0]}
    assert {uri for uri, _ in loaded[0]} >= {f"{name}#L200", f"{name}#L202", f"{name}#L301"}


def test_a_run_gets_two_batches_a_process_so_a_process_done_early_takes_the_next(
    write_config: ConfigFactory, dumps_dir: Path
) -> None:
    for number in range(800):
        (dumps_dir / f"{number:03d}.txt").write_text(f"Headline {number}\n\nWhat happened, told in full: {number}.\n")
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}])
    outcome = _run(config, "run-1", workers=2)
    assert outcome.ok, outcome.failure
    manifests = sorted(StagingArea(load_settings(config).staging).run_dir("run-1").glob("batches/*"))
    assert [manifest_size(path) for path in manifests] == [200, 200, 200, 200]
    assert _rows(config, "SELECT count(*) FROM raw_documents") == [(800,)]
