#!/usr/bin/env python3
"""Probes what the `deltalake` package (delta-rs) writes into a Delta table's `_delta_log`, so that
spec/table-log.md records facts about the peer rather than guesses.

Usage:
    delta_peer_probe.py [--out DIR] [--keep] [--quiet-logs]

Builds a handful of tiny tables under DIR (default: a fresh temporary directory):
    plain        create, appends, an overwrite, a transaction identifier (txn), delete, merge,
                 optimize compact, z-order, a checkpoint, log compaction, restore, vacuum (dry run)
    partitioned  partitioned by a string and a date column, with a null partition value; replace a
                 partition by predicate; delete; checkpoint
    features     one table per optional feature we care about (deletion vectors, column mapping,
                 timestamp without zone, in-commit timestamps, change data feed, v2 checkpoints,
                 row tracking, append-only, constraints): what protocol delta-rs writes, and
                 whether it writes deletion vectors or physical column names
and prints every `_delta_log` file: commit JSON lines (schemaString decoded), `_last_checkpoint`, and the
checkpoint Parquet schema with its rows. At the end it reads every table back with DuckDB's delta
extension when that can be loaded (`LOAD delta`, or the file shipped by the `duckdb-extension-delta`
PyPI package, which needs the matching duckdb version) and compares row counts with deltalake's.

Everything is printed on stdout as plain text; the script exits 0 unless deltalake itself is missing. `[fail]`
lines are findings about the peer (what it refuses or cannot do), not failures of the probe. DuckDB's delta
extension cannot be downloaded here; run the probe in a virtual environment with
    pip install duckdb==1.5.5 duckdb-extension-delta==1.5.5 deltalake pyarrow
to include the DuckDB comparison (the extension binary only loads into the DuckDB version it was built for).
Findings are summarised in spec/table-log.md section 15.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import datetime  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
    import deltalake
    from deltalake import DeltaTable, write_deltalake
except ImportError as error:  # pragma: no cover - reported, not hidden
    print(f"missing peer package: {error}; install with: python3 -m pip install deltalake pyarrow")
    sys.exit(2)


def section(title):
    print()
    print("=" * 100)
    print(title)
    print("=" * 100)


def attempt(label, function):
    """Runs one peer operation; prints its outcome instead of stopping the probe on failure."""
    try:
        result = function()
        shown = "" if result is None else f" -> {json.dumps(result, default=str)[:400]}"
        print(f"[ok]   {label}{shown}")
        return True
    except Exception as error:  # noqa: BLE001 - every failure is a finding
        message = str(error).replace("\n", " ")[:400]
        print(f"[fail] {label}: {type(error).__name__}: {message}")
        return False


def expect_failure(label, function):
    """Runs an operation the peer must refuse; prints [ok] when it fails, [fail] when it unexpectedly succeeds."""
    try:
        function()
    except Exception as error:  # noqa: BLE001
        message = str(error).replace("\n", " ")[:300]
        print(f"[ok]   {label} is refused: {type(error).__name__}: {message}")
        return True
    print(f"[fail] {label} was accepted")
    return False


def time_travel_by_timestamp(path, version):
    """Loads the table as of one millisecond after `version`'s commit timestamp; returns the version loaded."""
    history = {entry["version"]: entry["timestamp"] for entry in DeltaTable(path).history()}
    instant = datetime.datetime.fromtimestamp((history[version] + 1) / 1000, tz=datetime.timezone.utc)
    table = DeltaTable(path)
    table.load_as_version(instant)
    return {"asked_for_version": version, "loaded_version": table.version(), "count": table.count()}


def shaped(table, special):
    """Adds the columns a feature table needs on every write."""
    if special == "ntz":
        count = table.num_rows
        return table.append_column("local", pa.array(
            [datetime.datetime(2024, 5, 1, 8, 30, i % 60) for i in range(count)], pa.timestamp("us")))
    return table


