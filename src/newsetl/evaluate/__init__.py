"""Extraction quality on a devset: our HTML and text-dump paths beside public baselines, in one run."""

from newsetl.evaluate.devset import Page, load_pages
from newsetl.evaluate.metric import Score, score_page
from newsetl.evaluate.report import format_table, run_evaluation
from newsetl.evaluate.runner import SYSTEMS, Result, System, evaluate

__all__ = [
    "SYSTEMS",
    "Page",
    "Result",
    "Score",
    "System",
    "evaluate",
    "format_table",
    "load_pages",
    "run_evaluation",
    "score_page",
]
