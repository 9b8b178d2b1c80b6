"""Landing packs: a batch's documents in one multi-member gzip file, each read back from its offset."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from newsetl.errors import CorruptArchiveError, ReadError
from newsetl.landing import Landing
from newsetl.records import sha256_hex

DOCUMENTS = [b"first document", b"", "второй документ".encode(), b"x" * 100_000]


def _land(landing: Landing, documents: list[bytes]) -> tuple[Path, list[str]]:
    with landing.pack("run-1", 7) as pack:
        locations = [pack.put(content, sha256_hex(content)) for content in documents]
        assert not pack.path.exists()  # only a closed pack has its name
    return pack.path, locations


def test_documents_are_read_back_from_their_locations(tmp_path: Path) -> None:
    landing = Landing(tmp_path)
    path, locations = _land(landing, DOCUMENTS)
    assert path.parent == tmp_path / "packs" / "run-1"
    assert path.name.startswith("batch-00007-")
    for content, location in zip(DOCUMENTS, locations, strict=True):
        assert location.startswith(f"{path}#")
        assert landing.read(location, sha256_hex(content)) == content
    assert gzip.decompress(path.read_bytes()) == b"".join(DOCUMENTS)  # zcat reads a whole pack
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_the_same_bytes_twice_in_a_batch_are_stored_once(tmp_path: Path) -> None:
    path, locations = _land(Landing(tmp_path), [b"same", b"other", b"same"])
    assert locations[0] == locations[2] != locations[1]
    assert gzip.decompress(path.read_bytes()) == b"sameother"


def test_every_pack_has_a_name_of_its_own(tmp_path: Path) -> None:
    first, _ = _land(Landing(tmp_path), [b"one"])
    second, _ = _land(Landing(tmp_path), [b"two"])
    assert first != second
    assert gzip.decompress(first.read_bytes()) == b"one"


def test_a_pack_that_holds_nothing_leaves_no_file(tmp_path: Path) -> None:
    with Landing(tmp_path).pack("run-1", 1):
        pass
    assert list(tmp_path.rglob("*.gz")) == []


def test_a_failed_batch_leaves_no_pack(tmp_path: Path) -> None:
    def fail() -> None:
        with Landing(tmp_path).pack("run-1", 1) as pack:
            pack.put(b"landed", sha256_hex(b"landed"))
            raise RuntimeError("the batch failed")

    with pytest.raises(RuntimeError):
        fail()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_moved_landing_still_reads(tmp_path: Path) -> None:
    _, (location,) = _land(Landing(tmp_path / "old"), [b"moved"])
    shutil.move(tmp_path / "old", tmp_path / "new")
    assert Landing(tmp_path / "new").read(location, sha256_hex(b"moved")) == b"moved"


def test_damaged_or_missing_bytes_are_read_errors(tmp_path: Path) -> None:
    landing = Landing(tmp_path)
    path, (kept, damaged) = _land(landing, [b"kept", b"damaged"])
    offset = int(damaged.rpartition("#")[2].split("+")[0])
    data = bytearray(path.read_bytes())
    data[offset:] = bytes(len(data) - offset)
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="not in the landing"):
        landing.read(damaged, sha256_hex(b"damaged"))
    assert landing.read(kept, sha256_hex(b"kept")) == b"kept"
    with pytest.raises(CorruptArchiveError, match="does not match its content address"):
        landing.read(kept, sha256_hex(b"something else"))
    path.unlink()
    with pytest.raises(ReadError, match="not in the landing"):
        landing.read(kept, sha256_hex(b"kept"))


def test_a_location_without_a_pack_is_read_by_address(tmp_path: Path) -> None:
    landing = Landing(tmp_path / "raw#1")  # a "#" in the folder's own name does not make a pack location
    raw_id = landing.put(b"fetched page")
    assert landing.read(landing.location_of(raw_id), raw_id) == b"fetched page"
    _, (location,) = _land(landing, [b"packed"])
    assert landing.read(location, sha256_hex(b"packed")) == b"packed"
