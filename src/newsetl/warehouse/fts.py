"""The DuckDB fts extension, loaded from its pinned wheel: ``stem`` and the tokenizer the search index uses.

The extension cannot be downloaded at run time here (and should not need to be anywhere): the
``duckdb-extension-fts`` wheel, pinned to the duckdb version, carries the official signed binary, which
``LOAD '<path>'`` accepts with signature checks on. It supplies ``stem``, to the loader and to readers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsetl.errors import WarehouseError


def fts_extension_path() -> Path:
    """The fts extension binary for the installed duckdb, inside the ``duckdb-extension-fts`` package."""
    import duckdb_extension_fts

    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise WarehouseError(
            f"no fts extension for duckdb {duckdb.__version__} at {path}: install duckdb-extension-fts=="
            f"{duckdb.__version__} (the versions must match; see uv.lock)"
        )
    return path


def load_fts(connection: duckdb.DuckDBPyConnection) -> None:
    """Make ``stem`` and so the ``search_*`` macros usable on this connection."""
    connection.execute(f"LOAD '{fts_extension_path()}'")
