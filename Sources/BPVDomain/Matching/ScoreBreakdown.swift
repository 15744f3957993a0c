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
