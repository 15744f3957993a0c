/// A day in the calendar (`2026-12-01`), for availability and placement dates: no time, no
/// time zone.
///
/// Its own arithmetic (Howard Hinnant's days-from-civil), because the domain has no Foundation
/// and a placement year needs only days: parse, print, compare, add.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let day: Int

    public init(day: Int) { self.day = day }

    /// The dates a user or a file may give: 2000-01-01 to 2100-12-31. A placement year needs
    /// nothing outside; a date beyond is a typo (`9999-12-31`, `0226-09-01`), and one in the
    /// register would make every derived date (a planned end) leave the four-digit years that
    /// every export, spreadsheet and reader expects.
    public static let supported = CalendarDate(day: days(year: 2000, month: 1, day: 1)) ... CalendarDate(day: days(year: 2100, month: 12, day: 31))

    /// Whether the date lies in ``supported``.
    public var isSupported: Bool { Self.supported.contains(self) }

    /// Parses `YYYY-MM-DD`; nil when it is not a real date (2026-02-30 is not). A year of five
    /// or six digits is read too (`10000-05-19`), so that a far date an earlier release stored
    /// is a record to repair, not one that cannot be read; ``supported`` is what users may give.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, (4 ... 6).contains(parts[0].count), parts[0].allSatisfy(\.isASCII),
              parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1 ... 12).contains(m), d >= 1,
              d <= Self.daysIn(month: m, year: y)
        else { return nil }
        day = Self.days(year: y, month: m, day: d)
    }

    public func adding(days n: Int) -> CalendarDate { CalendarDate(day: day + n) }

    /// Days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int { other.day - day }

    public var description: String {
        let (y, m, d) = civil
        let year = String(y), month = m < 10 ? "0\(m)" : "\(m)", dd = d < 10 ? "0\(d)" : "\(d)"
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + month + "-" + dd
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.day < b.day }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The year.
    public var year: Int { civil.0 }

    /// The year, month and day.
    var civil: (Int, Int, Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
