"""The data interval a run owns: ``[start, end)`` in UTC."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass(frozen=True, slots=True)
class Interval:
    start: datetime | None
    """Inclusive; ``None`` means unbounded (a manual run over everything)."""
    end: datetime | None
    """Exclusive; ``None`` means unbounded."""

    @classmethod
    def unbounded(cls) -> Interval:
        return cls(None, None)

    @classmethod
    def of_days(cls, first: date, last: date) -> Interval:
        """Whole UTC days ``first`` to ``last`` inclusive."""
        start = datetime(first.year, first.month, first.day, tzinfo=UTC)
        end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
        return cls(start, end)

    @property
    def bounded(self) -> bool:
        return self.start is not None and self.end is not None

    def days(self) -> Iterator[date]:
        """Every UTC day the interval touches (nothing when unbounded)."""
        if self.start is None or self.end is None:
            return
        day = self.start.astimezone(UTC).date()
        while datetime(day.year, day.month, day.day, tzinfo=UTC) < self.end:
            yield day
            day += timedelta(days=1)

    def contains(self, moment: datetime) -> bool:
        if self.start is not None and moment < self.start:
            return False
        return self.end is None or moment < self.end

    def __str__(self) -> str:
        start = self.start.isoformat() if self.start else "-inf"
        end = self.end.isoformat() if self.end else "+inf"
        return f"[{start}, {end})"
