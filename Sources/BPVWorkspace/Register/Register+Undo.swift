import BPVDomain
import GRDB

extension Register {
    /// How to take back one change: the inverse change the domain computed before it was made
    /// (``RoundModel/inverse(of:)``), the reason to restore with it (a pin's or a ban's own), what
    /// it concerns (to say who changed it since), and the state it left (to know it is still in
    /// effect). Undo is this value applied through ``perform(_:reason:)``; no front end writes
    /// its own reversal.
    public struct Reversal: Sendable {
        /// The change that puts the previous state back.
        public var change: RoundChange
        /// The reason stored with what is put back (the previous pin's or ban's).
        public var reason: String?
        /// What the change concerns, for ``lastChange(after:about:)``.
        public var subject: Subject
        /// The audit entry of the change itself: later entries about `subject` are others'.
        public var seq: Int64
        /// `inverse(of: change)` right after the change: while the model still gives this, the
        /// change is in effect.
        var mark: RoundChange?
    }

    /// Makes a change through `body` (the register's own method for it, which validates and
    /// stores it) and returns how to take it back, computed from the model before and after.
    /// - Returns: `body`'s result, and the reversal (nil for a change that is not taken back,
    ///   or one that changed nothing).
    public func undoably<T>(_ change: RoundChange, _ body: () throws(WorkspaceError) -> T) throws(WorkspaceError) -> (T, Reversal?) {
        let before = try currentModel()
        let inverse = before.inverse(of: change)
        // The reason of the pin or ban put back: one row, not the table (a tweak is a hot path).
        let reason: String? = try workspace.read { db in
            switch inverse {
            case .pin(let s, _)?:
                try RegisterRow.filter(Column("student_id") == s.value && Column("status") == Workspace.Status.pinned.rawValue).fetchOne(db)?.reason
            case .ban(let s, let i)?:
                try BanRecord.fetchOne(db, key: ["student_id": s.value, "internship_id": i.value])?.reason
            default: nil
            }
        }
        let result = try body()
        guard let inverse else { return (result, nil) }
        let after = try currentModel()
        let mark = after.inverse(of: inverse)
        // A change that left the model as it was (a pin where the student was pinned) has
        // nothing to take back.
        if mark == inverse { return (result, nil) }
        return (result, Reversal(change: inverse, reason: reason, subject: Self.subject(of: change, before.settings, after.settings),
                                 seq: seen, mark: mark))
    }

    /// Whether nobody changed what `reversal` concerns since: the model still stands as the
    /// change left it.
    public func isInEffect(_ reversal: Reversal) throws(WorkspaceError) -> Bool {
        try currentModel().inverse(of: reversal.change) == reversal.mark
    }

    /// Makes one change of a coach's kind (pin, unpin, ban, unban, a student's setting, an
    /// internship's places, the workspace's settings) through the register's method for it.
    /// - Returns: who moved in the draft.
    @discardableResult
    public func perform(_ change: RoundChange, reason: String?) throws(WorkspaceError) -> RoundChanges? {
        switch change {
        case .pin(let s, let i): return try pin(student: s, internship: i, reason: reason ?? "")
        case .unpin(let s): return try unpin(student: s, reason: reason)
        case .ban(let s, let i): return try ban(student: s, internship: i, reason: reason ?? "")
        case .unban(let s, let i): return try unban(student: s, internship: i, reason: reason)
        case .studentSetting(let s, let setting, let value): return try set(setting.rawValue, of: s, to: value, reason: reason)
        case .places(let i, let places, let support): return try setPlaces(of: i, places: places, support: support, reason: reason)
        case .settings(let target):
            let now = try currentModel().settings
            var moved: RoundChanges?
            for setting in MatchSetting.all where setting.value(in: target) != setting.value(in: now) {
                let value = setting.value(in: target) == setting.value(in: MatchSettings()) ? "default" : setting.value(in: target)
                moved = try set(setting.rawValue, to: value, reason: reason)
            }
            return moved
        case .offers, .end, .propose, .accept, .decline, .start, .commit, .records, .forget:
            // Not a coach's tweak: these have verbs of their own, with their own checks and
            // audit entries, and are not taken back by undo.
            throw .refused(.notUndoable)
        }
    }

    private static func subject(of change: RoundChange, _ before: MatchSettings, _ after: MatchSettings) -> Subject {
        switch change {
        case .ban(let s, let i), .unban(let s, let i): .pair(s, i)
        case .places(let i, _, _), .offers(let i, _): .internship(i)
        case .settings:
            .setting(MatchSetting.all.first { $0.value(in: before) != $0.value(in: after) }?.rawValue ?? "")
        default: change.students.first.map(Subject.student) ?? .setting("")
        }
    }
}
