#!/usr/bin/env python3
"""Writes a deterministic Parquet file with pyarrow's own writer, for interoperability tests.

Usage:
    pyarrow_write.py OUT --case NAME [--rows N] [--seed S]
    pyarrow_write.py --out-dir DIR [--rows N] [--seed S]   # every case, as DIR/<case>.parquet
    pyarrow_write.py --list            # one case name per line
    pyarrow_write.py --describe        # "name<TAB>description" per line

Every case writes the same seeded dataset (see `make_table`) unless its description says otherwise, so a
reader under test can compare the file against `parquet_dump.py` output or against another case.

Dataset (N rows, default 100, seed default 20240611): one column per flat Arrow type.
  id            int32, required: 0..N-1 (row order check)
  req_utf8      utf8, required
  bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64
  float32, float64         NaN, +inf, -inf, -0.0, +0.0, max, lowest, smallest normal and subnormal
  decimal5  decimal128(5,2)   -> INT32 physical (store_decimal_as_integer)
  decimal15 decimal128(15,4)  -> INT64 physical
  decimal30 decimal128(30,6)  -> FIXED_LEN_BYTE_ARRAY(13)
  utf8          empty strings, unicode (accents, CJK, emoji, combining marks), a few strings of 1000-2000 characters
  utf8_dict     12 distinct values (dictionary friendly), includes "" and unicode
  binary        0..40 random bytes, includes b"" and NUL bytes
  fixed16       fixed_size_binary(16)
  date32        days in [0001-01-01, 9999-12-31]
  time32_ms, time64_us, time64_ns
  timestamp_ms, timestamp_us, timestamp_ns            no time zone
  timestamp_ms_utc, timestamp_us_utc, timestamp_ns_utc  tz="UTC"
  int32_all_null  every value null
Every nullable column (all but id and req_utf8) has about 10% nulls; rows 0..9 carry the type's extremes and
special values, so small row counts still cover them. Timestamps stay within the range of int64 nanoseconds
(years 1678..2261) so every unit converts to every other unit, and INT96 can hold them.

Cases named nested_* write a second seeded dataset instead (see `make_nested_table`): id int32 required, then
  list_int       list<int32>                       list_string    list<utf8>
  list_struct    list<struct<a: int64, b: utf8>>   struct_list    struct<tags: list<utf8>, n: int32>
  struct_struct  struct<inner: struct<x: float64, y: utf8>, z: int64>
  map_string     map<utf8, utf8>                   map_struct     map<utf8, struct<a: int32, b: utf8>>
  list_list      list<list<int32>>                 req_list       required list<int64 required>
with nulls at every level (null list, null element, null struct, null struct field, null map value) and empty
lists and maps; rows 0..5 cover each case explicitly.

Files are written with store_schema=False unless a case says otherwise: the ARROW:schema key-value entry
would let pyarrow restore Arrow types that the Parquet schema alone does not carry, and the expected output
of a Parquet reader should depend on the Parquet metadata only.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import decimal  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

DEFAULT_ROWS = 100
DEFAULT_SEED = 20240611
NULL_FRACTION = 0.1
SPECIAL_ROWS = 10

NS_PER_UNIT = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}
# 1678-01-01T00:00:00Z .. 2261-12-31T23:59:59Z in nanoseconds: inside int64 nanoseconds with margin.
TIMESTAMP_MIN_NS = -9_214_560_000 * 10**9
TIMESTAMP_MAX_NS = 9_183_110_399 * 10**9
DATE32_MIN = -719_162  # 0001-01-01
DATE32_MAX = 2_932_896  # 9999-12-31
DAY_MS = 86_400_000

UTF8_SPECIALS = ["", "héllo wörld", "日本語のテキスト", "🦆🦀 emoji", "e\u0301 combining", " ", "a", "\t tab\nnewline"]
UTF8_DICT_VALUES = ["", "alpha", "beta", "gamma", "delta", "ünïcödé", "東京", "🚀", "epsilon", "zeta", "eta",
                    "theta"]


def _null_mask(rng, rows, specials_valid=True):
    """True where the value is null: about NULL_FRACTION of rows, none among the special rows."""
    mask = rng.random(rows) < NULL_FRACTION
    if specials_valid:
        mask[:SPECIAL_ROWS] = False
    # Make sure a column with enough rows really has a null even if the draw gave none.
    if rows > SPECIAL_ROWS and not mask.any():
        mask[SPECIAL_ROWS] = True
    return mask


def _with_specials(values, specials):
    values = list(values)
    for index, special in enumerate(specials[: len(values)]):
        values[index] = special
    return values


def _masked(values, mask):
    return [None if is_null else value for value, is_null in zip(values, mask)]


def _integer_column(rng, rows, numpy_type):
    info = np.iinfo(numpy_type)
    drawn = rng.integers(info.min, info.max, size=rows, endpoint=True, dtype=numpy_type).tolist()
    specials = [int(info.max), int(info.min), 0, 1, -1 if info.min < 0 else 2, int(info.max) - 1,
                int(info.min) + 1]
    return _masked(_with_specials(drawn, specials), _null_mask(rng, rows))


def _float_column(rng, rows, numpy_type):
    info = np.finfo(numpy_type)
    drawn = (rng.standard_normal(rows) * 1000.0).astype(numpy_type).tolist()
    smallest_subnormal = float(np.nextafter(numpy_type(0), numpy_type(1)))
    specials = [float("nan"), float("inf"), float("-inf"), -0.0, 0.0, float(info.max), float(info.min),
                float(info.tiny), smallest_subnormal, -1.5]
    return _masked(_with_specials(drawn, specials), _null_mask(rng, rows))


def _decimal_column(rng, py_random, rows, precision, scale):
    bound = 10**precision - 1
    unscaled = [py_random.randint(-bound, bound) for _ in range(rows)]
    unscaled = _with_specials(unscaled, [bound, -bound, 0, 1, -1])
    context = decimal.Context(prec=precision + 10)
    values = [decimal.Decimal(value).scaleb(-scale, context) for value in unscaled]
    return pa.array(_masked(values, _null_mask(rng, rows)), pa.decimal128(precision, scale))


def _utf8_column(rng, py_random, rows):
    values = []
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 äöüßéñ中文字🙂"
    for row in range(rows):
        if row % 61 == 30:
            length = py_random.randint(1000, 2000)
        else:
            length = py_random.randint(0, 24)
        values.append("".join(py_random.choice(alphabet) for _ in range(length)))
    return _masked(_with_specials(values, UTF8_SPECIALS), _null_mask(rng, rows))


def _binary_column(rng, py_random, rows):
    values = [bytes(py_random.getrandbits(8) for _ in range(py_random.randint(0, 40))) for _ in range(rows)]
    specials = [b"", b"\x00", b"\x00\x00\xff", bytes(range(32))]
    return _masked(_with_specials(values, specials), _null_mask(rng, rows))


def _timestamp_column(rng, rows, unit):
    per = NS_PER_UNIT[unit]
    low, high = TIMESTAMP_MIN_NS // per, TIMESTAMP_MAX_NS // per
    drawn = rng.integers(low, high, size=rows, endpoint=True, dtype=np.int64).tolist()
    return _masked(_with_specials(drawn, [0, -1, 1, low, high]), _null_mask(rng, rows))


def make_table(rows=DEFAULT_ROWS, seed=DEFAULT_SEED):
    """The seeded dataset described in the module docstring, as a pyarrow Table with `rows` rows."""
    rng = np.random.default_rng(seed)
    py_random = random.Random(seed)
    columns = {}
    fields = []

    def add(name, array_or_values, arrow_type, nullable=True):
        array = array_or_values if isinstance(array_or_values, pa.Array) else pa.array(array_or_values,
                                                                                         arrow_type)
        columns[name] = array
        fields.append(pa.field(name, arrow_type, nullable=nullable))

    add("id", list(range(rows)), pa.int32(), nullable=False)
    add("req_utf8", [f"row-{row:05d}-{UTF8_DICT_VALUES[row % len(UTF8_DICT_VALUES)]}" for row in range(rows)],
        pa.string(), nullable=False)
    add("bool", _masked(_with_specials((rng.random(rows) < 0.5).tolist(), [True, False]), _null_mask(rng, rows)),
        pa.bool_())
    for name, numpy_type, arrow_type in [
        ("int8", np.int8, pa.int8()), ("int16", np.int16, pa.int16()), ("int32", np.int32, pa.int32()),
        ("int64", np.int64, pa.int64()), ("uint8", np.uint8, pa.uint8()), ("uint16", np.uint16, pa.uint16()),
        ("uint32", np.uint32, pa.uint32()), ("uint64", np.uint64, pa.uint64()),
    ]:
        add(name, _integer_column(rng, rows, numpy_type), arrow_type)
    add("float32", _float_column(rng, rows, np.float32), pa.float32())
    add("float64", _float_column(rng, rows, np.float64), pa.float64())
    for name, precision, scale in [("decimal5", 5, 2), ("decimal15", 15, 4), ("decimal30", 30, 6)]:
        add(name, _decimal_column(rng, py_random, rows, precision, scale), pa.decimal128(precision, scale))
    add("utf8", _utf8_column(rng, py_random, rows), pa.string())
    add("utf8_dict", _masked(_with_specials([UTF8_DICT_VALUES[int(i)] for i in rng.integers(0, 12, rows)],
                                            UTF8_DICT_VALUES[:3]), _null_mask(rng, rows)), pa.string())
    add("binary", _binary_column(rng, py_random, rows), pa.binary())
    add("fixed16", _masked(_with_specials([rng.bytes(16) for _ in range(rows)], [b"\x00" * 16, b"\xff" * 16]),
                           _null_mask(rng, rows)), pa.binary(16))
    dates = rng.integers(DATE32_MIN, DATE32_MAX, size=rows, endpoint=True, dtype=np.int32).tolist()
    add("date32", _masked(_with_specials(dates, [0, -1, 1, DATE32_MIN, DATE32_MAX]), _null_mask(rng, rows)),
        pa.date32())
    for name, unit, arrow_type, bits in [("time32_ms", "ms", pa.time32("ms"), np.int32),
                                         ("time64_us", "us", pa.time64("us"), np.int64),
                                         ("time64_ns", "ns", pa.time64("ns"), np.int64)]:
        day = DAY_MS * 10**6 // NS_PER_UNIT[unit]
        drawn = rng.integers(0, day - 1, size=rows, endpoint=True, dtype=bits).tolist()
        add(name, _masked(_with_specials(drawn, [0, day - 1, 1]), _null_mask(rng, rows)), arrow_type)
    for unit in ["ms", "us", "ns"]:
        add(f"timestamp_{unit}", _timestamp_column(rng, rows, unit), pa.timestamp(unit))
    for unit in ["ms", "us", "ns"]:
        add(f"timestamp_{unit}_utc", _timestamp_column(rng, rows, unit), pa.timestamp(unit, tz="UTC"))
    add("int32_all_null", [None] * rows, pa.int32())
    return pa.Table.from_arrays([columns[field.name] for field in fields], schema=pa.schema(fields))


def _maybe(py_random, probability, make):
    return None if py_random.random() < probability else make()


def _small_string(py_random):
    return py_random.choice(UTF8_DICT_VALUES + [f"v{py_random.randrange(1000)}" for _ in range(4)])


def make_nested_table(rows=DEFAULT_ROWS, seed=DEFAULT_SEED):
    """The seeded nested dataset described in the module docstring."""
    r = random.Random(seed)
    p_null = NULL_FRACTION

    def items(make, most=4):
        return [make() for _ in range(r.randrange(most + 1))]

    def int32():
        return _maybe(r, p_null, lambda: r.randrange(-2**31, 2**31))

    def string():
        return _maybe(r, p_null, lambda: _small_string(r))

    def ab_struct():
        return _maybe(r, p_null, lambda: {"a": _maybe(r, p_null, lambda: r.randrange(-2**63, 2**63)),
                                            "b": string()})

    def string_map():
        keys = r.sample(["k0", "k1", "k2", "k3", "ключ", "🔑"], r.randrange(4))
        return [(key, string()) for key in keys]

    def struct_map():
        keys = r.sample(["a", "b", "c", "d"], r.randrange(4))
        return [(key, _maybe(r, p_null, lambda: {"a": int32(), "b": string()})) for key in keys]

    ab = pa.struct([("a", pa.int64()), ("b", pa.string())])
    column_types = {
        "list_int": pa.list_(pa.int32()),
        "list_string": pa.list_(pa.string()),
        "list_struct": pa.list_(ab),
        "struct_list": pa.struct([("tags", pa.list_(pa.string())), ("n", pa.int32())]),
        "struct_struct": pa.struct([("inner", pa.struct([("x", pa.float64()), ("y", pa.string())])),
                                    ("z", pa.int64())]),
        "map_string": pa.map_(pa.string(), pa.string()),
        "map_struct": pa.map_(pa.string(), pa.struct([("a", pa.int32()), ("b", pa.string())])),
        "list_list": pa.list_(pa.list_(pa.int32())),
    }
    makers = {
        "list_int": lambda: items(int32),
        "list_string": lambda: items(string),
        "list_struct": lambda: items(ab_struct),
        "struct_list": lambda: {"tags": _maybe(r, p_null, lambda: items(string)), "n": int32()},
        "struct_struct": lambda: {"inner": _maybe(r, p_null, lambda: {"x": _maybe(r, p_null, r.random),
                                                                      "y": string()}),
                                  "z": _maybe(r, p_null, lambda: r.randrange(-2**63, 2**63))},
        "map_string": string_map,
        "map_struct": struct_map,
        "list_list": lambda: items(lambda: _maybe(r, p_null, lambda: items(int32, 3)), 3),
    }
    # Rows 0..5: null value, empty value, a value holding nulls, then values drawn like the rest.
    specials = {
        "list_int": [None, [], [None], [1, None, -1]],
        "list_string": [None, [], [None, ""], ["a", None]],
        "list_struct": [None, [], [None], [{"a": None, "b": None}, {"a": 1, "b": "x"}]],
        "struct_list": [None, {"tags": None, "n": None}, {"tags": [], "n": 0}, {"tags": [None, "t"], "n": 1}],
        "struct_struct": [None, {"inner": None, "z": None}, {"inner": {"x": None, "y": None}, "z": 0},
                          {"inner": {"x": -0.0, "y": "y"}, "z": 1}],
        "map_string": [None, [], [("k", None)], [("k", "v"), ("k2", "")]],
        "map_struct": [None, [], [("a", None)], [("a", {"a": None, "b": None}), ("b", {"a": 1, "b": "b"})]],
        "list_list": [None, [], [None, []], [[None], [1, 2]]],
    }
    arrays = [pa.array(list(range(rows)), pa.int32())]
    fields = [pa.field("id", pa.int32(), nullable=False)]
    for name, arrow_type in column_types.items():
        values = []
        for row in range(rows):
            special = specials[name]
            if row < len(special):
                values.append(special[row])
            else:
                values.append(_maybe(r, p_null, makers[name]))
        arrays.append(pa.array(values, arrow_type))
        fields.append(pa.field(name, arrow_type))
    required_list = pa.list_(pa.field("element", pa.int64(), nullable=False))
    arrays.append(pa.array([[row * 10 + i for i in range(row % 4)] for row in range(rows)], required_list))
    fields.append(pa.field("req_list", required_list, nullable=False))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


INT_COLUMNS = ["id", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "decimal5",
               "decimal15", "date32", "time32_ms", "time64_us", "time64_ns", "timestamp_ms", "timestamp_us",
               "timestamp_ns", "timestamp_ms_utc", "timestamp_us_utc", "timestamp_ns_utc", "int32_all_null"]
STRING_COLUMNS = ["req_utf8", "utf8", "utf8_dict", "binary"]
FLBA_COLUMNS = ["fixed16", "decimal30"]
FLOAT_COLUMNS = ["float32", "float64"]

BASE_OPTIONS = {"store_schema": False, "store_decimal_as_integer": True, "compression": "none"}


def _encoding_map(columns, encoding):
    return {name: encoding for name in columns}


class Case:
    """One way of writing the dataset: pyarrow.parquet.write_table keyword arguments plus a row count."""

    def __init__(self, name, description, options, rows=None, columns=None, nested=False):
        self.nested = nested
        self.name = name
        self.description = description
        self.options = {**BASE_OPTIONS, **options}
        self.rows = rows
        self.columns = columns

    def table(self, rows=DEFAULT_ROWS, seed=DEFAULT_SEED):
        make = make_nested_table if self.nested else make_table
        table = make(self.rows if self.rows is not None else rows, seed)
        return table.select(self.columns) if self.columns else table

    def write(self, out_path, rows=DEFAULT_ROWS, seed=DEFAULT_SEED):
        pq.write_table(self.table(rows, seed), out_path, **self.options)


CASES = [
    Case("plain", "PLAIN encoding for every column, no dictionary, data page v1, uncompressed",
         {"use_dictionary": False}),
    Case("dictionary", "RLE_DICTIONARY for every column (dictionary page + RLE/bit-packed indices), page v1",
         {"use_dictionary": True}),
    Case("dictionary_fallback",
         "dictionary encoding that falls back to PLAIN once the dictionary exceeds 256 bytes, so a chunk "
         "holds a dictionary page, dictionary-encoded data pages, then PLAIN data pages",
         {"use_dictionary": True, "dictionary_pagesize_limit": 256, "write_batch_size": 16,
          "data_page_size": 256}),
    Case("data_page_v2", "DataPageV2 (levels stored uncompressed outside the values), dictionary on, "
         "uncompressed", {"data_page_version": "2.0"}),
    Case("data_page_v2_plain_zstd", "DataPageV2 with PLAIN values and zstd compression of the values section",
         {"data_page_version": "2.0", "use_dictionary": False, "compression": "zstd"}),
    Case("data_page_v2_delta_snappy",
         "DataPageV2 with DELTA_BINARY_PACKED ints and DELTA_BYTE_ARRAY strings, snappy",
         {"data_page_version": "2.0", "use_dictionary": False, "compression": "snappy",
          "column_encoding": {**_encoding_map(INT_COLUMNS, "DELTA_BINARY_PACKED"),
                              **_encoding_map(STRING_COLUMNS, "DELTA_BYTE_ARRAY")}}),
    Case("codec_snappy", "SNAPPY codec, dictionary on", {"compression": "snappy"}),
    Case("codec_gzip", "GZIP codec, dictionary on", {"compression": "gzip"}),
    Case("codec_zstd", "ZSTD codec, dictionary on", {"compression": "zstd"}),
    Case("codec_lz4_raw", "LZ4_RAW codec (what pyarrow writes for 'lz4'), dictionary on", {"compression": "lz4"}),
    Case("codec_none", "UNCOMPRESSED codec, no dictionary", {"compression": "none", "use_dictionary": False}),
    Case("delta_binary_packed",
         "DELTA_BINARY_PACKED for every INT32/INT64 column (ints, uints, int decimals, dates, times, "
         "timestamps); PLAIN otherwise",
         {"use_dictionary": False, "column_encoding": _encoding_map(INT_COLUMNS, "DELTA_BINARY_PACKED")}),
    Case("delta_length_byte_array", "DELTA_LENGTH_BYTE_ARRAY for the BYTE_ARRAY columns (utf8 and binary)",
         {"use_dictionary": False, "column_encoding": _encoding_map(STRING_COLUMNS, "DELTA_LENGTH_BYTE_ARRAY")}),
    Case("delta_byte_array",
         "DELTA_BYTE_ARRAY (incremental prefix encoding) for the BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns",
         {"use_dictionary": False,
          "column_encoding": _encoding_map(STRING_COLUMNS + FLBA_COLUMNS, "DELTA_BYTE_ARRAY")}),
    Case("byte_stream_split", "BYTE_STREAM_SPLIT for floats and every INT32/INT64 column",
         {"use_dictionary": False,
          "column_encoding": _encoding_map(FLOAT_COLUMNS + INT_COLUMNS, "BYTE_STREAM_SPLIT")}),
    Case("byte_stream_split_flba",
         "BYTE_STREAM_SPLIT for the FIXED_LEN_BYTE_ARRAY columns (fixed16, decimal30) and floats; DuckDB "
         "cannot read BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY",
         {"use_dictionary": False,
          "column_encoding": _encoding_map(FLOAT_COLUMNS + FLBA_COLUMNS, "BYTE_STREAM_SPLIT")}),
    Case("byte_stream_split_zstd", "BYTE_STREAM_SPLIT for floats only, zstd (the usual production combination)",
         {"use_dictionary": False, "compression": "zstd",
          "column_encoding": _encoding_map(FLOAT_COLUMNS, "BYTE_STREAM_SPLIT")}),
    Case("many_row_groups", "row groups of at most 15 rows (the last one shorter), dictionary on",
         {"row_group_size": 15}),
    Case("small_pages", "data pages of at most ~256 bytes and 50 rows, PLAIN, so every chunk has many pages",
         {"use_dictionary": False, "data_page_size": 256, "write_batch_size": 16, "max_rows_per_page": 50}),
    Case("small_pages_dictionary", "many small dictionary-encoded data pages sharing one dictionary page",
         {"use_dictionary": True, "data_page_size": 128, "write_batch_size": 16, "max_rows_per_page": 40}),
    Case("no_statistics", "write_statistics=False: column chunks and pages carry no statistics",
         {"write_statistics": False}),
    Case("page_index", "ColumnIndex and OffsetIndex written after the row groups (write_page_index=True), "
         "several pages per chunk", {"write_page_index": True, "max_rows_per_page": 16, "write_batch_size": 16}),
    Case("bloom_filter", "split-block bloom filters for a few columns (a reader must skip them)",
         {"bloom_filter_options": {"int64": {"ndv": 100, "fpp": 0.05}, "utf8": {"ndv": 100, "fpp": 0.05}}}),
    Case("page_checksum", "data pages carry a CRC32 in the page header (write_page_checksum=True)",
         {"write_page_checksum": True, "compression": "snappy"}),
    Case("arrow_schema_stored", "store_schema=True: the footer carries the ARROW:schema key-value entry",
         {"store_schema": True}),
    Case("legacy_format_1_0",
         "format version 1.0 with page v1 and dictionary: legacy PLAIN_DICTIONARY encoding, uint32 stored as "
         "plain INT64, every timestamp coerced (truncated) to microseconds",
         {"version": "1.0", "data_page_version": "1.0", "use_dictionary": True, "coerce_timestamps": "us",
          "allow_truncated_timestamps": True}),
    Case("int96_timestamps", "timestamps stored as deprecated INT96 (read back as timestamp(ns) without tz)",
         {"use_deprecated_int96_timestamps": True},
         columns=["id", "timestamp_ms", "timestamp_us", "timestamp_ns", "timestamp_ms_utc", "timestamp_us_utc",
                  "timestamp_ns_utc"]),
    Case("empty", "zero rows with the full schema: one row group of 0 rows whose chunks have data_page_offset 0 "
         "and hold only a dictionary page (booleans: no page at all, total_compressed_size 0)", {}, rows=0),
    Case("one_row", "a single row (extreme values of row 0)", {}, rows=1),
    Case("nested_plain", "nested dataset, PLAIN, no dictionary, page v1, uncompressed",
         {"use_dictionary": False}, nested=True),
    Case("nested_dictionary", "nested dataset, dictionary-encoded leaves, page v1", {"use_dictionary": True},
         nested=True),
    Case("nested_v2", "nested dataset, data page v2 (repetition and definition levels outside the values)",
         {"data_page_version": "2.0"}, nested=True),
    Case("nested_v2_plain_zstd", "nested dataset, data page v2, PLAIN, zstd",
         {"data_page_version": "2.0", "use_dictionary": False, "compression": "zstd"}, nested=True),
    Case("nested_snappy", "nested dataset, SNAPPY", {"compression": "snappy"}, nested=True),
    Case("nested_gzip", "nested dataset, GZIP", {"compression": "gzip"}, nested=True),
    Case("nested_lz4_raw", "nested dataset, LZ4_RAW", {"compression": "lz4"}, nested=True),
    Case("nested_many_pages", "nested dataset, 5000 rows in row groups of 1200, pages of at most 100 rows, "
         "page index, page v1", {"row_group_size": 1200, "max_rows_per_page": 100, "write_batch_size": 64,
                                 "data_page_size": 2048, "write_page_index": True}, rows=5000, nested=True),
    Case("nested_many_pages_v2", "nested dataset, 5000 rows in row groups of 1200, pages of at most 100 rows, "
         "page v2, dictionary off, snappy",
         {"row_group_size": 1200, "max_rows_per_page": 100, "write_batch_size": 64, "data_page_size": 2048,
          "data_page_version": "2.0", "use_dictionary": False, "compression": "snappy"}, rows=5000, nested=True),
    Case("nested_item_names", "nested dataset with use_compliant_nested_type=False: list elements named "
         "'item' instead of 'element' (read back under the normalized name)", {"use_compliant_nested_type": False},
         nested=True),
]

CASES_BY_NAME = {case.name: case for case in CASES}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="path of the Parquet file to write")
    parser.add_argument("--case", help="case name (see --list)")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows (cases with a fixed count ignore it)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out-dir", help="write every case to OUT_DIR/<case>.parquet (one process for all)")
    parser.add_argument("--list", action="store_true", help="print the case names and exit")
    parser.add_argument("--describe", action="store_true", help="print 'name<TAB>description' lines and exit")
    args = parser.parse_args(argv)
    if args.list or args.describe:
        for case in CASES:
            print(f"{case.name}\t{case.description}" if args.describe else case.name)
        return 0
    if args.rows < 0:
        parser.error("--rows must be >= 0")
    if args.out_dir:
        if args.out or args.case:
            parser.error("--out-dir writes every case; do not give OUT or --case with it")
        for case in CASES:
            case.write(os.path.join(args.out_dir, f"{case.name}.parquet"), args.rows, args.seed)
        return 0
    if not args.out or not args.case:
        parser.error("OUT and --case are required (or use --out-dir or --list)")
    case = CASES_BY_NAME.get(args.case)
    if case is None:
        parser.error(f"unknown case {args.case!r}; known: {', '.join(CASES_BY_NAME)}")
    case.write(args.out, args.rows, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
