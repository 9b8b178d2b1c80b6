from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsetl.errors import CorruptArchiveError, ReadError
from newsetl.landing import Landing
from newsetl.records import sha256_hex


def test_put_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    landing = Landing(tmp_path)
    raw_id = landing.put(b"hello")
    assert raw_id == sha256_hex(b"hello")
    path = landing.path_for(raw_id)
    assert path == tmp_path / raw_id[:2] / f"{raw_id}.gz"
    stamp = path.stat().st_mtime_ns
    assert landing.put(b"hello") == raw_id
    assert path.stat().st_mtime_ns == stamp
    assert landing.get(raw_id) == b"hello"
    assert raw_id in landing
    assert list(tmp_path.rglob(".tmp-*")) == []


def test_missing_document_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not in the landing"):
        Landing(tmp_path).get("ab" * 32)


def test_tampered_document_is_detected(tmp_path: Path) -> None:
    landing = Landing(tmp_path)
    raw_id = landing.put(b"original")
    landing.path_for(raw_id).write_bytes(gzip.compress(b"changed"))
    with pytest.raises(CorruptArchiveError, match="does not match its content address"):
        landing.get(raw_id)
