"""The benchmark's one table (terminal and Markdown), its targets, and a description of the machine it ran on."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

from newsetl.bench.floor import BareCopy
from newsetl.bench.measure import ProcessRun, Timed
from newsetl.bench.run import BenchResult
from newsetl.bench.scheduler import PARALLELISM, SchedulerRun
from newsetl.ingest import STEPS
from newsetl.pipeline.finish import CHECK_PARTS, load_parts, step_parts

__all__ = ["Row", "machine", "markdown", "print_table", "rows"]

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    stage: str
    documents: int | None
    seconds: float | None
    rate: str
    """Documents (or articles, pages) per second, as shown."""
    target: str = ""
    met: bool | None = None
    note: str = ""


def rows(result: BenchResult) -> list[Row]:
    table = _extraction_rows(result.extraction)
    if result.ingest:
        table += _ingest_rows(result.ingest, result.workers)
    if result.ingest and result.bare_copy:
        table.append(_bare_copy_row(result.ingest, result.bare_copy))
    if result.ingest and result.rerun:
        table.append(_rerun_row(result.ingest, result.rerun))
    if result.ingest and result.increment and result.increment_alone:
        table.append(_increment_row(result.ingest, result.increment, result.increment_alone))
    if result.ingest and result.dag:
        if result.serial:
            table.append(_serial_row(result.serial))
        table.append(_dag_row(result.ingest, result.serial, result.dag))
    if result.ingest and result.scheduler:
        table.append(_scheduler_row(result.ingest, result.scheduler, result.workers))
    return table


def _extraction_rows(figures: dict[str, Timed]) -> list[Row]:
    text, html, jsonl, trafilatura = (figures[name] for name in ("text", "html", "jsonl", "trafilatura"))
    ratio = html.rate / trafilatura.rate if trafilatura.rate else 0.0
    return [
        Row(
            "clean text dumps (1 core)",
            text.documents,
            text.seconds,
            f"{text.rate:,.0f}/s",
            "≥ 1,000/s",
            text.rate >= 1000,
            _first_pass(text),
        ),
        Row(
            "extract HTML (1 core)",
            html.documents,
            html.seconds,
            f"{html.rate:,.1f}/s",
            "≥ 1.0× trafilatura",
            ratio >= 1,
            _first_pass(html),
        ),
        Row(
            "trafilatura.extract, same pages (1 core)",
            trafilatura.documents,
            trafilatura.seconds,
            f"{trafilatura.rate:,.1f}/s",
            note=f"newsetl/trafilatura = {ratio:.2f}×; {_first_pass(trafilatura)}",
        ),
        Row(
            "extract JSON Lines records (1 core)",
            jsonl.documents,
            jsonl.seconds,
            f"{jsonl.rate:,.0f}/s",
            note=_first_pass(jsonl),
        ),
    ]


def _first_pass(timed: Timed) -> str:
    return f"second of two passes; the first: {timed.first_rate:,.0f}/s"


def _ingest_rows(run: ProcessRun, workers: int) -> list[Row]:
    timings: dict[str, float] = run.summary.get("timings", {})
    totals: dict[str, int] = run.summary.get("totals", {})
    read = totals.get("documents_read", 0)
    written = totals.get("articles_new", 0) + totals.get("articles_updated", 0)
    table = [
        _phase_row("read (bytes, decompress)", read, timings, "read"),
        _phase_row("land (hash, gzip, store)", read, timings, "land"),
        _phase_row("clean/extract (in the pipeline)", read, timings, "extract"),
        _phase_row("index (search terms, counted while staging)", written, timings, "index"),
        _phase_row("stage (rows to batch files)", read, timings, "stage"),
    ]
    load = timings.get("load")
    table.append(
        Row(
            "load into DuckDB (articles)",
            written,
            load,
            f"{written / load:,.0f}/s" if load else "-",
            "≥ 50,000/s",
            load is not None and load > 0 and written / load >= 50_000,
            f"whole load step; by part: {load_parts(timings)}",
        )
    )
    rss_mib = run.peak_rss / _MIB
    table.append(
        Row(
            f"end to end `newsetl ingest`, {workers} worker(s)",
            read,
            run.seconds,
            f"{read / run.seconds:,.0f}/s",
            "100k in ≤ 180 s",
            read / run.seconds >= 100_000 / 180,
            f"CPU {run.cpu_seconds:,.1f} s (all processes); "
            f"peak RSS {rss_mib:,.0f} MiB (all processes), {run.peak_rss_single / _MIB:,.0f} MiB (largest)"
            + (f"; check: {parts}" if (parts := step_parts(timings, "check", CHECK_PARTS)) else ""),
        )
    )
    table.append(
        Row("peak RSS, end to end", None, None, f"{rss_mib:,.0f} MiB", "≤ 1,024 MiB", rss_mib <= 1024, "all processes")
    )
    return table


def _bare_copy_row(run: ProcessRun, copy: BareCopy) -> Row:
    """The load against DuckDB writing the same rows and nothing else, here and now (``newsetl.bench.floor``)."""
    totals: dict[str, int] = run.summary.get("totals", {})
    written = totals.get("articles_new", 0) + totals.get("articles_updated", 0)
    load = run.summary.get("timings", {}).get("load")
    parts = ", ".join(f"{_words(table)} {seconds:.2f} s" for table, seconds in copy.seconds.items())
    note = "the run's staged rows, read as the load reads them, into a fresh file with no keys, versions, clusters "
    note += f"or order, each table committed: {parts}"
    articles = copy.seconds.get("articles")
    if articles:
        note += f"; articles alone {copy.rows['articles'] / articles:,.0f}/s"
    if load:
        note += f"; the load takes {load / copy.total:.1f}× this"
    rate = f"{written / copy.total:,.0f}/s" if copy.total else "-"
    return Row("DuckDB's bare copy of the same rows (the load's floor)", written, copy.total, rate, note=note)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _phase_row(stage: str, documents: int, timings: dict[str, float], phase: str) -> Row:
    """Per core means per CPU second: on a shared machine wall time also counts waiting for a core."""
    cpu, wall = timings.get(f"{phase}.cpu"), timings.get(phase)
    rate = f"{documents / cpu:,.0f}/s per core" if cpu else "-"
    note = f"CPU seconds, summed over the cleaning processes (wall {wall:,.1f} s)" if wall is not None else ""
    return Row(stage, documents, cpu, rate, note=note)


def _rerun_row(first: ProcessRun, rerun: ProcessRun) -> Row:
    share = rerun.seconds / first.seconds
    totals = rerun.summary.get("totals", {})
    note = f"{totals.get('articles_unchanged', 0):,} unchanged, {totals.get('articles_new', 0):,} new; "
    note += (
        f"CPU {rerun.cpu_seconds:,.1f} s = {rerun.cpu_seconds / max(first.cpu_seconds, 1e-9):.1%} of the first run's; "
    )
    note += _steps(rerun)
    return Row(
        "re-run over unchanged input",
        totals.get("documents_read"),
        rerun.seconds,
        f"{share:.1%} of first run",
        "≤ 5 %",
        share <= 0.05,
        note,
    )


def _increment_row(first: ProcessRun, increment: ProcessRun, alone: ProcessRun) -> Row:
    """New documents into the warehouse the first run filled, against the same into an empty one: what a run pays
    for the size of the warehouse it adds to (the snapshot's copy, scans of whole tables)."""
    totals = increment.summary.get("totals", {})
    read = totals.get("documents_read", 0)
    held = first.summary.get("totals", {}).get("articles_new", 0)
    note = f"{totals.get('articles_new', 0):,} new articles into a warehouse of {held:,}; "
    note += f"into an empty one: {alone.seconds:.2f} s ({increment.seconds / alone.seconds:.1f}× that); "
    timings: dict[str, float] = increment.summary.get("timings", {})
    note += f"{_steps(increment)}; load: {load_parts(timings)}; check: {step_parts(timings, 'check', CHECK_PARTS)}"
    return Row(
        "increment: new dumps into the first run's warehouse",
        read,
        increment.seconds,
        f"{read / increment.seconds:,.0f}/s",
        note=note,
    )


def _steps(run: ProcessRun) -> str:
    """A run's wall seconds by step, and what is left: where a re-run's fixed costs are."""
    timings: dict[str, float] = run.summary.get("timings", {})
    steps = {step: timings[step] for step in STEPS if step in timings}
    rest = run.seconds - sum(steps.values())
    shown = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in steps.items())
    return f"by step: {shown}, the rest {rest:.2f} s (the process's start and end)"


