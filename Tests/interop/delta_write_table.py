#!/usr/bin/env python3
"""Writes a Delta table with the `deltalake` package (delta-rs) and prints what deltalake itself reads from it.

Usage: delta_write_table.py <table directory> <case> <seed>

Cases:
  history      create, two appends (the second with txn app "lake-test" version 7), overwrite, delete
  partitioned  partitioned by a string (with NULL and characters needing escapes) and a date column
  nested       a table with struct and list columns next to flat ones
  merge        create, append, MERGE update-or-insert by id, MERGE insert-only-missing by id
  replacewhere partitioned by region; overwrite of the partition region = 'eu' only (predicate), then append

Output (stdout, one JSON object): {"version", "partitionColumns", "files": [{"path" (decoded, relative to the
table root), "size", "numRecords", "partitionValues"}] sorted by path, "txn": {appId: version}}.
The data is derived from the seed so that a failing test can be reproduced.
"""
import datetime
import json
import os
import random
import sys

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake


def rows(rng, start, count):
    return pa.table({
        "id": pa.array(range(start, start + count), pa.int64()),
        "price": pa.array([round(rng.uniform(-100, 100), 2) for _ in range(count)], pa.float64()),
        "name": pa.array([f"n{rng.randrange(1000)}" for _ in range(count)], pa.string()),
    })


def write_history(path, rng):
    write_deltalake(path, rows(rng, 0, 10), mode="error", name="history", description="lake test")
    write_deltalake(path, rows(rng, 10, 10), mode="append")
    write_deltalake(path, rows(rng, 20, 5), mode="append",
                    commit_properties=CommitProperties(app_transactions=[Transaction(app_id="lake-test", version=7)]))
    write_deltalake(path, rows(rng, 100, 20), mode="overwrite")
    DeltaTable(path).delete("id % 2 = 0")


def write_partitioned(path, rng):
    regions = ["eu", "c d/e", None, "x=y%z"]
    count = 12
    table = pa.table({
        "id": pa.array(range(count), pa.int64()),
        "region": pa.array([regions[rng.randrange(len(regions))] for _ in range(count)], pa.string()),
        "day": pa.array([datetime.date(2024, 1, 1 + rng.randrange(3)) for _ in range(count)], pa.date32()),
        "amount": pa.array([rng.randrange(-500, 500) for _ in range(count)], pa.int32()),
    })
    write_deltalake(path, table, partition_by=["region", "day"])


def write_nested(path, rng):
    count = 5
    table = pa.table({
        "id": pa.array(range(count), pa.int64()),
        "point": pa.array([{"x": rng.random(), "y": rng.random()} for _ in range(count)],
                          pa.struct([("x", pa.float64()), ("y", pa.float64())])),
        "tags": pa.array([[f"t{rng.randrange(9)}"] for _ in range(count)], pa.list_(pa.string())),
        "at": pa.array([datetime.datetime(2024, 5, 1, 8, 30, rng.randrange(60), tzinfo=datetime.timezone.utc)
                        for _ in range(count)], pa.timestamp("us", tz="UTC")),
    })
    write_deltalake(path, table)


def write_merge(path, rng):
    write_deltalake(path, rows(rng, 0, 20), mode="error")
    write_deltalake(path, rows(rng, 20, 10), mode="append")
    (DeltaTable(path).merge(source=rows(rng, 15, 10), predicate="target.id = source.id", source_alias="source",
                            target_alias="target")
     .when_matched_update_all().when_not_matched_insert_all().execute())
    (DeltaTable(path).merge(source=rows(rng, 28, 6), predicate="target.id = source.id", source_alias="source",
                            target_alias="target")
     .when_not_matched_insert_all().execute())


def regional(rng, start, count, regions):
    table = rows(rng, start, count)
    return table.append_column("region", pa.array([regions[i % len(regions)] for i in range(count)], pa.string()))


def write_replacewhere(path, rng):
    write_deltalake(path, regional(rng, 0, 24, ["eu", "us", "c d/e"]), partition_by=["region"])
    write_deltalake(path, regional(rng, 100, 5, ["eu"]), mode="overwrite", predicate="region = 'eu'")
    write_deltalake(path, regional(rng, 200, 4, ["us", "eu"]), mode="append")


def describe(path):
    table = DeltaTable(path)
    root = os.path.abspath(path).rstrip("/") + "/"
    actions = pa.table(table.get_add_actions(flatten=True)).to_pylist()
    uris = table.file_uris()
    files = []
    for action, uri in zip(actions, uris):
        partition = {key[len("partition."):]: value for key, value in action.items() if key.startswith("partition.")}
        files.append({"path": uri[len(root):] if uri.startswith(root) else uri, "size": action["size_bytes"],
                      "numRecords": action["num_records"], "partitionValues": partition})
    files.sort(key=lambda f: f["path"])
    txn = {}
    version = table.transaction_version("lake-test")
    if version is not None:
        txn["lake-test"] = version
    return {"version": table.version(), "partitionColumns": table.metadata().partition_columns, "files": files,
            "txn": txn}


def main():
    path, case, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    writers = {"history": write_history, "partitioned": write_partitioned, "nested": write_nested,
               "merge": write_merge, "replacewhere": write_replacewhere}
    writers[case](path, rng)
    print(json.dumps(describe(path), default=str))
    # deltalake 1.6.6 with pyarrow sometimes aborts during interpreter shutdown ("terminate called without an
    # active exception") after all work is done; leave without running the native teardown.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