def sample(start, count, category="a"):
    return pa.table({
        "id": pa.array(range(start, start + count), pa.int64()),
        "category": pa.array([category] * count, pa.string()),
        "price": pa.array([float(i) * 1.5 for i in range(start, start + count)], pa.float64()),
        "amount": pa.array([i * 100 for i in range(start, start + count)], pa.decimal128(12, 2)),
        "day": pa.array([datetime.date(2024, 1, 1 + i % 28) for i in range(start, start + count)], pa.date32()),
        "at": pa.array([datetime.datetime(2024, 1, 1, 12, 0, i % 60, tzinfo=datetime.timezone.utc)
                        for i in range(start, start + count)], pa.timestamp("us", tz="UTC")),
        "note": pa.array([None if i % 3 == 0 else "x" * (i % 7) for i in range(start, start + count)], pa.string()),
    })


def short_json(value, limit):
    text = json.dumps(value, sort_keys=False)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def dump_commit(path, limit):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            action = json.loads(line)
            ((kind, body),) = action.items()
            if kind == "metaData" and "schemaString" in body:
                body = dict(body)
                schema = json.loads(body.pop("schemaString"))
                print(f"  metaData: {short_json(body, limit)}")
                print(f"    schemaString: {short_json(schema, limit)}")
            elif kind == "add" and isinstance(body.get("stats"), str):
                body = dict(body)
                stats = json.loads(body.pop("stats"))
                print(f"  add: {short_json(body, limit)}")
                print(f"    stats: {short_json(stats, limit)}")
            else:
                print(f"  {kind}: {short_json(body, limit)}")


def describe_type(arrow_type, indent):
    pad = "  " * indent
    if pa.types.is_struct(arrow_type):
        lines = []
        for index in range(arrow_type.num_fields):
            child = arrow_type.field(index)
            lines.append(f"{pad}{child.name}: {type_label(child.type)}{'' if child.nullable else ' not null'}")
            lines.extend(describe_type(child.type, indent + 1))
        return lines
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return describe_type(arrow_type.value_type, indent)
    if pa.types.is_map(arrow_type):
        return describe_type(arrow_type.item_type, indent)
    return []


def type_label(arrow_type):
    if pa.types.is_struct(arrow_type):
        return "struct"
    if pa.types.is_list(arrow_type):
        return f"list<{type_label(arrow_type.value_type)}>"
    if pa.types.is_map(arrow_type):
        return f"map<{type_label(arrow_type.key_type)},{type_label(arrow_type.item_type)}>"
    return str(arrow_type)


def dump_checkpoint(path, limit):
    parquet = pq.ParquetFile(path)
    print(f"  parquet: {parquet.metadata.num_rows} rows, {parquet.metadata.num_row_groups} row groups, "
          f"created_by={parquet.metadata.created_by!r}, "
          f"codec={parquet.metadata.row_group(0).column(0).compression if parquet.metadata.num_row_groups else '-'}")
    schema = parquet.schema_arrow
    for field in schema:
        print(f"  {field.name}: {type_label(field.type)}")
        for line in describe_type(field.type, 2):
            print(line)
    print("  physical leaf columns:")
    for index in range(parquet.metadata.num_columns):
        column = parquet.schema.column(index)
        print(f"    {column.path} {column.physical_type} {column.logical_type} "
              f"max_def={column.max_definition_level} max_rep={column.max_repetition_level}")
    for row in parquet.read().to_pylist():
        present = {key: value for key, value in row.items() if value is not None}
        print(f"  row: {short_json(present, limit)}")


def dump_log(table_path, limit):
    log = os.path.join(table_path, "_delta_log")
    names = sorted(os.listdir(log))
    print(f"files in {os.path.relpath(log, os.path.dirname(table_path))}: {names}")
    for name in names:
        path = os.path.join(log, name)
        if os.path.isdir(path):
            print(f"-- {name}/ : {sorted(os.listdir(path))}")
            continue
        print(f"-- {name} ({os.path.getsize(path)} bytes, mtime {int(os.path.getmtime(path) * 1000)})")
        if name.endswith(".json"):
            dump_commit(path, limit)
        elif name.endswith(".parquet"):
            dump_checkpoint(path, limit)
        elif name == "_last_checkpoint" or name.endswith(".crc"):
            with open(path, encoding="utf-8") as handle:
                print(f"  {handle.read().strip()[:limit]}")
    data = sorted(os.path.relpath(p, table_path) for p in glob.glob(os.path.join(table_path, "**", "*"),
                                                                    recursive=True)
                  if os.path.isfile(p) and "_delta_log" not in p)
    print(f"data and other files: {data}")


