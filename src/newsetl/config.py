"""Configuration: ``sources.yaml`` parsed into frozen dataclasses.

Relative paths in the file are resolved against the file's own folder, so a config works from any working
directory. ``NEWSETL_CONFIG`` names the file when no path is given.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from datetime import tzinfo
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from newsetl.errors import ConfigError

SourceKind = Literal["dumps", "urls", "feed", "sitemap", "warc"]
_Number = TypeVar("_Number", int, float)
LIVE_KINDS: tuple[SourceKind, ...] = ("urls", "feed", "sitemap")
DEFAULT_CONFIG = Path("config/sources.yaml")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,62}$")
# What DuckDB accepts for memory_limit that is worth saying in a config: a number and a unit.
_MEMORY_RE = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")
DEFAULT_WRITER_MEMORY = "256MB"
"""DuckDB's memory for a connection that writes the warehouse unless ``writer_memory:`` says otherwise (DuckDB's
own default is 80 % of the machine's memory). 512MB loads 100,000 articles faster, but the run's peak then grows
with the run (523 MiB at 10,000 dumps, 731 MiB at 100,000, against 525 and 553 MiB at 256MB): the default
keeps memory flat, and ``writer_memory:`` buys speed (see ``Settings.writer_memory``)."""


@dataclass(frozen=True, slots=True)
class PatternRule:
    """A per-source cleaning pattern: lines matching ``pattern`` (a regex, whole line) are handled by ``id``."""

    id: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class LearnConfig:
    """Learned boilerplate of a text-dump source (``cleaning.learn`` in the config): lines the source repeats in
    many documents are learned after each load and removed from later documents (rule ``learned:<source>``)."""

    enabled: bool = True
    min_documents: int = 5
    """A line must stand in at least this many of the source's documents ..."""
    min_share: float = 0.1
    """... and in at least this share of them."""
    max_chars: int = 200
    """Longer lines are never learned (nor shorter ones that read as prose: a sentence of eight words or more)."""
    window: int = 2000
    """Count over the source's most recently read documents only: the cost stays flat as the warehouse grows,
    and a redesigned site's old menus age out."""
    never: frozenset[str] = frozenset()
    """Lines a person says are not boilerplate: never learned, never removed as learned."""


@dataclass(frozen=True, slots=True)
class LearnedLines:
    """The learned boilerplate a cleaner applies: exact lines (surrounding whitespace aside) and their rule id."""

    rule: str
    lines: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CleaningConfig:
    """Per-source additions to the built-in text-dump rules."""

    drop: tuple[PatternRule, ...] = ()
    """Lines to remove from the body (menus, banners particular to this source)."""
    captions: tuple[PatternRule, ...] = ()
    """Lines to move to ``captions`` (photo lines the built-in rules do not recognise)."""
    zone: tzinfo | None = None
    """The source's time zone (``timezone:`` in the config), for dates it writes without one; default UTC."""
    month_first: bool = False
    """The source writes numeric dates month first, "03/04/2021" for 4 March (``date_order: month-first``)."""
    learn: LearnConfig = field(default_factory=LearnConfig)
    learned: LearnedLines | None = None
    """Filled by the pipeline from the lines learned so far (see :mod:`newsetl.learn`); never from the file."""


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How live sources are fetched: politeness, limits and safety (``fetch:`` at the top, or per source)."""

    user_agent: str = "newsetl/0.1 (news-ingestion ETL; set fetch.user_agent to name your contact)"
    """Sent with every request; name a contact so site owners can reach you."""
    connect_timeout: float = 5.0
    """Seconds to wait for a TCP/TLS connection."""
    read_timeout: float = 20.0
    """Seconds to wait for the next bytes of a response."""
    total_timeout: float = 60.0
    """Seconds one response may take in all (stops servers that trickle a byte at a time)."""
    max_bytes: int = 10_000_000
    """Largest body taken (after Content-Encoding); bigger ones are refused as ``too_large`` mid-stream."""
    max_redirects: int = 5
    """Redirect hops followed (each one checked like the first URL)."""
    retries: int = 3
    """Retries after the first attempt, for timeouts, connection errors, 429 and 5xx only."""
    backoff: float = 1.0
    """Base of the exponential backoff, in seconds (full jitter: a random wait up to base × 2^attempt)."""
    max_wait: float = 120.0
    """The longest single wait honoured (backoff or ``Retry-After``); a server asking for more fails the URL."""
    host_delay: float = 1.0
    """Seconds between the starts of two requests to one host, across every process (robots.txt may ask more)."""
    host_concurrency: int = 2
    """Requests in flight to one host at once, across every process."""
    robots: bool = True
    """Honour robots.txt (cached per host for a day)."""
    allow_hosts: tuple[str, ...] = ()
    """Hosts, IPs or networks (CIDR) allowed although they are internal (loopback, private, link-local)."""
    page_types: tuple[str, ...] = ("text/html", "application/xhtml+xml", "text/plain")
    """Content types accepted for article pages; others are refused without reading the body."""
    state: Path | None = None
    """SQLite file every fetching process shares: host politeness, robots.txt, validators, items, fetch log.
    Set once at the top (``fetch.state``); default ``fetch-state.sqlite`` next to the landing folder."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One entry of ``sources:``."""

    name: str
    """Unique, lower-case; it is the ``source`` column everywhere."""
    kind: SourceKind
    """Which discoverer/reader handles it."""
    location: str
    """A folder for ``dumps`` (resolved to an absolute path), a URL or file for the live kinds."""
    options: dict[str, Any] = field(default_factory=dict)
    """Kind-specific options (e.g. ``glob`` and ``format`` for dumps)."""
    cleaning: CleaningConfig = field(default_factory=CleaningConfig)
    schedule: str | None = None
    """Cron expression or preset for this source's DAG runs; ``None`` means the default schedule."""
    fetch: FetchConfig = field(default_factory=FetchConfig)
    """Fetch policy for live kinds: the top-level ``fetch:`` with this source's own ``fetch:`` on top."""

    @property
    def live(self) -> bool:
        """Fetched over HTTP (``urls``, ``feed``, ``sitemap``) rather than read from local files."""
        return self.kind in LIVE_KINDS


