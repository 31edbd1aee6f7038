#!/usr/bin/env python3
"""pyarrow peer of `lake-bench parquet`: one run of one task per process, timed like run_peers.py.

Mirrors /work/shared/bench/run_peers.py (w_parquet_write / w_parquet_read, pyarrow variants): the clock
covers only the pyarrow call; imports, reading the write input and the checks afterwards are untimed.
Prints one line `RESULT {json}` with seconds, rows, bytes, rss_before_kb and an `info` object that
`lake-bench` compares with its own run (row counts, null counts, sums).

Usage:
  pyarrow_parquet.py run <write_zstd|write_snappy|read_full|read_filter> --input F --out-dir D
  pyarrow_parquet.py check --file OURS --input F     # untimed: pyarrow reads OURS, compares with F
"""
import argparse
import json
import os
import resource
import time


def rss_now_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def emit(result):
    print("RESULT " + json.dumps(result), flush=True)


def run_write(codec, input_path, out_dir):
    import pyarrow.parquet as pq
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, f"pyarrow_write_{codec}.parquet")
    if os.path.exists(out):
        os.remove(out)
    table = pq.read_table(input_path)
    rows = table.num_rows
    rss0 = rss_now_kb()
    t0 = time.perf_counter()
    pq.write_table(table, out, compression=codec, use_dictionary=True, row_group_size=1_000_000)
    dt = time.perf_counter() - t0
    # Untimed: lake's writer fsyncs before publishing, pyarrow does not; measure what that would add.
    t1 = time.perf_counter()
    fd = os.open(out, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    fsync_s = time.perf_counter() - t1
    size = os.path.getsize(out)
    meta = pq.ParquetFile(out).metadata
    os.remove(out)
    emit({"seconds": dt, "rows": rows, "bytes": size, "rss_before_kb": rss0,
          "info": {"row_groups": meta.num_row_groups, "rows_written": meta.num_rows, "fsync_seconds": fsync_s}})


def run_read(variant, input_path):
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    size = os.path.getsize(input_path)
    rss0 = rss_now_kb()
    if variant == "read_full":
        t0 = time.perf_counter()
        t = pq.read_table(input_path)
        dt = time.perf_counter() - t0
        info = {"columns": t.num_columns, "null_counts": [c.null_count for c in t.columns],
                "crypto_id_sum": pc.sum(t["crypto_id"]).as_py()}
    else:
        t0 = time.perf_counter()
        t = pq.read_table(input_path, columns=["crypto_id", "price_usd"], filters=[("crypto_id", "<", 100)])
        dt = time.perf_counter() - t0
        info = {"columns": t.num_columns, "null_counts": [c.null_count for c in t.columns],
                "crypto_id_sum": pc.sum(t["crypto_id"]).as_py(), "price_sum": pc.sum(t["price_usd"]).as_py()}
    emit({"seconds": dt, "rows": pq.ParquetFile(input_path).metadata.num_rows, "bytes": size,
          "rss_before_kb": rss0, "result_rows": t.num_rows, "info": info})


def check(file_path, input_path):
    """pyarrow reads the file lake wrote; its rows must equal the input's, column by column."""
    import pyarrow.parquet as pq
    meta = pq.ParquetFile(file_path).metadata
    ours = pq.read_table(file_path)
    reference = pq.read_table(input_path)
    mismatched = []
    for name in reference.column_names:
        if name not in ours.column_names:
            mismatched.append(f"{name}: missing")
            continue
        column = ours[name]
        expected = reference[name]
        if column.type != expected.type:
            mismatched.append(f"{name}: type {column.type} != {expected.type}")
            column = column.cast(expected.type)
        if not column.equals(expected):
            mismatched.append(f"{name}: values differ")
    emit({"rows": ours.num_rows, "expected_rows": reference.num_rows, "row_groups": meta.num_row_groups,
          "created_by": meta.created_by, "columns_equal": not mismatched, "mismatched": mismatched})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("task", choices=["write_zstd", "write_snappy", "read_full", "read_filter"])
    run.add_argument("--input", required=True)
    run.add_argument("--out-dir", required=True)
    chk = sub.add_parser("check")
    chk.add_argument("--file", required=True)
    chk.add_argument("--input", required=True)
    args = ap.parse_args()
    if args.command == "check":
        check(args.file, args.input)
    elif args.task.startswith("write_"):
        run_write(args.task.split("_", 1)[1], args.input, args.out_dir)
    else:
        run_read(args.task, args.input)


if __name__ == "__main__":
    main()
