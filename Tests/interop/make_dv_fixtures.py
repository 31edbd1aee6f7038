#!/usr/bin/env python3
"""Writes the deletion-vector and column-mapping fixtures under Fixtures/delta/ (spec/table-log.md §6, §11.3, §15.3).

Usage: make_dv_fixtures.py [--check]

Everything here is authored from spec/table-log.md: the Z85 text encoding, the 64-bit Roaring serialization
(magic, buckets, portable 32-bit bitmaps with array, bitset and run containers), the DV file framing (version
byte, big-endian size, bitmap, big-endian CRC-32) and the Delta log lines. Data files are written by pyarrow
(with Parquet field ids where column mapping needs them). UUIDs, timestamps and data come from a fixed seed, so
running the script twice gives identical files.

Tables (each a directory of Fixtures/delta/good/):
  dv-inline-and-file   inline DVs and file DVs (with and without a prefix, offsets 1 and > 1, two DVs in one
                       file), containers of all three kinds plus offsets with the run cookie, a DV deleting every
                       row of a file, a DV replaced by a larger one, several row groups
  dv-64bit-bucket      a DV whose serialization has a second, empty bucket (key 1) after the real one
  colmap-name          column mapping `name` at protocol 2/5: physical names in files, partition values and stats,
                       a column renamed by a later metaData, an inline DV on one file (reader 3 from version 3)
  colmap-id            column mapping `id` at protocol 3/7: Parquet columns named unlike the table and matched by
                       field id, a renamed column, a column added later (older files read it as null); deltalake
                       cannot read it (it matches by physical name), so the manifest records the expected rows
  colmap-id-physical   the same with files that also name their columns by physical name (deltalake reads it)
  bad/dv_*             hostile DVs; each must fail with corruptDeletionVector or unsafePath when read

The manifest entries (Fixtures/delta/MANIFEST.json) of these tables are replaced in place; entries of other
generators are kept. Run this after make_delta_fixtures.py, which rewrites the manifest from scratch.

With --check, each good table is read by deltalake `scan()` at every version and compared with the rows this
script expects; the result is recorded in the manifest (`deltalake_agrees`).
"""
import json
import os
import random
import shutil
import sys
import uuid
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2] / "Fixtures" / "delta"
GENERATOR = "Tests/interop/make_dv_fixtures.py"
CREATED_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z
RNG = random.Random(0xD5F1)

# --------------------------------------------------------------------------------------------------------------
# Encodings (spec/table-log.md §6)

Z85_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
DV_MAGIC = 1681511377


def z85_encode(data):
    """Z85 text of `data` zero-padded to a multiple of 4 bytes."""
    padded = data + bytes(-len(data) % 4)
    text = []
    for start in range(0, len(padded), 4):
        value = int.from_bytes(padded[start:start + 4], "big")
        digits = []
        for _ in range(5):
            value, digit = divmod(value, 85)
            digits.append(Z85_ALPHABET[digit])
        text.extend(reversed(digits))
    return "".join(text)


def container(lows):
    """(is_run, body bytes) of one container holding the sorted unique 16-bit `lows`: the smallest encoding."""
    runs = []
    for low in lows:
        if runs and runs[-1][1] + 1 == low:
            runs[-1][1] = low
        else:
            runs.append([low, low])
    run_bytes = 2 + 4 * len(runs)
    plain_bytes = 2 * len(lows) if len(lows) <= 4096 else 8192
    if run_bytes < plain_bytes:
        body = len(runs).to_bytes(2, "little")
        for start, last in runs:
            body += start.to_bytes(2, "little") + (last - start).to_bytes(2, "little")
        return True, body
    if len(lows) <= 4096:
        return False, b"".join(low.to_bytes(2, "little") for low in lows)
    words = [0] * 1024
    for low in lows:
        words[low >> 6] |= 1 << (low & 63)
    return False, b"".join(word.to_bytes(8, "little") for word in words)