BATCH_SIZE = 1_000
"""Documents per cleaning batch by default. Big enough that a task's fixed costs (its process, imports, Airflow's
hand-offs) stay small beside its work: 10,000 dumps through a real scheduler took 27.0-30.9 s at 1,000 and 32.9-39.0 s
at 500, while ``newsetl ingest`` took about the same at both (docs/benchmarks.md)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole configuration."""

    path: Path
    """The file this was read from."""
    warehouse: Path
    """The DuckDB file analysts query."""
    landing: Path
    """Immutable, content-addressed store of every raw document read or fetched."""
    staging: Path
    """Batch files handed from the cleaning tasks to the loader, one folder per run."""
    batch_size: int = BATCH_SIZE
    """Documents per cleaning batch (one mapped task each)."""
    max_batches: int = 32
    """Most cleaning batches (mapped tasks) per run: a run with more than ``batch_size × max_batches``
    documents gets bigger batches instead of more tasks, so a run's task count stays bounded."""
    min_batches: int | None = None
    """Fewest cleaning batches of a run with at least 200 documents a batch: a run smaller than ``batch_size ×
    min_batches`` is cut into smaller batches so that every core cleans. ``None``: the cores of the machine that
    plans the run (``newsetl ingest``: two batches a process, ``--workers``)."""
    max_document_bytes: int = 20_000_000
    """Larger documents (after decompression) are quarantined as ``too_large``; in a JSON Lines export, each record."""
    sources: tuple[SourceConfig, ...] = ()
    fetch: FetchConfig = field(default_factory=FetchConfig)
    """Default fetch policy of live sources (``fetch:`` at the top of the file)."""
    skip_unchanged: bool = True
    """Skip documents whose bytes and cleaning rules match what the warehouse holds (by content hash, before any
    parsing); ``False`` re-cleans everything, e.g. after an extractor fix that did not bump the rules version."""
    writer_memory: str = DEFAULT_WRITER_MEMORY
    """``writer_memory:`` in the file: DuckDB's ``memory_limit`` for the connections that write the warehouse (the
    load, the checks); beyond it joins, sorts and temporary tables spill to ``<warehouse>.tmp``. More is faster
    on a big load and costs the loader's peak memory: 99,705 articles loaded in 22.9–24.5 s at 512MB (662–725 MiB
    for the process), 29.5–35.2 s at 256MB (393–485 MiB), 22.3 s at 768MB (930 MiB), one after the other."""
    keep_staged_days: int = 7
    """``keep_staged_days:`` in the file: how long a loaded run's staging folder, and a pack no row names, are kept
    before ``newsetl sweep`` (and the daily ``newsetl_sweep`` DAG) remove them (``newsetl.pipeline.sweep``)."""
    snapshot_path: Path | None = None
    """``snapshot:`` in the file: the read-only copy of the warehouse that analysts query, republished after
    every load; default ``<warehouse name>.snapshot.duckdb`` beside the warehouse."""
    snapshot_base: bool = True
    """``snapshot_base:`` in the file: keep the snapshot before the last, and publish by writing over it the pieces
    of the warehouse file that changed (``newsetl.warehouse.snapshot``). ``false`` copies the whole file every
    time and keeps no such file: the choice for a fast disk with little memory to spare, or little space."""

    @property
    def snapshot(self) -> Path:
        return self.snapshot_path or self.warehouse.with_name(f"{self.warehouse.stem}.snapshot.duckdb")

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        raise ConfigError(f"unknown source {name!r}; configured: {', '.join(self.source_names)}")

    @property
    def source_names(self) -> list[str]:
        return [source.name for source in self.sources]


