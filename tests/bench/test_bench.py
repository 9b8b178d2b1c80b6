"""The benchmark path at a tiny size: it must run and produce its table. Speed is never asserted here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import psutil
import pytest

from newsetl.bench import CorpusSpec, build_corpus
from newsetl.bench.corpus import SOURCES, build_increment
from newsetl.config import load_settings
from tests.conftest import REPO

NEWSETL = str(Path(sys.executable).parent / "newsetl")
STAGES = (
    "clean text dumps (1 core)",
    "extract HTML (1 core)",
    "trafilatura.extract, same pages (1 core)",
    "extract JSON Lines records (1 core)",
    "read (bytes, decompress)",
    "land (hash, gzip, store)",
    "clean/extract (in the pipeline)",
    "stage (rows to batch files)",
    "load into DuckDB (articles)",
    "DuckDB's bare copy of the same rows (the load's floor)",
    "end to end `newsetl ingest`",
    "peak RSS, end to end",
    "re-run over unchanged input",
    "increment: new dumps into the first run's warehouse",
)


def test_bench_runs_every_stage_on_a_tiny_corpus_and_prints_one_table(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    command = [NEWSETL, "bench", "--docs", "50", "--html", "5", "--jsonl", "40", "--workers", "2"]
    command += ["--batch-size", "20", "--workdir", str(tmp_path / "bench"), "--markdown", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    assert "newsetl bench: 50 text dumps end to end, 2 worker(s)" in done.stdout
    table = report.read_text(encoding="utf-8")
    for stage in STAGES:
        assert f"| {stage}" in table, stage
    assert "Command: `newsetl bench --docs 50 --html 5 --jsonl 40 --workers 2 --batch-size 20`" in table
    assert "Machine: cpu " in table
    assert table.count("second of two passes; the first: ") == 4
    floor = next(line for line in table.splitlines() if line.startswith("| DuckDB's bare copy"))
    for part in ("raw documents ", "articles ", "removed lines ", "search postings ", "articles alone "):
        assert part in floor, part
    assert "; the load takes " in floor
    rerun = next(line for line in table.splitlines() if line.startswith("| re-run over unchanged input"))
    assert "; by step: plan " in rerun
    assert ", check " in rerun
    assert ", the rest " in rerun
    increment = next(line for line in table.splitlines() if line.startswith("| increment: "))
    assert "new articles into a warehouse of " in increment
    assert "; into an empty one: " in increment
    assert "; check: checks " in increment
    # The end-to-end run really loaded the corpus: every text dump is an article or a rejection.
    settings = load_settings(tmp_path / "bench" / "ingest" / "sources.yaml")
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        runs = connection.execute("SELECT run_id, documents_read, articles_new, status FROM runs ORDER BY 1").fetchall()
    assert [(run_id, read, status) for run_id, read, _new, status in runs] == [
        ("bench-first", 50, "checked"),
        ("bench-increment", 10, "checked"),
        ("bench-rerun", 50, "checked"),
    ]
    assert runs[0][2] > 40
    assert runs[1][2] >= 9  # the increment's new documents: one in a hundred of the corpus may be an empty file
    assert runs[2][2] == 0
    # The same increment, into a warehouse of its own.
    alone = load_settings(tmp_path / "bench" / "increment-alone" / "sources.yaml")
    with duckdb.connect(str(alone.warehouse), read_only=True) as connection:
        alone_runs = connection.execute("SELECT run_id, documents_read, articles_new FROM runs").fetchall()
    assert alone_runs == [("bench-increment-alone", 10, runs[1][2])]


def test_the_corpus_is_deterministic_and_a_small_one_is_a_prefix_of_a_big_one(tmp_path: Path) -> None:
    small = build_corpus(tmp_path / "small", CorpusSpec(text=30, html=3, jsonl=20))
    again = build_corpus(tmp_path / "again", CorpusSpec(text=30, html=3, jsonl=20))
    big = build_corpus(tmp_path / "big", CorpusSpec(text=60, html=6, jsonl=20))
    for fmt in SOURCES:
        small_files = small.files(fmt)
        assert small_files, fmt
        assert [p.read_bytes() for p in small_files] == [p.read_bytes() for p in again.files(fmt)]
    assert [p.read_bytes() for p in small.files("text")] == [p.read_bytes() for p in big.files("text")[:30]]


def test_an_increment_is_the_documents_that_follow_the_corpus(tmp_path: Path) -> None:
    spec = CorpusSpec(text=30, html=3, jsonl=20)
    increment = build_increment(tmp_path / "increment", spec, 10)
    big = build_corpus(tmp_path / "big", CorpusSpec(text=40, html=3, jsonl=20))
    assert [p.read_bytes() for p in increment.files("text")] == [p.read_bytes() for p in big.files("text")[30:]]
    assert [p.name for p in increment.files("text")] == [p.name for p in big.files("text")[30:]]
    written = [p.stat().st_mtime_ns for p in increment.files("text")]
    again = build_increment(tmp_path / "increment", spec, 10)
    assert [p.stat().st_mtime_ns for p in again.files("text")] == written  # reused, not written again


def test_the_corpus_mixes_languages_furniture_and_awkward_files(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "corpus", CorpusSpec(text=400, html=0, jsonl=500))
    names = [path.name for path in corpus.files("text")]
    assert any(name.endswith(".txt.gz") for name in names)
    texts = b"\n".join(path.read_bytes() for path in corpus.files("text") if path.suffix == ".txt")
    for furniture in (b"Advertisement", b"Anzeige", "Publicité".encode(), b"Reading Time:", b"Lesezeit:", b"Photo: "):
        assert furniture in texts, furniture
    lines = corpus.files("jsonl")[0].read_text(encoding="utf-8").splitlines()
    assert len(lines) == 500
    assert not lines[499].endswith("}")  # one truncated record a file


def test_bench_with_the_dag_stops_at_once_without_a_migrated_airflow_home(tmp_path: Path) -> None:
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path / "no-airflow-home")}
    command = [NEWSETL, "bench", "--docs", "50", "--dag", "--workdir", str(tmp_path / "bench")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert done.returncode != 0
    assert "--dag needs a migrated Airflow home" in done.stderr + done.stdout
    assert not (tmp_path / "bench").exists()  # nothing generated or run before the check


@pytest.mark.airflow
@pytest.mark.timeout(1800)
def test_bench_on_a_real_scheduler_runs_news_ingest_once_and_stops_airflow(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    command = [NEWSETL, "bench", "--docs", "30", "--html", "3", "--jsonl", "20", "--batch-size", "10", "--no-rerun"]
    # A relative working folder, as `make bench` gives it; the DAGs folder comes from AIRFLOW__CORE__DAGS_FOLDER.
    command += ["--scheduler", "--workdir", "bench", "--markdown", str(report)]
    env = {**os.environ, "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=1500, check=False, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    row = next(line for line in report.read_text(encoding="utf-8").splitlines() if "on a real scheduler" in line)
    assert row.startswith("| end to end `news_ingest` on a real scheduler | 30 | ")
    assert "LocalExecutor, parallelism 4" in row
    # resolve, route, discover, select_landed, batches, three clean batches, load, check, publish
    assert "; 11 task instances, " in row
    settings = load_settings(tmp_path / "bench" / "scheduler" / "sources.yaml")
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        runs = connection.execute("SELECT run_id, documents_read, status FROM runs").fetchall()
    assert [(read, status) for _run_id, read, status in runs] == [(30, "checked")]
    assert runs[0][0].startswith("news_ingest/manual__")  # the triggered run, and no scheduled one beside it
    home = str(tmp_path / "bench" / "scheduler" / "airflow-home")
    # The task execution API answered once before the trigger: its first request builds it (seconds, not per run).
    requests = [line for line in Path(home, "api-server.log").read_text().splitlines() if "path=/execution/" in line]
    assert "path=/execution/health/ping" in requests[0]
    assert any("/run " in line for line in requests[1:])
    assert not [
        p.pid for p in psutil.process_iter(["environ"]) if (p.info["environ"] or {}).get("AIRFLOW_HOME") == home
    ]


def test_bench_on_a_scheduler_stops_at_once_without_the_dags_folder(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "AIRFLOW__CORE__DAGS_FOLDER"}
    command = [NEWSETL, "bench", "--docs", "50", "--scheduler", "--workdir", str(tmp_path / "bench")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=env, cwd=tmp_path)
    assert done.returncode != 0
    assert "--scheduler needs the DAGs folder" in done.stderr
    assert not (tmp_path / "bench").exists()