def roaring32(values):
    """Portable 32-bit Roaring bitmap of sorted unique `values`: cookie 12347 with run flags when any container is
    a run container (offsets only from 4 containers on), else cookie 12346 with offsets."""
    groups = {}
    for value in values:
        groups.setdefault(value >> 16, []).append(value & 0xFFFF)
    keys = sorted(groups)
    encoded = [container(groups[key]) for key in keys]
    has_runs = any(is_run for is_run, _ in encoded)
    if has_runs:
        header = (12347 | (len(keys) - 1) << 16).to_bytes(4, "little")
        flags = bytearray((len(keys) + 7) // 8)
        for index, (is_run, _) in enumerate(encoded):
            if is_run:
                flags[index // 8] |= 1 << (index % 8)
        header += bytes(flags)
    else:
        header = (12346).to_bytes(4, "little") + len(keys).to_bytes(4, "little")
    for key in keys:
        header += key.to_bytes(2, "little") + (len(groups[key]) - 1).to_bytes(2, "little")
    offsets = b""
    if not has_runs or len(keys) >= 4:
        offset = len(header) + 4 * len(keys)
        for _, body in encoded:
            offsets += offset.to_bytes(4, "little")
            offset += len(body)
    return header + offsets + b"".join(body for _, body in encoded)


def dv_bytes(rows, extra_empty_buckets=()):
    """Magic, bucket count, then (key, 32-bit bitmap) per bucket of the high 32 bits; `extra_empty_buckets` adds
    buckets with empty bitmaps."""
    buckets = {key: [] for key in extra_empty_buckets}
    for row in sorted(set(rows)):
        buckets.setdefault(row >> 32, []).append(row & 0xFFFFFFFF)
    body = len(buckets).to_bytes(8, "little")
    for key in sorted(buckets):
        values = buckets[key]
        bitmap = roaring32(values) if values else (12346).to_bytes(4, "little") + (0).to_bytes(4, "little")
        body += key.to_bytes(4, "little") + bitmap
    return DV_MAGIC.to_bytes(4, "little") + body


def new_uuid():
    return uuid.UUID(int=RNG.getrandbits(128), version=4)


def dv_file(table, prefix, bitmaps, lead=b"", crc_xor=0, version=1, size_delta=0):
    """Writes one DV file holding each bitmap (bytes) of `bitmaps`; returns a `u` descriptor per bitmap.
    `lead` inserts junk bytes after the version byte (so the first DV starts at offset > 1); the remaining
    parameters damage the file for bad fixtures."""
    identifier = new_uuid()
    content = bytearray([version]) + lead
    descriptors = []
    for data, cardinality in bitmaps:
        descriptors.append({"storageType": "u", "pathOrInlineDv": prefix + z85_encode(identifier.bytes),
                            "offset": len(content), "sizeInBytes": len(data), "cardinality": cardinality})
        content += (len(data) + size_delta).to_bytes(4, "big") + data
        content += (zlib.crc32(data) ^ crc_xor).to_bytes(4, "big")
    folder = table / prefix if prefix else table
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"deletion_vector_{identifier}.bin").write_bytes(bytes(content))
    return descriptors


def inline(data, cardinality):
    return {"storageType": "i", "pathOrInlineDv": z85_encode(data), "sizeInBytes": len(data),
            "cardinality": cardinality}


# --------------------------------------------------------------------------------------------------------------
# Tables


def field(name, type_name, column_id=None, physical=None, nullable=True):
    metadata = {}
    if column_id is not None:
        metadata = {"delta.columnMapping.id": column_id, "delta.columnMapping.physicalName": physical}
    return {"name": name, "type": type_name, "nullable": nullable, "metadata": metadata}


def schema_string(fields):
    return json.dumps({"type": "struct", "fields": fields}, separators=(",", ":"))


def protocol(reader, writer, reader_features=None, writer_features=None):
    action = {"minReaderVersion": reader, "minWriterVersion": writer}
    if reader_features is not None:
        action["readerFeatures"] = reader_features
    if writer_features is not None:
        action["writerFeatures"] = writer_features
    return {"protocol": action}


def metadata(table_id, fields, partition_columns=(), configuration=None):
    return {"metaData": {"id": table_id, "format": {"provider": "parquet", "options": {}},
                         "schemaString": schema_string(fields), "partitionColumns": list(partition_columns),
                         "configuration": configuration or {}, "createdTime": CREATED_MS}}


def commit_info(version, operation):
    return {"commitInfo": {"timestamp": CREATED_MS + 1000 * version, "operation": operation,
                           "operationParameters": {}, "engineInfo": "make_dv_fixtures.py"}}


class DataFile:
    """A Parquet data file written with pyarrow, and its add action."""

    def __init__(self, table, path, columns, field_ids=None, row_group_size=None, partition_values=None,
                 stats_names=None, encodings=None):
        """`columns`: list of (parquet column name, pyarrow array); `field_ids`: parquet name -> field id;
        `stats_names`: parquet name -> key used in the stats (the physical name), None to skip a column."""
        fields = []
        for name, array in columns:
            meta = {b"PARQUET:field_id": str(field_ids[name]).encode()} if field_ids and name in field_ids else None
            fields.append(pa.field(name, array.type, metadata=meta))
        data = pa.Table.from_arrays([array for _, array in columns], schema=pa.schema(fields))
        target = table / path
        target.parent.mkdir(parents=True, exist_ok=True)
        encodings = encodings or {}
        pq.write_table(data, target, row_group_size=row_group_size, compression="zstd",
                       use_dictionary=[name for name, _ in columns if name not in encodings],
                       column_encoding=encodings or None, write_statistics=True)
        self.path = path
        self.rows = data.num_rows
        self.size = target.stat().st_size
        self.partition_values = partition_values or {}
        self.stats = {"numRecords": data.num_rows, "minValues": {}, "maxValues": {}, "nullCount": {}}
        for name, array in columns:
            key = (stats_names or {}).get(name, name)
            if key is None:
                continue
            values = [value for value in array.to_pylist() if value is not None]
            self.stats["nullCount"][key] = len(array) - len(values)
            if values:
                self.stats["minValues"][key] = min(values)
                self.stats["maxValues"][key] = max(values)

    def add(self, version, dv=None):
        stats = dict(self.stats)
        if dv is not None:
            stats["tightBounds"] = False
        action = {"path": self.path, "partitionValues": self.partition_values, "size": self.size,
                  "modificationTime": CREATED_MS + 1000 * version, "dataChange": True,
                  "stats": json.dumps(stats, separators=(",", ":"))}
        if dv is not None:
            action["deletionVector"] = dv
        return {"add": action}

    def remove(self, version, dv=None):
        action = {"path": self.path, "deletionTimestamp": CREATED_MS + 1000 * version, "dataChange": True,
                  "extendedFileMetadata": True, "partitionValues": self.partition_values, "size": self.size}
        if dv is not None:
            action["deletionVector"] = dv
        return {"remove": action}


def write_log(table, commits):
    log = table / "_delta_log"
    log.mkdir(parents=True, exist_ok=True)
    for version, actions in commits.items():
        text = "\n".join(json.dumps(action, separators=(",", ":")) for action in actions) + "\n"
        (log / f"{version:020d}.json").write_text(text)


def fresh(name):
    table = ROOT / name if name.startswith("bad/") else ROOT / "good" / name
    if table.exists():
        shutil.rmtree(table)
    table.mkdir(parents=True)
    return table


def int64s(values):
    return pa.array(values, type=pa.int64())


def strings(values):
    return pa.array(values, type=pa.string())


class Expected:
    """Rows per version as {id: row dict}, maintained alongside the commits."""

    def __init__(self):
        self.versions = {}
        self.current = {}

    def snapshot(self, version):
        self.versions[version] = sorted((dict(row) for row in self.current.values()), key=lambda row: row["id"])


def dv_inline_and_file():
    table = fresh("dv-inline-and-file")
    expected = Expected()
    fields = [field("id", "long", nullable=False), field("name", "string")]
    small_ids = list(range(10))
    small = DataFile(table, "part-00000-small.zstd.parquet",
                     [("id", int64s(small_ids)), ("name", strings([f"s{i}" for i in small_ids]))])
    mid_ids = list(range(100, 5100))
    mid = DataFile(table, "part-00001-mid.zstd.parquet",
                   [("id", int64s(mid_ids)), ("name", strings([f"m{i % 13}" for i in mid_ids]))],
                   row_group_size=1000)
    big_count = 200_000
    big_ids = list(range(1_000_000, 1_000_000 + big_count))
    big = DataFile(table, "part-00002-big.zstd.parquet",
                   [("id", int64s(big_ids)), ("name", strings([f"b{i % 7}" for i in range(big_count)]))],
                   row_group_size=50_000, encodings={"id": "DELTA_BINARY_PACKED"})
    tiny_ids = list(range(9000, 9007))
    tiny = DataFile(table, "part-00003-tiny.zstd.parquet",
                    [("id", int64s(tiny_ids)), ("name", strings([None] * 7))])
    files = [(small, small_ids), (mid, mid_ids), (big, big_ids), (tiny, tiny_ids)]

    # Names per id, for the expected rows.
    names = {}
    for data_file, ids in files:
        column = pq.read_table(table / data_file.path).to_pydict()
        for identifier, name in zip(column["id"], column["name"]):
            names[identifier] = name
    expected.current = {i: {"id": i, "name": names[i]} for _, ids in files for i in ids}

    commits = {0: [commit_info(0, "CREATE TABLE"),
                   protocol(3, 7, ["deletionVectors"], ["deletionVectors"]),
                   metadata("5a0c3e4e-0000-4000-8000-00000000dv01", fields,
                            configuration={"delta.enableDeletionVectors": "true"})]
               + [data_file.add(0) for data_file, _ in files]}
    expected.snapshot(0)

    def delete(data_file, ids, positions):
        for position in positions:
            expected.current.pop(ids[position], None)

    # Version 1: inline DV on the small file (array container), file DV with a prefix at offset 1 on the middle
    # file (array container spanning row groups).
    small_rows = [1, 3, 5]
    small_dv = inline(dv_bytes(small_rows), len(small_rows))
    mid_rows = list(range(0, 5000, 2))
    (mid_dv,) = dv_file(table, "ab", [(dv_bytes(mid_rows), len(mid_rows))])
    commits[1] = [commit_info(1, "DELETE"), small.remove(1), small.add(1, small_dv), mid.remove(1),
                  mid.add(1, mid_dv)]
    delete(small, small_ids, small_rows)
    delete(mid, mid_ids, mid_rows)
    expected.snapshot(1)

    # Version 2: one file without a prefix holding two DVs after 3 junk bytes (offsets 4 and > 4): the big file
    # gets array, bitset, run and array containers (run cookie with offsets), the tiny file loses every row.
    big_rows = (list(range(0, 8190, 3)) + [65536 + i for i in range(0, 65536, 2)]
                + list(range(131072, 196608)) + list(range(196608, 200000, 5)))
    tiny_rows = list(range(7))
    big_dv, tiny_dv = dv_file(table, "", [(dv_bytes(big_rows), len(big_rows)),
                                          (dv_bytes(tiny_rows), len(tiny_rows))], lead=b"\x00\x00\x00")
    commits[2] = [commit_info(2, "DELETE"), big.remove(2), big.add(2, big_dv), tiny.remove(2), tiny.add(2, tiny_dv)]
    delete(big, big_ids, big_rows)
    delete(tiny, tiny_ids, tiny_rows)
    expected.snapshot(2)

    # Version 3: the small file's DV is replaced by a larger inline one (remove with the old DV, add with the new).
    larger = [1, 3, 5, 8, 9]
    larger_dv = inline(dv_bytes(larger), len(larger))
    commits[3] = [commit_info(3, "DELETE"), small.remove(3, small_dv), small.add(3, larger_dv)]
    delete(small, small_ids, larger)
    expected.snapshot(3)
    write_log(table, commits)
    return expected


def dv_64bit_bucket():
    table = fresh("dv-64bit-bucket")
    expected = Expected()
    fields = [field("id", "long", nullable=False), field("name", "string")]
    ids = list(range(40))
    data = DataFile(table, "part-00000-a.zstd.parquet",
                    [("id", int64s(ids)), ("name", strings([f"n{i}" for i in ids]))])
    expected.current = {i: {"id": i, "name": f"n{i}"} for i in ids}
    commits = {0: [commit_info(0, "CREATE TABLE"), protocol(3, 7, ["deletionVectors"], ["deletionVectors"]),
                   metadata("5a0c3e4e-0000-4000-8000-00000000dv02", fields), data.add(0)]}
    expected.snapshot(0)
    rows = [0, 17, 39]
    (descriptor,) = dv_file(table, "zz9", [(dv_bytes(rows, extra_empty_buckets=[1]), len(rows))])
    commits[1] = [commit_info(1, "DELETE"), data.remove(1), data.add(1, descriptor)]
    for row in rows:
        expected.current.pop(row)
    expected.snapshot(1)
    write_log(table, commits)
    return expected


def colmap_name():
    table = fresh("colmap-name")
    expected = Expected()
    physical = {"id": "col-8c0a6a51-id", "amount": "col-2f9d41c7-amount", "region": "col-77b1e0d2-region"}
    ids = {"id": 1, "amount": 2, "region": 3}

    def fields(amount_name):
        return [field("id", "long", ids["id"], physical["id"], nullable=False),
                field(amount_name, "double", ids["amount"], physical["amount"]),
                field("region", "string", ids["region"], physical["region"])]

    configuration = {"delta.columnMapping.mode": "name", "delta.columnMapping.maxColumnId": "3"}
    files = []
    for index, (region, id_range) in enumerate([("eu", range(0, 6)), ("us", range(6, 10))]):
        column_ids = list(id_range)
        amounts = [None if i % 4 == 0 else i * 1.5 for i in column_ids]
        directory = f"{physical['region']}={region}"
        data_file = DataFile(
            table, f"{directory}/part-0000{index}-a.zstd.parquet",
            [(physical["id"], int64s(column_ids)), (physical["amount"], pa.array(amounts, type=pa.float64()))],
            field_ids={physical["id"]: 1, physical["amount"]: 2},
            partition_values={physical["region"]: region})
        files.append(data_file)
        for i, amount in zip(column_ids, amounts):
            expected.current[i] = {"id": i, "amount": amount, "region": region}
    commits = {0: [commit_info(0, "CREATE TABLE"), protocol(2, 5),
                   metadata("5a0c3e4e-0000-4000-8000-00000000cm01", fields("amount"), ["region"], configuration)]
               + [data_file.add(0) for data_file in files]}
    expected.snapshot(0)
    # Version 1: `amount` renamed to `price` (same id and physical name).
    commits[1] = [commit_info(1, "RENAME COLUMN"),
                  metadata("5a0c3e4e-0000-4000-8000-00000000cm01", fields("price"), ["region"], configuration)]
    for row in expected.current.values():
        row["price"] = row.pop("amount")
    expected.snapshot(1)
    # Version 2: an append with a NULL partition value.
    column_ids = list(range(10, 13))
    prices = [100.0, None, 102.5]
    appended = DataFile(
        table, f"{physical['region']}=__HIVE_DEFAULT_PARTITION__/part-00002-a.zstd.parquet",
        [(physical["id"], int64s(column_ids)), (physical["amount"], pa.array(prices, type=pa.float64()))],
        field_ids={physical["id"]: 1, physical["amount"]: 2}, partition_values={physical["region"]: None})
    commits[2] = [commit_info(2, "WRITE"), appended.add(2)]
    for i, price in zip(column_ids, prices):
        expected.current[i] = {"id": i, "price": price, "region": None}
    expected.snapshot(2)
    # Version 3: upgrade to 3/7 with deletionVectors and delete rows 1 and 2 of the first file by an inline DV.
    rows = [1, 2]
    dv = inline(dv_bytes(rows), len(rows))
    commits[3] = [commit_info(3, "DELETE"),
                  protocol(3, 7, ["columnMapping", "deletionVectors"], ["columnMapping", "deletionVectors"]),
                  files[0].remove(3), files[0].add(3, dv)]
    for row in rows:
        expected.current.pop(row)
    expected.snapshot(3)
    write_log(table, commits)
    return expected


def colmap_id(name="colmap-id", physical_file_names=False):
    """With `physical_file_names`, files name their columns by physical name (as delta-rs writes them) besides the
    field ids; otherwise by unrelated names, so only the ids can match them."""
    table = fresh(name)
    expected = Expected()
    configuration = {"delta.columnMapping.mode": "id", "delta.columnMapping.maxColumnId": "4"}

    def fields(label_name, with_score):
        result = [field("id", "long", 1, "col-a1", nullable=False), field(label_name, "string", 2, "col-b2")]
        if with_score:
            result.append(field("score", "integer", 4, "col-d4"))
        return result

    # Files name their columns unlike the table (as if written before renames); only the field ids match.
    first_ids = list(range(0, 5))
    names = ({"old_id": "col-a1", "old_label": "col-b2", "x": "col-d4", "dropped": "col-e9", "y": "col-b2",
              "z": "col-a1"} if physical_file_names else {})

    def named(column):
        return names.get(column, column)

    first = DataFile(table, "part-00000-a.zstd.parquet",
                     [(named("old_id"), int64s(first_ids)),
                      (named("old_label"), strings([f"l{i}" for i in first_ids]))],
                     field_ids={named("old_id"): 1, named("old_label"): 2},
                     stats_names={named("old_id"): "col-a1", named("old_label"): "col-b2"})
    for i in first_ids:
        expected.current[i] = {"id": i, "label": f"l{i}"}
    commits = {0: [commit_info(0, "CREATE TABLE"),
                   protocol(3, 7, ["columnMapping"], ["columnMapping"]),
                   metadata("5a0c3e4e-0000-4000-8000-00000000cm02", fields("label", False), (), configuration),
                   first.add(0)]}
    expected.snapshot(0)
    # Version 1: `label` renamed to `tag`, column `score` (id 4) added; a file with an extra, unmapped column
    # (id 9, ignored) and the columns in another order.
    second_ids = list(range(5, 9))
    second = DataFile(table, "part-00001-b.zstd.parquet",
                      [(named("x"), pa.array([i * 10 for i in second_ids], type=pa.int32())),
                       (named("dropped"), strings(["gone"] * 4)),
                       (named("y"), strings([None, "t6", "t7", "t8"])), (named("z"), int64s(second_ids))],
                      field_ids={named("x"): 4, named("dropped"): 9, named("y"): 2, named("z"): 1},
                      stats_names={named("x"): "col-d4", named("dropped"): None, named("y"): "col-b2",
                                   named("z"): "col-a1"})
    commits[1] = [commit_info(1, "ADD COLUMNS"),
                  metadata("5a0c3e4e-0000-4000-8000-00000000cm02", fields("tag", True), (), configuration),
                  second.add(1)]
    for row in expected.current.values():
        row["tag"] = row.pop("label")
        row["score"] = None
    for i, tag in zip(second_ids, [None, "t6", "t7", "t8"]):
        expected.current[i] = {"id": i, "tag": tag, "score": i * 10}
    expected.snapshot(1)
    write_log(table, commits)
    return expected


# --------------------------------------------------------------------------------------------------------------
# Hostile DVs: one small table each, read fails. The damage is applied to an otherwise valid DV.


def bad_table(name, make_descriptor, rows=8):
    table = fresh(f"bad/{name}")
    fields = [field("id", "long", nullable=False)]
    data = DataFile(table, "part-00000-a.zstd.parquet", [("id", int64s(list(range(rows))))])
    descriptor = make_descriptor(table)
    write_log(table, {0: [commit_info(0, "CREATE TABLE"), protocol(3, 7, ["deletionVectors"], ["deletionVectors"]),
                          metadata("5a0c3e4e-0000-4000-8000-0000000bad00", fields)],
                      1: [commit_info(1, "DELETE"), data.add(1, descriptor)]})


def bad_cases():
    good_rows = [1, 2]
    good = dv_bytes(good_rows)
    cases = []

    def case(name, covers, error, make_descriptor, message, rows=8):
        bad_table(name, make_descriptor, rows)
        cases.append({"path": f"bad/{name}", "covers": covers, "opens": False, "expected_error": error,
                      "stage": "read", "message_contains": message, "generator": GENERATOR})

    case("dv_bad_crc", "a file DV whose stored CRC-32 does not match its bitmap", "corruptDeletionVector",
         lambda t: dv_file(t, "", [(good, 2)], crc_xor=0x1)[0], ["part-00000-a.zstd.parquet", "CRC-32"])
    case("dv_bad_magic", "an inline DV whose bitmap does not start with magic 1681511377", "corruptDeletionVector",
         lambda t: inline(b"\x01\x02\x03\x04" + good[4:], 2), ["magic", "byte 0"])
    case("dv_cardinality_mismatch", "a DV deleting 2 rows whose descriptor says 3", "corruptDeletionVector",
         lambda t: dict(inline(good, 2), cardinality=3), ["cardinality is 3"])
    case("dv_row_beyond_file", "a DV deleting row 2^32 + 5 of an 8-row file (second bucket)",
         "corruptDeletionVector", lambda t: inline(dv_bytes([1, (1 << 32) + 5]), 2), ["4294967301", "8 rows"])
    case("dv_truncated_bitmap", "a file DV whose sizeInBytes runs past the end of the file", "corruptDeletionVector",
         lambda t: dict(dv_file(t, "", [(good, 2)])[0], sizeInBytes=len(good) + 64), ["the file has"])
    case("dv_size_mismatch", "a file DV whose big-endian size field disagrees with sizeInBytes",
         "corruptDeletionVector", lambda t: dv_file(t, "", [(good, 2)], size_delta=1)[0], ["sizeInBytes"])
    case("dv_bad_version", "a DV file whose format version byte is 2", "corruptDeletionVector",
         lambda t: dv_file(t, "", [(good, 2)], version=2)[0], ["format version 2"])
    case("dv_bad_z85", "an inline DV with a character outside the Z85 alphabet", "corruptDeletionVector",
         lambda t: dict(inline(good, 2), pathOrInlineDv="~" + inline(good, 2)["pathOrInlineDv"][1:]),
         ["Z85 alphabet"])
    case("dv_container_overrun", "an inline DV whose container count promises more containers than bytes follow",
         "corruptDeletionVector",
         lambda t: inline(good[:12 + 4] + (12346).to_bytes(4, "little") + (5000).to_bytes(4, "little")
                          + good[12 + 12:], 2), ["containers"])
    def parent_prefix(table):
        descriptor = dv_file(table, "", [(good, 2)])[0]
        return dict(descriptor, pathOrInlineDv="../" + descriptor["pathOrInlineDv"])

    case("dv_prefix_with_slash", "a u DV whose prefix holds a slash (could leave the table)", "unsafePath",
         parent_prefix, ["letters and digits"])
    case("dv_absolute_path", "a p DV pointing outside the table", "unsafePath",
         lambda t: {"storageType": "p", "pathOrInlineDv": "file:///etc/deletion_vector.bin", "offset": 1,
                    "sizeInBytes": len(good), "cardinality": 2}, ["file:///etc/deletion_vector.bin"])
    case("dv_unsorted_array", "an inline DV whose array container values descend", "corruptDeletionVector",
         lambda t: inline(unsorted_array(), 2), ["ascending"])
    return cases


def unsorted_array():
    data = bytearray(dv_bytes([1, 2]))
    # The array body is the last 4 bytes: swap the two values.
    data[-4:] = (2).to_bytes(2, "little") + (1).to_bytes(2, "little")
    return bytes(data)


# --------------------------------------------------------------------------------------------------------------


def deltalake_rows(path, version):
    from deltalake import DeltaTable
    table = DeltaTable(str(path), version=version)
    rows = pa.table(table.scan()).to_pylist()
    return sorted(rows, key=lambda row: row["id"])


def main():
    check = "--check" in sys.argv[1:]
    good = {"dv-inline-and-file": (dv_inline_and_file, "inline and file DVs: prefix and none, offsets 1 and > 1, two "
                                   "DVs in one file, array/bitset/run containers with and without offsets, a DV "
                                   "deleting a whole file, a replaced DV, several row groups"),
            "dv-64bit-bucket": (dv_64bit_bucket, "a DV serialized with a second, empty bucket (key 1)"),
            "colmap-name": (colmap_name, "column mapping name at 2/5 then 3/7: physical names in files, partition "
                            "values and stats; a renamed column; a NULL partition; an inline DV"),
            "colmap-id": (colmap_id, "column mapping id at 3/7: Parquet columns named unlike the table, matched by "
                          "field id; a renamed column; a column added later; an unmapped extra column"),
            "colmap-id-physical": (lambda: colmap_id("colmap-id-physical", physical_file_names=True),
                                   "as colmap-id, but the files also name their columns by physical name, as "
                                   "delta-rs writes id-mapped tables")}
    entries = []
    for name, (make, covers) in good.items():
        expected = make()
        summary = {str(version): {"rows": len(rows), "id_sum": sum(row["id"] for row in rows)}
                   for version, rows in expected.versions.items()}
        entry = {"path": f"good/{name}", "covers": covers, "opens": True, "expected_error": None, "stage": "read",
                 "message_contains": [], "expected_version": max(expected.versions), "generator": GENERATOR,
                 "expected_summary": summary}
        if check:
            disagreements = []
            for version, rows in expected.versions.items():
                try:
                    peer = deltalake_rows(ROOT / "good" / name, version)
                except Exception as error:  # noqa: BLE001 - the peer's failure is the finding
                    disagreements.append(f"version {version}: deltalake failed: {error}".splitlines()[0])
                    continue
                if peer != rows:
                    disagreements.append(f"version {version}: deltalake read {len(peer)} rows, expected {len(rows)}")
            entry["deltalake_agrees"] = not disagreements
            if disagreements:
                # The Swift test then compares with these rows instead of asking deltalake.
                entry["deltalake_differences"] = disagreements
                entry["expected_rows"] = {str(version): rows for version, rows in expected.versions.items()}
            print(name, "deltalake agrees" if not disagreements else disagreements, file=sys.stderr)
        entries.append(entry)
    entries += bad_cases()

    manifest_path = ROOT / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())
    ours = {entry["path"] for entry in entries}
    manifest["cases"] = [case for case in manifest["cases"] if case["path"] not in ours] + entries
    read_note = "; stage read: reading every row must fail (or succeed), which loads deletion vectors"
    if read_note not in manifest["note"]:
        manifest["note"] += read_note
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    sys.stdout.flush()
    os._exit(0)  # deltalake may abort during interpreter teardown (see delta_read_table.py)


if __name__ == "__main__":
    main()