def config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The config file to use: the argument, else ``$NEWSETL_CONFIG``, else ``config/sources.yaml``."""
    chosen = path or os.environ.get("NEWSETL_CONFIG") or DEFAULT_CONFIG
    return Path(chosen).resolve()


# PyYAML's safe loader on libyaml where the wheel has it: the repository's config in 0.24 ms instead of 2.36 ms, read by
# every command and every Airflow task.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Read and validate the config file."""
    file = config_path(path)
    try:
        document = yaml.load(file.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as exc:
        raise ConfigError(f"cannot read config {file}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"config {file} is not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise ConfigError(f"config {file} must be a mapping at the top level")
    return parse_settings(document, file)


def parse_settings(document: dict[str, Any], file: Path) -> Settings:
    base = file.parent
    landing = _path(document, "landing", base, "../data/raw")
    section = document.get("fetch") or {}
    if not isinstance(section, dict):
        raise ConfigError("'fetch' must be a mapping")
    fetch = replace(
        parse_fetch({key: value for key, value in section.items() if key != "state"}, FetchConfig(), "fetch"),
        state=_path(section, "state", base, str(landing.parent / "fetch-state.sqlite")),
    )
    sources = tuple(
        _parse_source(entry, base, index, fetch) for index, entry in enumerate(document.get("sources") or [])
    )
    names = [source.name for source in sources]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ConfigError(f"duplicate source names in {file}: {', '.join(duplicates)}")
    return Settings(
        path=file,
        warehouse=_path(document, "warehouse", base, "../data/warehouse.duckdb"),
        landing=landing,
        staging=_path(document, "staging", base, "../data/stage"),
        batch_size=_positive_int(document, "batch_size", BATCH_SIZE),
        max_batches=_positive_int(document, "max_batches", 32),
        min_batches=_positive_int(document, "min_batches", 1) if "min_batches" in document else None,
        max_document_bytes=_positive_int(document, "max_document_bytes", 20_000_000),
        sources=sources,
        fetch=fetch,
        skip_unchanged=_flag(document, "skip_unchanged", True),
        writer_memory=_memory(document, "writer_memory", DEFAULT_WRITER_MEMORY),
        keep_staged_days=_positive_int(document, "keep_staged_days", 7),
        snapshot_path=_path(document, "snapshot", base, "") if document.get("snapshot") else None,
        snapshot_base=_flag(document, "snapshot_base", True),
    )


def _path(document: dict[str, Any], key: str, base: Path, default: str) -> Path:
    value = document.get(key, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key!r} must be a path")
    return (base / os.path.expanduser(value)).resolve()


def _positive_int(document: dict[str, Any], key: str, default: int) -> int:
    value = document.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"{key!r} must be a positive integer, got {value!r}")
    return value


def _memory(document: dict[str, Any], key: str, default: str) -> str:
    value = document.get(key, default)
    if not isinstance(value, str) or not _MEMORY_RE.match(value.strip()):
        raise ConfigError(f"{key!r} must be an amount of memory such as '256MB' or '2GB', got {value!r}")
    return value.strip()


def _flag(document: dict[str, Any], key: str, default: bool) -> bool:
    value = document.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{key!r} must be true or false, got {value!r}")
    return value


def _parse_source(entry: Any, base: Path, index: int, fetch: FetchConfig) -> SourceConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"sources[{index}] must be a mapping")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ConfigError(f"sources[{index}].name must match {_NAME_RE.pattern}, got {name!r}")
    kind = entry.get("kind")
    if kind not in get_args(SourceKind):
        raise ConfigError(f"source {name!r}: kind must be one of {get_args(SourceKind)}, got {kind!r}")
    options = entry.get("options") or {}
    if not isinstance(options, dict):
        raise ConfigError(f"source {name!r}: options must be a mapping")
    location = entry.get("location")
    if location is None and kind == "urls" and options.get("urls"):
        location = ""  # an inline URL list needs no file
    elif not isinstance(location, str) or not location:
        raise ConfigError(f"source {name!r}: location is required")
    elif "://" not in location:
        location = str((base / os.path.expanduser(location)).resolve())
    schedule = entry.get("schedule")
    if schedule is not None and not isinstance(schedule, str):
        raise ConfigError(f"source {name!r}: schedule must be a string")
    return SourceConfig(
        name=name,
        kind=cast(SourceKind, kind),
        location=location,
        options=options,
        cleaning=_parse_cleaning(
            entry.get("cleaning") or {},
            name,
            _zone(entry.get("timezone"), name),
            month_first=_month_first(entry.get("date_order"), name),
        ),
        schedule=schedule,
        fetch=parse_fetch(entry.get("fetch"), fetch, f"source {name!r}: fetch"),
    )


