import BPVDomain
import BPVGeography

/// Reads door-to-door travel times a school measured with a router (OpenTripPlanner for public
/// transport, OSRM or Valhalla for bike and walking).
///
/// Columns `from`, `to`, `mode`, `minutes` (extra columns are ignored). `from` and `to` are
/// postcodes (`1234`, `1234 AB`): bpv keeps postcodes at four digits, so a six-character one
/// counts for its PC4 area, and several rows of one area pair and mode become one journey at
/// their mean. `mode` is `walk`, `bike`, `scooter`, `ov` or `car` (or `lopen`, `fiets`,
/// `brommer`, `auto`); `minutes` a whole number from 1 to 600.
///
/// ```
/// from;to;mode;minutes
/// 1211AB;1271;ov;34
/// ```
public enum TravelTimeImport {
    /// - Throws: ``ImportFailure`` listing every problem; then nothing is imported.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], fileName: String, sheet: String? = nil) throws(ImportFailure) -> [MeasuredTravel.Journey: Int] {
        let (table, problems) = ImportTable.read(bytes, fileName: fileName, sheet: sheet)
        var r = RowReader(table, aliases: ColumnNames.travelTimes)
        r.problems = problems
        r.requireColumns(["from", "to", "mode", "minutes"])
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        var sums: [MeasuredTravel.Journey: (total: Int, rows: Int)] = [:]
        for row in table.rows {
            let before = r.problems.count
            func area(_ column: String) -> Postcode? {
                guard let f = r.required(row, column) else { return nil }
                do {
                    let code = try Postcode(parsing: f.text)
                    _ = try Gazetteer.netherlands.areas(of: code)
                    return code
                } catch {
                    r.problem(f, .place(error))
                    return nil
                }
            }
            let from = area("from"), to = area("to")
            let mode = r.required(row, "mode").flatMap { f -> TravelMode? in
                if let m = TravelMode(parsing: f.text) { return m }
                r.problem(f, RowReader.unknown(.mode, f.text, TravelMode.self))
                return nil
            }
            let minutes = r.integer(row, "minutes", in: 1 ... 600)
            guard r.problems.count == before, let from, let to, let mode, let minutes else { continue }
            let journey = MeasuredTravel.Journey(from: from, to: to, mode: mode)
            let sum = sums[journey] ?? (0, 0)
            sums[journey] = (sum.total + minutes, sum.rows + 1)
        }
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        return sums.mapValues { Int((Double($0.total) / Double($0.rows)).rounded()) }
    }
}
