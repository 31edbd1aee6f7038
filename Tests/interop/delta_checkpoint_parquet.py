#!/usr/bin/env python3
"""Writes a small Delta table with deltalake (delta-rs), checkpoints it, and prints the checkpoint's path.

Usage:
    delta_checkpoint_parquet.py TABLE_DIR

The table gets: a partitioned schema with a null partition value, table configuration, an application
transaction (txn action), three appends and a delete (remove actions), then `create_checkpoint()`. The
checkpoint is a Parquet file of nested columns (add, remove, metaData, protocol, txn, ...: structs holding maps
and lists, one action per row), the shape the nested reader of LakeParquet must read as pyarrow does.

Output: the absolute path of the checkpoint file on one line. Exit status 0 on success.
"""

import sys

sys.dont_write_bytecode = True

import os  # noqa: E402

import pyarrow as pa  # noqa: E402
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake  # noqa: E402


def main(argv=None):
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = args[0]
    for batch in range(3):
        table = pa.table({
            "id": pa.array([batch * 10 + row for row in range(5)], pa.int64()),
            "name": pa.array([None if row == 2 else f"n{batch}{row}" for row in range(5)], pa.string()),
            "part": pa.array([None if batch == 2 else f"p{batch}"] * 5, pa.string()),
        })
        write_deltalake(path, table, mode="append", partition_by=["part"],
                        configuration={"delta.appendOnly": "false", "delta.logRetentionDuration": "interval 30 days"} if batch == 0 else None,
                        commit_properties=CommitProperties(
                            app_transactions=[Transaction(app_id="lake-test", version=batch + 1)]))
    DeltaTable(path).delete("id = 3")
    DeltaTable(path).create_checkpoint()
    log = os.path.join(path, "_delta_log")
    checkpoints = sorted(name for name in os.listdir(log) if name.endswith(".checkpoint.parquet"))
    print(os.path.abspath(os.path.join(log, checkpoints[-1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
