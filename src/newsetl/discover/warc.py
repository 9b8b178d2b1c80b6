"""The ``warc`` kind: local WARC / WARC.gz files (e.g. Common Crawl's news archives), one item per record.

Options: ``glob`` (default ``*.warc*``) when ``location`` is a folder. Records are streamed with ``warcio``
one at a time; an item is an HTTP ``response`` record with status 200 and an HTML or text body, captured
(``WARC-Date``) inside the run's interval. Its place in the file (the record's offset) lets a cleaning task
read that one record back without reading the file from the start, so a big archive spreads over batches.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsetl.config import SourceConfig
from newsetl.discover.interval import Interval
from newsetl.errors import ConfigError
from newsetl.fetch.links import parse_moment
from newsetl.records import SourceItem

log = logging.getLogger("newsetl.discover")

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def discover_warc(source: SourceConfig, interval: Interval) -> Iterator[SourceItem]:
    root = Path(source.location)
    if root.is_file():
        files = [root]
        root = root.parent
    elif root.is_dir():
        pattern = source.options.get("glob", "*.warc*")
        files = sorted(path for path in root.glob(str(pattern)) if path.is_file())
    else:
        raise ConfigError(f"source {source.name!r}: WARC location {root} does not exist")
    for path in files:
        yield from _records(source.name, path, path.relative_to(root).as_posix(), interval)


def _records(source: str, path: Path, name: str, interval: Interval) -> Iterator[SourceItem]:
    offered, left_aside = 0, Counter[str]()
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                found = _item(record)
                if isinstance(found, str):
                    left_aside[found] += 1
                    continue
                url, captured, content_type = found
                if captured is not None and not interval.contains(captured):
                    left_aside["captured outside the run's interval"] += 1
                    continue
                offset = records.get_record_offset()
                metadata = {"offset": offset, "url": url, "captured": captured.isoformat() if captured else None}
                offered += 1
                yield SourceItem(source, f"{name}#{offset}", str(path), metadata | {"content_type": content_type})
        except ArchiveLoadFailed as exc:
            # The records before the damage are offered; the reader reports the damaged one when it is reached.
            yield SourceItem(source, f"{name}#damaged", str(path), {"error": str(exc)})
    # Not documents, so not quarantined; but an operator missing pages must be able to see where they went.
    aside = ", ".join(f"{count} {reason}" for reason, count in sorted(left_aside.items())) or "none"
    log.info("source %s: WARC %s offered %d record(s); left aside: %s", source, name, offered, aside)


def _item(record: Any) -> tuple[str, datetime | None, str] | str:
    """(target URL, capture time, content type) of an HTTP 200 text response record; for the rest, why not."""
    headers = record.http_headers
    if record.rec_type != "response":
        return f"{record.rec_type} record(s)"
    if headers is None:  # warcio parses HTTP headers only for an http(s) target URI
        return "response(s) without HTTP headers"
    if (status := headers.get_statuscode()) != "200":
        return f"response(s) of status {status}"
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in _TEXT_TYPES:
        return f"response(s) of type {content_type}"
    captured = parse_moment(record.rec_headers.get_header("WARC-Date"))
    return str(record.rec_headers.get_header("WARC-Target-URI") or ""), captured, content_type
