#!/usr/bin/env python3
"""Prints a canonical JSON dump of a Parquet file, so tests can compare readers value by value.

Usage:
    parquet_dump.py FILE [--engine pyarrow|duckdb] [--columns a,b] [--limit N] [--raw]

Output (UTF-8, one JSON object; one column per line so diffs stay readable):
    {"num_rows": N,
     "columns": [{"name": "...", "type": "<canonical type>", "nullable": true|false, "values": [...]}, ...]}

`num_rows` is the number of rows dumped (after --limit). Canonical type strings:
    bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64, decimal(P,S), utf8,
    binary, fixed_size_binary(W), date32, time(ms|us|ns), timestamp(ms|us|ns), timestamp(ms|us|ns,TZ)
    (TZ as the engine reports it, "UTC" for the files of this project), and null (Arrow's null type).
Arrow's string, large_string and string_view all map to utf8; binary, large_binary and binary_view to binary;
dictionary-encoded arrays are decoded first. Nested types (as LakeColumnar's DataType prints them):
    list<T>                 list, large_list, list_view, fixed_size_list (element name and nullability ignored)
    struct<a: T, b: U>      field names, then ": ", types, separated by ", "
    map<K, V>
Other Arrow types (date64, float16...) are an error.

Every value is a JSON string, or null for a null:
    integers            decimal digits ("-128")
    bool                "true" / "false"
    float32 / float64   IEEE-754 bit pattern, lowercase hex, 8 / 16 digits ("7fc00000"), so NaN, -0.0 and
                        infinities compare exactly
    decimal(P,S)        the unscaled integer in decimal digits ("-12345" for -123.45 at scale 2)
    utf8                the string itself
    binary, fixed_size_binary   lowercase hex of the bytes
    date32              days since 1970-01-01
    time, timestamp     the integer count of the type's unit (time since midnight, since the epoch)
    list                "[" + items joined by "," + "]"              e.g. "[1,null,3]", "[]"
    struct              "{" + field values joined by "," + "}"       e.g. "{7,null}"
    map                 "{" + "key=value" entries joined by "," + "}" e.g. "{a=1,b=null}", "{}"
    Inside a nested value, items are printed canonically as above (strings unquoted, unescaped) and a null
    item is the text null; a null top-level value is still JSON null.

Engines:
    pyarrow (default)   pyarrow.parquet.ParquetFile reads the file.
    duckdb              DuckDB's own Parquet reader (read_parquet) produces an Arrow table, which the same code
                        dumps. DuckDB maps some Parquet types to its own types; by default each such column is
                        cast back to the type pyarrow derives from the file footer (pyarrow.parquet.read_schema
                        reads the footer only, no data), with a *safe* cast that fails on any loss, so values
                        and types stay comparable. The column then carries "engine_type": DuckDB's own type.
                        --raw keeps DuckDB's types and values as they come.

Type differences expected from DuckDB (this DuckDB version; seen as "engine_type", gone after the cast):
    - time32(ms) columns come back as time(us) (DuckDB's TIME is microseconds).
    - fixed_size_binary(W) columns come back as binary (DuckDB has BLOB only).
    - INT96 timestamps come back as timestamp(us) (pyarrow reads them as timestamp(ns)).
    - timestamps with isAdjustedToUTC=true come back as timestamp(unit,UTC) only because this script sets the
      session TimeZone to UTC; the unit may also change (see the list printed by --raw).
    - "nullable" is true for every column: DuckDB does not report Parquet's REQUIRED repetition. The cast
      does not change it, so compare "nullable" only for the pyarrow engine.
    Differences that a safe cast cannot undo (none are known for the fixtures of this project) keep DuckDB's
    type; compare values only for such columns.

Exit status: 0 on success, 1 when the file cannot be read or holds a type this dump does not support,
2 on bad arguments.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402

import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

ENGINES = ("pyarrow", "duckdb")
BATCH_ROWS = 65_536


class DumpError(Exception):
    """The file holds something this dump cannot express canonically."""


def canonical_type(arrow_type):
    """The canonical type string of an Arrow type, or DumpError for types the format does not cover."""
    t = arrow_type
    simple = [
        (pa.types.is_boolean, "bool"), (pa.types.is_int8, "int8"), (pa.types.is_int16, "int16"),
        (pa.types.is_int32, "int32"), (pa.types.is_int64, "int64"), (pa.types.is_uint8, "uint8"),
        (pa.types.is_uint16, "uint16"), (pa.types.is_uint32, "uint32"), (pa.types.is_uint64, "uint64"),
        (pa.types.is_float32, "float32"), (pa.types.is_float64, "float64"), (pa.types.is_date32, "date32"),
        (pa.types.is_null, "null"),
    ]
    for predicate, name in simple:
        if predicate(t):
            return name
    if pa.types.is_dictionary(t):
        return canonical_type(t.value_type)
    if pa.types.is_decimal(t):
        return f"decimal({t.precision},{t.scale})"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "utf8"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return "binary"
    if pa.types.is_fixed_size_binary(t):
        return f"fixed_size_binary({t.byte_width})"
    if pa.types.is_time32(t) or pa.types.is_time64(t):
        return f"time({t.unit})"
    if pa.types.is_timestamp(t):
        return f"timestamp({t.unit})" if t.tz is None else f"timestamp({t.unit},{t.tz})"
    if pa.types.is_map(t):
        return f"map<{canonical_type(t.key_type)}, {canonical_type(t.item_type)}>"
    if (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t)
            or pa.types.is_list_view(t) or pa.types.is_large_list_view(t)):
        return f"list<{canonical_type(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ", ".join(f"{t.field(i).name}: {canonical_type(t.field(i).type)}"
                                     for i in range(t.num_fields)) + ">"
    raise DumpError(f"unsupported Arrow type {t}")


def _hex_bits(array, bits_type, digits):
    return [None if bits is None else format(bits, f"0{digits}x") for bits in array.view(bits_type).to_pylist()]


def _decimal_unscaled(array):
    width = array.type.bit_width // 8
    data = memoryview(array.buffers()[1])
    start = array.offset
    nulls = array.is_null().to_pylist()
    values = []
    for index, is_null in enumerate(nulls):
        if is_null:
            values.append(None)
        else:
            position = (start + index) * width
            values.append(str(int.from_bytes(data[position:position + width], "little", signed=True)))
    return values


def _item_strings(array):
    """Canonical strings of the items of a nested value's child array, with the text "null" for nulls."""
    return ["null" if value is None else value for value in canonical_values(array)]


