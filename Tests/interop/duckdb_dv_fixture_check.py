#!/usr/bin/env python3
"""Reads the fixtures of make_dv_fixtures.py with DuckDB's delta extension and compares, at every version, the row
count and the sum of `id` with the manifest's `expected_summary` (spec/table-log.md §15.3).

Usage: <venv with duckdb==1.5.5 and duckdb-extension-delta==1.5.5>/bin/python duckdb_dv_fixture_check.py

The delta extension only loads into the DuckDB version it was built for (spec/table-log.md §15.1), hence the
separate virtual environment. Prints one line per table and version; exits 1 when any read differs or fails.
"""
import json
import os
import sys
from pathlib import Path

import duckdb
import duckdb_extension_delta

ROOT = Path(__file__).resolve().parents[2] / "Fixtures" / "delta"
GENERATOR = "Tests/interop/make_dv_fixtures.py"


def main():
    extension = (Path(duckdb_extension_delta.__file__).parent / "extensions" / f"v{duckdb.__version__}"
                 / "delta.duckdb_extension")
    connection = duckdb.connect()
    connection.execute(f"LOAD '{extension}'")
    manifest = json.loads((ROOT / "MANIFEST.json").read_text())
    failures = 0
    for case in manifest["cases"]:
        if case.get("generator") != GENERATOR or not case["opens"]:
            continue
        path = os.path.abspath(ROOT / case["path"])
        for version, summary in case["expected_summary"].items():
            try:
                rows, ids = connection.execute(
                    f"select count(*), sum(id) from delta_scan('{path}', version => {int(version)})").fetchone()
            except duckdb.Error as error:
                failures += 1
                print(case["path"], version, "failed:", str(error).splitlines()[0])
                continue
            agrees = rows == summary["rows"] and (ids or 0) == summary["id_sum"]
            failures += not agrees
            verdict = "agrees" if agrees else f"differs: {rows} rows, id sum {ids}, expected {summary}"
            print(case["path"], version, verdict)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
