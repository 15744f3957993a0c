/// A hard constraint that rules a student-internship pair out, in words a coordinator uses.
public enum Exclusion: Sendable, Hashable, CustomStringConvertible {
    case sectorNotWanted(Sector)
    case levelNotAccepted(Level)
    case tooFar(minutes: Int, limit: Int)
    case accommodationsMissing([Accommodation])
    case certificatesMissing([Certificate])
    /// The student needs a job coach on site and the internship has no support places.
    case noSupportPlaces
    case noPlaces
    /// The student can start only from this day (rolling intake).
    case notAvailableYet(CalendarDate)
    /// A new placement cannot start at the internship on the round's date.
    case closedOnDate(from: CalendarDate?, until: CalendarDate?)

    public var description: String {
        switch self {
        case .sectorNotWanted(let s): "sector \(s.rawValue) is not among the student's wishes"
        case .levelNotAccepted(let l): "the internship does not accept level \(l.rawValue)"
        case .tooFar(let m, let limit): "about \(m) minutes away, over the student's limit of \(limit)"
        case .accommodationsMissing(let a): "the workplace does not offer \(a.map(\.rawValue).joined(separator: ", "))"
        case .certificatesMissing(let c): "the student lacks \(c.map(\.rawValue).joined(separator: ", "))"
        case .noSupportPlaces: "the student needs a job coach on site and the internship has no support places"
        case .noPlaces: "the internship has no places"
        case .notAvailableYet(let d): "the student is available from \(d)"
        case .closedOnDate(let from, let until):
            "the internship takes new students only " + [from.map { "from \($0)" }, until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
        }
    }
}
