extension RoundModel {
    /// The change that puts back what `change` would alter in this model, computed before it is
    /// applied: the previous pin, the ban lifted, the setting's previous value, the previous
    /// places. Nil for a change that is not taken back this way (a ban already in place, a
    /// commit, an ending, an import, an erasure: those stay, and say so in the audit log).
    ///
    /// Undo is built on it: the reversal is computed before a change, and it is still in effect
    /// while `inverse(of: reversal)` on the current model is what it was right after the change
    /// (nobody changed the same thing since).
    /// - Complexity: O(1) but for `.settings` (O(settings)).
    public func inverse(of change: RoundChange) -> RoundChange? {
        switch change {
        case .pin(let s, _):
            guard student(s) != nil else { return nil }
            return pins[s].map { .pin(student: s, internship: $0) } ?? .unpin(student: s)
        case .unpin(let s):
            return pins[s].map { .pin(student: s, internship: $0) }
        case .ban(let s, let i):
            return bans.contains(Pair(s, i)) ? nil : .unban(student: s, internship: i)
        case .unban(let s, let i):
            return bans.contains(Pair(s, i)) ? .ban(student: s, internship: i) : nil
        case .studentSetting(let s, let setting, _):
            return student(s).map { .studentSetting(student: s, setting, value: setting.value(of: $0)) }
        case .places(let i, _, _):
            return internship(i).map { .places(internship: i, places: $0.capacity, support: $0.supportCapacity) }
        case .offers(let i, _):
            return internship(i).map { .offers(internship: i, offers: $0.offers) }
        case .settings:
            return .settings(settings)
        case .end, .propose, .accept, .decline, .start, .commit, .records, .forget:
            return nil
        }
    }
}
