"""What the machine a process runs on offers: the cores it may use, and a folder for what can be made again."""

from __future__ import annotations

import os
from pathlib import Path


def available_cores() -> int:
    """The cores this process may run on: how many cleaning processes (or batches) keep them busy."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cache_folder() -> Path:
    """Where newsetl keeps what it can make again: ``NEWSETL_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsetl``, else
    ``~/.cache/newsetl``. Deleting it costs only the time to make its files again."""
    configured = os.environ.get("NEWSETL_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "newsetl"
