#!/usr/bin/env python3
"""Prints the rows of a Delta table as DuckDB's delta extension (`delta_scan`) reads them, in the canonical form of
`delta_read_table.py`, so that the same comparison code checks both peers.

Usage: duckdb_delta_read.py <table directory> [--version N] [--key COLUMN]

Run it with the interpreter of the virtual environment that `setup_duckdb_delta.sh` creates (duckdb 1.5.5 with the
`duckdb-extension-delta` wheel; see spec/table-log.md §15.1). The extension is loaded from that wheel's file, with
DuckDB's signature checks on, because `INSTALL delta` needs a download this machine cannot make.

Output (stdout, one JSON object, keys sorted): {"version": the version asked for (null for the latest),
"duckdb": DuckDB's version, "rows": [{column: value}]} with rows sorted by the key column (default "id"), then by
their JSON text. Values: integers and strings as JSON, floats as JSON numbers, dates as days since 1970-01-01,
timestamps as microseconds since the epoch (zoned ones converted in SQL with `epoch_us`, since the venv has no
pytz), decimals as their text, binary as hex, NULL as null.
"""
import argparse
import datetime
import decimal
import json
import math
import os
import sys

import duckdb
import duckdb_extension_delta

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH_NAIVE = datetime.datetime(1970, 1, 1)


def micros(delta):
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def canonical(value):
    if isinstance(value, datetime.datetime):
        return micros(value.replace(tzinfo=None) - EPOCH_NAIVE)
    if isinstance(value, datetime.date):
        return (value - EPOCH_DATE).days
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


def extension_path():
    base = os.path.dirname(duckdb_extension_delta.__file__)
    return os.path.join(base, "extensions", "v" + duckdb.__version__, "delta.duckdb_extension")


def quoted(text):
    return "'" + text.replace("'", "''") + "'"


def identifier(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--version", type=int)
    parser.add_argument("--key", default="id")
    args = parser.parse_args()
    connection = duckdb.connect()
    connection.execute("LOAD " + quoted(extension_path()))
    source = "delta_scan(" + quoted(os.path.abspath(args.table))
    if args.version is not None:
        source += ", version => " + str(args.version)
    source += ")"
    columns = connection.execute("DESCRIBE SELECT * FROM " + source).fetchall()
    select = []
    for name, type_name, *_ in columns:
        if type_name.upper().startswith("TIMESTAMP WITH TIME ZONE"):
            select.append("epoch_us(" + identifier(name) + ") AS " + identifier(name))
        else:
            select.append(identifier(name))
    names = [column[0] for column in columns]
    result = connection.execute("SELECT " + ", ".join(select) + " FROM " + source).fetchall() if select else []
    rows = [{name: canonical(value) for name, value in zip(names, row)} for row in result]
    rows.sort(key=lambda row: (row.get(args.key) is None, row.get(args.key) or 0, json.dumps(row, sort_keys=True)))
    print(json.dumps({"version": args.version, "duckdb": duckdb.__version__, "rows": rows}, sort_keys=True))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
