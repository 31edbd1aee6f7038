#!/usr/bin/env python3
"""Regenerates Fixtures/delta/: hand-authored Delta logs for the bad-log corpus of spec/table-log.md §14.

Every table is JSON commits only (no data files): each case fails, or must open, before a data file is read.
The output is deterministic (fixed ids and timestamps, sorted keys where order does not matter); the script
removes Fixtures/delta/ first. Run from anywhere: python3 Tests/interop/make_delta_fixtures.py
"""

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "Fixtures" / "delta"
TABLE_ID = "00000000-0000-4000-8000-000000000001"
CREATED_MS = 1_700_000_000_000


def line(obj):
    return json.dumps(obj, separators=(",", ":"))


def schema(fields):
    return json.dumps({"type": "struct", "fields": [
        {"name": name, "type": kind, "nullable": True, "metadata": {}} for name, kind in fields
    ]}, separators=(",", ":"))


BASE_SCHEMA = schema([("id", "long"), ("name", "string")])


def protocol(reader=1, writer=2, reader_features=None, writer_features=None):
    body = {"minReaderVersion": reader, "minWriterVersion": writer}
    if reader_features is not None:
        body["readerFeatures"] = reader_features
    if writer_features is not None:
        body["writerFeatures"] = writer_features
    return {"protocol": body}


def metadata(schema_string=BASE_SCHEMA, partition_columns=(), drop=()):
    body = {
        "id": TABLE_ID,
        "format": {"provider": "parquet", "options": {}},
        "schemaString": schema_string,
        "partitionColumns": list(partition_columns),
        "configuration": {},
        "createdTime": CREATED_MS,
    }
    for key in drop:
        del body[key]
    return {"metaData": body}


def add(path, size=100, partition_values=None, drop=()):
    body = {
        "path": path,
        "partitionValues": partition_values or {},
        "size": size,
        "modificationTime": CREATED_MS,
        "dataChange": True,
    }
    for key in drop:
        del body[key]
    return {"add": body}


def commit_info(version, operation="WRITE"):
    return {"commitInfo": {"timestamp": CREATED_MS + version * 1000, "operation": operation}}


def commit_name(version):
    return f"_delta_log/{version:020d}.json"


def write_table(relative, commits, extra_files=None):
    """commits: {version: [line text, ...]}; extra_files: {relative path: text}."""
    table = ROOT / relative
    (table / "_delta_log").mkdir(parents=True)
    for version, lines in commits.items():
        (table / commit_name(version)).write_text("".join(text + "\n" for text in lines))
    for path, text in (extra_files or {}).items():
        (table / path).write_text(text)


def create_commit(**kwargs):
    return [line(commit_info(0, "CREATE TABLE")), line(protocol()), line(metadata(**kwargs))]


CASES = []


def case(path, covers, expected_error, stage="snapshot", message_contains=(), opens=False, **facts):
    entry = {"path": path, "covers": covers, "opens": opens, "expected_error": expected_error, "stage": stage,
             "message_contains": list(message_contains)}
    entry.update(facts)
    CASES.append(entry)


def add_path_case(name, raw_path, covers):
    write_table(f"bad/{name}", {0: create_commit(), 1: [line(commit_info(1)), line(add(raw_path))]})
    case(f"bad/{name}", covers, "unsafePath", message_contains=[raw_path])