def _serial_row(serial: ProcessRun) -> Row:
    read = serial.summary.get("totals", {}).get("documents_read", 0)
    note = f"CPU {serial.cpu_seconds:,.1f} s; peak RSS {serial.peak_rss / _MIB:,.0f} MiB"
    return Row(
        "end to end `newsetl ingest`, 1 worker", read, serial.seconds, f"{read / serial.seconds:,.0f}/s", note=note
    )


def _dag_row(first: ProcessRun, serial: ProcessRun | None, dag: ProcessRun) -> Row:
    """``dags test`` runs one task at a time: the one-process run is the like-for-like baseline when there is one."""
    baseline = serial or first
    added = dag.seconds / baseline.seconds - 1
    read = dag.summary.get("totals", {}).get("documents_read")
    rate = f"{read / dag.seconds:,.0f}/s" if read else "-"
    note = f"{added:+.0%} vs `newsetl ingest` with {'1 worker' if serial else 'the same workers'}"
    if serial:
        note += f", {dag.seconds / first.seconds - 1:+.0%} vs the default workers"
    note += f"; CPU {dag.cpu_seconds:,.1f} s; peak RSS {dag.peak_rss / _MIB:,.0f} MiB"
    return Row("end to end `airflow dags test news_ingest`", read, dag.seconds, rate, "≤ +30 %", added <= 0.3, note)