def parse_fetch(section: Any, base: FetchConfig, where: str) -> FetchConfig:
    """``base`` with the options ``section`` sets; unknown names and wrong types are config errors."""
    if section is None:
        return base
    if not isinstance(section, dict):
        raise ConfigError(f"{where} must be a mapping")
    known = {spec.name for spec in fields(FetchConfig)} - {"state"}
    changes = {}
    for key, value in section.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown option {key!r}; known: {', '.join(sorted(known))}")
        changes[key] = _fetch_value(value, getattr(base, key), f"{where}.{key}")
    return replace(base, **changes)


_MUST_BE_POSITIVE = ("timeout", "max_bytes", "host_concurrency")


def _fetch_value(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, got {value!r}")
        return value
    if isinstance(default, tuple):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
            raise ConfigError(f"{where} must be a list of strings, got {value!r}")
        return tuple(items)
    if isinstance(default, str):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where} must be a non-empty string, got {value!r}")
        return value
    wanted = int if isinstance(default, int) else (int, float)
    if not isinstance(value, wanted) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{where} must be a non-negative number, got {value!r}")
    if value == 0 and where.endswith(_MUST_BE_POSITIVE):
        raise ConfigError(f"{where} must be greater than 0")
    return float(value) if isinstance(default, float) else value


def _parse_cleaning(section: Any, source: str, zone: tzinfo | None, *, month_first: bool = False) -> CleaningConfig:
    if not isinstance(section, dict):
        raise ConfigError(f"source {source!r}: cleaning must be a mapping")
    return CleaningConfig(
        drop=_parse_patterns(section.get("drop") or [], source, "drop"),
        captions=_parse_patterns(section.get("captions") or [], source, "captions"),
        zone=zone,
        month_first=month_first,
        learn=_parse_learn(section.get("learn"), source),
    )


def _parse_learn(section: Any, source: str) -> LearnConfig:
    if section is None:
        return LearnConfig()
    if not isinstance(section, dict):
        raise ConfigError(f"source {source!r}: cleaning.learn must be a mapping")
    unknown = set(section) - {"enabled", "min_documents", "min_share", "max_chars", "window", "never"}
    if unknown:
        raise ConfigError(f"source {source!r}: cleaning.learn has unknown keys {sorted(unknown)}")
    never = section.get("never") or []
    if not isinstance(never, list) or not all(isinstance(line, str) for line in never):
        raise ConfigError(f"source {source!r}: cleaning.learn.never must be a list of lines")
    defaults = LearnConfig()
    config = LearnConfig(
        enabled=bool(section.get("enabled", defaults.enabled)),
        min_documents=_learn_number(section, "min_documents", defaults.min_documents, source),
        min_share=_learn_number(section, "min_share", defaults.min_share, source),
        max_chars=_learn_number(section, "max_chars", defaults.max_chars, source),
        window=_learn_number(section, "window", defaults.window, source),
        never=frozenset(line.strip() for line in never),
    )
    if not 0 <= config.min_share <= 1:
        raise ConfigError(f"source {source!r}: cleaning.learn.min_share must be between 0 and 1")
    return config


def _learn_number(section: dict[str, Any], key: str, default: _Number, source: str) -> _Number:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < (1 if key != "min_share" else 0):
        raise ConfigError(f"source {source!r}: cleaning.learn.{key} must be a positive number, not {value!r}")
    return type(default)(value)


def _month_first(order: Any, source: str) -> bool:
    if order is None or order == "day-first":
        return False
    if order == "month-first":
        return True
    raise ConfigError(f"source {source!r}: date_order must be day-first or month-first, not {order!r}")


def _zone(name: Any, source: str) -> tzinfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"source {source!r}: unknown timezone {name!r}") from exc


def _parse_patterns(entries: Any, source: str, key: str) -> tuple[PatternRule, ...]:
    if not isinstance(entries, list):
        raise ConfigError(f"source {source!r}: cleaning.{key} must be a list")
    rules = []
    for index, entry in enumerate(entries):
        pattern = entry.get("pattern") if isinstance(entry, dict) else entry
        rule_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(pattern, str):
            raise ConfigError(f"source {source!r}: cleaning.{key}[{index}] needs a pattern")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"source {source!r}: cleaning.{key}[{index}] {pattern!r}: {exc}") from exc
        rules.append(PatternRule(id=f"{source}:{rule_id or f'{key}-{index + 1}'}", pattern=compiled))
    return tuple(rules)
