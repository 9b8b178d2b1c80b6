"""What a run is: its id, who triggered it, the data interval it owns and the sources it covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from newsetl.discover import Interval

Trigger = Literal["airflow", "cli"]
Mode = Literal["ingest", "reprocess"]
"""``ingest`` reads the sources; ``reprocess`` re-cleans what the raw landing already holds (no refetch)."""


@dataclass(frozen=True, slots=True)
class RunSpec:
    run_id: str
    trigger: Trigger
    interval: Interval
    sources: tuple[str, ...]
    started_at: datetime
    """When the run began (recorded, never used to choose data)."""
    mode: Mode = "ingest"
    dry_run: bool = False
    """Read and clean, count what the load would change, commit nothing to the warehouse."""

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "trigger": self.trigger,
            "interval_start": _iso(self.interval.start),
            "interval_end": _iso(self.interval.end),
            "sources": list(self.sources),
            "started_at": self.started_at.isoformat(),
            "mode": self.mode,
            "dry_run": self.dry_run,
        }

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> RunSpec:
        return cls(
            run_id=document["run_id"],
            trigger=document["trigger"],
            interval=Interval(_parse(document["interval_start"]), _parse(document["interval_end"])),
            sources=tuple(document["sources"]),
            started_at=datetime.fromisoformat(document["started_at"]),
            mode=document.get("mode", "ingest"),
            dry_run=bool(document.get("dry_run", False)),
        )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
