"""A devset on disk: ``truth.json`` plus ``html/<id>.html.gz`` and ``text/<id>.txt.gz`` for each page."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsetl.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Page:
    page_id: str
    url: str | None
    wanted: tuple[str, ...]
    unwanted: tuple[str, ...]
    html_path: Path
    text_path: Path

    def html(self) -> bytes:
        return _read(self.html_path)

    def text(self) -> bytes:
        return _read(self.text_path)


def load_pages(root: Path, limit: int | None = None) -> list[Page]:
    """The pages of the devset at ``root`` in id order (the first ``limit`` of them)."""
    truth_file = root / "truth.json"
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"no devset at {root}: {exc.strerror} ({truth_file})") from exc
    pages = list(_pages(root, truth))
    return pages[:limit] if limit else pages


def _pages(root: Path, truth: dict[str, dict[str, Any]]) -> Iterator[Page]:
    for page_id in sorted(truth):
        entry = truth[page_id]
        url = entry.get("url")
        yield Page(
            page_id=page_id,
            url=url if isinstance(url, str) else None,
            wanted=tuple(str(segment) for segment in entry.get("with") or []),
            unwanted=tuple(str(segment) for segment in entry.get("without") or []),
            html_path=root / "html" / f"{page_id}.html.gz",
            text_path=root / "text" / f"{page_id}.txt.gz",
        )


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data
