#!/usr/bin/env python3
"""Regenerates Fixtures/parquet/ deterministically: good files, their expected dumps, bad files, MANIFEST.json.

Usage:
    python3 Tests/interop/make_fixtures.py [--out DIR]     # default DIR: <repo>/Fixtures/parquet

What it writes (every earlier *.parquet, *.expected.json and bad/* file in DIR is removed first):
  DIR/<name>.parquet           good files written by pyarrow (pyarrow_write.py cases) and by DuckDB (COPY TO)
  DIR/<name>.expected.json     parquet_dump.py output for the file (pyarrow engine unless the manifest says
                               "expected_engine": "duckdb"), so Swift tests can check a reader without Python
  DIR/bad/<name>.parquet       malformed files made by mutating small good files, each with the error kind a
                               reader must throw (ParquetError.Kind in Sources/LakeParquet/ParquetError.swift)
  DIR/MANIFEST.json            producer, coverage and expectations of every file

Deterministic: the dataset is seeded, garbage bytes come from a seeded generator, DuckDB runs on one thread.
Running the script twice with the same pyarrow and DuckDB versions gives identical bytes. Every good file is
also read by DuckDB and the result compared with the expected dump; the manifest records what differs.
Every bad file is read by both peers and their error messages go to the manifest; the script warns when both
peers accept a bad file that PEERS_ACCEPT does not list.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import struct  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import parquet_dump  # noqa: E402
import pyarrow_write  # noqa: E402
import thrift_compact as thrift  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "Fixtures" / "parquet"
FIXTURE_ROWS = 64
GARBAGE_SEED = 0x0BAD5EED
MAGIC = b"PAR1"

PYARROW = {"tool": "pyarrow", "version": pa.__version__}
DUCKDB = {"tool": "duckdb", "version": duckdb.__version__}

# Parquet Thrift field ids used below (parquet.thrift).
FILE_NUM_ROWS, FILE_ROW_GROUPS = 3, 4
ROW_GROUP_COLUMNS, ROW_GROUP_NUM_ROWS = 1, 3
CHUNK_META_DATA = 3
META_NUM_VALUES, META_DATA_PAGE_OFFSET = 5, 9
PAGE_TYPE, PAGE_UNCOMPRESSED_SIZE, PAGE_COMPRESSED_SIZE = 1, 2, 3
PAGE_DATA_HEADER, PAGE_DICTIONARY_HEADER, PAGE_DATA_HEADER_V2 = 5, 7, 8
DATA_NUM_VALUES, DATA_ENCODING = 1, 2
PAGE_TYPE_NAMES = {0: "DATA_PAGE", 1: "INDEX_PAGE", 2: "DICTIONARY_PAGE", 3: "DATA_PAGE_V2"}
CODEC_NAMES = {0: "UNCOMPRESSED", 1: "SNAPPY", 2: "GZIP", 3: "LZO", 4: "BROTLI", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW"}
META_CODEC = 4
ENCODING_NAMES = {0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED", 5: "DELTA_BINARY_PACKED",
                  6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY", 9: "BYTE_STREAM_SPLIT"}

# Cases of pyarrow_write.py stored as fixtures, with their row counts (None: the case's own count, or
# FIXTURE_ROWS). codec_none (same bytes as plain) and byte_stream_split_zstd are left to live tests.
PYARROW_FIXTURES = [
    ("plain", None), ("dictionary", None), ("dictionary_fallback", None), ("data_page_v2", None),
    ("data_page_v2_plain_zstd", None), ("data_page_v2_delta_snappy", None), ("codec_snappy", None),
    ("codec_gzip", None), ("codec_zstd", None), ("codec_lz4_raw", None), ("delta_binary_packed", None),
    ("delta_length_byte_array", None), ("delta_byte_array", None), ("byte_stream_split", None),
    ("byte_stream_split_flba", None), ("many_row_groups", None), ("small_pages", None),
    ("small_pages_dictionary", None), ("no_statistics", None), ("page_index", None), ("bloom_filter", None),
    ("page_checksum", None), ("arrow_schema_stored", None), ("legacy_format_1_0", None),
    ("int96_timestamps", None), ("empty", None), ("one_row", None),
    ("nested_dictionary", None), ("nested_v2_plain_zstd", None), ("nested_item_names", None),
]

# Known reasons why DuckDB's reading of a good fixture differs from pyarrow's (beyond the type changes that
# parquet_dump.py casts back); checked against what DuckDB really returns when the script runs.
DUCKDB_NOTES = {
    "int96_timestamps": "DuckDB reads INT96 as microseconds and drops the nanoseconds (floor); pyarrow keeps "
                        "nanoseconds",
    "byte_stream_split_flba": "DuckDB cannot read BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY",
}


# ----------------------------------------------------------------------------------------------------------
# Helpers: file layout


def footer_range(data):
    """(start, length) of the Thrift FileMetaData of a well-formed file."""
    length = struct.unpack("<I", data[-8:-4])[0]
    return len(data) - 8 - length, length


def decode_footer(data):
    start, _ = footer_range(data)
    return thrift.decode_struct(data, start)


def chunk_metas(footer):
    """[(row group index, column index, ColumnMetaData Value)] in file order."""
    result = []
    for group_index, group in enumerate(footer[FILE_ROW_GROUPS].value):
        for column_index, chunk in enumerate(group[ROW_GROUP_COLUMNS].value):
            result.append((group_index, column_index, chunk[CHUNK_META_DATA]))
    return result


class Page:
    def __init__(self, data, header):
        self.header = header
        self.header_start = header.start
        self.payload_start = header.end
        self.payload_end = header.end + header[PAGE_COMPRESSED_SIZE].value
        self.kind = header[PAGE_TYPE].value
        self.payload = data[self.payload_start:self.payload_end]

    def sub_header(self):
        for field in (PAGE_DATA_HEADER, PAGE_DATA_HEADER_V2, PAGE_DICTIONARY_HEADER):
            if self.header.get(field) is not None:
                return self.header[field]
        return None

    def encoding(self):
        sub = self.sub_header()
        if sub is None:
            return None
        field = 4 if self.kind == 3 else DATA_ENCODING
        return ENCODING_NAMES.get(sub[field].value, str(sub[field].value))


def chunk_pages(data, metadata, group, column):
    """The pages of one column chunk, walking page headers from the chunk's first page."""
    chunk = metadata.row_group(group).column(column)
    # For an empty table pyarrow writes chunks with data_page_offset 0 that hold only a dictionary page, or
    # (booleans) no page at all and total_compressed_size 0.
    if chunk.total_compressed_size == 0:
        return []
    offsets = [chunk.data_page_offset]
    if chunk.has_dictionary_page:
        offsets.append(chunk.dictionary_page_offset)
    start = min(offset for offset in offsets if offset)
    end = start + chunk.total_compressed_size
    pages = []
    position = start
    while position < end:
        page = Page(data, thrift.decode_struct(data, position))
        pages.append(page)
        position = page.payload_end
    if position != end:
        raise RuntimeError(f"pages of chunk ({group}, {column}) end at {position}, not {end}")
    return pages