def _entries(array):
    """Per row, the (start, end) of its entries in the child arrays of a list or map array, or None if null."""
    if pa.types.is_list_view(array.type) or pa.types.is_large_list_view(array.type):
        array = array.cast(pa.list_(array.type.value_field))
    if pa.types.is_fixed_size_list(array.type):
        size = array.type.list_size
        starts = [(array.offset + row) * size for row in range(len(array))]
        ends = [start + size for start in starts]
    else:
        offsets = array.offsets.to_pylist()
        starts, ends = offsets[:-1], offsets[1:]
    valid = array.is_valid().to_pylist()
    return [(start, end) if ok else None for start, end, ok in zip(starts, ends, valid)]


def _nested_values(array):
    t = array.type
    if pa.types.is_map(t):
        keys = _item_strings(array.keys)
        items = _item_strings(array.items)
        return [None if span is None else "{" + ",".join(f"{keys[i]}={items[i]}" for i in range(*span)) + "}"
                for span in _entries(array)]
    if pa.types.is_struct(t):
        children = [_item_strings(child) for child in array.flatten()]
        valid = array.is_valid().to_pylist()
        return [("{" + ",".join(child[row] for child in children) + "}") if ok else None
                for row, ok in enumerate(valid)]
    if pa.types.is_list_view(t) or pa.types.is_large_list_view(t):
        array = array.cast(pa.list_(t.value_field))
    values = _item_strings(array.values)
    return [None if span is None else "[" + ",".join(values[span[0]:span[1]]) + "]" for span in _entries(array)]


def canonical_values(array):
    """The canonical value strings (None for null) of one Arrow array."""
    t = array.type
    if pa.types.is_dictionary(t):
        return canonical_values(array.dictionary_decode())
    if pa.types.is_nested(t):
        return _nested_values(array)
    if pa.types.is_null(t):
        return [None] * len(array)
    if pa.types.is_boolean(t) or pa.types.is_integer(t):
        return pc.cast(array, pa.string()).to_pylist()
    if pa.types.is_float32(t):
        return _hex_bits(array, pa.uint32(), 8)
    if pa.types.is_float64(t):
        return _hex_bits(array, pa.uint64(), 16)
    if pa.types.is_decimal(t):
        return _decimal_unscaled(array)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return array.to_pylist()
    if (pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t)
            or pa.types.is_fixed_size_binary(t)):
        return [None if value is None else value.hex() for value in array.to_pylist()]
    if pa.types.is_date32(t) or pa.types.is_time32(t):
        return pc.cast(pc.cast(array, pa.int32()), pa.string()).to_pylist()
    if pa.types.is_time64(t) or pa.types.is_timestamp(t):
        return pc.cast(pc.cast(array, pa.int64()), pa.string()).to_pylist()
    raise DumpError(f"unsupported Arrow type {t}")