def probe_plain(root):
    path = os.path.join(root, "plain")
    section("plain table: create, appends, overwrite, txn, delete, merge, optimize, checkpoint, restore")
    attempt("write (create) rows 0..9", lambda: write_deltalake(path, sample(0, 10), mode="error",
                                                                  name="plain", description="probe"))
    attempt("append rows 10..19", lambda: write_deltalake(path, sample(10, 10), mode="append"))
    attempt("append rows 20..24 with txn(appId=probe, version=7)", lambda: write_deltalake(
        path, sample(20, 5), mode="append",
        commit_properties=deltalake.CommitProperties(
            custom_metadata={"userName": "probe"},
            app_transactions=[deltalake.Transaction(app_id="probe", version=7)])))
    attempt("transaction_version(probe)", lambda: DeltaTable(path).transaction_version("probe"))
    attempt("overwrite with rows 100..119", lambda: write_deltalake(path, sample(100, 20), mode="overwrite"))
    attempt("append rows 200..209 with a new nullable column (schema_mode=merge)", lambda: write_deltalake(
        path, sample(200, 10).append_column("extra", pa.array(range(10), pa.int32())), mode="append",
        schema_mode="merge"))
    attempt("delete where id % 2 = 0", lambda: DeltaTable(path).delete("id % 2 = 0"))
    source = pa.table({"id": pa.array([101, 103, 500], pa.int64()), "price": pa.array([-1.0, -2.0, -3.0])})
    attempt("merge update-or-insert on id", lambda: DeltaTable(path).merge(
        source, "t.id = s.id", source_alias="s", target_alias="t")
        .when_matched_update({"price": "s.price"}).when_not_matched_insert({"id": "s.id", "price": "s.price"})
        .execute())
    attempt("merge insert-only-missing on id", lambda: DeltaTable(path).merge(
        pa.table({"id": pa.array([101, 777], pa.int64()), "price": pa.array([9.0, 7.0])}),
        "t.id = s.id", source_alias="s", target_alias="t")
        .when_not_matched_insert({"id": "s.id", "price": "s.price"}).execute())
    attempt("optimize compact", lambda: DeltaTable(path).optimize.compact())
    attempt("append rows 300..304 without the new column (schema_mode=merge fills nulls)", lambda: write_deltalake(
        path, sample(300, 5), mode="append", schema_mode="merge"))
    attempt("optimize z_order(price, id)", lambda: DeltaTable(path).optimize.z_order(["price", "id"]))
    attempt("create_checkpoint", lambda: DeltaTable(path).create_checkpoint())
    attempt("append rows 400..401 after checkpoint", lambda: write_deltalake(
        path, sample(400, 2), mode="append", schema_mode="merge"))
    attempt("compact_logs(1, 3)", lambda: DeltaTable(path).compact_logs(1, 3))
    attempt("restore to version 2", lambda: DeltaTable(path).restore(2))
    attempt("count at latest", lambda: DeltaTable(path).count())
    attempt("count at version 1", lambda: DeltaTable(path, version=1).count())
    attempt("vacuum dry run, retention 0h, not enforced", lambda: len(DeltaTable(path).vacuum(
        retention_hours=0, dry_run=True, enforce_retention_duration=False)))
    expect_failure("vacuum with retention 0h while the 7-day check is enforced",
                   lambda: DeltaTable(path).vacuum(retention_hours=0))
    attempt("history operations", lambda: [h.get("operation") for h in DeltaTable(path).history()])
    attempt("protocol", lambda: str(DeltaTable(path).protocol()))
    attempt("load_as_version(timestamp of version 3 + 1 ms)", lambda: time_travel_by_timestamp(path, 3))
    return path


