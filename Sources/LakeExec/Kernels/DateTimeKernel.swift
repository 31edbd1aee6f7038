import LakeColumnar

/// date_trunc, extract, date arithmetic and Unix-time conversion on dates (days), times and timestamps (counts
/// of their unit since the epoch). Timestamps are read in UTC whether or not they are zoned; there is no time zone
/// database. Spec: spec/executor.md (date and time)
enum DateTimeKernel {
    private static let secondsPerDay: Int64 = 86_400

    /// Ticks per day and the unit of `type` (dates count whole days).
    private static func ticks(_ type: DataType) -> (perDay: Int64, perSecond: Int64) {
        switch type {
        case .timestamp(let unit, _), .time(let unit): (secondsPerDay * unit.perSecond, unit.perSecond)
        default: (1, 0)
        }
    }

    static func truncate(_ column: Column, to unit: DateTruncUnit) throws(ExecutionError) -> Column {
        let values = try column.int64Values()
        let (perDay, perSecond) = ticks(column.type)
        var result = [Int64](repeating: 0, count: values.count)
        for row in 0..<values.count where column.isValid(row) {
            let value = values[row]
            let days = CastKernel.floorDivide(value, perDay)
            let startDay: Int64
            switch unit {
            case .minute, .hour:
                guard perSecond > 0 else {
                    result[row] = value
                    continue
                }
                let step = (unit == .minute ? 60 : 3_600) * perSecond
                result[row] = value - CastKernel.floorModulo(value, step)
                continue
            case .day: startDay = days
            case .week: startDay = days - CastKernel.floorModulo(days + 3, 7)
            case .month, .quarter, .year:
                let date = CivilCalendar.date(days: days)
                let month = unit == .year ? 1 : unit == .quarter ? (date.month - 1) / 3 * 3 + 1 : date.month
                startDay = CivilCalendar.days(year: date.year, month: month, day: 1)
            }
            let (start, overflow) = startDay.multipliedReportingOverflow(by: perDay)
            guard !overflow else { throw .arithmeticOverflow(operation: "date_trunc(\(unit.rawValue))") }
            result[row] = start
        }
        return try Column.fromInt64(result, type: column.type, validity: column.validity, operation: "date_trunc")
    }

    static func extract(_ field: DateField, from column: Column) throws(ExecutionError) -> Column {
        let values = try column.int64Values()
        let (perDay, perSecond) = ticks(column.type)
        var isTime = false
        if case .time = column.type { isTime = true }
        var result = [Int64](repeating: 0, count: values.count)
        for row in 0..<values.count where column.isValid(row) {
            let value = values[row]
            let days = isTime ? 0 : CastKernel.floorDivide(value, perDay)
            let ofDay = perSecond == 0 ? 0 : CastKernel.floorModulo(value, perDay)
            let date = CivilCalendar.date(days: days)
            switch field {
            case .year: result[row] = date.year
            case .quarter: result[row] = (date.month - 1) / 3 + 1
            case .month: result[row] = date.month
            case .day: result[row] = date.day
            case .hour: result[row] = ofDay / (3_600 * perSecond)
            case .minute: result[row] = ofDay / (60 * perSecond) % 60
            case .second: result[row] = ofDay / perSecond % 60
            case .millisecond: result[row] = ofDay % (60 * perSecond) * 1_000 / perSecond
            case .microsecond: result[row] = ofDay % (60 * perSecond) * 1_000_000 / perSecond
            case .dayOfWeek: result[row] = CastKernel.floorModulo(days + 4, 7)
            case .isoDayOfWeek: result[row] = CastKernel.floorModulo(days + 3, 7) + 1
            case .dayOfYear: result[row] = days - CivilCalendar.days(year: date.year, month: 1, day: 1) + 1
            case .epoch:
                result[row] = perSecond == 0 ? days * secondsPerDay : CastKernel.floorDivide(value, perSecond)
            }
        }
        return Column.make(.int64, .int64(result), validity: column.validity)
    }

    /// Unix seconds (int64 or float64) as timestamp(us, UTC).
    static func fromUnixSeconds(_ column: Column) throws(ExecutionError) -> Column {
        var result = [Int64](repeating: 0, count: column.count)
        if column.type == .float64 {
            let seconds = try column.float64Values()
            for row in 0..<seconds.count where column.isValid(row) {
                let micros = (seconds[row] * 1_000_000).rounded(.toNearestOrAwayFromZero)
                guard micros.isFinite, abs(micros) < 9.2e18, let exact = Int64(exactly: micros) else {
                    throw .invalidArgument(function: "to_timestamp", reason: "\(seconds[row]) seconds is out of range")
                }
                result[row] = exact
            }
        } else {
            let seconds = try column.int64Values()
            for row in 0..<seconds.count where column.isValid(row) {
                let (micros, overflow) = seconds[row].multipliedReportingOverflow(by: 1_000_000)
                guard !overflow else { throw .arithmeticOverflow(operation: "to_timestamp(\(seconds[row]))") }
                result[row] = micros
            }
        }
        return Column.make(.timestamp(.microseconds, utc: true), .int64(result), validity: column.validity)
    }

    /// date32 ± days, checked against the date32 range.
    static func shift(_ dates: Column, days: Column, subtract: Bool) throws(ExecutionError) -> Column {
        let base = try dates.int64Values()
        let offsets = try days.int64Values()
        let validity = Bitmap.intersection(dates.validity, days.validity)
        var result = [Int64](repeating: 0, count: base.count)
        for row in 0..<base.count where validity?[row] ?? true {
            let (value, overflow) =
                subtract
                ? base[row].subtractingReportingOverflow(offsets[row]) : base[row].addingReportingOverflow(offsets[row])
            guard !overflow else { throw .arithmeticOverflow(operation: "date arithmetic") }
            result[row] = value
        }
        return try Column.fromInt64(result, type: .date32, validity: validity, operation: "date arithmetic")
    }

    /// date32 - date32 in days.
    static func difference(_ lhs: Column, _ rhs: Column) throws(ExecutionError) -> Column {
        let a = try lhs.int64Values()
        let b = try rhs.int64Values()
        return Column.make(
            .int64, .int64(zip(a, b).map { $0 - $1 }), validity: Bitmap.intersection(lhs.validity, rhs.validity))
    }
}