def dump_table(table, engine_types=None):
    """The dump object of a pyarrow Table. `engine_types` maps column names to the engine's own type string
    for columns that were cast after reading."""
    columns = []
    for field, column in zip(table.schema, table.columns):
        values = []
        for chunk in column.chunks:
            values.extend(canonical_values(chunk))
        entry = {"name": field.name, "type": canonical_type(field.type), "nullable": field.nullable}
        if engine_types and field.name in engine_types:
            entry["engine_type"] = engine_types[field.name]
        entry["values"] = values
        columns.append(entry)
    return {"num_rows": table.num_rows, "columns": columns}


def render(dump):
    """The dump as text: compact JSON with one column per line."""
    lines = [json.dumps(column, ensure_ascii=False, separators=(",", ":")) for column in dump["columns"]]
    body = ",\n".join(lines)
    return f'{{"num_rows":{dump["num_rows"]},"columns":[\n{body}\n]}}\n'


def read_with_pyarrow(path, columns=None, limit=None):
    parquet_file = pq.ParquetFile(path)
    if limit is None:
        return parquet_file.read(columns=columns)
    schema = parquet_file.schema_arrow
    if columns is not None:
        schema = pa.schema([schema.field(name) for name in columns])
    batches = []
    remaining = limit
    if remaining > 0:
        for batch in parquet_file.iter_batches(batch_size=min(BATCH_ROWS, remaining), columns=columns):
            batches.append(batch.slice(0, remaining))
            remaining -= batches[-1].num_rows
            if remaining <= 0:
                break
    return pa.Table.from_batches(batches, schema=schema)


def _quote_identifier(name):
    return '"' + name.replace('"', '""') + '"'


def read_with_duckdb(path, columns=None, limit=None):
    import duckdb

    connection = duckdb.connect(":memory:")
    try:
        connection.execute("SET TimeZone = 'UTC'")
        projection = "*" if columns is None else ", ".join(_quote_identifier(name) for name in columns)
        query = f"SELECT {projection} FROM read_parquet(?)"
        parameters = [path]
        if limit is not None:
            query += " LIMIT ?"
            parameters.append(limit)
        relation = connection.sql(query, params=parameters)
        # DuckDB 1.x names it fetch_arrow_table; 2.x to_arrow_table. Both return a whole pyarrow Table.
        fetch = getattr(relation, "to_arrow_table", None) or getattr(relation, "fetch_arrow_table")
        return fetch()
    finally:
        connection.close()


def align_to_file_schema(table, path):
    """Casts every column whose type differs from the file's footer-derived Arrow type, safely. Returns the
    new table and {name: engine type string} for the columns that were cast."""
    file_schema = pq.read_schema(path)
    engine_types = {}
    arrays = []
    fields = []
    for field, column in zip(table.schema, table.columns):
        target = file_schema.field(field.name).type if field.name in file_schema.names else field.type
        if pa.types.is_dictionary(field.type):
            column = pa.chunked_array([chunk.dictionary_decode() for chunk in column.chunks],
                                      type=field.type.value_type)
            field = field.with_type(field.type.value_type)
        if field.type != target:
            try:
                column = column.cast(target, safe=True)
                engine_types[field.name] = canonical_type(field.type)
                field = field.with_type(target)
            except (pa.ArrowNotImplementedError, pa.ArrowInvalid) as error:
                print(f"parquet_dump: note: column {field.name!r} keeps DuckDB type {field.type} "
                      f"(no safe cast to {target}: {error})", file=sys.stderr)
        arrays.append(column)
        fields.append(field)
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields)), engine_types


def dump_file(path, engine="pyarrow", columns=None, limit=None, raw=False):
    """The dump object of the Parquet file at `path`, read with `engine`."""
    if engine == "pyarrow":
        return dump_table(read_with_pyarrow(path, columns, limit))
    if engine == "duckdb":
        table = read_with_duckdb(path, columns, limit)
        if raw:
            return dump_table(table)
        aligned, engine_types = align_to_file_schema(table, path)
        return dump_table(aligned, engine_types)
    raise ValueError(f"unknown engine {engine!r}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--engine", choices=ENGINES, default="pyarrow")
    parser.add_argument("--columns", help="comma-separated column names, in output order (default: all)")
    parser.add_argument("--limit", type=int, help="dump at most N rows (from the start)")
    parser.add_argument("--raw", action="store_true", help="duckdb: keep DuckDB's own types (no cast)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 0:
        parser.error("--limit must be >= 0")
    columns = None
    if args.columns is not None:
        columns = [name for name in args.columns.split(",") if name]
    try:
        text = render(dump_file(args.file, args.engine, columns, args.limit, args.raw))
    except Exception as error:  # noqa: BLE001 - any reader failure becomes a one-line message and exit 1
        print(f"parquet_dump: error: {args.file}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
