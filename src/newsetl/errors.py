"""The one exception tree of newsetl.

Every error the pipeline raises on purpose derives from :class:`NewsetlError`. The ``transient`` marker
decides retries: transient errors (a locked warehouse, a timeout) are worth retrying, terminal ones are not.
Document-level errors carry the ids a person needs to act (source, uri) and a short ``reason_code`` that lands
in the ``rejected_documents`` table::

    NewsetlError
    ├── ConfigError                 terminal: sources.yaml is wrong
    ├── DocumentError               terminal for one document, which is quarantined; the run goes on
    │   ├── ReadError               empty, too large, truncated gzip, unreadable file
    │   │   └── NotFetchedError     a live document has no body: HTTP/network failure, refused, robots.txt
    │   ├── DecodeError             binary data, bytes no text encoding explains
    │   ├── ParseError              malformed JSON Lines record, unusable HTML, XML that is not well-formed
    │   │   └── UnsafeXMLError      a feed or sitemap declaring entities or a DTD (billion laughs, XXE)
    │   └── ExtractionError         no article text could be found
    ├── FetchError                  a URL could not be fetched (``code`` says why)
    │   ├── TransientFetchError     timeouts, connection errors, 429, 5xx: retry later
    │   └── TerminalFetchError      4xx, robots.txt: do not retry
    │       └── RefusedError        refused by policy: scheme, internal address, content type, size
    ├── StagingError                terminal: a run's staged files are gone (swept, or never planned)
    ├── WarehouseError              DuckDB problems
    │   ├── WarehouseLockedError    transient: another process holds the file
    │   └── MigrationError          terminal: a schema file failed to apply
    ├── CheckFailedError            terminal: a quality check failed after a load
    └── AirflowComponentError       terminal: an Airflow component or command the benchmark started failed
"""

from __future__ import annotations

from typing import ClassVar


class NewsetlError(Exception):
    """Root of every error newsetl raises on purpose."""

    transient: ClassVar[bool] = False


class ConfigError(NewsetlError):
    """The configuration file is missing, malformed or inconsistent."""


class DocumentError(NewsetlError):
    """One document could not be read or cleaned; it goes to quarantine with ``reason_code``."""

    reason_code: ClassVar[str] = "document_error"

    def __init__(self, message: str, *, source: str | None = None, uri: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.uri = uri

    @property
    def reason(self) -> str:
        """The human-readable reason stored next to ``reason_code``."""
        return str(self)


class ReadError(DocumentError):
    """The bytes of a document could not be obtained (empty, too large, corrupt archive)."""

    reason_code = "unreadable"


class EmptyDocumentError(ReadError):
    reason_code = "empty"


class TooLargeError(ReadError):
    reason_code = "too_large"


class CorruptArchiveError(ReadError):
    reason_code = "corrupt_archive"


class NotFetchedError(ReadError):
    """A live document could not be fetched (HTTP error, timeout, connection); the fetch log has every attempt."""

    reason_code = "fetch_failed"


class RefusedDocumentError(NotFetchedError):
    """The fetcher refused the URL by policy (scheme, internal address, content type)."""

    reason_code = "refused"


class RobotsDisallowedError(NotFetchedError):
    """robots.txt of the host disallows the URL for our user agent."""

    reason_code = "robots_disallowed"


class DecodeError(DocumentError):
    """The bytes are not text in any encoding we can justify."""

    reason_code = "undecodable"


class BinaryContentError(DecodeError):
    reason_code = "binary"


class ParseError(DocumentError):
    """The text is not the structure its format promises (e.g. a JSON Lines record)."""

    reason_code = "malformed"


class UnsafeXMLError(ParseError):
    """XML that declares entities or a DTD: refused before any expansion (billion laughs, XXE)."""

    reason_code = "unsafe_xml"


class ExtractionError(DocumentError):
    """Reading worked but no article could be extracted."""

    reason_code = "no_article"


class FetchError(NewsetlError):
    """A URL could not be fetched."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.code = code or (f"http_{status}" if status else "fetch_failed")
        """Short cause: ``timeout``, ``connection``, ``http_503``, ``too_large``, ``internal_address`` …"""


class TransientFetchError(FetchError):
    transient = True


class TerminalFetchError(FetchError):
    pass


class RefusedError(TerminalFetchError):
    """The fetcher's policy refused the URL or the response: nothing unsafe was read."""


class StagingError(NewsetlError):
    """A file a run staged for its later tasks is not there: its staging was removed, or it was never planned."""


class WarehouseError(NewsetlError):
    """The DuckDB warehouse could not be used."""


class WarehouseLockedError(WarehouseError):
    """Another process holds the DuckDB file; retrying later is the right move."""

    transient = True


class MigrationError(WarehouseError):
    """A schema file in ``sql/`` failed to apply."""


class CheckFailedError(NewsetlError):
    """A post-load quality check failed; the message says which and what to do."""


class AirflowComponentError(NewsetlError):
    """An Airflow component or ``airflow`` command started by newsetl (the benchmark's real scheduler) failed."""
