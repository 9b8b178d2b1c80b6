"""The identity of a news URL, so that the same story reached by two addresses is stored once.

``courlan`` (the URL library behind trafilatura) does the general normalisation: lower-case host, default
ports, percent-encoding, sorted query, known tracking parameters. On top of it, what makes two news URLs the
same page: http and https, ``www.``/``m.``/``amp.`` hosts, AMP paths and parameters, AMP caches, a trailing
slash, the fragment, and a few tracking parameters news sites add that courlan keeps.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that never change which article a URL shows (courlan already drops utm_*, fbclid, ref, ...).
_NOISE_PARAMS = frozenset(
    {
        "amp",
        "at_campaign",
        "at_medium",
        "cmp",
        "cmpid",
        "ito",
        "mc_cid",
        "mc_eid",
        "ns_campaign",
        "ns_fee",
        "ns_linkname",
        "ns_mchannel",
        "ns_source",
        "ocid",
        "s_cid",
        "share",
        "smid",
        "smtyp",
        "__twitter_impression",
    }
)
_AMP_VALUED_PARAMS = frozenset({"outputtype", "output", "format", "view"})  # dropped when their value is "amp"
_VARIANT_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_AMP_CACHE_RE = re.compile(r"^/(?:[cvi]/)?(?P<secure>s/)?(?P<rest>[^/]+\..+)$")
_GOOGLE_AMP_RE = re.compile(r"^/amp/(?P<secure>s/)?(?P<rest>[^/]+\..+)$")


def url_key(url: str | None) -> str | None:
    """The normalised form of an http(s) URL that names its article; ``None`` for anything else.

    >>> url_key("http://m.example.com/news/story/amp/?utm_source=tw&outputType=amp#comments")
    'https://example.com/news/story'
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    target = _unwrap_amp_cache(parts.scheme.lower(), parts.netloc.lower(), parts.path) or url.strip()
    # Imported here: courlan (and the urllib3 it pulls in) costs 60-80 ms at start-up, and a run that cleans nothing
    # (a re-run over unchanged text dumps) never needs it.
    from courlan import normalize_url

    try:
        normalized = urlsplit(normalize_url(target, trailing_slash=False))
    except ValueError:
        return None
    host = _canonical_host(normalized.netloc)
    path = _strip_amp_path(urlsplit(urljoin("https://host/", normalized.path or "/")).path)
    return urlunsplit(("https", host, path, _keep_params(normalized.query), ""))


def article_url_key(url: str | None, canonical_url: str | None) -> str | None:
    """The URL key an article is stored under: its canonical link when usable, else its own URL.

    A canonical link that points at a site's front page while the article has a path of its own is a CMS
    default, not a statement about the article, and is ignored.
    """
    own = url_key(url)
    canonical = url_key(canonical_url)
    if canonical is None:
        return own
    if own is not None and urlsplit(canonical).path == "/" and urlsplit(own).path != "/":
        return own
    return canonical


def _unwrap_amp_cache(scheme: str, host: str, path: str) -> str | None:
    # https://example-com.cdn.ampproject.org/c/s/example.com/story and https://www.google.com/amp/s/example.com/story
    if host.endswith(".cdn.ampproject.org"):
        match = _AMP_CACHE_RE.match(path)
    elif host in ("www.google.com", "google.com"):
        match = _GOOGLE_AMP_RE.match(path)
    else:
        return None
    if match is None:
        return None
    return f"{'https' if match['secure'] else scheme}://{match['rest']}"


def _canonical_host(netloc: str) -> str:
    host = netloc
    while host.startswith(_VARIANT_HOST_PREFIXES):
        shorter = host.split(".", 1)[1]
        if "." not in shorter:  # never reduce "m.com" to "com"
            break
        host = shorter
    return host


def _strip_amp_path(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment]
    if segments and segments[0] == "amp" and len(segments) > 1:
        segments = segments[1:]
    if segments and segments[-1] in ("amp", "amp.html") and len(segments) > 1:
        segments = segments[:-1]
    if segments:
        last = segments[-1]
        segments[-1] = re.sub(r"\.amp(?=\.html?$)|\.amp$", "", last) or last
    return "/" + "/".join(segments)


def _keep_params(query: str) -> str:
    kept = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name.lower() not in _NOISE_PARAMS and not (name.lower() in _AMP_VALUED_PARAMS and value.lower() == "amp")
    ]
    return urlencode(sorted(kept))
