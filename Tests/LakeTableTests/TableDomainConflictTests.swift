import LakeColumnar
import LakeCore
import Testing

@testable import LakeTable

/// Conflict check 7 of spec/table-log.md §10.3: two transactions that write the same `domainMetadata` domain
/// conflict; different domains, and transactions without domains, do not.
@Suite struct TableDomainConflictTests {
    /// A commitInfo-plus-domains transaction read at `readVersion` (no operation writes domains through the public
    /// API yet, so the tests build it directly).
    static func domainWrite(
        _ table: Table, readVersion: Int64, domains: [DomainMetadataAction]
    ) -> Transaction {
        Transaction(
            table: table, readVersion: readVersion, actions: domains.map { .domainMetadata($0) },
            operation: "SET DOMAIN METADATA", operationParameters: [:], operationMetrics: [:], isBlindAppend: false,
            readsWholeTable: false, removedPaths: [], transactionAction: nil, isolationLevel: "WriteSerializable",
            alreadyAppliedVersion: nil)
    }

    static func makeTable(_ label: String) throws -> (ScratchDirectory, Table) {
        let scratch = try ScratchDirectory(label)
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        return (scratch, table)
    }

    @Test func writersOfTheSameDomainConflict() throws {
        let (scratch, table) = try Self.makeTable("domain-same")
        defer { withExtendedLifetime(scratch) {} }
        let first = Self.domainWrite(table, readVersion: 0, domains: [.init(domain: "app.owner", configuration: "a")])
        let second = Self.domainWrite(
            table, readVersion: 0,
            domains: [.init(domain: "app.other", configuration: "x"), .init(domain: "app.owner", configuration: "b")])
        #expect(try first.commit() == .committed(version: 1))
        #expect(
            throws: TableLogError.commitConflict(
                .concurrentDomainUpdate, attempted: 1, winner: 1, operation: "SET DOMAIN METADATA")
        ) {
            try second.commit()
        }
        #expect(try table.snapshot().domains["app.owner"]?.configuration == "a")
        #expect(try table.snapshot().domains["app.other"] == nil)
    }

    @Test func removingADomainConflictsWithWritingIt() throws {
        let (scratch, table) = try Self.makeTable("domain-remove")
        defer { withExtendedLifetime(scratch) {} }
        #expect(
            try Self.domainWrite(table, readVersion: 0, domains: [.init(domain: "app.d", configuration: "1")]).commit()
                == .committed(version: 1))
        let removal = Self.domainWrite(
            table, readVersion: 1, domains: [.init(domain: "app.d", configuration: "1", removed: true)])
        #expect(
            try Self.domainWrite(table, readVersion: 1, domains: [.init(domain: "app.d", configuration: "2")]).commit()
                == .committed(version: 2))
        #expect(throws: TableLogError.self) { try removal.commit() }
        #expect(try table.snapshot().domains["app.d"]?.configuration == "2")
    }

    @Test func differentDomainsAndAppendsDoNotConflict() throws {
        let (scratch, table) = try Self.makeTable("domain-different")
        defer { withExtendedLifetime(scratch) {} }
        let first = Self.domainWrite(table, readVersion: 0, domains: [.init(domain: "app.a", configuration: "1")])
        let second = Self.domainWrite(table, readVersion: 0, domains: [.init(domain: "app.b", configuration: "2")])
        let append = try table.prepareWrite(.append, [TableRows.batch(0..<5, seed: 660)])
        #expect(try first.commit() == .committed(version: 1))
        #expect(try second.commit() == .committed(version: 2))
        #expect(try append.commit() == .committed(version: 3))
        // A domain writer that lost to an append (no domains) retries after it.
        let third = Self.domainWrite(table, readVersion: 2, domains: [.init(domain: "app.a", configuration: "3")])
        #expect(try third.commit() == .committed(version: 4))
        let domains = try table.snapshot().domains
        #expect(domains["app.a"]?.configuration == "3" && domains["app.b"]?.configuration == "2")
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 5)
    }

    @Test func checkerNamesTheDomainConflictForAForeignWinner() throws {
        let (_, table) = try Self.makeTable("domain-checker")
        let ours = Self.domainWrite(
            table, readVersion: 0, domains: [.init(domain: "delta.rowTracking", configuration: "{}")])
        // A winner as another engine writes it: commitInfo without isBlindAppend, then the domain.
        let winner: [Action] = [
            .commitInfo(CommitInfo(json: ["operation": .string("WRITE")])),
            .domainMetadata(.init(domain: "delta.rowTracking", configuration: "{\"rowIdHighWaterMark\":9}")),
        ]
        #expect(
            throws: TableLogError.commitConflict(.concurrentDomainUpdate, attempted: 1, winner: 1, operation: "WRITE")
        ) {
            try ConflictChecker.check(ours, against: winner, winnerVersion: 1, attempted: 1)
        }
        let unrelated: [Action] = [.domainMetadata(.init(domain: "app.x", configuration: ""))]
        #expect(try ConflictChecker.check(ours, against: unrelated, winnerVersion: 1, attempted: 1) == .compatible)
        #expect(ours.writtenDomains == ["delta.rowTracking"])
    }
}
