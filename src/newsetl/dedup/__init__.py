"""Duplicates: the same story at two URLs is one article; copies of one story across sources are one cluster.

- :mod:`newsetl.dedup.urls` — the identity of a news URL (tracking parameters, AMP and mobile variants,
  http/https, trailing slashes) and the key an article is stored under (its canonical link first).
- :mod:`newsetl.dedup.minhash` — MinHash signatures of article bodies, from which the warehouse groups
  near-duplicate copies (wire stories with small edits) into story clusters.
"""

from __future__ import annotations

from newsetl.dedup.urls import article_url_key, url_key

__all__ = ["article_url_key", "url_key"]
