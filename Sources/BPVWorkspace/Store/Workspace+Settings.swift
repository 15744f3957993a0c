import BPVDomain
import Foundation
import GRDB

extension Workspace {
    /// The names of the settings a workspace may change, with their meaning and range.
    public static let settingNames: [(name: String, meaning: String, range: ClosedRange<Double>)] = [
        ("sector_rank_weight", "cost per step down a student's sector ranking", 0 ... 10_000),
        ("travel_minute_weight", "cost per minute of travel", 0 ... 10_000),
        ("support_scarcity_weight", "cost when a student who needs a job coach gets the internship's only support place", 0 ... 10_000),
        ("detour_factor", "route distance over straight-line distance", 1 ... 3),
        ("walk_speed", "door-to-door km/h on foot", 1 ... 10),
        ("bike_speed", "door-to-door km/h by bike", 5 ... 40),
        ("ov_speed", "door-to-door km/h by public transport, waiting included", 5 ... 100),
        ("car_speed", "door-to-door km/h by car", 10 ... 120),
        ("stability_weight", "cost of moving a draft student away from their previous draft internship (0: off)", 0 ... 10_000),
    ]

    /// The workspace's weights and limits: the documented defaults of ``MatchSettings`` with this
    /// workspace's changes applied.
    public func settings() throws(WorkspaceError) -> MatchSettings {
        let stored = try read { db in
            try Row.fetchAll(db, sql: "SELECT name, value FROM setting").map { ($0[0] as String, $0[1] as String) }
        }
        var s = MatchSettings()
        for (name, value) in stored {
            guard let v = Double(value) else { throw .corruptRecord("setting \(name) = \(value)") }
            Self.apply(name, v, to: &s)
        }
        return s
    }

    /// Changes one weight or limit for every later round.
    /// - Throws: ``WorkspaceError/invalidSetting(_:)`` naming the known settings or the range.
    public func set(_ name: String, to value: String, reason: String? = nil) throws(WorkspaceError) {
        let v = try Self.validate(name, value)
        try write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name])
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [name, "\(v)"])
            try audit(db, action: "set", subject: name, detail: "\(old ?? "default") -> \(v)", reason: reason)
        }
    }

    static func validate(_ name: String, _ value: String) throws(WorkspaceError) -> Double {
        guard let known = Self.settingNames.first(where: { $0.name == name }) else {
            throw .invalidSetting("unknown setting '\(name)'; known: \(Self.settingNames.map(\.name).joined(separator: ", "))")
        }
        guard let v = Double(value.replacingOccurrences(of: ",", with: ".")), known.range.contains(v) else {
            throw .invalidSetting("\(name) must be a number in \(known.range.lowerBound)...\(known.range.upperBound), not '\(value)'")
        }
        if name.hasSuffix("_weight"), v != v.rounded() { throw .invalidSetting("\(name) must be a whole number") }
        return v
    }

    /// Puts a setting back to its documented default.
    public func reset(_ name: String, reason: String? = nil) throws(WorkspaceError) {
        try write { db in
            try db.execute(sql: "DELETE FROM setting WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw WorkspaceError.notFound("\(name) is at its default") }
            try audit(db, action: "reset", subject: name, reason: reason)
        }
    }

    /// The settings changed in this workspace: name → value as stored.
    public func changedSettings() throws(WorkspaceError) -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM setting").map { ($0[0] as String, $0[1] as String) })
        }
    }

    /// `settings` with one change applied, validated as ``set(_:to:reason:)`` does, without storing it (for what-ifs).
    public static func applying(_ name: String, _ value: String, to settings: MatchSettings) throws(WorkspaceError) -> MatchSettings {
        let v = try validate(name, value)
        var s = settings
        apply(name, v, to: &s)
        return s
    }

    /// The value of a known setting in `settings`, as text.
    public static func value(of name: String, in s: MatchSettings) -> String? {
        switch name {
        case "sector_rank_weight": "\(s.sectorRankWeight)"
        case "travel_minute_weight": "\(s.travelMinuteWeight)"
        case "support_scarcity_weight": "\(s.supportScarcityWeight)"
        case "detour_factor": "\(s.detourFactor)"
        case "walk_speed": "\(s.walkSpeed)"
        case "bike_speed": "\(s.bikeSpeed)"
        case "ov_speed": "\(s.ovSpeed)"
        case "car_speed": "\(s.carSpeed)"
        case "stability_weight": "\(s.stabilityWeight)"
        default: nil
        }
    }

    static func apply(_ name: String, _ v: Double, to s: inout MatchSettings) {
        switch name {
        case "sector_rank_weight": s.sectorRankWeight = Int(v)
        case "travel_minute_weight": s.travelMinuteWeight = Int(v)
        case "support_scarcity_weight": s.supportScarcityWeight = Int(v)
        case "detour_factor": s.detourFactor = v
        case "walk_speed": s.walkSpeed = v
        case "bike_speed": s.bikeSpeed = v
        case "ov_speed": s.ovSpeed = v
        case "car_speed": s.carSpeed = v
        case "stability_weight": s.stabilityWeight = Int(v)
        default: break
        }
    }

    /// The settings a round was computed with, as stored with it.
    public func settings(ofRound round: Int64) throws(WorkspaceError) -> MatchSettings {
        let json = try read { db in try String.fetchOne(db, sql: "SELECT settings FROM round WHERE id = ?", arguments: [round]) }
        guard let json else { throw .notFound("no round \(round)") }
        do {
            return try JSONDecoder().decode(MatchSettings.self, from: Data(json.utf8))
        } catch {
            throw .corruptRecord("settings of round \(round)")
        }
    }

    static func encode(_ s: MatchSettings) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