def main():
    if ROOT.exists():
        shutil.rmtree(ROOT)
    ROOT.mkdir(parents=True)
    c1 = commit_name(1)
    c0 = commit_name(0)

    write_table("bad/truncated_json", {0: create_commit(), 1: [
        line(commit_info(1)), line(add("a.parquet"))[:40]]})
    case("bad/truncated_json", "the last line of commit 1 is cut off in the middle of an add action",
         "corruptEntry", message_contains=[c1, "line 2"])

    write_table("bad/line_not_object", {0: create_commit(), 1: [line(commit_info(1)), "[1,2,3]"]})
    case("bad/line_not_object", "a commit line that is a JSON array, not an object",
         "corruptEntry", message_contains=[c1, "line 2"])

    two = {**add("a.parquet"), "remove": {"path": "b.parquet", "deletionTimestamp": CREATED_MS, "dataChange": True}}
    write_table("bad/two_keys_in_action", {0: create_commit(), 1: [line(commit_info(1)), line(two)]})
    case("bad/two_keys_in_action", "one line holding both an add and a remove key",
         "corruptEntry", message_contains=[c1, "line 2"])

    write_table("bad/add_missing_size", {0: create_commit(), 1: [
        line(commit_info(1)), line(add("a.parquet", drop=("size",)))]})
    case("bad/add_missing_size", "an add action without its required size field",
         "corruptEntry", message_contains=[c1, "line 2", "size"])

    write_table("bad/metadata_missing_schema_string", {0: [
        line(commit_info(0, "CREATE TABLE")), line(protocol()), line(metadata(drop=("schemaString",)))]})
    case("bad/metadata_missing_schema_string", "a metaData action without its required schemaString field",
         "corruptEntry", message_contains=[c0, "line 3", "schemaString"])

    add_path_case("add_path_parent", "../x.parquet", "add.path escaping the table root with a ../ component")
    add_path_case("add_path_absolute", "/etc/passwd", "add.path that is an absolute file system path")
    add_path_case("add_path_uri", "s3://bucket/x", "add.path that is an absolute URI with a scheme")
    add_path_case("add_path_encoded_parent", "%2e%2e/x.parquet",
                  "add.path whose ../ is hidden behind percent escapes (decoded once, then checked)")
    add_path_case("add_path_into_log", "_delta_log/00000000000000000009.json",
                  "add.path naming a file inside _delta_log/")

    write_table("bad/version_gap", {0: create_commit(), 2: [line(commit_info(2)), line(add("a.parquet"))]})
    case("bad/version_gap", "commits 0 and 2 with commit 1 missing and no checkpoint", "missingCommit",
         message_contains=["commit 1"])

    write_table("bad/commit_zero_missing", {1: [line(commit_info(1)), line(protocol()), line(metadata()),
                                                line(add("a.parquet"))]})
    case("bad/commit_zero_missing", "only commit 1 exists: commit 0 is gone and no checkpoint covers it",
         "missingCommit", message_contains=["commit 0"])

    write_table("bad/unknown_reader_feature", {0: [
        line(commit_info(0, "CREATE TABLE")),
        line(protocol(3, 7, ["timeTravelFromTheFuture"], ["timeTravelFromTheFuture"])), line(metadata())]})
    case("bad/unknown_reader_feature", "protocol 3/7 listing a reader feature nobody implements",
         "unsupportedFeature", message_contains=["timeTravelFromTheFuture"])

    write_table("bad/reader_version_4", {0: [
        line(commit_info(0, "CREATE TABLE")), line(protocol(4, 7, [], [])), line(metadata())]})
    case("bad/reader_version_4", "minReaderVersion 4, above what the Delta protocol defines",
         "unsupportedProtocol", message_contains=["minReaderVersion 4"])

    write_table("bad/schema_string_not_json", {0: create_commit(schema_string='{"type":"struct","fields":[')})
    case("bad/schema_string_not_json", "metaData.schemaString that is not valid JSON", "invalidSchema",
         message_contains=["invalid table schema"])

    write_table("bad/partition_value_not_integer", {
        0: create_commit(schema_string=schema([("id", "long"), ("p", "integer")]), partition_columns=["p"]),
        1: [line(commit_info(1)), line(add("p=abc/a.parquet", partition_values={"p": "abc"}))]})
    case("bad/partition_value_not_integer",
         "a partition value \"abc\" for an integer partition column; the log opens, planning a scan fails",
         "invalidPartitionValue", stage="scan", message_contains=["abc", "\"p\""])

    depth = 10_000
    deep = '{"commitInfo":{"nested":' + "[" * depth + "]" * depth + "}}"
    write_table("bad/deeply_nested_line", {0: create_commit(), 1: [deep]})
    case("bad/deeply_nested_line", f"a commitInfo line nested {depth} arrays deep (recursion must be bounded)",
         "corruptEntry", message_contains=[c1, "line 1"])

    add_path_case("add_path_malformed_escape", "a%2.parquet", "add.path with a percent escape missing a digit")
    add_path_case("add_path_nul", "a%00.parquet", "add.path whose escape decodes to a NUL byte")

    write_table("bad/remove_path_parent", {0: create_commit(), 1: [line(commit_info(1)), line(
        {"remove": {"path": "../x.parquet", "deletionTimestamp": CREATED_MS, "dataChange": True}})]})
    case("bad/remove_path_parent", "remove.path escaping the table root (tombstones are later deleted by VACUUM)",
         "unsafePath", message_contains=["../x.parquet"])

    write_table("bad/add_size_overflow", {0: create_commit(), 1: [
        line(commit_info(1)), line(add("a.parquet")).replace('"size":100', '"size":9223372036854775808')]})
    case("bad/add_size_overflow", "add.size one above Int64.max", "corruptEntry",
         message_contains=[c1, "line 2", "size"])

    write_table("bad/duplicate_add_in_commit", {0: create_commit(), 1: [
        line(commit_info(1)), line(add("a.parquet")), line(add("a.parquet", size=200))]})
    case("bad/duplicate_add_in_commit", "one commit adding the same path twice", "corruptLog",
         message_contains=[c1, "a.parquet"])

    write_table("bad/add_size_negative", {0: create_commit(), 1: [line(commit_info(1)), line(add("a.parquet", size=-5))]})
    case("bad/add_size_negative", "add.size -5", "corruptEntry", message_contains=[c1, "line 2", "size"])

    write_table("bad/partition_column_not_in_schema", {0: create_commit(partition_columns=["nope"])})
    case("bad/partition_column_not_in_schema", "metaData.partitionColumns naming a column the schema lacks",
         "invalidSchema", message_contains=["nope"])

    write_table("bad/reader_3_without_features", {0: [
        line(commit_info(0, "CREATE TABLE")), line(protocol(3, 7)), line(metadata())]})
    case("bad/reader_3_without_features", "protocol 3/7 without a readerFeatures list", "corruptLog",
         message_contains=["readerFeatures"])

    write_table("bad/commit_zero_without_protocol", {0: [line(commit_info(0, "CREATE TABLE")), line(metadata())]})
    case("bad/commit_zero_without_protocol", "commit 0 holding metaData but no protocol action", "corruptLog",
         message_contains=[c0, "protocol"])

    orc = metadata()
    orc["metaData"]["format"]["provider"] = "orc"
    write_table("bad/format_not_parquet", {0: [line(commit_info(0, "CREATE TABLE")), line(protocol()), line(orc)]})
    case("bad/format_not_parquet", "metaData.format.provider \"orc\"", "unsupportedFormat", message_contains=["orc"])

    nested = "long"
    for _ in range(70):
        nested = {"type": "array", "elementType": nested, "containsNull": True}
    nested = {"type": "struct", "fields": [{"name": "n", "type": nested, "nullable": True, "metadata": {}}]}
    write_table("bad/schema_too_deep", {0: create_commit(schema_string=json.dumps(nested, separators=(",", ":")))})
    case("bad/schema_too_deep", "a column of 70 nested arrays (JSON depth under 128), deeper than schemaDepthMax (64)",
         "invalidSchema",
         message_contains=["deeper than 64"])

    write_table("bad/checkpoint_only_start", {
        5: [line(commit_info(5)), line(add("a.parquet"))],
        6: [line(commit_info(6)), line(add("b.parquet"))],
    }, {"_delta_log/00000000000000000005.checkpoint.parquet": ""})
    case("bad/checkpoint_only_start",
         "commits 0..4 cleaned up; the only checkpoint (5) that could bridge the gap is an empty file",
         "corruptLog", message_contains=["00000000000000000005.checkpoint.parquet"])

    write_table("good/last_checkpoint_missing", {
        0: create_commit(),
        1: [line(commit_info(1)), line(add("a.parquet"))],
        2: [line(commit_info(2)), line(add("b.parquet"))],
    }, {"_delta_log/_last_checkpoint": line({"version": 1, "size": 3, "sizeInBytes": 1000, "numOfAddFiles": 1})
        + "\n"})
    case("good/last_checkpoint_missing",
         "_last_checkpoint names checkpoint 1, which does not exist; the complete JSON history must still open",
         None, stage="snapshot", opens=True, expected_version=2, expected_files=["a.parquet", "b.parquet"])

    write_table("good/small_table", {
        0: create_commit(),
        1: [line(commit_info(1)), line(add("a.parquet", size=120)), line(add("b.parquet", size=130))],
        2: [line(commit_info(2, "DELETE")),
            line({"remove": {"path": "a.parquet", "deletionTimestamp": CREATED_MS + 2000, "dataChange": True}}),
            line(add("c%20d.parquet", size=140)),
            line({"txn": {"appId": "app", "version": 7, "lastUpdated": CREATED_MS}})],
    })
    case("good/small_table", "a valid three-commit table (adds, a remove, an escaped path, a txn); the seed of "
         "the mutation test", None, stage="snapshot", opens=True, expected_version=2,
         expected_files=["b.parquet", "c d.parquet"])

    manifest = {
        "generator": "Tests/interop/make_delta_fixtures.py",
        "note": "hand-authored logs, JSON commits only; expected_error is a TableLogError case name, null for "
                "tables that must open; stage says whether Snapshot.load or planning a TableScan must fail",
        "cases": CASES,
    }
    (ROOT / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