def describe_layout(path):
    """Manifest facts read from the file itself: types, codecs, encodings, page kinds."""
    data = Path(path).read_bytes()
    parquet_file = pq.ParquetFile(path)
    metadata = parquet_file.metadata
    codecs, chunk_encodings, page_types, page_encodings, physical = set(), set(), set(), set(), set()
    pages_per_chunk_max = 0
    # pyarrow's metadata calls LZ4_RAW "LZ4"; the footer's codec ids are exact.
    for _, _, meta in chunk_metas(decode_footer(data)):
        codec = meta[META_CODEC].value
        codecs.add(CODEC_NAMES.get(codec, str(codec)))
    has_page_index = False
    has_bloom_filter = False
    for group in range(metadata.num_row_groups):
        for column in range(metadata.num_columns):
            chunk = metadata.row_group(group).column(column)
            chunk_encodings.update(chunk.encodings)
            physical.add(chunk.physical_type)
            has_page_index = has_page_index or chunk.has_column_index or chunk.has_offset_index
            has_bloom_filter = has_bloom_filter or chunk.bloom_filter_offset is not None
            pages = chunk_pages(data, metadata, group, column)
            pages_per_chunk_max = max(pages_per_chunk_max, len(pages))
            for page in pages:
                page_types.add(PAGE_TYPE_NAMES.get(page.kind, str(page.kind)))
                if page.encoding():
                    page_encodings.add(page.encoding())
    return {
        "num_rows": metadata.num_rows,
        "num_row_groups": metadata.num_row_groups,
        "num_columns": metadata.num_columns,
        "created_by": metadata.created_by,
        "physical_types": sorted(physical),
        "codecs": sorted(codecs),
        "encodings": sorted(chunk_encodings | page_encodings),
        "page_types": sorted(page_types),
        "pages_per_chunk_max": pages_per_chunk_max,
        "has_page_index": has_page_index,
        "has_bloom_filter": has_bloom_filter,
    }


# ----------------------------------------------------------------------------------------------------------
# Good files


def write_duckdb(source_table, out_path, options, columns=None):
    connection = duckdb.connect(":memory:")
    try:
        connection.execute("SET threads = 1")
        connection.execute("SET TimeZone = 'UTC'")
        connection.register("source_table", source_table)
        projection = "*" if columns is None else ", ".join(f'"{name}"' for name in columns)
        connection.execute(f"COPY (SELECT {projection} FROM source_table ORDER BY id) TO '{out_path}' "
                           f"(FORMAT parquet, {options})")
    finally:
        connection.close()


INT32_PHYSICAL_WIDE = ["int32", "uint32"]


