"""The benchmark: generate (or reuse) the corpus, time each stage and whole runs, collect one set of figures.

1. Extraction on one core in this process: text dumps, HTML pages, JSON Lines records; and trafilatura's own
   ``extract`` on the same HTML pages, in the same run, for the ratio.
2. ``newsetl ingest`` over the text dumps in a child process (its own cleaning pool), from an empty warehouse:
   wall time, peak memory of the process tree, and the seconds per phase the run itself reports. Then its
   staged rows copied bare into a fresh DuckDB file (``newsetl.bench.floor``): what DuckDB alone takes to write them.
3. The same command again over the unchanged input: what a re-run costs. Then the increment: new text dumps
   (the corpus's numbering goes on) into the first run's warehouse, and the same into an empty warehouse: what a
   later day's run pays for the warehouse it adds to.
4. Optionally the DAG: ``airflow dags test news_ingest`` over the same text dumps into another empty warehouse,
   and ``newsetl ingest --workers 1`` beside it: ``dags test`` runs one task at a time in one process, so the
   one-process run is the like-for-like measure of what Airflow adds.
5. Optionally the DAG on a real scheduler (``newsetl.bench.scheduler``): tasks in parallel, each in its own
   process, as deployed; against the first ``newsetl ingest`` run, which uses the same cores.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsetl.bench.corpus import SOURCES, Corpus, CorpusSpec, build_corpus, build_increment, write_config
from newsetl.bench.floor import BareCopy, bare_copy
from newsetl.bench.measure import (
    ProcessRun,
    Timed,
    extraction_work,
    raw_documents,
    run_measured,
    time_each,
    time_side_by_side,
)
from newsetl.bench.scheduler import DAG_ID, SchedulerRun, run_on_scheduler
from newsetl.config import load_settings
from newsetl.errors import NewsetlError
from newsetl.records import RawDocument
from newsetl.stage import StagingArea

__all__ = ["BenchOptions", "BenchResult", "run_bench"]

log = logging.getLogger("newsetl.bench")

_DEFAULT_HTML = 200
_DEFAULT_JSONL = 2_000
_DEFAULT_TEXT_SAMPLE = 2_000
_DAG_DATE = "2026-11-30"


@dataclass(frozen=True, slots=True)
class BenchOptions:
    docs: int = 2_000
    """Text dumps run end to end (and the corpus size)."""
    html: int | None = None
    """HTML pages timed against trafilatura (default: ``min(docs, 200)``)."""
    jsonl: int | None = None
    """JSON Lines records timed (default: ``min(docs, 2000)``)."""
    workers: int | None = None
    """Cleaning processes for ``newsetl ingest`` (default: its own default, one per core)."""
    batch_size: int | None = None
    """Documents per batch (default: the pipeline's default)."""
    seed: int = 7
    workdir: Path = Path("data/bench")
    """Corpus and data folders (kept out of git)."""
    dag: bool = False
    """Also run the corpus through ``airflow dags test news_ingest`` (needs a migrated Airflow home)."""
    scheduler: bool = False
    """Also run the corpus through ``news_ingest`` on a real scheduler, in a throwaway Airflow home of its own."""
    rerun: bool = True
    """Also time a second run over the unchanged input."""
    increment: int | None = None
    """New text dumps run into the first run's warehouse and into an empty one (default ``docs // 100``, at least
    10; 0: none)."""

    def command(self) -> str:
        """The ``newsetl bench`` command line that gives these options."""
        parts = ["newsetl bench", f"--docs {self.docs}"]
        parts += [f"--{name.replace('_', '-')} {value}" for name, value in self._set_numbers()]
        parts += ["--dag"] if self.dag else []
        parts += ["--scheduler"] if self.scheduler else []
        parts += [] if self.rerun else ["--no-rerun"]
        return " ".join(parts)

    @property
    def increment_docs(self) -> int:
        return max(10, self.docs // 100) if self.increment is None else self.increment

    def _set_numbers(self) -> list[tuple[str, int]]:
        numbers = {"html": self.html, "jsonl": self.jsonl, "workers": self.workers, "batch_size": self.batch_size}
        numbers["increment"] = self.increment
        return [(name, value) for name, value in numbers.items() if value is not None]

    @property
    def spec(self) -> CorpusSpec:
        html = min(self.docs, _DEFAULT_HTML) if self.html is None else self.html
        jsonl = min(self.docs, _DEFAULT_JSONL) if self.jsonl is None else self.jsonl
        return CorpusSpec(text=self.docs, html=html, jsonl=jsonl, seed=self.seed)


@dataclass(slots=True)
class BenchResult:
    options: BenchOptions
    corpus: Corpus
    corpus_bytes: int
    extraction: dict[str, Timed] = field(default_factory=dict)
    """Per format on one core: ``text``, ``html``, ``jsonl``, and ``trafilatura`` on the same HTML."""
    ingest: ProcessRun | None = None
    rerun: ProcessRun | None = None
    dag: ProcessRun | None = None
    serial: ProcessRun | None = None
    """``newsetl ingest --workers 1`` (measured with the DAG, as its like-for-like baseline)."""
    scheduler: SchedulerRun | None = None
    bare_copy: BareCopy | None = None
    """The first run's staged rows copied into a fresh DuckDB file and nothing else: the load's floor."""
    increment: ProcessRun | None = None
    """New documents into the warehouse the first run filled."""
    increment_alone: ProcessRun | None = None
    """The same new documents into an empty warehouse."""
    workers: int = 1
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """The machine's load average when the benchmark started (others may share its cores)."""


def run_bench(options: BenchOptions) -> BenchResult:
    if options.dag:
        _require_airflow_home()  # before minutes of work, not after
    dags = _dags_folder() if options.scheduler else None
    spec = options.spec
    name = f"corpus-s{spec.seed}-t{spec.text}-h{spec.html}-j{spec.jsonl}"
    corpus = build_corpus(options.workdir / name, spec)
    result = BenchResult(options, corpus, corpus.size_bytes, load_before=os.getloadavg())
    result.extraction = time_extraction(corpus)
    result.workers = options.workers or _default_workers()
    ingest_dir = options.workdir / "ingest"
    config = write_config(corpus, ingest_dir / "sources.yaml", _fresh(ingest_dir / "data"), options.batch_size)
    result.ingest = _ingest(config, "bench-first", result.workers)
    settings = load_settings(config)
    result.bare_copy = bare_copy(StagingArea(settings.staging), "bench-first", settings.warehouse, ingest_dir / "bare")
    if options.rerun:
        result.rerun = _ingest(config, "bench-rerun", result.workers)
    if options.increment_docs:
        result.increment, result.increment_alone = _increment(corpus, options, ingest_dir, result.workers)
    if options.dag:
        serial_config = options.workdir / "serial" / "sources.yaml"
        write_config(corpus, serial_config, _fresh(serial_config.parent / "data"), options.batch_size)
        result.serial = _ingest(serial_config, "bench-serial", 1)
        dag_config = options.workdir / "dag" / "sources.yaml"
        write_config(corpus, dag_config, _fresh(dag_config.parent / "data"), options.batch_size)
        result.dag = _dag(dag_config)
    if dags is not None:
        result.scheduler = _on_scheduler(corpus, options, dags)
    return result


def time_extraction(corpus: Corpus) -> dict[str, Timed]:
    """Documents per second on one core for each format, and trafilatura on the same HTML pages."""
    from newsetl.clean.text.features import forget_seen_lines

    cleaning = load_settings(corpus.config).source(SOURCES["text"]).cleaning
    text = raw_documents(corpus.files("text")[:_DEFAULT_TEXT_SAMPLE], "text")
    html = raw_documents(corpus.files("html"), "html")
    jsonl = raw_documents(corpus.files("jsonl"), "jsonl")
    extract = extraction_work(cleaning)
    figures = {
        "text": time_each(text, extract, fresh=forget_seen_lines),
        "jsonl": time_each(jsonl, extract, fresh=forget_seen_lines),
    }
    # The same pages through both, taking turns page by page: the ratio compares them at the same moments.
    works = {"html": extract, "trafilatura": _trafilatura_of_document}
    figures |= time_side_by_side(html, works, fresh=forget_seen_lines)
    return figures


def _trafilatura_of_document(document: RawDocument) -> object:
    import trafilatura

    # The bytes decoded in the timed call, as newsetl decodes (and detects the encoding of) the bytes it is given.
    return trafilatura.extract(document.content.decode(), include_comments=False, include_tables=True)


def _ingest(config: Path, run_id: str, workers: int) -> ProcessRun:
    summary = config.parent / f"{run_id}.json"
    summary.unlink(missing_ok=True)
    command = [sys.executable, "-m", "newsetl.cli", "ingest", "--config", str(config), "--source", SOURCES["text"]]
    command += ["--run-id", run_id, "--workers", str(workers), "--no-progress", "--summary-json", str(summary)]
    run = run_measured(command, summary=summary)
    _require_success(run, "newsetl ingest")
    return run


def _increment(corpus: Corpus, options: BenchOptions, ingest_dir: Path, workers: int) -> tuple[ProcessRun, ProcessRun]:
    """The increment into the first run's data folders (the source now reads the new dumps' folder), then into
    fresh ones: the difference is what the warehouse's size costs a run."""
    count = options.increment_docs
    increment = build_increment(options.workdir / f"{corpus.root.name}-increment-{count}", corpus.spec, count)
    full = write_config(increment, ingest_dir / "increment.yaml", ingest_dir / "data", options.batch_size)
    into_full = _ingest(full, "bench-increment", workers)
    alone_dir = options.workdir / "increment-alone"
    alone = write_config(increment, alone_dir / "sources.yaml", _fresh(alone_dir / "data"), options.batch_size)
    return into_full, _ingest(alone, "bench-increment-alone", workers)


def _dag(config: Path) -> ProcessRun:
    airflow = Path(sys.executable).parent / "airflow"
    conf = json.dumps({"sources": [SOURCES["text"]]})
    env = {**os.environ, "NEWSETL_CONFIG": str(config)}
    run = run_measured([str(airflow), "dags", "test", "news_ingest", _DAG_DATE, "--conf", conf], env=env)
    _require_success(run, "airflow dags test news_ingest")
    run.summary.update(_last_run(config))
    return run


def _on_scheduler(corpus: Corpus, options: BenchOptions, dags: Path) -> SchedulerRun:
    folder = options.workdir / "scheduler"
    config = write_config(corpus, folder / "sources.yaml", _fresh(folder / "data"), options.batch_size)
    conf = {"sources": [SOURCES["text"]]}
    run = run_on_scheduler(config, _fresh(folder / "airflow-home"), dags, conf, logical_date=f"{_DAG_DATE}T00:00:00Z")
    return replace(run, summary=_last_run(config))


def _dags_folder() -> Path:
    """The DAGs the scheduler runs: ``AIRFLOW__CORE__DAGS_FOLDER`` (``make`` sets it), else ``dags/`` here."""
    folder = Path(os.environ.get("AIRFLOW__CORE__DAGS_FOLDER") or "dags").resolve()
    if not (folder / f"{DAG_ID}.py").is_file():
        raise NewsetlError(
            f"--scheduler needs the DAGs folder; {folder} has no {DAG_ID}.py. Run it from the repository "
            "(or `make bench`), or set AIRFLOW__CORE__DAGS_FOLDER"
        )
    return folder


def _require_airflow_home() -> None:
    """Fail unless ``airflow dags test`` can run: an Airflow home whose metadata database is migrated."""
    airflow = Path(sys.executable).parent / "airflow"
    check = subprocess.run(
        [str(airflow), "db", "check-migrations", "-t", "0"], capture_output=True, text=True, check=False
    )
    if check.returncode != 0:
        home = os.environ.get("AIRFLOW_HOME", "~/airflow (AIRFLOW_HOME is not set)")
        raise NewsetlError(
            f"--dag needs a migrated Airflow home; {home} is not one. Run `make bench` (it sets AIRFLOW_HOME and "
            "migrates it), or `make airflow-setup` and export AIRFLOW_HOME=$PWD/.airflow"
        )


def _last_run(config: Path) -> dict[str, Any]:
    """The last run's counts from a warehouse (``airflow dags test`` writes no summary file)."""
    import duckdb

    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        row = connection.execute(
            "SELECT documents_read, articles_new, status FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    return {"totals": {"documents_read": row[0], "articles_new": row[1]}, "status": row[2]} if row else {}


def _require_success(run: ProcessRun, what: str) -> None:
    if run.returncode != 0:
        raise NewsetlError(f"{what} failed (exit {run.returncode}); its last output:\n{run.output_tail}")


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _default_workers() -> int:
    from newsetl.ingest import default_workers

    return default_workers()
