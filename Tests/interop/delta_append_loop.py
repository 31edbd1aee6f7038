#!/usr/bin/env python3
"""Appends to an existing Delta table with the `deltalake` package (delta-rs), one commit per batch.

Usage: delta_append_loop.py <table directory> <count> <start id>

Commits `count` appends of 3 rows each, with ids start, start + 1, ... (consecutive, never reused). Columns
follow the lake test schema: id int64 (not null), price float64 (id / 4, null when id % 5 == 0), name utf8
("p<id>"), day date32 (2024-01-01 plus id % 3 days). Prints one line per commit: the version delta-rs reports.
"""
import datetime
import os
import sys

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

ROWS_PER_COMMIT = 3
SCHEMA = pa.schema([
    pa.field("id", pa.int64(), nullable=False),
    pa.field("price", pa.float64()),
    pa.field("name", pa.string()),
    pa.field("day", pa.date32()),
])


def batch(ids):
    return pa.Table.from_pylist([
        {"id": i, "price": None if i % 5 == 0 else i / 4, "name": f"p{i}",
         "day": datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 3)}
        for i in ids
    ], schema=SCHEMA)


def main():
    table, count, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for commit in range(count):
        first = start + commit * ROWS_PER_COMMIT
        write_deltalake(table, batch(range(first, first + ROWS_PER_COMMIT)), mode="append")
        print(DeltaTable(table).version(), flush=True)
    # deltalake 1.6.6 may abort during interpreter shutdown after all work is done; skip the native teardown.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