def probe_partitioned(root):
    path = os.path.join(root, "partitioned")
    section("partitioned table: by category (string) and day (date), null partition value")
    first = sample(0, 6, "a")
    first = first.set_column(first.schema.get_field_index("category"), "category",
                             pa.array(["a", "b", None, "a", "c d/e", "b"], pa.string()))
    attempt("create partitioned by category, day", lambda: write_deltalake(
        path, first, partition_by=["category", "day"], mode="error"))
    attempt("append category b", lambda: write_deltalake(path, sample(10, 3, "b"), mode="append"))
    attempt("overwrite partition category = 'b' (predicate)", lambda: write_deltalake(
        path, sample(50, 2, "b"), mode="overwrite", predicate="category = 'b'"))
    attempt("delete where category = 'a'", lambda: DeltaTable(path).delete("category = 'a'"))
    attempt("delete where price > 70 (data column, rewrites files)", lambda: DeltaTable(path).delete("price > 70"))
    attempt("optimize compact", lambda: DeltaTable(path).optimize.compact())
    attempt("create_checkpoint", lambda: DeltaTable(path).create_checkpoint())
    attempt("count", lambda: DeltaTable(path).count())
    attempt("partitions", lambda: DeltaTable(path).partitions())
    return path


FEATURE_TABLES = [
    ("dv", {"delta.enableDeletionVectors": "true"}, None),
    ("colmap_name", {"delta.columnMapping.mode": "name"}, None),
    ("colmap_id", {"delta.columnMapping.mode": "id"}, None),
    ("ict", {"delta.enableInCommitTimestamps": "true"}, None),
    ("cdf", {"delta.enableChangeDataFeed": "true"}, None),
    ("v2checkpoint", {"delta.checkpointPolicy": "v2"}, None),
    ("rowtracking", {"delta.enableRowTracking": "true"}, None),
    ("appendonly", {"delta.appendOnly": "true"}, None),
    ("interval3", {"delta.checkpointInterval": "3"}, None),
    ("ntz", {}, "ntz"),
]


def probe_features(root):
    paths = []
    section("feature tables: which protocol and actions delta-rs writes for each optional feature")
    for name, configuration, special in FEATURE_TABLES:
        path = os.path.join(root, f"feature_{name}")
        data = shaped(sample(0, 8), special)
        print()
        print(f"--- {name}: configuration={configuration}")
        if not attempt("create", lambda: write_deltalake(path, data, mode="error", configuration=configuration)):
            continue
        paths.append(path)
        attempt("append", lambda: write_deltalake(path, shaped(sample(8, 4), special), mode="append"))
        if name == "appendonly":
            expect_failure("delete on an append-only table", lambda: DeltaTable(path).delete("id = 1 OR id = 2"))
        else:
            attempt("delete id in (1, 2)", lambda: DeltaTable(path).delete("id = 1 OR id = 2"))
        attempt("append", lambda: write_deltalake(path, shaped(sample(20, 2), special), mode="append"))
        attempt("protocol", lambda: str(DeltaTable(path).protocol()))
        attempt("count", lambda: DeltaTable(path).count())
        if name == "dv":
            attempt("deletion_vectors() (delta-rs rewrote the file instead of writing a DV?)",
                    lambda: pa.table(DeltaTable(path).deletion_vectors()).to_pylist())
        if name in ("v2checkpoint", "interval3"):
            attempt("create_checkpoint", lambda: DeltaTable(path).create_checkpoint())
    path = os.path.join(root, "feature_constraint")
    print()
    print("--- constraint: add_constraint price >= 0, then append a violating row")
    if attempt("create", lambda: write_deltalake(path, sample(0, 4), mode="error")):
        paths.append(path)
        attempt("add_constraint", lambda: DeltaTable(path).alter.add_constraint({"price_nonneg": "price >= 0"}))
        bad = sample(10, 1)
        bad = bad.set_column(bad.schema.get_field_index("price"), "price", pa.array([-5.0]))
        expect_failure("append a row violating the constraint", lambda: write_deltalake(path, bad, mode="append"))
    path = os.path.join(root, "feature_added_dv")
    print()
    print("--- add_feature(DeletionVectors) on an existing table, then delete")
    if attempt("create", lambda: write_deltalake(path, sample(0, 6), mode="error")):
        paths.append(path)
        attempt("add_feature DeletionVectors", lambda: DeltaTable(path).alter.add_feature(
            deltalake.TableFeatures.DeletionVectors, allow_protocol_versions_increase=True))
        attempt("delete id = 3", lambda: DeltaTable(path).delete("id = 3"))
        attempt("protocol", lambda: str(DeltaTable(path).protocol()))
    for feature_name in ("V2Checkpoint", "RowTracking", "DomainMetadata", "ColumnMapping"):
        path = os.path.join(root, f"feature_add_{feature_name.lower()}")
        print()
        print(f"--- add_feature({feature_name}) on an existing table, append, checkpoint")
        if not attempt("create", lambda: write_deltalake(path, sample(0, 4), mode="error")):
            continue
        paths.append(path)
        attempt(f"add_feature {feature_name}", lambda: DeltaTable(path).alter.add_feature(
            getattr(deltalake.TableFeatures, feature_name), allow_protocol_versions_increase=True))
        attempt("append", lambda: write_deltalake(path, sample(4, 2), mode="append"))
        attempt("create_checkpoint", lambda: DeltaTable(path).create_checkpoint())
        attempt("protocol", lambda: str(DeltaTable(path).protocol()))
    path = os.path.join(root, "checkpoint_interval_rule")
    print()
    print("--- delta.checkpointInterval=3 and 8 commits: which versions get an automatic checkpoint")
    if attempt("create", lambda: write_deltalake(path, sample(0, 1), mode="error",
                                                  configuration={"delta.checkpointInterval": "3"})):
        for index in range(7):
            write_deltalake(path, sample(index + 1, 1), mode="append")
        attempt("checkpoint files", lambda: sorted(name for name in os.listdir(os.path.join(path, "_delta_log"))
                                                   if "checkpoint" in name))
        paths.append(path)
    return paths


