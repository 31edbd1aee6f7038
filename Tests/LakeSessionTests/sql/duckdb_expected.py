#!/usr/bin/env python3
"""Fills the expected rows of `query` records in SQL test files with DuckDB's answers.

Usage: python3 duckdb_expected.py FILE.test [...]

Every record of a file runs, in order, in one in-memory DuckDB database (`PARTITIONED BY (...)` is dropped from
CREATE TABLE, since DuckDB tables have no partitions). For each `query` DuckDB answers, the rows under `----` are
replaced by DuckDB's, spelled as the Swift runner spells values: NULL, (empty) for '', true/false, dates as
YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS[.ffffff], floats as Python's repr, decimals with their scale.
Records DuckDB cannot run are reported on stderr and keep their hand-written rows: check those by hand.
"""
import datetime
import decimal
import re
import sys

import duckdb


def spell(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value else "(empty)"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def duckdb_sql(sql):
    return re.sub(r"PARTITIONED BY \([^)]*\)\s*", "", sql)


def fill(path):
    lines = open(path).read().split("\n")
    out = []
    connection = duckdb.connect()
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.startswith("#"):
            out.append(line)
            index += 1
            continue
        header = line
        out.append(header)
        index += 1
        sql_lines = []
        while index < len(lines) and lines[index].strip() and lines[index] != "----":
            sql_lines.append(lines[index])
            index += 1
        out.extend(sql_lines)
        sql = "\n".join(sql_lines)
        old_rows = []
        has_rows = index < len(lines) and lines[index] == "----"
        if has_rows:
            index += 1
            while index < len(lines) and lines[index].strip():
                old_rows.append(lines[index])
                index += 1
        words = header.split()
        try:
            result = connection.execute(duckdb_sql(sql))
            rows = result.fetchall() if result.description else []
            error = None
        except Exception as failure:  # DuckDB's errors are many classes
            rows, error = None, failure
        if words[0] == "statement":
            if (words[1] == "ok") != (error is None):
                print(f"{path}: '{header}' disagrees with DuckDB ({error or 'succeeded'}):\n{sql}", file=sys.stderr)
            continue
        if error is not None:
            print(f"{path}: DuckDB cannot run the query ({error}); rows kept:\n{sql}", file=sys.stderr)
            out.append("----")
            out.extend(old_rows)
            continue
        out.append("----")
        out.extend("\t".join(spell(value) for value in row) for row in rows)
    open(path, "w").write("\n".join(out))


for name in sys.argv[1:]:
    fill(name)
