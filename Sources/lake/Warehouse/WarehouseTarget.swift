import ArgumentParser
import Foundation
import LakeWarehouse

/// Resolves where the warehouse is for the warehouse commands: `--to`, else `LAKE_WAREHOUSE_URL`.
enum WarehouseTarget {
    static func url(_ option: String?) throws -> WarehouseURL {
        guard let text = option ?? ProcessInfo.processInfo.environment[WarehouseURL.environmentVariable], !text.isEmpty
        else {
            throw ValidationError("give the warehouse with --to URL or \(WarehouseURL.environmentVariable)")
        }
        return try WarehouseURL(text)
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
