"""Dumps delivered as ZIP archives: each member is read as the file it would be in a folder, capped the same way.

Discovery lists the members (``newsetl.discover.dumps``); a member is read back by its name, its size checked
before a byte is inflated and its inflated bytes capped again. zipfile inflates no more than the size the header
declares, so a header that lies about it (a ZIP bomb) fails its CRC check and is quarantined as corrupt. The
archive's own identity stands for its members': an archive that has not changed is skipped unread, as a file is.
"""

from __future__ import annotations

import gzip
import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from newsetl.errors import CorruptArchiveError, EmptyDocumentError, ReadError, TooLargeError
from newsetl.read._files import file_identity, numbered_lines


def read_member(path: str, member: str, max_bytes: int) -> tuple[bytes, str | None]:
    """The member's bytes (decompressed for ``.gz``) and the archive's identity as it was opened (``file_identity``)."""
    with _member(path, member) as (stream, identity, size):
        if size > max_bytes:
            raise TooLargeError(f"member is {size:,} bytes, over the limit of {max_bytes:,} (max_document_bytes)")
        content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise TooLargeError(f"inflates to more than {max_bytes:,} bytes (max_document_bytes); stopped reading")
    if not content:
        raise EmptyDocumentError("archive member is empty (0 bytes)")
    return content, identity


def member_lines(path: str, member: str, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """The member's lines, numbered and capped as ``read_lines`` gives a file's."""
    with _member(path, member) as (stream, _identity, _size):  # an export's records are capped, not the export
        yield from numbered_lines(stream, max_bytes)


@contextmanager
def _member(path: str, member: str) -> Iterator[tuple[IO[bytes] | gzip.GzipFile, str | None, int]]:
    """The member's stream (gunzipped for ``.gz``, as a file of the folder would be), the archive's identity and
    the member's size in the archive."""
    try:
        identity = file_identity(os.stat(path))  # taken before reading: a change while reading moves it on
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(member)
            with archive.open(info) as stream:
                if member.lower().endswith(".gz"):
                    yield gzip.GzipFile(fileobj=stream), identity, info.file_size
                else:
                    yield stream, identity, info.file_size
    except KeyError as exc:
        raise ReadError(f"the archive no longer holds {member} (it changed since it was listed)") from exc
    except (zipfile.BadZipFile, gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise CorruptArchiveError(f"archived data is truncated or corrupt: {exc}") from exc
    except RuntimeError as exc:  # an encrypted member, or a compression method zipfile cannot inflate
        raise ReadError(f"cannot read {member} from {path}: {exc}") from exc
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from exc
