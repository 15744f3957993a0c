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

    public var description: String {
        switch self {
        case .sectorNotWanted(let s): "sector \(s.rawValue) is not among the student's wishes"
        case .levelNotAccepted(let l): "the internship does not accept level \(l.rawValue)"
        case .tooFar(let m, let limit): "about \(m) minutes away, over the student's limit of \(limit)"
        case .accommodationsMissing(let a): "the workplace does not offer \(a.map(\.rawValue).joined(separator: ", "))"
        case .certificatesMissing(let c): "the student lacks \(c.map(\.rawValue).joined(separator: ", "))"
        case .noSupportPlaces: "the student needs a job coach on site and the internship has no support places"
        case .noPlaces: "the internship has no places"
        }
    }
}

extension MatchSettings {
    /// Every hard constraint the pair breaks; empty when it is a candidate.
    /// - Complexity: O(sectors wished).
    public func exclusions(_ s: Student, _ i: Internship) -> [Exclusion] {
        var out: [Exclusion] = []
        if i.capacity <= 0 { out.append(.noPlaces) }
        if !s.sectors.contains(i.sector) { out.append(.sectorNotWanted(i.sector)) }
        if !i.levels.contains(s.level) { out.append(.levelNotAccepted(s.level)) }
        let minutes = travelMinutes(from: s.home, to: i.location, by: s.travelMode)
        if minutes > Double(s.maxTravelMinutes) {
            out.append(.tooFar(minutes: Int(minutes.rounded()), limit: s.maxTravelMinutes))
        }
        if !i.offers.isSuperset(of: s.needs) { out.append(.accommodationsMissing(s.needs.missing(from: i.offers))) }
        if !s.certificates.isSuperset(of: i.requires) {
            out.append(.certificatesMissing(i.requires.missing(from: s.certificates)))
        }
        if s.needsIntensiveSupport && i.supportCapacity <= 0 { out.append(.noSupportPlaces) }
        return out
    }
}
