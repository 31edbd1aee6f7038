#!/usr/bin/env python3
"""Untimed checks of a silver_transform output for `lake-bench silver`.

Reads FILE with pyarrow and computes the fingerprint run_peers.py's `w_silver` reports for every engine: the row
count, the float64 sums of n_obs, avg_price, sum_volume, volatility, last_dominance and last_rank (nulls skipped),
and the number of null or NaN volatilities. With --reference (DuckDB's output of the same transform) it also
compares the two files row by row on the key (crypto_id, day): every column equal, floats to a relative 1e-9.

Prints one line `RESULT {json}`: {"check": {...}, "columns": [[name, type], ...], "rows_compared": {...}}.

Usage: silver_check.py --file lake_silver_sql.parquet [--reference silver_duckdb.parquet]
"""
import argparse
import json
import math

SUMMED = ["n_obs", "avg_price", "sum_volume", "volatility", "last_dominance", "last_rank"]
KEY = ["crypto_id", "day"]
RELATIVE_TOLERANCE = 1e-9


def fingerprint(table):
    import pyarrow.compute as pc
    check = {"rows": table.num_rows}
    for name in SUMMED:
        check[name] = float(pc.sum(table[name].cast("float64")).as_py())
    volatility = table["volatility"].cast("float64")
    check["volatility_nulls"] = volatility.null_count + int(pc.sum(pc.is_nan(volatility)).as_py() or 0)
    return check


def same(left, right):
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, float) or isinstance(right, float):
        left, right = float(left), float(right)
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        return abs(left - right) <= RELATIVE_TOLERANCE * max(abs(left), abs(right), 1e-300)
    return left == right


def compare(ours, reference):
    """Row-by-row comparison on the key; returns counts and up to five example differences."""
    names = [name for name in reference.column_names if name in ours.column_names]
    def rows_by_key(table):
        columns = {name: table[name].to_pylist() for name in names}
        return {tuple(columns[k][i] for k in KEY): {n: columns[n][i] for n in names} for i in range(table.num_rows)}
    mine, theirs = rows_by_key(ours), rows_by_key(reference)
    result = {"matched": 0, "mismatched": 0, "only_ours": len(mine.keys() - theirs.keys()),
              "only_reference": len(theirs.keys() - mine.keys()), "examples": [],
              "missing_columns": [n for n in reference.column_names if n not in ours.column_names]}
    for key in mine.keys() & theirs.keys():
        differing = [n for n in names if not same(mine[key][n], theirs[key][n])]
        if differing:
            result["mismatched"] += 1
            if len(result["examples"]) < 5:
                result["examples"].append({"key": [str(k) for k in key],
                                           "columns": {n: [str(mine[key][n]), str(theirs[key][n])]
                                                       for n in differing}})
        else:
            result["matched"] += 1
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--reference")
    args = parser.parse_args()
    import pyarrow.parquet as pq
    ours = pq.read_table(args.file)
    report = {"check": fingerprint(ours), "columns": [[f.name, str(f.type)] for f in ours.schema]}
    if args.reference:
        report["rows_compared"] = compare(ours, pq.read_table(args.reference))
    print("RESULT " + json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
