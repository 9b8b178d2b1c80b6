"""The learned lines as a small file the cleaners read, since they cannot open the warehouse.

DuckDB lets one process hold the file while a load runs, so cleaning workers never open it. After each load
the loader writes the active learned lines to ``<staging>/learned-boilerplate.json`` (sorted, rewritten only
when they changed, replaced atomically). A run's plan copies that file into the run's folder, so every batch of
the run, a retried one too, cleans with the same lines.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from newsetl.config import CleaningConfig, LearnedLines

log = logging.getLogger("newsetl.learn")

PUBLISHED_FILE = "learned-boilerplate.json"
_FORMAT = 1


def publish(folder: Path, lines: Mapping[str, Sequence[str]]) -> bool:
    """Write the learned lines per source into ``folder``; ``False`` when the file already said exactly that."""
    path = folder / PUBLISHED_FILE
    document = {"format": _FORMAT, "sources": {source: sorted(lines[source]) for source in sorted(lines)}}
    content = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)
    log.info("published %d learned lines for %d sources to %s", sum(map(len, lines.values())), len(lines), path)
    return True


def snapshot(published_folder: Path, run_folder: Path) -> None:
    """Copy the published lines into a run's folder (nothing to copy before the first load)."""
    source = published_folder / PUBLISHED_FILE
    if source.exists():
        shutil.copyfile(source, run_folder / PUBLISHED_FILE)


def read_published(folder: Path) -> dict[str, frozenset[str]]:
    """The learned lines per source published in ``folder``; none when nothing was published there."""
    path = folder / PUBLISHED_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        # Cleaning goes on with the built-in rules; the next load publishes a good file again.
        log.error("learned lines in %s unreadable (%s): cleaning without them", path, exc)
        return {}
    if (
        not isinstance(document, dict)
        or document.get("format") != _FORMAT
        or not isinstance(document.get("sources"), dict)
    ):
        log.error("learned lines in %s are not in format %d: cleaning without them", path, _FORMAT)
        return {}
    sources: dict[str, object] = document["sources"]
    return {str(source): frozenset(map(str, lines)) for source, lines in sources.items() if isinstance(lines, list)}


def with_learned(source: str, cleaning: CleaningConfig, lines: frozenset[str]) -> CleaningConfig:
    """``cleaning`` with the source's learned lines to apply, less those a person vetoed."""
    if not cleaning.learn.enabled or not lines:
        return cleaning
    return replace(cleaning, learned=LearnedLines(rule=f"learned:{source}", lines=lines - cleaning.learn.never))
