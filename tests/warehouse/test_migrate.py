from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsetl.errors import MigrationError, WarehouseLockedError
from newsetl.warehouse import connect, migrate, migrations, open_warehouse
from newsetl.warehouse._connect import ROW_GROUP_ROWS


def test_bundled_migrations_are_numbered_in_order() -> None:
    versions = [migration.version for migration in migrations()]
    assert versions == sorted(versions)
    assert versions[0] == 1
    assert len(set(versions)) == len(versions)


def test_migrate_applies_once_and_records(tmp_path: Path) -> None:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    applied = migrate(connection)
    assert applied == [migration.version for migration in migrations()]
    assert migrate(connection) == []
    tables = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {
        "runs",
        "run_sources",
        "raw_documents",
        "articles",
        "removed_lines",
        "rejected_documents",
        "check_results",
        "schema_migrations",
    } <= tables


def test_a_failing_schema_file_rolls_back_and_says_which(tmp_path: Path) -> None:
    folder = tmp_path / "sql"
    folder.mkdir()
    (folder / "001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (folder / "002_broken.sql").write_text("CREATE TABLE b (x INTEGER); CREATE TABLE nonsense syntax;")
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(MigrationError, match=r"002_broken\.sql failed"):
        migrate(connection, folder)
    assert connection.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]
    tables = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "b" not in tables


def test_badly_named_schema_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "add_things.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match=r"NNN_name\.sql"):
        migrations(tmp_path)


def test_locked_warehouse_waits_then_names_the_holder(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "w.duckdb"
    duckdb.connect(str(path)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseLockedError, match=f"held by PID {holder.pid}"):
            connect(path, wait_seconds=1.0)
    finally:
        holder.kill()
        holder.wait()
    connect(path, wait_seconds=5.0).close()


def test_a_writing_connection_has_the_memory_it_is_given(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb") as connection:
        default = connection.execute("SELECT current_setting('memory_limit')").fetchone()
    with open_warehouse(tmp_path / "w.duckdb", memory_limit="1GB") as connection:
        given = connection.execute("SELECT current_setting('memory_limit')").fetchone()
    assert default == ("244.1 MiB",)  # DuckDB shows 256MB (10^6 bytes) in MiB
    assert given == ("953.6 MiB",)


def test_a_writing_connection_fills_row_groups_of_its_size_and_spills_beside_the_file(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    rows = ROW_GROUP_ROWS * 2 + 10
    with open_warehouse(path) as connection:
        connection.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(?)", [rows])
        connection.execute("CHECKPOINT")
        groups = connection.execute(
            "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('numbers')"
        ).fetchone()
        catalog, spill = (
            connection.execute("SELECT current_database(), current_setting('temp_directory')").fetchone() or ()
        )
    assert groups == (3,)  # DuckDB's own default would hold them all in one
    assert (catalog, spill) == ("w", f"{path}.tmp")


def test_the_same_file_is_not_opened_twice_in_one_process(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb"), pytest.raises(duckdb.BinderException, match="already attached"):
        connect(tmp_path / "w.duckdb", wait_seconds=0.1)


# In a new interpreter each: the mark stays in the process that makes it. argv[1] is a folder put on sys.path.
_PANDAS = """
import sys
sys.path.insert(0, sys.argv[1])
import duckdb
from newsetl.warehouse._connect import spare_pandas_lookups

spare_pandas_lookups()
try:
    import pandas
    print("imported", pandas.__name__)
except ImportError as exc:
    print("absent", "halted" in str(exc))
connection = duckdb.connect()  # binding values still works, with pandas marked absent
print(connection.execute("SELECT ?::TIMESTAMPTZ IS NOT NULL", ["2026-12-01T00:00:00+00:00"]).fetchone()[0])
"""


def test_pandas_is_marked_absent_for_duckdb_only_where_it_is_not_installed(tmp_path: Path) -> None:
    def run(folder: Path) -> list[str]:
        command = [sys.executable, "-c", _PANDAS, str(folder)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()

    assert run(tmp_path) == ["absent", "True", "True"]  # not installed here: the import stops at the mark
    (tmp_path / "pandas").mkdir()
    (tmp_path / "pandas" / "__init__.py").write_text("")
    assert run(tmp_path) == ["imported", "pandas", "True"]  # installed: left alone
