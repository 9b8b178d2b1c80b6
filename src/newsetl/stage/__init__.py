"""The staging area: durable hand-off between tasks, one folder per run.

``<staging>/<run>/run.json`` describes the run, ``batches/NNNNN.json`` lists the items of each cleaning batch,
and ``<table>/batch-NNNNN.jsonl`` holds the rows a batch produced for each warehouse table;
``search_term_keys/batch-NNNNN-PPP.parquet`` the search terms of its articles, counted a part at a time as they are
staged. Files are written under a temporary name and renamed, so a retried task replaces its own output and the
loader never sees half a batch.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Literal

import duckdb
import msgspec

from newsetl.errors import StagingError
from newsetl.records import SourceItem

__all__ = [
    "SEARCH_TERMS",
    "SEEN_INDEX",
    "STAGED_TABLES",
    "TERMS_PART",
    "BatchManifest",
    "BatchWriter",
    "StagedTable",
    "StagingArea",
    "read_staged_bytes",
    "read_staged_json",
]

StagedTable = Literal["raw_documents", "articles", "removed_lines", "rejected_documents", "skipped_documents"]
STAGED_TABLES: tuple[StagedTable, ...] = (
    "raw_documents",
    "articles",
    "removed_lines",
    "rejected_documents",
    "skipped_documents",
)
"""``skipped_documents``: documents whose bytes and cleaning rules match what the warehouse already holds."""
SEARCH_TERMS = "search_term_keys"
"""The folder of a run's staged search terms (``newsetl.warehouse.terms``): ``batch-NNNNN-PPP.parquet``, a file
for each part of a batch. A run staged before terms were stored as keys (sql/097) wrote them as text under
``search_terms/``, which the load does not read: it counts those articles' terms itself, as for any article staged
without terms."""
TERMS_PART = 500
"""Articles whose terms a cleaning batch counts at a time: what counting holds follows this, not the batch."""
SEEN_INDEX = "seen-index.parquet"
"""The loader's index of what the warehouse holds, in the staging root, read by cleaning tasks."""
log = logging.getLogger("newsetl.stage")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
# msgspec writes the same JSON as json.dumps(ensure_ascii=False) about five times faster.
_ENCODER = msgspec.json.Encoder()


def read_staged_json(path: Path, what: str) -> Any:
    """A JSON file an earlier task of the run staged; :class:`StagingError` saying what to do if it is gone."""
    return json.loads(read_staged_bytes(path, what))


