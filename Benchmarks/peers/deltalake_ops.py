#!/usr/bin/env python3
"""deltalake (delta-rs) peer of `lake-bench delta`: the table operations of run_peers.py `delta_ops`, one run per
process.

Steps, each timed on its own (imports, reading the input and the checks are untimed): 200 appends of 50,000 rows
(`write_deltalake(mode="append")`, the first one creates the table), open the latest version, an explicit
checkpoint, open the latest version again (now from the checkpoint) and list its files, open version 100, compact
(`optimize.compact()`), vacuum with retention 0, and read the latest version into Arrow.

Prints one line `RESULT {json}`: {"metrics": {step: {"seconds", "rows"}}, "rss_before_kb", "info": {...}}.

Usage: deltalake_ops.py --input listings.parquet --out-dir DIR
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import time


def rss_now_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()

    import deltalake
    import pyarrow.parquet as pq
    from deltalake import DeltaTable, write_deltalake

    table = pq.read_table(args.input)
    commits, per = 200, min(50_000, table.num_rows // 200)
    table = table.slice(0, commits * per)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, "deltalake_delta_listings")
    shutil.rmtree(path, ignore_errors=True)
    rss0 = rss_now_kb()
    metrics, info = {}, {"deltalake": deltalake.__version__}

    def data_files():
        return sum(1 for name in os.listdir(path) if name.endswith(".parquet"))

    commit_seconds = []
    started = time.perf_counter()
    for index in range(commits):
        t0 = time.perf_counter()
        write_deltalake(path, table.slice(index * per, per), mode="append")
        commit_seconds.append(time.perf_counter() - t0)
    metrics["append_200_total"] = {"seconds": time.perf_counter() - started, "rows": commits * per}
    metrics["append_commit_median"] = {"seconds": statistics.median(commit_seconds), "rows": per}
    log = os.path.join(path, "_delta_log")
    info["checkpoints_during_appends"] = sorted(name for name in os.listdir(log) if "checkpoint" in name)

    t0 = time.perf_counter()
    dt = DeltaTable(path)
    metrics["load_latest"] = {"seconds": time.perf_counter() - t0, "rows": None}
    info["version"] = dt.version()

    t0 = time.perf_counter()
    dt.create_checkpoint()
    metrics["create_checkpoint"] = {"seconds": time.perf_counter() - t0, "rows": None}

    t0 = time.perf_counter()
    dt = DeltaTable(path)
    active = len(dt.file_uris())
    metrics["load_latest_with_checkpoint"] = {"seconds": time.perf_counter() - t0, "rows": None}
    info["files_active"] = active

    t0 = time.perf_counter()
    old = DeltaTable(path, version=100)
    info["files_active_v100"] = len(old.file_uris())
    metrics["load_version_100"] = {"seconds": time.perf_counter() - t0, "rows": None}

    info["files_on_disk_before_compact"] = data_files()
    t0 = time.perf_counter()
    dt.optimize.compact()
    metrics["optimize_compact"] = {"seconds": time.perf_counter() - t0, "rows": commits * per}
    dt = DeltaTable(path)
    info["files_active_after_compact"] = len(dt.file_uris())

    os.sync()  # vacuum files that are on disk, as the lake worker does (it fsyncs what it writes; delta-rs does not)
    t0 = time.perf_counter()
    removed = dt.vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False)
    metrics["vacuum"] = {"seconds": time.perf_counter() - t0, "rows": None}
    info["vacuum_removed"] = len(removed)
    info["files_on_disk_after_vacuum"] = data_files()

    t0 = time.perf_counter()
    scanned = DeltaTable(path).to_pyarrow_table()
    metrics["scan_latest"] = {"seconds": time.perf_counter() - t0, "rows": scanned.num_rows}
    info["rows_latest"] = scanned.num_rows
    info["table_mb_after_compact"] = round(sum(
        os.path.getsize(os.path.join(path, name)) for name in os.listdir(path) if name.endswith(".parquet")) / 1e6, 1)
    shutil.rmtree(path, ignore_errors=True)
    print("RESULT " + json.dumps({"metrics": metrics, "rss_before_kb": rss0, "info": info}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