# ------------------------------------------------------------------------------------------------------------------
# Deletion vectors authored here: delta-rs reads them but does not write them, so the probe writes its own commits
# that attach DVs to files delta-rs wrote, then asks both peers to read the table. Written from spec/table-log.md.

Z85_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
DV_MAGIC = 1681511377


def z85_encode(data):
    """Z85 text of `data` zero-padded to a multiple of 4 bytes (readers cut the decoded bytes to sizeInBytes)."""
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


def roaring32(values):
    """Portable 32-bit RoaringBitmap without run containers (cookie 12346) of sorted unique `values`."""
    containers = {}
    for value in values:
        containers.setdefault(value >> 16, []).append(value & 0xFFFF)
    keys = sorted(containers)
    header = (12346).to_bytes(4, "little") + len(keys).to_bytes(4, "little")
    for key in keys:
        header += key.to_bytes(2, "little") + (len(containers[key]) - 1).to_bytes(2, "little")
    bodies = []
    for key in keys:
        lows = containers[key]
        if len(lows) <= 4096:
            bodies.append(b"".join(low.to_bytes(2, "little") for low in lows))
        else:
            words = [0] * 1024
            for low in lows:
                words[low >> 6] |= 1 << (low & 63)
            bodies.append(b"".join(word.to_bytes(8, "little") for word in words))
    offset = len(header) + 4 * len(keys)
    offsets = b""
    for body in bodies:
        offsets += offset.to_bytes(4, "little")
        offset += len(body)
    return header + offsets + b"".join(bodies)


def deletion_vector_bytes(row_indexes):
    """Magic plus the 64-bit portable Roaring serialization (buckets by the high 32 bits)."""
    buckets = {}
    for row in sorted(set(row_indexes)):
        buckets.setdefault(row >> 32, []).append(row & 0xFFFFFFFF)
    body = len(buckets).to_bytes(8, "little")
    for key in sorted(buckets):
        body += key.to_bytes(4, "little") + roaring32(buckets[key])
    return DV_MAGIC.to_bytes(4, "little") + body


def write_dv_file(table_path, prefix, dvs):
    """Writes one DV file holding every bitmap in `dvs`; returns a descriptor per bitmap."""
    import uuid
    import zlib
    identifier = uuid.uuid4()
    folder = os.path.join(table_path, prefix) if prefix else table_path
    os.makedirs(folder, exist_ok=True)
    content = bytearray([1])
    descriptors = []
    for rows in dvs:
        data = deletion_vector_bytes(rows)
        descriptors.append({"storageType": "u", "pathOrInlineDv": prefix + z85_encode(identifier.bytes),
                            "offset": len(content), "sizeInBytes": len(data), "cardinality": len(set(rows))})
        content += len(data).to_bytes(4, "big") + data + zlib.crc32(data).to_bytes(4, "big")
    with open(os.path.join(folder, f"deletion_vector_{identifier}.bin"), "xb") as handle:
        handle.write(bytes(content))
    return descriptors