def _scheduler_row(first: ProcessRun, run: SchedulerRun, workers: int) -> Row:
    """The scheduler runs tasks in parallel: the baseline is the first run, with the default workers."""
    added = run.seconds / first.seconds - 1
    read = run.summary.get("totals", {}).get("documents_read")
    rate = f"{read / run.seconds:,.0f}/s" if read else "-"
    note = (
        f"{added:+.0%} vs `newsetl ingest` with {workers} worker(s); from the trigger to the run's end; "
        f"LocalExecutor, parallelism {PARALLELISM}; {len(run.tasks)} task instances, {run.task_seconds:,.1f} s "
        f"of task run time; peak RSS {run.peak_rss / _MIB:,.0f} MiB (components and tasks); "
        f"Airflow's start, before the clock: {run.start_seconds:,.0f} s"
    )
    return Row("end to end `news_ingest` on a real scheduler", read, run.seconds, rate, "≤ +30 %", added <= 0.3, note)


def print_table(table: list[Row], title: str, console: Console | None = None) -> None:
    output = Table(title=title)
    for column, justify in (("stage", "left"), ("docs", "right"), ("seconds", "right"), ("rate", "right")):
        output.add_column(column, justify=justify)  # type: ignore[arg-type]
    output.add_column("target")
    output.add_column("note")
    for row in table:
        output.add_row(row.stage, _count(row.documents), _seconds(row.seconds), row.rate, _target(row), row.note)
    # Wide enough for the notes when the output is a file or a pipe (rich assumes 80 columns there).
    (console or Console(width=max(Console().width, 150))).print(output)


def markdown(table: list[Row], description: dict[str, Any], command: str) -> str:
    lines = [
        f"Command: `{command}`",
        "",
        "| stage | docs | seconds | rate | target | note |",
        "|---|--:|--:|--:|---|---|",
    ]
    lines += [
        f"| {r.stage} | {_count(r.documents)} | {_seconds(r.seconds)} | {r.rate} | {_target(r)} | {r.note} |"
        for r in table
    ]
    lines += ["", "Machine: " + "; ".join(f"{key} {value}" for key, value in description.items())]
    return "\n".join(lines) + "\n"


def machine(result: BenchResult) -> dict[str, Any]:
    """What the figures were measured on, including how busy the machine was (it may be shared)."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory": f"{psutil.virtual_memory().total / (1024**3):.0f} GiB",
        "load average (1/5/15 min) before": _load(result.load_before),
        "after": _load(os.getloadavg()),
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "trafilatura": version("trafilatura"),
        "corpus": f"{result.corpus.root.name} ({result.corpus_bytes / _MIB:,.0f} MiB)",
    }


def _load(values: tuple[float, float, float]) -> str:
    return "/".join(f"{value:.1f}" for value in values)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else ""


def _seconds(value: float | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


def _target(row: Row) -> str:
    if not row.target:
        return ""
    return f"{row.target} {'✓' if row.met else '✗'}"
