#!/usr/bin/env python3
"""Peer side of the Parquet page-checksum and bloom-filter interop tests (Tests/LakeParquetTests).

  parquet_pruning_peer.py verify-checksums FILE
      Reads FILE with pyarrow, verifying every page CRC-32 (page_checksum_verification=True). Prints
      {"rows": N}; exits 1 with pyarrow's message when a check fails.
  parquet_pruning_peer.py write-checksums FILE
      Writes a small table with write_page_checksum=True (several pages per column) and prints its rows.
  parquet_pruning_peer.py duckdb-bloom FILE
      Writes FILE with DuckDB: 4 row groups of 25,000 rows; DuckDB adds split-block bloom filters to its
      dictionary-encoded columns `category` (VARCHAR, long values) and `code` (INTEGER). Prints the
      bloom filter offsets DuckDB reports, as JSON.
  parquet_pruning_peer.py duckdb-bloom-probe FILE COLUMN VALUE
      Asks DuckDB's parquet_bloom_probe whether each row group's bloom filter of COLUMN excludes VALUE (a JSON
      literal: number or string). Prints a JSON list of booleans, one per row group; also reads the whole file
      with pyarrow so that a file it cannot read fails the call.
"""
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def verify_checksums(path):
    try:
        table = pq.read_table(path, page_checksum_verification=True)
    except Exception as error:  # pyarrow raises OSError for a CRC mismatch
        print(f"pyarrow: {error}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"rows": table.num_rows}))


def write_checksums(path):
    rows = 5000
    table = pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "name": pa.array([None if i % 7 == 0 else f"name-{i % 311}" for i in range(rows)], pa.string()),
        "score": pa.array([i * 0.25 for i in range(rows)], pa.float64()),
    })
    pq.write_table(table, path, write_page_checksum=True, write_page_index=True, data_page_size=2048, compression="zstd")
    print(json.dumps({"rows": rows}))


def duckdb_bloom(path):
    import duckdb
    connection = duckdb.connect()
    connection.execute(
        "COPY (SELECT i::BIGINT AS id, "
        "'category-with-a-long-common-prefix-' || (i % 97)::VARCHAR || '-' || (i // 25000)::VARCHAR AS category, "
        "((i % 89) * 1000 + (i // 25000))::INTEGER AS code "
        "FROM range(100000) t(i) ORDER BY i) "
        f"TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 25000)")
    offsets = connection.execute(
        f"SELECT path_in_schema, bloom_filter_offset FROM parquet_metadata('{path}') ORDER BY row_group_id, column_id"
    ).fetchall()
    print(json.dumps(offsets))


def duckdb_bloom_probe(path, column, literal):
    import duckdb
    pq.read_table(path)
    value = json.loads(literal)
    rows = duckdb.connect().execute(
        "SELECT row_group_id, bloom_filter_excludes FROM parquet_bloom_probe(?, ?, ?) ORDER BY row_group_id",
        [path, column, value]).fetchall()
    print(json.dumps([bool(excludes) for _, excludes in rows]))


if __name__ == "__main__":
    command, file = sys.argv[1], sys.argv[2]
    if command == "duckdb-bloom-probe":
        duckdb_bloom_probe(file, sys.argv[3], sys.argv[4])
    else:
        {"verify-checksums": verify_checksums, "write-checksums": write_checksums, "duckdb-bloom": duckdb_bloom}[command](file)