def read_staged_bytes(path: Path, what: str) -> bytes:
    """The bytes of a file an earlier task of the run staged; :class:`StagingError` saying what to do if it is gone."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StagingError(
            f"{what} {path} is not there: the run's staging was removed (`newsetl sweep --delete` removes a loaded "
            "run's after keep_staged_days) or the run was never planned here. Run it again whole, from its first "
            "task (clear the whole DAG run), or re-clean its days with `newsetl ingest --reprocess`"
        ) from None


@dataclass(frozen=True, slots=True)
class BatchManifest:
    run_id: str
    number: int
    items: tuple[SourceItem, ...]


class _Manifest(msgspec.Struct):
    run_id: str
    number: int
    items: tuple[SourceItem, ...]


# Decoded straight into the items: a quarter of the cost of json and SourceItem(**item) (1,000 items: 0.4 ms).
_MANIFEST = msgspec.json.Decoder(_Manifest)


class BatchWriter:
    """Appends rows per table for one batch; files appear under their final names only on commit.

    The search terms of the articles are counted a part (``TERMS_PART`` articles) at a time as they are
    written, each part to a file of its own, so counting holds one part however big the batch grows.
    """

    def __init__(self, folder: Path, number: int) -> None:
        self._folder = folder
        self._name = f"batch-{number:05d}.jsonl"
        self._streams: dict[StagedTable, IO[bytes]] = {}
        self._pending: list[bytes] = []
        """Articles written since their terms were last counted, as staged."""
        self._terms_parts: list[Path] = []
        self._committed = False
        self.counts: dict[StagedTable, int] = dict.fromkeys(STAGED_TABLES, 0)

    def write(self, table: StagedTable, row: Any) -> None:
        stream = self._streams.get(table) or self._open(table)
        line = _ENCODER.encode(row) + b"\n"
        stream.write(line)
        if table == "articles":
            self._pending.append(line)
        self.counts[table] += 1

    @property
    def terms_due(self) -> bool:
        """Whether a whole part of articles waits for its terms to be counted."""
        return len(self._pending) >= TERMS_PART

    def _open(self, table: StagedTable) -> IO[bytes]:
        folder = self._folder / table
        folder.mkdir(parents=True, exist_ok=True)
        stream = (folder / f".{self._name}.tmp").open("wb")
        self._streams[table] = stream
        return stream

    def stage_search_terms(self) -> None:
        """Count the search terms of the articles written since the last count, as one more part.

        If that fails the part is staged without them and the load counts them: the index never costs a batch.
        """
        if not self._pending:
            return
        folder = self._folder / SEARCH_TERMS
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{self._terms_stem}-{len(self._terms_parts) + 1:03d}.parquet.tmp"
        articles = part.with_name(part.name.replace(".parquet.tmp", ".jsonl.tmp"))
        articles.write_bytes(b"".join(self._pending))
        self._pending.clear()
        # Imported here: the warehouse imports this package.
        from newsetl.warehouse.terms import stage_search_terms

        try:
            stage_search_terms(articles, part)
        except duckdb.Error as exc:
            log.warning("%s: search terms of a part not staged, the load will count them: %s", self._name, exc)
            with suppress(OSError):
                part.unlink(missing_ok=True)
            return
        finally:
            articles.unlink(missing_ok=True)
        self._terms_parts.append(part)

    @property
    def _terms_stem(self) -> str:
        return self._name.removesuffix(".jsonl")

    def commit(self) -> None:
        """Put the batch's files in place, replacing an earlier attempt's; once (the context manager commits too)."""
        if self._committed:
            return
        self._committed = True
        self.stage_search_terms()
        self._replace_terms()  # before the articles: an article file never appears without its terms
        for table in STAGED_TABLES:
            stream = self._streams.get(table)
            folder = self._folder / table
            if stream is None:
                (folder / self._name).unlink(missing_ok=True)  # an earlier attempt's rows this attempt did not have
                continue
            stream.close()
            os.replace(folder / f".{self._name}.tmp", folder / self._name)
        self._streams.clear()

    def _replace_terms(self) -> None:
        folder = self._folder / SEARCH_TERMS
        # An earlier attempt's parts go, whether this attempt staged as many or none.
        for earlier in (*folder.glob(f"{self._terms_stem}.parquet"), *folder.glob(f"{self._terms_stem}-*.parquet")):
            earlier.unlink(missing_ok=True)
        for part in self._terms_parts:
            os.replace(part, part.with_name(part.name.removeprefix(".").removesuffix(".tmp")))
        self._terms_parts.clear()

    def abort(self) -> None:
        for table, stream in self._streams.items():
            stream.close()
            (self._folder / table / f".{self._name}.tmp").unlink(missing_ok=True)
        self._streams.clear()
        for part in self._terms_parts:
            part.unlink(missing_ok=True)
        self._terms_parts.clear()
        self._pending.clear()


class StagingArea:
    def __init__(self, root: Path) -> None:
        self.root = root

    def run_dir(self, run_id: str) -> Path:
        return self.root / _UNSAFE.sub("_", run_id)

    def reset_run(self, run_id: str) -> Path:
        """Start a run's folder afresh: a rerun of the same run id replaces, never appends."""
        folder = self.run_dir(run_id)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def write_json(self, path: Path, document: Any) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(msgspec.json.format(_ENCODER.encode(document), indent=1))
        os.replace(temporary, path)
        return path

    def manifest_path(self, run_id: str, number: int) -> Path:
        return self.run_dir(run_id) / "batches" / f"{number:05d}.json"

    def write_manifest(self, run_id: str, number: int, items: Sequence[SourceItem]) -> Path:
        path = self.manifest_path(run_id, number)
        document = {"run_id": run_id, "number": number, "items": [asdict(item) for item in items]}
        return self.write_json(path, document)

    @staticmethod
    def read_manifest(path: Path) -> BatchManifest:
        manifest = _MANIFEST.decode(read_staged_bytes(path, "the batch manifest"))
        return BatchManifest(run_id=manifest.run_id, number=manifest.number, items=manifest.items)

    @contextmanager
    def batch_writer(self, run_id: str, number: int) -> Iterator[BatchWriter]:
        writer = BatchWriter(self.run_dir(run_id), number)
        try:
            yield writer
        except BaseException:
            writer.abort()
            raise
        writer.commit()

    @property
    def seen_index(self) -> Path:
        return self.root / SEEN_INDEX

    def staged_files(self, run_id: str, table: StagedTable) -> list[Path]:
        return sorted((self.run_dir(run_id) / table).glob("batch-*.jsonl"))

    def staged_search_terms(self, run_id: str) -> list[Path]:
        return sorted((self.run_dir(run_id) / SEARCH_TERMS).glob("batch-*.parquet"))
