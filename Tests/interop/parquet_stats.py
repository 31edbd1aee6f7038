#!/usr/bin/env python3
"""Prints the column chunk statistics of a Parquet file as pyarrow reads them, as canonical strings.

Usage:
    parquet_stats.py FILE

Output (UTF-8, one JSON object):
    {"created_by": "...", "key_value_metadata": {"key": "value", ...},
     "row_groups": [{"num_rows": N, "columns": [
        {"name": "...", "physical_type": "INT32", "has_statistics": true, "has_min_max": true,
         "min": "...", "max": "...", "null_count": 3, "has_column_index": true, "has_offset_index": true,
         "compression": "SNAPPY", "encodings": ["PLAIN", "RLE", "RLE_DICTIONARY"]},
        ...]}, ...]}

"compression" and "encodings" (sorted) are the column chunk metadata's codec and encoding names as pyarrow
spells them (LZ4_RAW is "LZ4"). pyarrow exposes min and max only when both are present (has_min_max);
otherwise they are null here. "null_count" is null when the chunk carries none. Values come from pyarrow's raw
(physical) statistics and are printed like parquet_dump.py prints values, except for byte strings:
    integers, dates, times, timestamps   decimal digits; unsigned logical types as unsigned numbers
    bool                                  "true" / "false"
    float32 / float64                     IEEE-754 bit pattern, lowercase hex, 8 / 16 digits
    decimal(P,S)                          the unscaled integer (INT32, INT64 or big-endian byte storage)
    utf8, binary, fixed_size_binary       lowercase hex of the stored bytes, because a truncated bound need not
                                          be a whole value (and a broken writer could store invalid UTF-8)

Exit status: 0 on success, 1 when the file cannot be read, 2 on bad arguments.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import struct  # noqa: E402

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

PHYSICAL_BITS = {"INT32": 32, "INT64": 64}


def canonical_bound(raw, arrow_type, physical_type):
    """The canonical string of one raw statistics bound of a column of `arrow_type`."""
    t = arrow_type
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_boolean(t):
        return "true" if raw else "false"
    if pa.types.is_float32(t):
        return format(struct.unpack("<I", struct.pack("<f", raw))[0], "08x")
    if pa.types.is_float64(t):
        return format(struct.unpack("<Q", struct.pack("<d", raw))[0], "016x")
    if pa.types.is_decimal(t):
        if isinstance(raw, (bytes, bytearray)):
            return str(int.from_bytes(raw, "big", signed=True))
        return str(raw)
    if isinstance(raw, (bytes, bytearray)):
        return bytes(raw).hex()
    if isinstance(raw, str):
        return raw.encode("utf-8").hex()
    if pa.types.is_unsigned_integer(t) and raw < 0:
        return str(raw + (1 << PHYSICAL_BITS.get(physical_type, 64)))
    return str(int(raw))


def file_statistics(path):
    """The statistics object of the Parquet file at `path` (see the module docstring)."""
    parquet_file = pq.ParquetFile(path)
    schema = parquet_file.schema_arrow
    metadata = parquet_file.metadata
    row_groups = []
    for group_index in range(metadata.num_row_groups):
        group = metadata.row_group(group_index)
        columns = []
        for column_index in range(group.num_columns):
            chunk = group.column(column_index)
            name = chunk.path_in_schema
            arrow_type = schema.field(name).type if name in schema.names else pa.null()
            entry = {"name": name, "physical_type": chunk.physical_type, "has_statistics": chunk.is_stats_set,
                     "has_min_max": False, "min": None, "max": None, "null_count": None,
                     "has_column_index": chunk.has_column_index, "has_offset_index": chunk.has_offset_index,
                     "compression": chunk.compression, "encodings": sorted(chunk.encodings)}
            statistics = chunk.statistics if chunk.is_stats_set else None
            if statistics is not None:
                if statistics.has_min_max:
                    entry["has_min_max"] = True
                    entry["min"] = canonical_bound(statistics.min_raw, arrow_type, chunk.physical_type)
                    entry["max"] = canonical_bound(statistics.max_raw, arrow_type, chunk.physical_type)
                if statistics.has_null_count:
                    entry["null_count"] = statistics.null_count
            columns.append(entry)
        row_groups.append({"num_rows": group.num_rows, "columns": columns})
    key_values = {key.decode("utf-8", "replace"): value.decode("utf-8", "replace")
                  for key, value in (metadata.metadata or {}).items()}
    return {"created_by": metadata.created_by, "key_value_metadata": key_values, "row_groups": row_groups}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    args = parser.parse_args(argv)
    try:
        text = json.dumps(file_statistics(args.file), ensure_ascii=False, separators=(",", ":"))
    except Exception as error:  # noqa: BLE001 - any reader failure becomes a one-line message and exit 1
        print(f"parquet_stats: error: {args.file}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
