import LakeColumnar
import LakePipeline
import LakeSession

/// The summary table printed at the end of a pipeline run, and the status tables.
enum PipelineSummary {
    /// One row per step: stage, step, status, rows, seconds, and the detail or error.
    static func print(_ report: PipelineRunReport) {
        let records = report.records
        printTable(
            [
                ("stage", records.map { $0.stage.rawValue }), ("step", records.map { "\($0.step)" }),
                ("status", records.map { $0.status.rawValue }), ("rows", records.map { String($0.rows) }),
                ("seconds", records.map { $0.secondsText }),
                ("detail", records.map { $0.error ?? $0.detail ?? "" }),
            ])
        Swift.print(
            "run \(report.runID): \(report.count(.succeeded)) succeeded, \(report.count(.unchanged)) unchanged, "
                + "\(report.count(.skipped)) skipped, \(report.count(.failed)) failed")
    }

    /// Prints named text columns as an aligned table.
    static func printTable(_ columns: [(name: String, values: [String])]) {
        let schema = Schema(columns.map { Field($0.name, .utf8, nullable: true) })
        let rowCount = columns.first?.values.count ?? 0
        var printer = RowPrinter(format: .table)
        printer.start(schema)
        if rowCount > 0 {
            printer.print(Batch(schema: schema, columns: columns.map { Column.utf8($0.values) }))
        }
        printer.finish()
    }
}
