"""Learned boilerplate: lines a text-dump source repeats in many of its documents.

Menus, ad labels, trust banners, newsletter prompts and footers differ from site to site but repeat on every
page of one site. After each load the loader counts, per source, in how many stored documents each short line
stands (``learned_lines`` in the warehouse, view ``learned_boilerplate``) and publishes the lines over the
thresholds (``cleaning.learn`` per source) to a file the cleaners read: later documents lose those lines with
rule id ``learned:<source>``, wherever they stand. A person vetoes a line with ``cleaning.learn.never``.

Counting needs the warehouse (``newsetl.learn.refresh``, imported by the loader only); publishing and reading the
file do not (``newsetl.learn.published``), so cleaning workers never import DuckDB for it. Applying the lines
is the cleaner's part (:mod:`newsetl.clean.text.learned`).
"""

from newsetl.learn.published import PUBLISHED_FILE, publish, read_published, snapshot, with_learned

__all__ = ["PUBLISHED_FILE", "publish", "read_published", "snapshot", "with_learned"]
