import Foundation
import LakeColumnar
import LakeSQL
import LakeTable
import Testing

@testable import LakeSession

/// DESCRIBE, DESCRIBE HISTORY, SHOW TABLES, CREATE TABLE AS and the maintenance commands through the session.
@Suite struct CommandsTableTests {
    /// `sales`, partitioned by region, written by one CTAS and two INSERTs: eu has 3 files, us 2.
    static func partitionedLake(_ session: LakeSession) throws {
        _ = try session.execute(
            "CREATE TABLE sales PARTITIONED BY (region) AS SELECT * FROM (VALUES (1, 'eu', 1.5), (2, 'us', 2.5)) "
                + "AS v(id, region, price)")
        _ = try session.execute("INSERT INTO sales VALUES (3, 'eu', 3.5), (4, 'us', 4.5)")
        _ = try session.execute("INSERT INTO sales VALUES (5, 'eu', 5.5)")
    }

    @Test func describeListsColumnsWithSQLTypesNullabilityAndPartitions() throws {
        let lake = try TemporaryLake("cmd-describe")
        let session = try lake.session()
        try Self.partitionedLake(session)
        let result = try session.execute("DESCRIBE sales")
        #expect(
            result.schema.fields.map(\.name) == ["column_name", "data_type", "nullable", "partition"])
        #expect(
            TemporaryLake.rows(result) == [
                ["id", "BIGINT", "true", "false"], ["region", "VARCHAR", "true", "true"],
                ["price", "DECIMAL(2,1)", "true", "false"],
            ])
    }

    @Test func describeHistoryShowsCommitsNewestFirstStampedByTheSessionClock() throws {
        let lake = try TemporaryLake("cmd-history")
        let millis: Int64 = 1_700_000_000_123
        let session = try LakeSession(root: lake.root, clock: .fixed(millis))
        try Self.partitionedLake(session)
        _ = try session.execute("DELETE FROM sales WHERE id = 1")
        let history = try session.execute("DESCRIBE HISTORY sales")
        #expect(
            history.schema.fields.map(\.name) == [
                "version", "timestamp", "operation", "parameters", "metrics", "engine",
            ])
        #expect(history.columnValues("version") == ["4", "3", "2", "1", "0"])
        #expect(
            history.columnValues("operation") == ["DELETE", "WRITE", "WRITE", "WRITE", "CREATE TABLE"])
        #expect(Set(history.columnValues("timestamp")) == ["2023-11-14T22:13:20.123000Z"])
        #expect(history.columnValues("parameters")[1].contains("\"mode\":\"Append\""))
        let limited = try session.execute("DESCRIBE HISTORY sales LIMIT 2")
        #expect(limited.columnValues("version") == ["4", "3"])
    }

    @Test func showTablesNamesDeltaTablesParquetFoldersAndBoundNames() throws {
        let lake = try TemporaryLake("cmd-show")
        try lake.writeParquet("bronze/listings/a.parquet", try makeBatch([("id", .int64, [.int(1)])]))
        let batch = try makeBatch([("x", .int64, [.int(7)])])
        let session = try lake.session().overriding(
            "bronze.fixed", with: .batches(batch.schema, [batch]))
        _ = try session.execute("CREATE TABLE silver.facts AS SELECT 1 AS one")
        _ = try session.execute("CREATE TABLE top AS SELECT 1 AS one")
        #expect(
            TemporaryLake.rows(try session.execute("SHOW TABLES")) == [
                ["bronze.fixed", "bound"], ["bronze.listings", "parquet"], ["silver.facts", "delta"],
                ["top", "delta"],
            ])
        #expect(
            TemporaryLake.rows(try session.execute("SHOW TABLES FROM SILVER")) == [
                ["silver.facts", "delta"]
            ])
    }

    @Test func createTableAsBuildsNestedDirectoriesAndReportsRowsAndFiles() throws {
        let lake = try TemporaryLake("cmd-ctas")
        let session = try lake.session()
        let result = try session.execute(
            "CREATE TABLE gold.deep.t PARTITIONED BY (k) AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a')) "
                + "AS v(n, k)")
        #expect(
            result.summaryValues == ["version": "1", "num_affected_rows": "3", "num_added_files": "2"])
        #expect(FileManager.default.fileExists(atPath: lake.root + "/gold/deep/t/_delta_log"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/gold/deep") == ["t"])
        #expect(
            try session.sortedRows("SELECT n, k FROM gold.deep.t") == [
                ["1", "a"], ["2", "b"], ["3", "a"],
            ])
        let empty = try session.execute("CREATE TABLE e AS SELECT n FROM gold.deep.t WHERE n > 10")
        #expect(
            empty.summaryValues == ["version": "0", "num_affected_rows": "0", "num_added_files": "0"])
        #expect(try session.execute("DESCRIBE e").columnValues("data_type") == ["BIGINT"])
    }

    @Test func failedCreateTableAsLeavesNoTableAndNoStagingDirectory() throws {
        let lake = try TemporaryLake("cmd-ctas-fail")
        let session = try lake.session()
        // Delta refuses a DOUBLE partition column once the rows are computed: the staging table is removed.
        #expect(throws: SessionError.self) {
            try session.execute(
                "CREATE TABLE silver.bad PARTITIONED BY (x) AS SELECT 1 AS n, CAST(1.5 AS DOUBLE) AS x")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/silver") == [])
        #expect(throws: SessionError.self) { try session.execute("SELECT * FROM silver.bad") }
        // A query that fails while running fails before anything is written.
        #expect {
            try session.execute(
                "CREATE TABLE gold.overflow AS SELECT 9223372036854775807 + n AS big FROM "
                    + "(VALUES (1)) AS v(n)")
        } throws: { error in
            guard case SessionError.execution = error else { return false }
            return true
        }
        #expect(!FileManager.default.fileExists(atPath: lake.root + "/gold"))
    }

    @Test func createTableOnAFolderOfOtherFilesIsRefused() throws {
        let lake = try TemporaryLake("cmd-ctas-folder")
        try lake.writeParquet("bronze/raw/a.parquet", try makeBatch([("id", .int64, [.int(1)])]))
        let session = try lake.session()
        #expect {
            try session.execute("CREATE TABLE bronze.raw AS SELECT 1 AS id")
        } throws: { error in
            "\(error)".contains("is not a Delta table")
        }
    }

    @Test func createOrReplaceAndIfNotExistsOnAnExistingTable() throws {
        let lake = try TemporaryLake("cmd-replace")
        let session = try lake.session()
        _ = try session.execute(
            "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)")
        let skipped = try session.execute("CREATE TABLE IF NOT EXISTS t AS SELECT 9 AS n, 'z' AS s")
        #expect(skipped.summaryValues["version"] == "NULL")
        let replaced = try session.execute(
            "CREATE OR REPLACE TABLE t AS SELECT n * 10 AS n, s FROM t WHERE n = 2")
        #expect(
            replaced.summaryValues == ["version": "2", "num_affected_rows": "1", "num_added_files": "1"])
        #expect(try session.sortedRows("SELECT * FROM t") == [["20", "b"]])
        #expect(
            try session.sortedRows("SELECT * FROM t VERSION AS OF 1") == [["1", "a"], ["2", "b"]])
        #expect {
            try session.execute("CREATE OR REPLACE TABLE t AS SELECT 'x' AS other")
        } throws: { error in
            guard case SessionError.unsupported(let what) = error else { return false }
            return what.contains("other columns or partitioning")
        }
        #expect {
            try session.execute("CREATE TABLE t AS SELECT 1 AS n, 'a' AS s")
        } throws: { error in
            guard case SessionError.table(_, .tableExists) = error else { return false }
            return true
        }
    }

    @Test func optimizeCompactsSelectedPartitionsAndKeepsRows() throws {
        let lake = try TemporaryLake("cmd-optimize")
        let session = try lake.session()
        try Self.partitionedLake(session)
        let before = try session.sortedRows("SELECT * FROM sales")
        let europe = try session.execute("OPTIMIZE sales WHERE region = 'eu'").summaryValues
        #expect(europe["version"] == "4")
        #expect(europe["num_removed_files"] == "3")
        #expect(europe["num_added_files"] == "1")
        let rest = try session.execute("OPTIMIZE sales").summaryValues
        #expect(rest["num_removed_files"] == "2")
        #expect(rest["num_added_files"] == "1")
        let nothing = try session.execute("OPTIMIZE sales").summaryValues
        #expect(nothing["version"] == "NULL")
        #expect(nothing["num_removed_files"] == "0")
        let zOrder = try session.execute("OPTIMIZE sales ZORDER BY (price)").summaryValues
        #expect(zOrder["version"] == "6")
        #expect(zOrder["num_removed_files"] == "2")
        #expect(try session.sortedRows("SELECT * FROM sales") == before)
        #expect(try session.operations("sales").prefix(3) == ["OPTIMIZE", "OPTIMIZE", "OPTIMIZE"])
    }

    @Test func optimizeWhereOnAnExpressionLakeTableCannotTakeIsUnsupported() throws {
        let lake = try TemporaryLake("cmd-optimize-where")
        let session = try lake.session()
        try Self.partitionedLake(session)
        #expect {
            try session.execute("OPTIMIZE sales WHERE region LIKE 'e%'")
        } throws: { error in
            guard case SessionError.unsupported(let what) = error else { return false }
            return what.contains("only partition columns compared with constants")
        }
    }

    @Test func vacuumRefusesShortRetentionListsAndDeletesUnreadableFiles() throws {
        let lake = try TemporaryLake("cmd-vacuum")
        let session = try lake.session()
        _ = try session.execute(
            "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)")
        _ = try session.execute("INSERT OVERWRITE t SELECT n + 1, s FROM t")
        #expect {
            try session.execute("VACUUM t RETAIN 1 HOURS")
        } throws: { error in
            guard case SessionError.table(_, .retentionTooShort) = error else { return false }
            return true
        }
        #expect(try session.execute("VACUUM t DRY RUN").rowCount == 0)
        // Nine days later, the file the overwrite removed is outside the 168-hour window.
        var later = session
        let now = TableClock.system.nowMillis()
        later.clock = TableClock { now + 9 * 24 * 3_600_000 }
        let dryRun = try later.execute("VACUUM t DRY RUN")
        #expect(dryRun.schema.fields.map(\.name) == ["path", "size_bytes"])
        #expect(dryRun.rowCount == 1)
        let vacuumed = try later.execute("VACUUM t").summaryValues
        #expect(vacuumed["num_deleted_files"] == "1")
        #expect(vacuumed["retention_hours"] == "168")
        #expect(try session.sortedRows("SELECT * FROM t") == [["2", "a"], ["3", "b"]])
        #expect(throws: SessionError.self) { try session.execute("SELECT * FROM t VERSION AS OF 1") }
    }

    @Test func restoreReportsFilesAndTimestampSelectsTheVersionBefore() throws {
        let lake = try TemporaryLake("cmd-restore")
        let session = try lake.session()
        _ = try session.execute("CREATE TABLE t AS SELECT 1 AS n")
        _ = try session.execute("INSERT INTO t VALUES (2)")
        _ = try session.execute("DELETE FROM t")
        let restored = try session.execute("RESTORE TABLE t TO VERSION AS OF 2").summaryValues
        #expect(
            restored == [
                "version": "4", "restored_version": "2", "num_removed_files": "0",
                "num_restored_files": "2",
            ])
        #expect(try session.sortedRows("SELECT n FROM t") == [["1"], ["2"]])
        #expect {
            try session.execute("RESTORE TABLE t TO TIMESTAMP AS OF '1999-01-01'")
        } throws: { error in
            guard case SessionError.table(_, .timestampTooEarly) = error else { return false }
            return true
        }
        #expect(throws: SessionError.self) {
            try session.execute("RESTORE TABLE t TO TIMESTAMP AS OF 'yesterday'")
        }
        #expect(try session.operations("t").first == "RESTORE")
    }

    @Test func commandsOnAParquetFolderAreUnsupported() throws {
        let lake = try TemporaryLake("cmd-parquet")
        try lake.writeParquet("bronze/raw/a.parquet", try makeBatch([("id", .int64, [.int(1)])]))
        let session = try lake.session()
        #expect(try session.execute("DESCRIBE bronze.raw").columnValues("column_name") == ["id"])
        for statement in [
            "DESCRIBE HISTORY bronze.raw", "OPTIMIZE bronze.raw", "VACUUM bronze.raw",
            "DELETE FROM bronze.raw",
            "INSERT INTO bronze.raw VALUES (2)", "UPDATE bronze.raw SET id = 2",
        ] {
            #expect(Comment(rawValue: statement)) {
                try session.execute(statement)
            } throws: { error in
                guard case SessionError.unsupported(let what) = error else { return false }
                return what.contains("not a Delta table")
            }
        }
    }
}

/// The staging directory CREATE TABLE AS publishes with one rename.
@Suite struct CommandsStagingDirectoryTests {
    @Test func publishMovesTheStagedTableAndRefusesAnOccupiedDestination() throws {
        let lake = try TemporaryLake("cmd-staging")
        let destination = lake.root + "/gold/t"
        let staging = try StagingDirectory(for: destination)
        #expect(staging.path.hasPrefix(lake.root + "/gold/.t.tmp-"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: staging.path + "/file"))
        try staging.publish()
        #expect(FileManager.default.fileExists(atPath: destination + "/file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/gold") == ["t"])

        let second = try StagingDirectory(for: destination)
        try FileManager.default.createDirectory(atPath: second.path + "/sub", withIntermediateDirectories: true)
        try Data("y".utf8).write(to: URL(fileURLWithPath: second.path + "/sub/file"))
        #expect(throws: SessionError.self) { try second.publish() }
        second.remove()
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/gold") == ["t"])
        #expect(try String(contentsOfFile: destination + "/file", encoding: .utf8) == "x")
    }
}
