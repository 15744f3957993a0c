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
        guard let known = Self.settingNames.first(where: { $0.name == name }) else {
            throw .invalidSetting("unknown setting '\(name)'; known: \(Self.settingNames.map(\.name).joined(separator: ", "))")
        }
        guard let v = Double(value.replacingOccurrences(of: ",", with: ".")), known.range.contains(v) else {
            throw .invalidSetting("\(name) must be a number in \(known.range.lowerBound)...\(known.range.upperBound), not '\(value)'")
        }
        if name.hasSuffix("_weight"), v != v.rounded() { throw .invalidSetting("\(name) must be a whole number") }
        try write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name])
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [name, "\(v)"])
            try audit(db, action: "set", subject: name, detail: "\(old ?? "default") -> \(v)", reason: reason)
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
