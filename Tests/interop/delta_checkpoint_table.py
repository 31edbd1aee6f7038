#!/usr/bin/env python3
"""Writes a Delta table with the `deltalake` package (delta-rs) whose early history lives only in a checkpoint.

Usage: delta_checkpoint_table.py <table directory> <seed>

The table is partitioned by `region` (with NULL), gets 12 appends, a DELETE (which writes `remove` actions), an
explicit `create_checkpoint()`, two more appends, and then `cleanup_metadata()` with
`delta.logRetentionDuration = interval 0 days`, which deletes every commit below the checkpoint. Readers must
therefore use delta-rs's Parquet checkpoint for every version they can still open.

Output (stdout, one JSON object): {"version": latest version, "checkpoint": checkpoint version,
"log": [file names under _delta_log/, sorted]}.
"""
import json
import os
import random
import sys

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake


def batch(rng, start, count):
    regions = ["eu", "us", None, "c d/e"]
    return pa.table({
        "id": pa.array(range(start, start + count), pa.int64()),
        "price": pa.array([None if (start + i) % 5 == 0 else rng.randint(-100_000, 100_000) / 100
                           for i in range(count)], pa.float64()),
        "name": pa.array([f"n{rng.randint(0, 999)}" for _ in range(count)], pa.string()),
        "region": pa.array([regions[(start + i) % len(regions)] for i in range(count)], pa.string()),
    })


def main():
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    for step in range(12):
        write_deltalake(path, batch(rng, step * 10, 10), mode="append", partition_by=["region"],
                        configuration={"delta.logRetentionDuration": "interval 0 days"} if step == 0 else None)
    DeltaTable(path).delete("id < 15")
    table = DeltaTable(path)
    table.create_checkpoint()
    checkpoint = table.version()
    for step in range(12, 14):
        write_deltalake(path, batch(rng, step * 10, 10), mode="append")
    DeltaTable(path).cleanup_metadata()
    table = DeltaTable(path)
    print(json.dumps({"version": table.version(), "checkpoint": checkpoint,
                      "log": sorted(os.listdir(os.path.join(path, "_delta_log")))}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
