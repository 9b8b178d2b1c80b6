"""``newsetl bench``: a deterministic synthetic corpus run through each stage and end to end, as one table.

Speed is measured here, never asserted in tests: machines are noisy. The test suite runs this at a tiny size
only to prove the path works.
"""

from __future__ import annotations

from newsetl.bench.corpus import Corpus, CorpusSpec, build_corpus
from newsetl.bench.report import machine, markdown, print_table, rows
from newsetl.bench.run import BenchOptions, BenchResult, run_bench

__all__ = [
    "BenchOptions",
    "BenchResult",
    "Corpus",
    "CorpusSpec",
    "build_corpus",
    "machine",
    "markdown",
    "print_table",
    "rows",
    "run_bench",
]