def inline_dv(rows):
    data = deletion_vector_bytes(rows)
    return {"storageType": "i", "pathOrInlineDv": z85_encode(data), "sizeInBytes": len(data),
            "cardinality": len(set(rows))}


def live_adds(table_path):
    """Replays the JSON commits (these probe tables have no checkpoint): path -> add action."""
    log = os.path.join(table_path, "_delta_log")
    files = {}
    for name in sorted(n for n in os.listdir(log) if n.endswith(".json") and n[:20].isdigit() and len(n) == 25):
        with open(os.path.join(log, name), encoding="utf-8") as handle:
            for line in handle:
                action = json.loads(line)
                if "add" in action:
                    files[action["add"]["path"]] = action["add"]
                elif "remove" in action:
                    files.pop(action["remove"]["path"], None)
    return files


def commit_dvs(table_path, changes):
    """Commits one version that replaces each (add, new descriptor) pair's logical file. Put-if-absent."""
    version = DeltaTable(table_path).version() + 1
    now = int(time.time() * 1000)
    lines = [{"commitInfo": {"timestamp": now, "operation": "DELETE", "operationParameters": {"predicate": "probe"},
                             "engineInfo": "delta_peer_probe"}}]
    for add, descriptor in changes:
        removed = {"path": add["path"], "deletionTimestamp": now, "dataChange": True, "extendedFileMetadata": True,
                   "partitionValues": add["partitionValues"], "size": add["size"]}
        if add.get("deletionVector"):
            removed["deletionVector"] = add["deletionVector"]
        added = {key: add[key] for key in ("path", "partitionValues", "size", "modificationTime", "stats")}
        added.update({"dataChange": True, "deletionVector": descriptor})
        lines += [{"remove": removed}, {"add": added}]
    target = os.path.join(table_path, "_delta_log", f"{version:020d}.json")
    with open(target, "x", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(line, separators=(",", ":")) for line in lines) + "\n")
    return version


def check_ids(table, ids):
    seen = sorted(table.column("id").to_pylist())
    if seen != sorted(ids):
        raise AssertionError(f"{len(seen)} ids read, {len(ids)} expected")
    return len(seen)


def probe_authored_deletion_vectors(root):
    """Two files from delta-rs, then: a file DV (prefix, offset 1), an inline DV, then a second file DV (offset > 1)
    replacing the first. Both peers must return exactly the surviving ids at each version."""
    path = os.path.join(root, "authored_dv")
    section("deletion vectors authored by this probe on a table delta-rs created with deletionVectors")
    if not attempt("create with delta.enableDeletionVectors=true", lambda: write_deltalake(
            path, sample(0, 8), mode="error", configuration={"delta.enableDeletionVectors": "true"})):
        return [], {}
    write_deltalake(path, sample(100, 5000), mode="append")
    adds = live_adds(path)
    small = next(add for add in adds.values() if json.loads(add["stats"])["numRecords"] == 8)
    large = next(add for add in adds.values() if json.loads(add["stats"])["numRecords"] == 5000)
    large_rows = list(range(0, 5000, 2))  # 2500 rows: one array container
    expected = {}
    (first,) = write_dv_file(path, "ab", [[1, 3, 5]])
    version = commit_dvs(path, [(small, first)])
    expected[version] = set(range(8)) - {1, 3, 5} | set(range(100, 5100))
    version = commit_dvs(path, [(large, inline_dv(large_rows))])
    expected[version] = expected[version - 1] - {100 + row for row in large_rows}
    adds = live_adds(path)
    small = adds[small["path"]]
    _, replacement = write_dv_file(path, "", [[0], [1, 3, 5, 6]])
    version = commit_dvs(path, [(small, replacement)])
    expected[version] = expected[version - 1] - {6}  # the new DV deletes 1, 3, 5 and 6 of the small file
    for version, ids in expected.items():
        attempt(f"deltalake scan() ids at version {version} equal the expected {len(ids)} ids",
                lambda: check_ids(pa.table(DeltaTable(path, version=version).scan(columns=["id"])), ids))
        attempt(f"deltalake to_pyarrow_table() at version {version}",
                lambda: DeltaTable(path, version=version).to_pyarrow_table().num_rows)
        attempt(f"deltalake count() at version {version} (expected {len(ids)})",
                lambda: DeltaTable(path, version=version).count())
    attempt("deletion_vectors() at latest", lambda: [
        {"file": os.path.basename(row["filepath"]), "deleted_rows": sum(1 for keep in row["selection_vector"]
                                                                        if not keep)}
        for row in pa.table(DeltaTable(path).deletion_vectors()).to_pylist()])
    return [path], {path: expected}