def duckdb_fixtures():
    """(name, writer(path), covers, expected engine, note) for the files DuckDB writes."""
    table = pyarrow_write.make_table(FIXTURE_ROWS)
    nested = pyarrow_write.make_nested_table(FIXTURE_ROWS)
    narrow = [name for name in table.column_names if name not in INT32_PHYSICAL_WIDE]
    return [
        ("duckdb_nested_v1_snappy",
         lambda path: write_duckdb(nested, path, "COMPRESSION snappy, ROW_GROUP_SIZE 32"),
         "pyarrow_write.make_nested_table written by DuckDB: lists, structs and maps with DuckDB's level "
         "layout (every group optional), page v1, snappy, two row groups", "pyarrow", None),

        ("duckdb_v1_snappy",
         lambda path: write_duckdb(table, path, "COMPRESSION snappy, ROW_GROUP_SIZE 32"),
         "DuckDB's default layout: data page v1, PLAIN plus dictionary for low-cardinality strings, snappy, "
         "two row groups; DuckDB's own type mapping (TIME as microseconds, fixed16 as BYTE_ARRAY)", "pyarrow",
         None),
        ("duckdb_v2_zstd",
         lambda path: write_duckdb(table, path, "COMPRESSION zstd, PARQUET_VERSION v2", narrow),
         "DuckDB with PARQUET_VERSION v2: DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT "
         "floats, RLE_DICTIONARY, zstd, still in data page v1 (int32 and uint32 left out, see "
         "duckdb_v2_int32_wide_deltas)", "pyarrow", None),
        ("duckdb_v2_int32_wide_deltas",
         lambda path: write_duckdb(table, path, "COMPRESSION zstd, PARQUET_VERSION v2",
                                   ["id"] + INT32_PHYSICAL_WIDE),
         "DuckDB's DELTA_BINARY_PACKED for INT32 columns spanning the whole int32 range: DuckDB computes "
         "deltas in 64 bits and writes miniblocks 33 bits wide", "duckdb",
         "pyarrow and arrow-rs reject this file (miniblock wider than the 32-bit physical type; the format "
         "discussion PARQUET-2435 calls it an encoder bug); DuckDB and parquet-java read it. A reader that "
         "accumulates deltas in 64 bits and wraps to 32 bits returns the values in the expected dump; a "
         "strict reader throws invalidData instead. Expected dump made with the duckdb engine."),
    ]


def peer_dump(path, engine):
    try:
        return parquet_dump.dump_file(str(path), engine), None
    except Exception as error:  # noqa: BLE001 - recorded in the manifest
        return None, f"{type(error).__name__}: {error}".splitlines()[0][:300]


def compare_dumps(expected, actual, compare_nullable):
    """Names of the columns whose type, nullability or values differ; row-count difference included."""
    differing = []
    if expected["num_rows"] != actual["num_rows"]:
        differing.append("<num_rows>")
    actual_columns = {column["name"]: column for column in actual["columns"]}
    for column in expected["columns"]:
        other = actual_columns.get(column["name"])
        if (other is None or other["type"] != column["type"] or other["values"] != column["values"]
                or (compare_nullable and other["nullable"] != column["nullable"])):
            differing.append(column["name"])
    return differing


def cross_check(path, expected_engine):
    """What the other engine says about a good file, for the manifest."""
    other = "duckdb" if expected_engine == "pyarrow" else "pyarrow"
    expected, _ = peer_dump(path, expected_engine)
    actual, error = peer_dump(path, other)
    if actual is None:
        return other, {"readable": False, "error": error}
    differing = compare_dumps(expected, actual, compare_nullable=(other == "pyarrow"))
    casts = sorted({f"{column['name']}: {column['engine_type']}" for column in actual["columns"]
                    if "engine_type" in column})
    result = {"readable": True, "columns_differing": differing}
    if casts:
        result["types_cast_back"] = casts
    return other, result


# ----------------------------------------------------------------------------------------------------------
# Bad files


def patch(data, start, end, replacement):
    if len(replacement) != end - start:
        raise RuntimeError(f"replacement of {end - start} bytes has {len(replacement)}")
    return data[:start] + replacement + data[end:]


def patch_int(data, value_node, new_value):
    """Replaces a Thrift integer in place; the new value must encode in the same number of bytes."""
    encoded = thrift.encode_int_same_length(new_value, value_node.end - value_node.start)
    return patch(data, value_node.start, value_node.end, encoded)


def same_length_int(old_node, candidates):
    """The first candidate that encodes in as many bytes as `old_node`."""
    length = old_node.end - old_node.start
    for candidate in candidates:
        if len(thrift.encode_varint(thrift.zigzag_encode(candidate))) == length:
            return candidate
    raise RuntimeError(f"no candidate encodes in {length} bytes")


def negative_same_length(old_node):
    length = old_node.end - old_node.start
    return same_length_int(old_node, [-1, -100, -10_000, -1_000_000, -100_000_000][length - 1:])


