"""The raw landing: every raw document's exact bytes, gzip-compressed, never changed once written.

Two layouts under one root. Fetched pages are stored a file each, by content address
(``<root>/<first two hex digits>/<sha256>.gz``): the fetcher asks whether a page is there and cleaning reads it
back by address. Documents read from dumps and exports are appended to one pack a cleaning batch
(``<root>/packs/<run>/…``, see :mod:`newsetl.landing._pack`): ``raw_documents.landing_path`` says where each one
is. Files are written atomically (temporary name, then rename) and never changed, so several cleaning tasks may
land the same document at once and reprocessing can always re-read what was first read or fetched.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from newsetl.errors import CorruptArchiveError, ReadError
from newsetl.landing._pack import COMPRESS_LEVEL, PACKS, LandingPack, is_pack_location, read_packed
from newsetl.records import sha256_hex

__all__ = ["Landing", "LandingPack"]


class Landing:
    """A content-addressed folder: ``<root>/<first two hex digits>/<sha256>.gz``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root_text = str(root)
        self._folders: set[Path] = set()
        """Shard folders known to exist (one mkdir per folder per process, not per document)."""

    def path_for(self, raw_id: str) -> Path:
        return Path(self.location_of(raw_id))

    def location_of(self, raw_id: str) -> str:
        """Where ``raw_id`` is stored, as text: the raw documents' lineage column, built per document."""
        return f"{self._root_text}/{raw_id[:2]}/{raw_id}.gz"

    def put(self, content: bytes, *, raw_id: str | None = None) -> str:
        """Store ``content`` unless it is already there; return its address (sha256 hex).

        ``raw_id``: the address when the caller has just computed it (saves hashing the bytes twice).
        """
        raw_id = raw_id or sha256_hex(content)
        target = self.path_for(raw_id)
        if not target.exists():
            self._write_atomically(target, gzip.compress(content, compresslevel=COMPRESS_LEVEL, mtime=0))
        return raw_id

    def get(self, raw_id: str) -> bytes:
        """The bytes stored under ``raw_id``, verified against the address."""
        path = self.path_for(raw_id)
        try:
            content = gzip.decompress(path.read_bytes())
        except OSError as exc:
            raise ReadError(f"raw document {raw_id} is not in the landing at {path}: {exc}") from exc
        if sha256_hex(content) != raw_id:
            raise CorruptArchiveError(f"raw document {path} does not match its content address")
        return content

    def read(self, location: str, raw_id: str) -> bytes:
        """The bytes of ``raw_id`` at ``location`` (a ``raw_documents.landing_path``), verified."""
        if is_pack_location(location):
            return read_packed(self.root / PACKS, location, raw_id)
        return self.get(raw_id)

    def pack(self, run_folder: str, batch: int) -> LandingPack:
        """A new pack for one cleaning batch of a run (``run_folder``: the run's name as a folder)."""
        return LandingPack(self.root / PACKS / run_folder, f"batch-{batch:05d}")

    def __contains__(self, raw_id: object) -> bool:
        return isinstance(raw_id, str) and self.path_for(raw_id).exists()

    def _write_atomically(self, target: Path, data: bytes) -> None:
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        # Unique per process: two processes landing the same bytes each write their own temporary file and the
        # last rename wins with identical content; a file left by a killed process is truncated and reused.
        temporary = target.with_name(f".tmp-{target.name}-{os.getpid()}")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
