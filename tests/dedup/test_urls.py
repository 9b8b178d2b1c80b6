"""URL identity: the cases that make one story reachable by many addresses, and the ones that must stay apart."""

from __future__ import annotations

import pytest

from newsetl.dedup import article_url_key, url_key

KEY = "https://example.com/news/story"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/story", KEY),
        ("http://example.com/news/story", KEY),  # http and https
        ("https://www.example.com/news/story", KEY),  # www.
        ("https://m.example.com/news/story", KEY),  # mobile host
        ("https://mobile.example.com/news/story", KEY),
        ("https://amp.example.com/news/story", KEY),  # AMP host
        ("https://example.com/news/story/", KEY),  # trailing slash
        ("https://example.com/news/story#comments", KEY),  # fragment
        ("HTTPS://EXAMPLE.COM:443/news/story", KEY),  # case of scheme and host, default port
        ("http://example.com:80/news/story", KEY),
        ("https://example.com/news/story?utm_source=twitter&utm_medium=social", KEY),  # tracking parameters
        ("https://example.com/news/story?fbclid=abc123", KEY),
        ("https://example.com/news/story?gclid=x&ocid=y&smid=tw-share&cmpid=rss", KEY),
        ("https://example.com/news/story/amp", KEY),  # AMP paths
        ("https://example.com/news/story/amp/", KEY),
        ("https://example.com/amp/news/story", KEY),
        ("https://example.com/news/story.amp", KEY),
        ("https://example.com/news/story?amp=1", KEY),  # AMP parameters
        ("https://example.com/news/story?outputType=amp", KEY),
        ("https://example-com.cdn.ampproject.org/c/s/example.com/news/story", KEY),  # AMP caches
        ("https://www.google.com/amp/s/www.example.com/news/story", KEY),
        ("https://example.com/news/./story", KEY),
        ("  https://example.com/news/story  ", KEY),
        ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
        ("https://example.com/news/story?b=2&a=1", "https://example.com/news/story?a=1&b=2"),  # query order
        ("https://example.com/news/story?id=42", "https://example.com/news/story?id=42"),  # a real parameter stays
        ("https://example.com/News/Story", "https://example.com/News/Story"),  # paths are case-sensitive
        ("https://example.com/news/story?page=2", "https://example.com/news/story?page=2"),
        ("https://m.com/a", "https://m.com/a"),  # a short domain is not a mobile host
        ("https://example.com", "https://example.com/"),
        ("https://blog.example.com/news/story", "https://blog.example.com/news/story"),  # other hosts differ
        ("ftp://example.com/news/story", None),
        ("example.com/news/story", None),
        ("2024-06-15_story.txt", None),
        ("", None),
        (None, None),
    ],
)
def test_url_key(url: str | None, expected: str | None) -> None:
    assert url_key(url) == expected


@pytest.mark.parametrize(
    ("url", "canonical", "expected"),
    [
        ("https://example.com/news/story/amp", "https://www.example.com/news/story", KEY),
        (
            "https://example.com/syndicated/123",
            "https://origin.example/news/story",
            "https://origin.example/news/story",
        ),
        ("https://example.com/news/story", None, KEY),
        ("https://example.com/news/story", "not a url", KEY),
        ("https://example.com/news/story", "https://example.com/", KEY),  # a CMS default, not a statement
        (None, "https://example.com/news/story", KEY),
        (None, None, None),
    ],
)
def test_article_url_key_prefers_a_usable_canonical_link(
    url: str | None, canonical: str | None, expected: str | None
) -> None:
    assert article_url_key(url, canonical) == expected