def rle_hybrid_fill(length, count, value, bit_width):
    """Exactly `length` bytes of RLE/bit-packed hybrid runs that encode `count` copies of `value`."""
    value_bytes = (bit_width + 7) // 8
    rle_run_bytes = 1 + value_bytes
    for groups in range(0, 8):
        packed_bytes = 1 + groups * bit_width if groups else 0
        packed_values = 8 * groups
        remaining = length - packed_bytes
        if remaining < 0 or remaining % rle_run_bytes or packed_values > count:
            continue
        runs = remaining // rle_run_bytes
        rle_values = count - packed_values
        if (runs == 0) != (rle_values == 0) or (runs and (rle_values < runs or rle_values > runs * 63)):
            continue
        out = bytearray()
        if groups:
            out.append((groups << 1) | 1)
            packed = 0
            for index in range(packed_values):
                packed |= value << (index * bit_width)
            out += packed.to_bytes(groups * bit_width, "little")
        for run in range(runs):
            run_count = rle_values // runs + (1 if run < rle_values % runs else 0)
            out.append(run_count << 1)
            out += value.to_bytes(value_bytes, "little")
        assert len(out) == length
        return bytes(out)
    raise RuntimeError(f"cannot fill {length} bytes with {count} values at bit width {bit_width}")


def decode_rle_hybrid(data, bit_width, count):
    """Decodes `count` values; returns (values, bytes used). Only what the fixtures need."""
    values = []
    position = 0
    value_bytes = (bit_width + 7) // 8
    while len(values) < count:
        header, position = thrift.read_varint(data, position)
        if header & 1:
            groups = header >> 1
            packed = int.from_bytes(data[position:position + groups * bit_width], "little")
            position += groups * bit_width
            for index in range(groups * 8):
                values.append((packed >> (index * bit_width)) & ((1 << bit_width) - 1))
        else:
            run = header >> 1
            value = int.from_bytes(data[position:position + value_bytes], "little")
            position += value_bytes
            values.extend([value] * run)
    return values[:count], position


def encode_rle_hybrid_bits(levels, length):
    """Levels of bit width 1 as one bit-packed run, padded with RLE runs of 0 to exactly `length` bytes."""
    groups = (len(levels) + 7) // 8
    out = bytearray(thrift.encode_varint(groups << 1 | 1))
    packed = 0
    for index, level in enumerate(levels):
        packed |= level << index
    out += packed.to_bytes(groups, "little")
    while len(out) + 2 <= length:
        out += bytes([0, 0])  # an RLE run of zero values
    if len(out) != length:
        out += bytes([0])
        if len(out) != length:
            raise RuntimeError(f"cannot fit {len(levels)} levels in {length} bytes")
    return bytes(out)


def garbage(length, first_byte=0x1D):
    """Seeded garbage whose first byte is a Thrift compact field header with the invalid type 13, so any
    decoder fails at the first byte, whatever the rest says."""
    generator = random.Random(GARBAGE_SEED + length)
    return bytes([first_byte]) + bytes(generator.getrandbits(8) for _ in range(length - 1))


def write_base(path, columns, rows, **options):
    table = pyarrow_write.make_table(rows).select(columns)
    pq.write_table(table, path, **{**pyarrow_write.BASE_OPTIONS, "use_dictionary": False, **options})
    return Path(path).read_bytes()


def first_data_page(data, column):
    metadata = pq.ParquetFile(pa.BufferReader(data)).metadata
    for page in chunk_pages(data, metadata, 0, column):
        if page.kind in (0, 3):
            return page
    raise RuntimeError("no data page")


