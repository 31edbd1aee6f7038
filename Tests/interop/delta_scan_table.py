#!/usr/bin/env python3
"""Prints the rows of a Delta table as `deltalake` (delta-rs) reads them through `DeltaTable.scan()`, which applies
deletion vectors and column mapping (`to_pyarrow_table()` refuses tables with deletion vectors, spec/table-log.md
§15.1).

Usage: delta_scan_table.py <table directory> [--version N] [--key COLUMN]

Output: as delta_read_table.py: {"version", "partitionColumns", "rows"} with canonical values, rows sorted by the
key column (default "id").
"""
import argparse
import json
import os
import sys

import pyarrow as pa
from deltalake import DeltaTable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from delta_read_table import canonical  # noqa: E402 - after the path set-up


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--version", type=int)
    parser.add_argument("--key", default="id")
    args = parser.parse_args()
    table = DeltaTable(args.table, version=args.version) if args.version is not None else DeltaTable(args.table)
    rows = [{name: canonical(value) for name, value in row.items()} for row in pa.table(table.scan()).to_pylist()]
    rows.sort(key=lambda row: (row.get(args.key) is None, row.get(args.key) or 0, json.dumps(row, sort_keys=True)))
    print(json.dumps({"version": table.version(), "partitionColumns": table.metadata().partition_columns,
                      "rows": rows}, sort_keys=True))
    sys.stdout.flush()
    os._exit(0)  # see delta_read_table.py: deltalake may abort during interpreter teardown


if __name__ == "__main__":
    main()
