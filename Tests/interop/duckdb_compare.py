#!/usr/bin/env python3
"""Runs SQL queries with DuckDB over a lake root's Parquet folders, for DuckDBComparisonTests.

Usage: duckdb_compare.py --root ROOT --tables bronze.trades,bronze.coins --queries QUERIES.json

Every table name `a.b` becomes a DuckDB view over read_parquet('ROOT/a/b/*.parquet'), so the queries run unchanged
in both engines. The session time zone is UTC. QUERIES.json is a list of {"name": ..., "sql": ...}.

Prints one JSON object per query and line, in input order:
  {"name": ..., "columns": [names], "types": [DuckDB type names], "rows": [[cell, ...], ...]}
or {"name": ..., "error": "message"} when DuckDB rejects the query. A cell is null or a one-key object:
  {"i": "<decimal integer>"}                  integers of any width (HUGEINT included)
  {"f": number | "nan" | "inf" | "-inf"}       floats; decimals as their float value
  {"s": "text"}                               strings; dates as YYYY-MM-DD; times as HH:MM:SS[.ffffff];
                                              timestamps as YYYY-MM-DDTHH:MM:SS[.ffffff] (no zone suffix)
  {"b": true | false}                         booleans
"""
import argparse
import datetime
import decimal
import json
import math


def cell(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return {"b": value}
    if isinstance(value, int):
        return {"i": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"f": "nan"}
        if math.isinf(value):
            return {"f": "inf" if value > 0 else "-inf"}
        return {"f": value}
    if isinstance(value, decimal.Decimal):
        return {"f": float(value)}
    if isinstance(value, str):
        return {"s": value}
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if value.microsecond:
            text += ".%06d" % value.microsecond
        return {"s": text}
    if isinstance(value, datetime.date):
        return {"s": value.isoformat()}
    if isinstance(value, datetime.time):
        text = value.strftime("%H:%M:%S")
        if value.microsecond:
            text += ".%06d" % value.microsecond
        return {"s": text}
    return {"s": str(value)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--tables", required=True)
    parser.add_argument("--queries", required=True)
    args = parser.parse_args()
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    for table in args.tables.split(","):
        schema, name = table.split(".")
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        pattern = f"{args.root}/{schema}/{name}/*.parquet".replace("'", "''")
        connection.execute(f"CREATE VIEW {schema}.{name} AS SELECT * FROM read_parquet('{pattern}')")
    with open(args.queries) as handle:
        queries = json.load(handle)
    for query in queries:
        try:
            result = connection.execute(query["sql"])
            columns = [entry[0] for entry in result.description]
            types = [str(entry[1]) for entry in result.description]
            rows = [[cell(value) for value in row] for row in result.fetchall()]
            print(json.dumps({"name": query["name"], "columns": columns, "types": types, "rows": rows}))
        except duckdb.Error as error:
            print(json.dumps({"name": query["name"], "error": str(error)}))


if __name__ == "__main__":
    main()
