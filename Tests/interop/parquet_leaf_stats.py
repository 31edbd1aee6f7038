#!/usr/bin/env python3
"""Compares the leaf-column statistics of a Parquet file with those pyarrow writes for the same data.

Usage:
    parquet_leaf_stats.py FILE...

For each FILE, pyarrow reads the table and writes it again (into memory, one row group, statistics on); then,
per leaf column (path_in_schema), the totals over all row groups are compared: num_values (level entries),
null_count (entries whose definition level is below the leaf's maximum), min and max. This checks the nested
writer's level counting and statistics against pyarrow's, independent of row-group and page cuts. A string or
binary bound of at most 64 bytes that is a truncation of pyarrow's (LakeParquet truncates longer bounds: the
minimum to a prefix, the maximum to a larger short value) counts as equal.

Output: one JSON object per file, one per line: {"path": "...", "differences": ["<leaf>: ...", ...]}.
Exit status: 0 when every file was compared (differences or not), 1 when a file cannot be read.
"""

import sys

sys.dont_write_bytecode = True

import io  # noqa: E402
import json  # noqa: E402

import pyarrow.parquet as pq  # noqa: E402


def leaf_totals(parquet_file):
    totals = {}
    metadata = parquet_file.metadata
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        for column in range(row_group.num_columns):
            chunk = row_group.column(column)
            entry = totals.setdefault(chunk.path_in_schema, {"num_values": 0, "null_count": 0, "min": None,
                                                             "max": None, "has_min_max": False})
            entry["num_values"] += chunk.num_values
            stats = chunk.statistics
            if stats is None:
                entry["null_count"] = None
                continue
            if entry["null_count"] is not None:
                entry["null_count"] += stats.null_count
            if stats.has_min_max:
                entry["has_min_max"] = True
                entry["min"] = stats.min if entry["min"] is None else min(entry["min"], stats.min)
                entry["max"] = stats.max if entry["max"] is None else max(entry["max"], stats.max)
    return totals


def differences(path):
    ours = leaf_totals(pq.ParquetFile(path))
    buffer = io.BytesIO()
    pq.write_table(pq.read_table(path), buffer, compression="none", write_statistics=True)
    buffer.seek(0)
    theirs = leaf_totals(pq.ParquetFile(buffer))
    found = []
    if sorted(ours) != sorted(theirs):
        found.append(f"leaves {sorted(ours)} != pyarrow's {sorted(theirs)}")
    for leaf in sorted(set(ours) & set(theirs)):
        for key in ["num_values", "null_count", "min", "max"]:
            mine, pyarrows = ours[leaf][key], theirs[leaf][key]
            if mine != pyarrows and not truncated_bound(key, mine, pyarrows):
                found.append(f"{leaf}: {key} {mine!r}, pyarrow {pyarrows!r}")
    return found


def truncated_bound(key, mine, pyarrows):
    """Whether `mine` is LakeParquet's truncation of a string or binary bound longer than 64 bytes (spec/parquet.md,
    Writer): the minimum a prefix of pyarrow's, the maximum a short value above pyarrow's."""
    if not isinstance(mine, (str, bytes)) or type(mine) is not type(pyarrows):
        return False
    size = len(mine.encode("utf-8")) if isinstance(mine, str) else len(mine)
    if size > TRUNCATED_BOUND_BYTES_MAX:
        return False
    return pyarrows.startswith(mine) if key == "min" else mine > pyarrows


TRUNCATED_BOUND_BYTES_MAX = 64


def main(argv=None):
    paths = (argv if argv is not None else sys.argv[1:])
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    for path in paths:
        try:
            found = differences(path)
        except Exception as error:  # noqa: BLE001
            print(f"parquet_leaf_stats: error: {path}: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
        print(json.dumps({"path": path, "differences": found}, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
