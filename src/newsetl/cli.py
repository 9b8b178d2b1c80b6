"""The ``newsetl`` command: extract, ingest, sql, report."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NoReturn

from newsetl import __version__
from newsetl.errors import NewsetlError

log = logging.getLogger("newsetl.cli")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        result: int = args.handler(args)
        return result
    except NewsetlError as exc:
        print(f"newsetl: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def run() -> NoReturn:
    """The ``newsetl`` command: :func:`main`, then the process ends."""
    code = main()
    # Python's collections at shutdown walk every object the command left: 34-47 ms of a 0.7 s re-run. Frozen, they
    # are skipped (14-23 ms left); their memory goes back with the process all the same.
    gc.freeze()
    sys.exit(code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsetl", description="News-ingestion ETL: dumps and feeds to DuckDB.")
    parser.add_argument("--version", action="version", version=f"newsetl {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    commands = parser.add_subparsers(title="commands", required=True)
    _add_extract(commands)
    _add_ingest(commands)
    _add_fetch(commands)
    _add_sql(commands)
    _add_report(commands)
    _add_eval(commands)
    _add_bench(commands)
    _add_export(commands)
    _add_publish(commands)
    _add_raw(commands)
    _add_sweep(commands)
    return parser


def _add_extract(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("extract", help="print the article extracted from each file as one JSON line")
    command.add_argument(
        "--format",
        choices=("auto", "html", "text"),
        default="auto",
        help="how to read the files (default: by extension, then by content)",
    )
    command.add_argument("paths", nargs="+", metavar="PATH")
    command.set_defaults(handler=_run_extract)


def _add_ingest(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("ingest", help="run discover → clean → load → checks without Airflow")
    _add_config(command)
    command.add_argument(
        "--source", action="append", dest="sources", metavar="NAME", help="only this source (repeatable; default: all)"
    )
    command.add_argument(
        "--from",
        dest="from_date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="first day of the data interval (default: unbounded)",
    )
    command.add_argument(
        "--to",
        dest="to_date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="last day of the data interval, inclusive (default: --from)",
    )
    command.add_argument("--run-id", help="run id to use (default: cli__<UTC time>)")
    command.add_argument(
        "--reprocess",
        action="store_true",
        help="re-clean what the raw landing holds for these sources and days with the current rules (no refetch)",
    )
    command.add_argument(
        "--workers", type=int, help="processes cleaning batches in parallel (default: one per available core)"
    )
    command.add_argument("--no-progress", action="store_true", help="no progress bar")
    command.add_argument(
        "--summary-json", metavar="FILE", help="also write the run's counts, checks and timings to FILE as JSON"
    )
    command.add_argument(
        "--no-skip",
        action="store_true",
        help="clean every document, even those whose bytes and rules match the warehouse (default: skip them)",
    )
    command.set_defaults(handler=_run_ingest)


def _add_fetch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "fetch", help="fetch URLs (or a feed's or sitemap's articles) into the raw landing; one JSON line per URL"
    )
    _add_config(command)
    given = command.add_mutually_exclusive_group(required=True)
    given.add_argument("--feed", metavar="URL", help="an RSS or Atom feed: fetch it, then every article it lists")
    given.add_argument("--sitemap", metavar="URL", help="a sitemap or sitemap index: fetch it, then its articles")
    given.add_argument("urls", nargs="*", default=[], metavar="URL", help="article URLs")
    command.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="allow this internal host, IP or network although it is private/loopback (repeatable)",
    )
    command.set_defaults(handler=_run_fetch)


def _run_fetch(args: argparse.Namespace) -> int:
    from newsetl.config import load_settings
    from newsetl.fetch.command import fetch_command

    outcomes: list[str] = []

    def emit(line: dict[str, object]) -> None:
        print(json.dumps(line, ensure_ascii=False), flush=True)
        outcomes.append(str(line["outcome"]))

    settings = load_settings(args.config)
    fetch_command(settings, emit, urls=args.urls, feed=args.feed, sitemap=args.sitemap, allow_hosts=args.allow_host)
    return 1 if {"failed", "refused"} & set(outcomes) else 0


def _add_sql(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("sql", help="run SQL against the warehouse and print a table")
    _add_config(command)
    command.add_argument("query", nargs="?", help="SQL to run (views, search_articles(q), search_stories(q) ...)")
    command.add_argument(
        "--setup", action="store_true", help="print the SQL that opens the snapshot with search from any DuckDB client"
    )
    command.add_argument("--format", choices=("table", "json", "csv"), default="table")
    command.add_argument("--max-width", type=int, default=60, help="truncate cells to this many characters")
    command.set_defaults(handler=_run_sql)


def _add_report(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("report", help="what landed: counts per source, rejections, latest articles")
    _add_config(command)
    command.set_defaults(handler=_run_report)


def _add_eval(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("eval", help="score extraction on a devset beside the public baselines")
    command.add_argument("--devset", default="../shared/devset", help="folder with truth.json, html/ and text/")
    command.add_argument("--limit", type=int, help="only the first N pages (a quick check)")
    command.add_argument("--min-html-f", type=float, help="exit 1 if newsetl's F on HTML is below this")
    command.add_argument("--min-text-f", type=float, help="exit 1 if newsetl's F on text dumps is below this")
    command.add_argument("--output", help="also write the table to this Markdown file")
    command.set_defaults(handler=_run_eval)


def _add_bench(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "bench", help="time each stage and whole runs on a deterministic synthetic corpus; print one table"
    )
    command.add_argument("--docs", type=int, default=2_000, help="text dumps run end to end (default 2000)")
    command.add_argument("--html", type=int, help="HTML pages timed against trafilatura (default min(docs, 200))")
    command.add_argument("--jsonl", type=int, help="JSON Lines records timed (default min(docs, 2000))")
    command.add_argument("--workers", type=int, help="cleaning processes (default: one per available core)")
    command.add_argument("--batch-size", type=int, help="documents per batch (default: the pipeline's)")
    command.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    command.add_argument("--workdir", default="data/bench", help="corpus and data folders (default data/bench)")
    command.add_argument("--dag", action="store_true", help="also run `airflow dags test news_ingest` on the corpus")
    command.add_argument(
        "--scheduler",
        action="store_true",
        help="also run news_ingest on a real scheduler (its own throwaway Airflow home, LocalExecutor)",
    )
    command.add_argument("--no-rerun", action="store_true", help="skip the second run over unchanged input")
    command.add_argument(
        "--increment",
        type=int,
        help="new text dumps run into the first run's warehouse and into an empty one (default docs/100, at least "
        "10; 0: none)",
    )
    command.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown (with the machine)")
    command.set_defaults(handler=_run_bench)


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("export", help="write the articles as Parquet partitioned by source and date")
    _add_config(command)
    command.add_argument("--out", help="folder to write (replaced whole; default: export/ beside the warehouse)")
    command.set_defaults(handler=_run_export)


def _add_publish(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("publish", help="publish the warehouse as it is to the analysts' snapshot now")
    _add_config(command)
    command.set_defaults(handler=_run_publish)


def _add_raw(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("raw", help="write a raw document's bytes, as read, from the landing to stdout")
    _add_config(command)
    command.add_argument("raw_id", help="the document's content address (raw_documents.raw_id, article_lineage)")
    command.set_defaults(handler=_run_raw)


def _add_sweep(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "sweep", help="list (or --delete) loaded runs' staging folders, packs no row names and temporary files"
    )
    _add_config(command)
    command.add_argument(
        "--keep-days", type=float, help="keep anything written since (default: keep_staged_days in the config, 7)"
    )
    command.add_argument("--delete", action="store_true", help="remove what is listed (default: only list it)")
    command.add_argument(
        "--sort-search-after",
        type=int,
        metavar="RUNS",
        help="with --delete, sort the search postings into one run when loads have appended more than RUNS sorted "
        "runs (default: the daily sweep's limit, 30; 0 sorts them now)",
    )
    command.set_defaults(handler=_run_sweep)


def _add_config(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", help="sources.yaml to use (default: $NEWSETL_CONFIG or config/sources.yaml)")


def _run_extract(args: argparse.Namespace) -> int:
    from newsetl.extract_files import extract_paths

    for result in extract_paths(args.paths, None if args.format == "auto" else args.format):
        print(json.dumps(result, ensure_ascii=False))
    return 0


def _run_ingest(args: argparse.Namespace) -> int:
    from newsetl.config import load_settings
    from newsetl.discover import Interval
    from newsetl.ingest import default_workers, ingest, print_summary
    from newsetl.pipeline import RunSpec

    settings = load_settings(args.config)
    if args.no_skip:
        settings = dataclasses.replace(settings, skip_unchanged=False)
    sources = tuple(args.sources or settings.source_names)
    for name in sources:
        settings.source(name)
    started = datetime.now(UTC)
    interval = (
        Interval.of_days(args.from_date, args.to_date or args.from_date) if args.from_date else Interval.unbounded()
    )
    spec = RunSpec(
        run_id=args.run_id or f"cli__{started.strftime('%Y-%m-%dT%H%M%S.%fZ')}",
        trigger="cli",
        interval=interval,
        sources=sources,
        started_at=started,
        mode="reprocess" if args.reprocess else "ingest",
    )
    from newsetl.orchestration import source_credentials

    workers = args.workers or default_workers()
    outcome = ingest(settings, spec, workers=workers, progress=not args.no_progress, credentials=source_credentials)
    print_summary(outcome)
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(outcome.to_json(), indent=1), encoding="utf-8")
    return 0 if outcome.ok else 1


def _run_sql(args: argparse.Namespace) -> int:
    from newsetl.config import load_settings
    from newsetl.query import print_query, setup_sql

    settings = load_settings(args.config)
    if args.setup:
        print(setup_sql(settings))
        return 0
    if not args.query:
        raise NewsetlError("give a query, or --setup for the SQL that opens the snapshot in another DuckDB client")
    print_query(settings, args.query, output=args.format, max_width=args.max_width)
    return 0


def _run_report(args: argparse.Namespace) -> int:
    from newsetl.config import load_settings
    from newsetl.query import print_report

    print_report(load_settings(args.config))
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsetl.evaluate.report import Floors, run_evaluation

    table, missed = run_evaluation(Path(args.devset), args.limit, Floors(html=args.min_html_f, text=args.min_text_f))
    print(table)
    if args.output:
        Path(args.output).write_text(table + "\n", encoding="utf-8")
    for message in missed:
        print(f"newsetl: {message}", file=sys.stderr)
    return 1 if missed else 0


def _run_bench(args: argparse.Namespace) -> int:
    from newsetl.bench import BenchOptions, machine, markdown, print_table, rows, run_bench

    options = BenchOptions(
        docs=args.docs,
        html=args.html,
        jsonl=args.jsonl,
        workers=args.workers,
        batch_size=args.batch_size,
        seed=args.seed,
        workdir=Path(args.workdir),
        dag=args.dag,
        scheduler=args.scheduler,
        rerun=not args.no_rerun,
        increment=args.increment,
    )
    result = run_bench(options)
    table = rows(result)
    print_table(table, f"newsetl bench: {options.docs:,} text dumps end to end, {result.workers} worker(s)")
    if args.markdown:
        text = markdown(table, machine(result), options.command())
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsetl.config import load_settings
    from newsetl.warehouse import export_parquet, open_snapshot

    settings = load_settings(args.config)
    folder = Path(args.out).resolve() if args.out else settings.warehouse.parent / "export"
    with open_snapshot(settings.snapshot) as connection:
        result = export_parquet(connection, folder)
    print(f"{result.articles} articles in {result.files} Parquet files under {result.folder / 'articles'}")
    return 0


def _run_publish(args: argparse.Namespace) -> int:
    from newsetl.config import load_settings
    from newsetl.warehouse import open_warehouse, publish_snapshot

    settings = load_settings(args.config)
    if not settings.warehouse.exists():
        raise NewsetlError(f"no warehouse at {settings.warehouse} yet: run `make run` or `newsetl ingest` first")
    with open_warehouse(settings.warehouse, memory_limit=settings.writer_memory, search=False) as connection:
        publish_snapshot(connection, settings.warehouse, settings.snapshot, keep_base=settings.snapshot_base)
    print(f"published {settings.warehouse} as {settings.snapshot}")
    return 0


def _run_raw(args: argparse.Namespace) -> int:
    # A document in a pack is a slice of a shared file: found through the ledger, checked against its address.
    from newsetl.config import load_settings
    from newsetl.landing import Landing
    from newsetl.warehouse import open_snapshot

    settings = load_settings(args.config)
    with open_snapshot(settings.snapshot) as connection:
        row = connection.execute(
            "SELECT landing_path FROM raw_documents WHERE raw_id = ? AND landing_path <> '' ORDER BY read_at LIMIT 1",
            [args.raw_id],
        ).fetchone()
    if row is None:
        raise NewsetlError(f"no raw document {args.raw_id} in {settings.snapshot}")
    sys.stdout.buffer.write(Landing(settings.landing).read(str(row[0]), args.raw_id))
    sys.stdout.buffer.flush()
    return 0


def _run_sweep(args: argparse.Namespace) -> int:
    from newsetl.config import load_settings
    from newsetl.pipeline.sweep import apply_sweep, plan_sweep, sort_search_if_due
    from newsetl.warehouse.search import SORTED_RUNS_LIMIT

    settings = load_settings(args.config)
    keep_days = settings.keep_staged_days if args.keep_days is None else args.keep_days
    limit = SORTED_RUNS_LIMIT if args.sort_search_after is None else args.sort_search_after
    sweep = plan_sweep(settings, keep_days=keep_days, sort_after=limit)
    for kind, paths in (
        ("staged run", sweep.staged_runs),
        ("orphan pack", sweep.orphan_packs),
        ("temporary file", sweep.temporary_files),
    ):
        for path in paths:
            print(f"{kind}\t{path}")
    for folder in sweep.unloaded_runs:
        print(f"kept, not loaded\t{folder}")
    if args.delete:
        print(f"removed {len(sweep.paths)} path(s), {apply_sweep(sweep):,} bytes")
        sorted_postings = sort_search_if_due(settings, sweep)
        if sorted_postings is not None:
            print(f"search postings sorted into one run from {sweep.search_runs}: {sorted_postings:,} postings")
    else:
        listed = f"{len(sweep.paths)} path(s), {sweep.size_bytes():,} bytes"
        print(f"{listed} older than {keep_days:g} days and no longer needed; --delete removes them")
        if sweep.sorts_search:
            print(f"search postings in {sweep.search_runs} sorted run(s); --delete sorts them into one")
    return 0


if __name__ == "__main__":
    run()
