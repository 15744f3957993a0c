/// The cost of placing a student at an internship (lower is better), by component, so that every
/// placement can be explained in a coordinator's words.
public struct ScoreBreakdown: Sendable, Hashable {
    /// 0 for the first sector wish, 1 for the second, ...
    public var sectorRank: Int
    public var travelMinutes: Int
    /// Whether the support-scarcity cost applies.
    public var scarceSupport: Bool
    public var sectorCost: Int
    public var travelCost: Int
    public var supportCost: Int

    public var total: Int { sectorCost + travelCost + supportCost }
}

extension MatchSettings {
    /// The soft score of a candidate pair.
    ///
    /// `total = sectorRankWeight × rank + travelMinuteWeight × minutes
    ///        + supportScarcityWeight (student needs a job coach, internship has one support place)`
    ///
    /// - Complexity: O(sectors wished).
    public func score(_ s: Student, _ i: Internship) -> ScoreBreakdown {
        let rank = s.sectors.firstIndex(of: i.sector) ?? s.sectors.count
        let minutes = Int(travelMinutes(from: s.home, to: i.location, by: s.travelMode).rounded())
        let scarce = s.needsIntensiveSupport && i.supportCapacity == 1
        return ScoreBreakdown(
            sectorRank: rank, travelMinutes: minutes, scarceSupport: scarce,
            sectorCost: rank * sectorRankWeight, travelCost: minutes * travelMinuteWeight,
            supportCost: scarce ? supportScarcityWeight : 0)
    }
}
