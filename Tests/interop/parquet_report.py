#!/usr/bin/env python3
"""Reads many Parquet files with the peer engines in one process and reports what each engine saw.

Usage:
    parquet_report.py FILE... [--engines pyarrow,duckdb] [--stats]

Starting Python with pyarrow and DuckDB costs about half a second, so tests that check dozens of files ask for
all of them at once. Output: one JSON object per input file, one per line, in argument order:
    {"path": "...", "pyarrow": <dump>, "duckdb": <dump>, "stats": <statistics>}
where <dump> is exactly what `parquet_dump.py FILE --engine E` prints (DuckDB columns cast back to the file's
types) and <statistics> what `parquet_stats.py FILE` prints. An engine that fails on a file gives
{"error": "<ExceptionType>: <message>"} in place of its dump, so one unreadable file does not hide the others.
Only the engines listed by --engines appear (default: both); "stats" appears with --stats.

Exit status: 0 when every file was attempted (even if engines failed on some), 2 on bad arguments.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402

import parquet_dump  # noqa: E402
import parquet_stats  # noqa: E402


def _attempt(function):
    try:
        return function()
    except Exception as error:  # noqa: BLE001 - reported per file and engine
        return {"error": f"{type(error).__name__}: {error}"}


def report(path, engines, with_stats):
    """The report object of one file."""
    entry = {"path": path}
    for engine in engines:
        entry[engine] = _attempt(lambda engine=engine: parquet_dump.dump_file(path, engine))
    if with_stats:
        entry["stats"] = _attempt(lambda: parquet_stats.file_statistics(path))
    return entry


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--engines", default="pyarrow,duckdb", help="comma-separated: pyarrow, duckdb")
    parser.add_argument("--stats", action="store_true", help="also report column chunk statistics")
    args = parser.parse_args(argv)
    engines = [name for name in args.engines.split(",") if name]
    unknown = [name for name in engines if name not in parquet_dump.ENGINES]
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(unknown)}; known: {', '.join(parquet_dump.ENGINES)}")
    for path in args.files:
        line = json.dumps(report(path, engines, args.stats), ensure_ascii=False, separators=(",", ":"))
        sys.stdout.buffer.write((line + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
