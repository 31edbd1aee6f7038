import Foundation
import Testing

/// One test per SQL test file in `sql/` (see `SQLLogicTestFile` for the format).
@Suite struct SQLLogicTests {
    @Test func filtersFollowThreeValuedLogic() throws {
        try SQLLogicTestRunner.run("filters_and_nulls.test")
    }
    @Test func joinsOfEveryKind() throws { try SQLLogicTestRunner.run("joins.test") }
    @Test func aggregatesGroupAndFilter() throws { try SQLLogicTestRunner.run("aggregates.test") }
    @Test func windowFunctionsRankOffsetAndAccumulate() throws {
        try SQLLogicTestRunner.run("windows.test")
    }
    @Test func orderingHonoursNullPlacementLimitAndOffset() throws {
        try SQLLogicTestRunner.run("ordering.test")
    }
    @Test func setOperationsAndCommonTableExpressions() throws {
        try SQLLogicTestRunner.run("set_operations_and_ctes.test")
    }
    @Test func scalarExpressionsAndFunctions() throws {
        try SQLLogicTestRunner.run("expressions.test")
    }
    @Test func insertDeleteAndUpdateChangeRows() throws { try SQLLogicTestRunner.run("dml.test") }
    @Test func mergeUpsertsUpdatesAndInserts() throws { try SQLLogicTestRunner.run("merge.test") }
    @Test func failingStatementsReportTheirCause() throws {
        try SQLLogicTestRunner.run("errors.test")
    }
    @Test func timeTravelHistoryAndRestore() throws {
        try SQLLogicTestRunner.run("time_travel_and_history.test")
    }
    @Test func maintenanceCommandsKeepRows() throws { try SQLLogicTestRunner.run("maintenance.test") }

    /// The queries of `known_gaps.test` differ from DuckDB today (the decimal result types of round and floor);
    /// this test fails once they all pass, so they move to the topical files.
    @Test func knownGapsStillFail() {
        withKnownIssue("results that still differ from DuckDB") {
            try SQLLogicTestRunner.run("known_gaps.test")
        }
    }

    @Test func everyTestFileHasATest() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: SQLLogicTestRunner.directory.path
        )
        .filter { $0.hasSuffix(".test") }.sorted()
        #expect(
            names == [
                "aggregates.test", "dml.test", "errors.test", "expressions.test", "filters_and_nulls.test",
                "joins.test", "known_gaps.test", "maintenance.test", "merge.test", "ordering.test",
                "set_operations_and_ctes.test",
                "time_travel_and_history.test", "windows.test",
            ])
    }
}
