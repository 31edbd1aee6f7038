#!/usr/bin/env python3
"""psycopg peer for `lake-bench postgres`: load listings.parquet into PostgreSQL with binary COPY, the stream
encoded column-wise with numpy (the `psycopg_binary_vectorized` method of /work/shared/bench/run_peers.py).

usage: psycopg_copy.py PORT PARQUET TABLE
The Parquet file is read into memory before the clock starts (as run_peers.py does); the clock covers encoding,
COPY and COMMIT. Prints `RESULT {"seconds": ..., "rows": ..., "rss_before_kb": ...}`.
"""
import json
import resource
import struct
import sys
import time

import numpy as np
import psycopg
import pyarrow.parquet as pq

EPOCH_SHIFT_US = 946_684_800_000_000  # 1970-01-01 to 2000-01-01 in microseconds


def fixed_field(column, numpy_type, width, shift=0):
    """Big-endian payload bytes (n x width) and the validity mask (None when no nulls) of a fixed-width column."""
    values = np.frombuffer(column.buffers()[1], dtype=numpy_type)[column.offset:column.offset + len(column)]
    if shift:
        values = values - shift
    payload = values.astype(np.dtype(numpy_type).newbyteorder(">")).view(np.uint8).reshape(len(column), width)
    valid = None if column.null_count == 0 else ~column.is_null().to_numpy(zero_copy_only=False)
    return payload, valid


def encode(batch, types):
    """PGCOPY tuples (no header) for one record batch, written one column at a time with numpy scatters."""
    rows = batch.num_rows
    columns = []
    sizes = np.full(rows, 2, dtype=np.int64)
    for column, pg_type in zip(batch.columns, types):
        valid = None if column.null_count == 0 else ~column.is_null().to_numpy(zero_copy_only=False)
        if pg_type == "text":
            offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset:column.offset + rows + 1]
            offsets = offsets.astype(np.int64)
            lengths = np.diff(offsets)
            if valid is not None:
                lengths = np.where(valid, lengths, 0)
            data = np.frombuffer(column.buffers()[2], dtype=np.uint8) if column.buffers()[2] else np.empty(0, np.uint8)
            columns.append(("text", lengths, valid, (offsets, data)))
            sizes += 4 + lengths
        else:
            numpy_type, width, shift = {"int4": (np.int32, 4, 0), "int8": (np.int64, 8, 0),
                                        "float8": (np.float64, 8, 0), "timestamptz": (np.int64, 8, EPOCH_SHIFT_US)}[pg_type]
            payload, valid = fixed_field(column, numpy_type, width, shift)
            lengths = np.full(rows, width, dtype=np.int64) if valid is None else np.where(valid, width, 0)
            columns.append(("fixed", lengths, valid, payload))
            sizes += 4 + lengths
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    out = np.empty(int(sizes.sum()), dtype=np.uint8)
    count_word = np.frombuffer(struct.pack(">h", len(types)), dtype=np.uint8)
    out[starts[:, None] + np.arange(2)] = count_word
    cursor = starts + 2
    for kind, lengths, valid, extra in columns:
        length_words = lengths.astype(">i4") if valid is None else np.where(valid, lengths, -1).astype(">i4")
        out[cursor[:, None] + np.arange(4)] = length_words.view(np.uint8).reshape(rows, 4)
        cursor = cursor + 4
        if kind == "fixed":
            width = extra.shape[1]
            keep = slice(None) if valid is None else valid
            out[cursor[keep][:, None] + np.arange(width)] = extra[keep]
        else:
            offsets, data = extra
            total = int(lengths.sum())
            if total:
                within = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
                out[np.repeat(cursor, lengths) + within] = data[np.repeat(offsets[:-1], lengths) + within]
        cursor = cursor + lengths
    return out.tobytes()


def main():
    port, path, table = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    data = pq.read_table(path)
    types = {"timestamp[us, tz=UTC]": "timestamptz", "int64": "int8", "int32": "int4", "double": "float8",
             "string": "text"}
    pg_types = [types[str(field.type)] for field in data.schema]
    names = ", ".join(f'"{name}"' for name in data.schema.names)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres") as connection:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN (FORMAT BINARY)') as copy:
                copy.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0))
                for batch in data.to_batches(max_chunksize=100_000):
                    copy.write(encode(batch, pg_types))
                copy.write(struct.pack(">h", -1))
        connection.commit()
        seconds = time.perf_counter() - start
    print("RESULT " + json.dumps({"seconds": seconds, "rows": data.num_rows, "rss_before_kb": rss_before}))


if __name__ == "__main__":
    main()