def load_duckdb_delta():
    """Returns (connection, how) when DuckDB's delta extension can be loaded here, else (None, reason)."""
    try:
        import duckdb
    except ImportError:
        return None, "duckdb is not installed"
    connection = duckdb.connect()
    try:
        connection.sql("LOAD delta")
        return connection, f"duckdb {duckdb.__version__}, LOAD delta (already installed)"
    except Exception as error:  # noqa: BLE001
        first = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    try:
        import duckdb_extension_delta
        folder = os.path.dirname(duckdb_extension_delta.__file__)
        candidates = glob.glob(os.path.join(folder, "extensions", "*", "delta.duckdb_extension"))
        wanted = [c for c in candidates if f"v{duckdb.__version__}" in c] or candidates
        if wanted:
            connection.sql(f"LOAD '{wanted[0]}'")
            return connection, f"duckdb {duckdb.__version__}, LOAD '{wanted[0]}' (from duckdb-extension-delta)"
    except Exception as error:  # noqa: BLE001
        return None, f"{first}; duckdb-extension-delta: {type(error).__name__}: {str(error)[:200]}"
    return None, f"{first}; no duckdb-extension-delta package"


def compare_with_duckdb(paths, expected_ids):
    section("DuckDB delta extension: row counts compared with deltalake's scan()")
    connection, how = load_duckdb_delta()
    print(how)
    if connection is None:
        return
    version = connection.sql("select extension_version from duckdb_extensions() where extension_name='delta'")
    print(f"delta extension version: {version.fetchone()[0]}")
    for path in paths:
        try:
            expected = pa.table(DeltaTable(path).scan()).num_rows  # scan() applies DVs; count() does not
        except Exception as error:  # noqa: BLE001
            expected = f"deltalake failed: {type(error).__name__}"
        try:
            seen = connection.sql(f"select count(*) from delta_scan('{path}')").fetchone()[0]
        except Exception as error:  # noqa: BLE001
            seen = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        verdict = "same" if seen == expected else "DIFFERENT"
        print(f"  {os.path.basename(path)}: deltalake={expected} duckdb={seen} [{verdict}]")
        for version, ids in expected_ids.get(path, {}).items():
            try:
                rows = connection.sql(f"select id from delta_scan('{path}', version => {version})").fetchall()
                seen_ids = sorted(row[0] for row in rows)
                outcome = "same" if seen_ids == sorted(ids) else f"DIFFERENT ({len(seen_ids)} rows)"
            except Exception as error:  # noqa: BLE001
                outcome = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
            print(f"    version {version}: expected {len(ids)} ids, duckdb: {outcome}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="folder for the tables (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--quiet-logs", action="store_true", help="do not print the _delta_log files")
    parser.add_argument("--width", type=int, default=600, help="characters of each JSON value to print")
    arguments = parser.parse_args()
    root = arguments.out or tempfile.mkdtemp(prefix="delta-peer-probe-")
    os.makedirs(root, exist_ok=True)
    print(f"deltalake {deltalake.__version__} (core {deltalake.rust_core_version()}), pyarrow {pa.__version__}, "
          f"python {sys.version.split()[0]}, tables under {root}")
    started = time.time()
    paths = [probe_plain(root), probe_partitioned(root)]
    paths += probe_features(root)
    authored, expected_ids = probe_authored_deletion_vectors(root)
    paths += authored
    if not arguments.quiet_logs:
        for path in paths:
            section(f"_delta_log of {os.path.basename(path)}")
            dump_log(path, arguments.width)
    compare_with_duckdb(paths, expected_ids)
    print(f"\nprobe took {time.time() - started:.1f} s")
    if not arguments.out and not arguments.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
