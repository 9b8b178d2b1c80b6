"""The evaluation table (Markdown, so it pastes into docs as it is) and the floors that fail ``make eval``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsetl.evaluate.devset import load_pages
from newsetl.evaluate.fields import compare_fields, format_fields
from newsetl.evaluate.runner import SYSTEMS, Result, evaluate


@dataclass(frozen=True, slots=True)
class Floors:
    html: float | None = None
    """Lowest acceptable F of newsetl on HTML."""
    text: float | None = None
    """Lowest acceptable F of newsetl on text dumps."""


def run_evaluation(devset: Path, limit: int | None, floors: Floors) -> tuple[str, list[str]]:
    """The tables for the devset (the body's segment metric, then how the dumps' other fields agree with the HTML
    extractor's), and the floors that were missed (empty: all met)."""
    pages = load_pages(devset, limit)
    results = evaluate(pages, SYSTEMS)
    tables = f"{format_table(results, len(pages))}\n\n{format_fields(compare_fields(pages))}"
    return tables, _missed(results, floors)


def format_table(results: Sequence[Result], pages: int) -> str:
    lines = [
        f"Segment metric on {pages} pages (P/R/F over all pages; F on even and odd page ids; "
        "docs/s per CPU-second of one core)",
        "",
        "| system | input | P | R | F | F even | F odd | docs/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        scores = result.scores
        speed = "—" if result.system.name == "whole text" else f"{result.docs_per_second:.1f}"
        lines.append(
            f"| {result.system.name} | {result.system.input} | {scores['all'].precision:.3f} | "
            f"{scores['all'].recall:.3f} | **{scores['all'].f1:.3f}** | {scores['even'].f1:.3f} | "
            f"{scores['odd'].f1:.3f} | {speed} |"
        )
    return "\n".join(lines)


def _missed(results: Sequence[Result], floors: Floors) -> list[str]:
    missed = []
    for result in results:
        if result.system.baseline:
            continue
        floor = {"html": floors.html, "text": floors.text}.get(result.system.input)  # no floor on the dumps' variants
        f1 = result.scores["all"].f1
        if floor is not None and f1 < floor:
            missed.append(f"newsetl on {result.system.input}: F {f1:.3f} is below the floor {floor:.3f}")
    return missed