class BadBuilder:
    def __init__(self, work_dir):
        self.work_dir = Path(work_dir)
        self.entries = []

    def base(self, name, columns, rows, **options):
        path = self.work_dir / f"base_{name}.parquet"
        data = write_base(path, columns, rows, **options)
        option_text = ", ".join(f"{key}={value!r}" for key, value in sorted(options.items()))
        description = (f"pyarrow_write.make_table({rows}) columns {columns}, PLAIN unless stated, uncompressed "
                       f"unless stated" + (f", {option_text}" if option_text else ""))
        return data, description

    def add(self, name, data, derived_from, mutation, expected_error, reason, producer=None):
        self.entries.append({"name": name, "data": data, "derived_from": derived_from, "mutation": mutation,
                             "expected_error": expected_error, "reason": reason, "producer": producer or PYARROW})

    def build(self):
        small, small_from = self.base("small", ["id", "int64", "utf8_dict"], 24)
        size = len(small)
        footer_start, footer_length = footer_range(small)

        # Truncation at several cut points.
        self.add("truncated_empty", b"", small_from, "all bytes removed (0-byte file)", "truncated",
                 "a Parquet file needs at least 12 bytes (magic, footer length, magic)")
        self.add("truncated_magic_only", small[:4], small_from, "cut after the leading magic (4 bytes)",
                 "truncated", "4 bytes, fewer than the 12 a file needs")
        self.add("truncated_11_bytes", small[:11], small_from, "cut to 11 bytes", "truncated",
                 "11 bytes, one fewer than the 12 a file needs")
        self.add("truncated_half", small[:size // 2], small_from, f"cut to {size // 2} of {size} bytes",
                 "badMagic", "the cut removed the footer; the last 4 bytes are data, not PAR1 (a reader cannot "
                 "tell a cut file from a corrupt one)")
        self.add("truncated_last_byte", small[:-1], small_from, "the final byte removed", "badMagic",
                 "the file ends in 'PAR' followed by a footer-length byte instead of PAR1")
        kept = MAGIC + small[footer_start:]
        self.add("truncated_data_footer_kept", kept, small_from,
                 "the column data removed: leading magic, then the original footer, length and magic",
                 "invalidMetadata", f"the footer is intact but its column chunks point at offsets up to "
                 f"{footer_start} in a {len(kept)}-byte file (metadata inconsistent with the file)")

        # Magic bytes.
        self.add("bad_leading_magic", b"PAR2" + small[4:], small_from, "leading magic PAR1 -> PAR2", "badMagic",
                 "the file does not start with PAR1 (pyarrow and DuckDB check only the trailing magic and read "
                 "this file; this reader checks both)")
        self.add("bad_trailing_magic", small[:-4] + b"PAR0", small_from, "trailing magic PAR1 -> PAR0",
                 "badMagic", "the file does not end with PAR1")
        self.add("encrypted_footer_magic", b"PARE" + small[4:-4] + b"PARE", small_from,
                 "both magics PAR1 -> PARE (the magic of files with an encrypted footer)", "unsupported",
                 "PARE marks Parquet modular encryption with an encrypted footer, a valid feature this reader "
                 "does not support (the footer here is not really encrypted)")

        # Footer length.
        self.add("footer_length_too_large", small[:-8] + struct.pack("<I", size) + MAGIC, small_from,
                 f"footer length {footer_length} -> {size} (the file size)", "invalidMetadata",
                 "the footer length exceeds the bytes available before it")
        self.add("footer_length_zero", small[:-8] + struct.pack("<I", 0) + MAGIC, small_from,
                 "footer length -> 0", "invalidMetadata", "a footer of 0 bytes cannot hold FileMetaData")
        self.add("footer_length_negative", small[:-8] + b"\xff\xff\xff\xff" + MAGIC, small_from,
                 "footer length -> 0xFFFFFFFF (-1 as int32, 4 GiB as uint32)", "invalidMetadata",
                 "the footer length is negative as a signed 32-bit integer and larger than the file as an "
                 "unsigned one")

        # Footer content.
        self.add("footer_garbage", patch(small, footer_start, footer_start + footer_length,
                                         garbage(footer_length)), small_from,
                 "FileMetaData bytes replaced by seeded garbage starting with 0x1D", "invalidMetadata",
                 "the first byte is a Thrift field header with the invalid compact type 13")
        missing = small[:footer_start] + b"\x00" + struct.pack("<I", 1) + MAGIC
        self.add("footer_missing_required_fields", missing, small_from,
                 "FileMetaData replaced by an empty struct (a single stop byte), footer length 1",
                 "invalidMetadata", "FileMetaData lacks its required fields version, schema, num_rows and "
                 "row_groups")
        footer = decode_footer(small)
        last_meta = chunk_metas(footer)[-1][2]
        offset_node = last_meta[META_DATA_PAGE_OFFSET]
        beyond = same_length_int(offset_node, [size + 1000, 8000, 1_000_000, 100_000_000])
        self.add("column_offset_beyond_file", patch_int(small, offset_node, beyond), small_from,
                 f"data_page_offset of the last column chunk {offset_node.value} -> {beyond}", "invalidMetadata",
                 f"the column chunk starts at {beyond}, past the end of the {size}-byte file")

        # Page headers (column int64 of the small file: PLAIN, v1, uncompressed).
        page = first_data_page(small, 1)
        header_length = page.payload_start - page.header_start
        self.add("page_header_garbage", patch(small, page.header_start, page.payload_start,
                                              garbage(header_length)), small_from,
                 f"the {header_length}-byte header of the first data page of column int64 replaced by seeded "
                 "garbage starting with 0x1D", "invalidPageHeader",
                 "the first byte is a Thrift field header with the invalid compact type 13")
        compressed_node = page.header[PAGE_COMPRESSED_SIZE]
        negative = negative_same_length(compressed_node)
        self.add("page_header_negative_size", patch_int(small, compressed_node, negative), small_from,
                 f"compressed_page_size of the first data page of column int64 {compressed_node.value} -> "
                 f"{negative}", "invalidPageHeader", "a page size cannot be negative")
        past = same_length_int(compressed_node, [size + 100, 8000, 1_000_000])
        uncompressed_node = page.header[PAGE_UNCOMPRESSED_SIZE]
        past_data = patch_int(patch_int(small, compressed_node, past), uncompressed_node, past)
        self.add("page_header_size_past_chunk", past_data, small_from,
                 f"compressed and uncompressed page size of the first data page of column int64 "
                 f"{compressed_node.value} -> {past}", "invalidPageHeader",
                 f"the page claims {past} bytes, more than its column chunk and the {size}-byte file hold")

        # Corrupt compressed bytes.
        for codec, label in [("snappy", "SNAPPY"), ("gzip", "GZIP"), ("zstd", "ZSTD"), ("lz4", "LZ4_RAW")]:
            data, derived = self.base(f"codec_{codec}", ["id", "int64"], 24, compression=codec)
            page = first_data_page(data, 1)
            corrupted = patch(data, page.payload_start, page.payload_end,
                              b"\xff" * (page.payload_end - page.payload_start))
            self.add(f"page_corrupt_{label.lower()}", corrupted, derived,
                     f"the {label} payload of the first data page of column int64 overwritten with 0xFF bytes",
                     "decompressionFailed", f"{label} cannot decompress the overwritten bytes")
        data, derived = self.base("codec_snappy", ["id", "int64"], 24, compression="snappy")
        page = first_data_page(data, 1)
        size_node = page.header[PAGE_UNCOMPRESSED_SIZE]
        wrong = same_length_int(size_node, [size_node.value + 8, size_node.value - 8, size_node.value + 1])
        self.add("page_snappy_wrong_uncompressed_size", patch_int(data, size_node, wrong), derived,
                 f"uncompressed_page_size of the first data page of column int64 {size_node.value} -> {wrong}",
                 "decompressionFailed", f"the SNAPPY payload decompresses to {size_node.value} bytes, not the "
                 f"{wrong} the header announces")

        # Values and levels that overrun their page.
        self.build_overruns()

        # Nested columns whose repetition and definition levels are inconsistent.
        self.build_nested()

        # A valid file with a codec this reader has no decoder for.
        data, derived = self.base("codec_brotli", ["id", "int64"], 24, compression="brotli")
        self.add("unsupported_codec_brotli", data, derived, "none: a well-formed file compressed with BROTLI",
                 "unsupported", "BROTLI is a valid Parquet codec but LakeCompression has no BROTLI decoder "
                 "(this file is not malformed; it sits in bad/ because reading it must throw)")
        return self.entries

    def base_nested(self, name, columns, rows, **options):
        path = self.work_dir / f"base_{name}.parquet"
        table = pyarrow_write.make_nested_table(rows).select(columns)
        pq.write_table(table, path, **{**pyarrow_write.BASE_OPTIONS, "use_dictionary": False, **options})
        option_text = ", ".join(f"{key}={value!r}" for key, value in sorted(options.items()))
        description = (f"pyarrow_write.make_nested_table({rows}) columns {columns}, PLAIN, uncompressed, page v1 "
                       f"unless stated" + (f", {option_text}" if option_text else ""))
        return path.read_bytes(), description

    @staticmethod
    def v1_levels(page, entries):
        """(repetition start, length), (definition start, length) of the length-prefixed levels of a v1 page,
        relative to the payload."""
        payload = page.payload
        repetition_length = struct.unpack("<I", payload[:4])[0]
        definition_at = 4 + repetition_length
        definition_length = struct.unpack("<I", payload[definition_at:definition_at + 4])[0]
        return (4, repetition_length), (definition_at + 4, definition_length)

    def build_nested(self):
        rows = 40
        # list<struct<a: int64, b: utf8>>: leaf list_struct.list.element.a has maximum definition level 4,
        # stored in 3 bits, so 7 fits the bits but not the schema.
        data, derived = self.base_nested("list_struct", ["list_struct"], rows)
        page = first_data_page(data, 0)
        entries = page.header[PAGE_DATA_HEADER][DATA_NUM_VALUES].value
        _, (start, length) = self.v1_levels(page, entries)
        filled = rle_hybrid_fill(length, entries, 7, 3)
        at = page.payload_start + start
        self.add("nested_definition_level_out_of_range", patch(data, at, at + length, filled), derived,
                 f"the {length} bytes of definition levels of the first data page of column "
                 f"list_struct.list.element.a rewritten to {entries} levels of 7", "invalidData",
                 "definition level 7 exceeds the leaf's maximum of 4 (optional list, repeated group, optional "
                 "struct, optional field)")

        # list<int32>: every repetition level rewritten to 1, so the first value continues a list that never
        # started.
        data, derived = self.base_nested("list_int", ["list_int"], rows)
        page = first_data_page(data, 0)
        entries = page.header[PAGE_DATA_HEADER][DATA_NUM_VALUES].value
        (start, length), _ = self.v1_levels(page, entries)
        at = page.payload_start + start
        self.add("nested_repetition_level_first_value", patch(data, at, at + length,
                                                             rle_hybrid_fill(length, entries, 1, 1)), derived,
                 f"the {length} bytes of repetition levels of the first data page of column list_int.list.element "
                 f"rewritten to {entries} levels of 1", "invalidData",
                 "the first value of a column chunk has repetition level 1: it continues a record that does not "
                 "exist")

        # list<int32>: repetition levels rewritten so that each list runs into the next row (a list longer
        # than the rows declare): the levels hold fewer records than the row group's num_rows.
        levels, _ = decode_rle_hybrid(data[at:at + length], 1, entries)
        starts = [index for index, level in enumerate(levels) if level == 0]
        merged = list(levels)
        for index in starts[1::2]:
            merged[index] = 1
        encoded = encode_rle_hybrid_bits(merged, length)
        self.add("nested_list_longer_than_declared", patch(data, at, at + length, encoded), derived,
                 f"repetition levels of column list_int.list.element rewritten so that every second row's first "
                 f"entry continues the previous row's list ({len(starts[1::2])} of {len(starts)} row starts "
                 "removed)", "invalidData",
                 "the lists run past their rows: a list continues over a null or empty list, and the levels hold "
                 f"fewer than the {rows} rows the row group declares")

        # Data page v2 whose num_rows is fewer than the records its repetition levels hold.
        data, derived = self.base_nested("list_int_v2", ["list_int"], rows, data_page_version="2.0")
        page = first_data_page(data, 0)
        rows_node = page.header[PAGE_DATA_HEADER_V2][3]
        fewer = same_length_int(rows_node, [rows - 10, rows // 2, 1])
        self.add("nested_v2_num_rows_below_levels", patch_int(data, rows_node, fewer), derived,
                 f"num_rows of the data page v2 header of column list_int.list.element {rows_node.value} -> {fewer}",
                 "invalidData", f"the page's repetition levels start {rows_node.value} records, its header declares "
                 f"{fewer} (pyarrow and DuckDB ignore a v2 page's num_rows and read the file; this reader checks "
                 "it, since page indexes and row skipping rely on it)")

    def build_overruns(self):
        rows = 40
        # Required INT32 column, PLAIN: every count says 63 rows, the page holds 40 values.
        data, derived = self.base("required_int32", ["id"], rows)
        page = first_data_page(data, 0)
        footer = decode_footer(data)
        grown = 63
        patched = patch_int(data, page.header[PAGE_DATA_HEADER][DATA_NUM_VALUES], grown)
        meta = chunk_metas(footer)[0][2]
        patched = patch_int(patched, meta[META_NUM_VALUES], grown)
        patched = patch_int(patched, footer[FILE_ROW_GROUPS].value[0][ROW_GROUP_NUM_ROWS], grown)
        patched = patch_int(patched, footer[FILE_NUM_ROWS], grown)
        self.add("page_num_values_past_data", patched, derived,
                 f"num_values of the only data page, the chunk's num_values, the row group's and the file's "
                 f"num_rows {rows} -> {grown} (all counts agree; only the data is short)", "invalidData",
                 f"{grown} PLAIN INT32 values need {grown * 4} bytes; the page holds {rows * 4}")

        # Nullable INT64 column, PLAIN, v1: definition levels rewritten to say every value is present.
        data, derived = self.base("nullable_int64", ["int64"], rows)
        page = first_data_page(data, 0)
        payload = page.payload
        level_bytes = struct.unpack("<I", payload[:4])[0]
        levels, used = decode_rle_hybrid(payload[4:4 + level_bytes], 1, rows)
        present = sum(levels)
        if present == rows or 4 + level_bytes + present * 8 != len(payload):
            raise RuntimeError("unexpected page layout for the nullable int64 base")
        all_present = rle_hybrid_fill(level_bytes, rows, 1, 1)
        self.add("def_levels_claim_more_values",
                 patch(data, page.payload_start + 4, page.payload_start + 4 + level_bytes, all_present), derived,
                 f"the {level_bytes} bytes of RLE definition levels rewritten so all {rows} values are present",
                 "invalidData", f"the levels announce {rows} INT64 values ({rows * 8} bytes) but the page holds "
                 f"{present * 8} bytes of values")
        past = len(payload) + 1000
        self.add("def_levels_length_past_page",
                 patch(data, page.payload_start, page.payload_start + 4, struct.pack("<I", past)), derived,
                 f"the 4-byte length of the definition levels {level_bytes} -> {past}", "invalidData",
                 f"the levels would need {past} bytes; the whole page holds {len(payload)}")

        # Dictionary-encoded strings: every index rewritten to 15, past the 12-entry dictionary.
        data, derived = self.base("dictionary_utf8", ["utf8_dict"], rows, use_dictionary=True)
        page = first_data_page(data, 0)
        payload = page.payload
        level_bytes = struct.unpack("<I", payload[:4])[0]
        levels, _ = decode_rle_hybrid(payload[4:4 + level_bytes], 1, rows)
        present = sum(levels)
        index_start = 4 + level_bytes
        bit_width = payload[index_start]
        metadata = pq.ParquetFile(pa.BufferReader(data)).metadata
        dictionary_page = chunk_pages(data, metadata, 0, 0)[0]
        dictionary_size = dictionary_page.header[PAGE_DICTIONARY_HEADER][DATA_NUM_VALUES].value
        bad_index = (1 << bit_width) - 1
        if bad_index < dictionary_size:
            raise RuntimeError("bit width leaves no out-of-range index")
        indices_length = len(payload) - index_start - 1
        filled = rle_hybrid_fill(indices_length, present, bad_index, bit_width)
        start = page.payload_start + index_start + 1
        self.add("dictionary_index_out_of_range", patch(data, start, start + indices_length, filled), derived,
                 f"every dictionary index of the data page (bit width {bit_width}) rewritten to {bad_index}",
                 "invalidData", f"index {bad_index} is past the {dictionary_size}-entry dictionary")


def peer_error(path, engine):
    try:
        if engine == "pyarrow":
            pq.read_table(str(path))
        else:
            parquet_dump.read_with_duckdb(str(path))
    except Exception as error:  # noqa: BLE001 - recorded in the manifest
        message = f"{type(error).__name__}: {error}".replace(str(path), path.name)
        return message.splitlines()[0][:300]
    return None


# ----------------------------------------------------------------------------------------------------------


def clean(out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bad").mkdir(exist_ok=True)
    for path in list(out_dir.glob("*.parquet")) + list(out_dir.glob("*.expected.json")) + list(
            (out_dir / "bad").glob("*.parquet")):
        path.unlink()
    manifest = out_dir / "MANIFEST.json"
    if manifest.exists():
        manifest.unlink()


def write_good(out_dir):
    entries = []
    for case_name, rows in PYARROW_FIXTURES:
        case = pyarrow_write.CASES_BY_NAME[case_name]
        path = out_dir / f"{case_name}.parquet"
        case.write(path, rows if rows is not None else FIXTURE_ROWS)
        entries.append((case_name, path, PYARROW, case.description, "pyarrow", DUCKDB_NOTES.get(case_name)))
    for name, writer, covers, engine, note in duckdb_fixtures():
        path = out_dir / f"{name}.parquet"
        writer(str(path))
        entries.append((name, path, DUCKDB, covers, engine, note))

    manifest = []
    for name, path, producer, covers, engine, note in entries:
        dump = parquet_dump.dump_file(str(path), engine)
        expected = out_dir / f"{name}.expected.json"
        expected.write_bytes(parquet_dump.render(dump).encode("utf-8"))
        other, check = cross_check(path, engine)
        entry = {
            "path": path.name,
            "expected": expected.name,
            "expected_engine": engine,
            "producer": producer,
            "covers": covers,
            **describe_layout(path),
            "cross_check": {"engine": other, **check},
        }
        if note:
            entry["note"] = note
        manifest.append(entry)
    return manifest


# Bad files that both peers read without complaint, on purpose (see their reasons in the manifest).
PEERS_ACCEPT = {"bad_leading_magic", "unsupported_codec_brotli", "nested_v2_num_rows_below_levels"}


def write_bad(out_dir, work_dir):
    manifest = []
    for entry in BadBuilder(work_dir).build():
        path = out_dir / "bad" / f"{entry['name']}.parquet"
        path.write_bytes(entry["data"])
        errors = {engine: peer_error(path.resolve(), engine) for engine in ("pyarrow", "duckdb")}
        if errors["pyarrow"] is None and errors["duckdb"] is None and entry["name"] not in PEERS_ACCEPT:
            print(f"warning: both peers read bad file {path.name} without error", file=sys.stderr)
        manifest.append({
            "path": f"bad/{path.name}",
            "producer": entry["producer"],
            "derived_from": entry["derived_from"],
            "mutation": entry["mutation"],
            "expected_error": entry["expected_error"],
            "reason": entry["reason"],
            "peer_errors": errors,
        })
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    out_dir = args.out.resolve()
    clean(out_dir)
    good = write_good(out_dir)
    with tempfile.TemporaryDirectory(prefix="lake-fixtures-") as work_dir:
        bad = write_bad(out_dir, work_dir)
    manifest = {
        "generator": "Tests/interop/make_fixtures.py",
        "about": "Parquet fixtures. Paths are relative to this folder. 'expected' files are parquet_dump.py "
                 "output (format in Tests/interop/parquet_dump.py). 'expected_error' is a ParquetError.Kind "
                 "raw value. 'cross_check' is what the other peer engine reads from a good file, compared with "
                 "the expected dump ('columns_differing' lists columns whose type or values differ).",
        "peers": {"pyarrow": pa.__version__, "duckdb": duckdb.__version__},
        "good": good,
        "bad": bad,
    }
    (out_dir / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    total = sum(path.stat().st_size for path in out_dir.rglob("*") if path.is_file())
    print(f"wrote {len(good)} good and {len(bad)} bad files to {out_dir} ({total} bytes in total)")
    for entry in good:
        check = entry["cross_check"]
        status = ("unreadable: " + check["error"]) if not check["readable"] else (
            "same" if not check["columns_differing"] else "differs: " + ", ".join(check["columns_differing"]))
        print(f"  {entry['path']}: {check['engine']} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
