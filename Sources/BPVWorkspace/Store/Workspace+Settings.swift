import BPVDomain
import BPVGeography
import Foundation
import GRDB

extension Workspace {
    /// The workspace's weights and limits: the documented defaults of ``MatchSettings`` with this
    /// workspace's changes applied.
    public func settings() throws(WorkspaceError) -> MatchSettings {
        try read { db in try Self.matchSettings(db) }
    }

    /// The match settings as `db` holds them (the region, a text setting, is ``region()``).
    static func matchSettings(_ db: Database) throws -> MatchSettings {
        var s = MatchSettings()
        for row in try matchSettingRecords(db) {
            guard let v = Double(row.value), let setting = MatchSetting(rawValue: row.name) else {
                throw WorkspaceError.corruptRecord("setting \(row.name) = \(row.value)")
            }
            setting.set(v, in: &s)
        }
        var measured: [MeasuredTravel.Journey: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT from_pc, to_pc, mode, minutes FROM travel_time") {
            guard let from = Postcode(number: row[0]), let to = Postcode(number: row[1]), let mode = TravelMode(rawValue: row[2]) else {
                throw WorkspaceError.corruptRecord("travel time \(row)")
            }
            measured[MeasuredTravel.Journey(from: from, to: to, mode: mode)] = row[3]
        }
        s.measuredTravel = MeasuredTravel(measured)
        return s
    }

    /// The stored weights and limits: every setting but the text ones (region, language, title).
    static func matchSettingRecords(_ db: Database) throws -> [SettingRecord] {
        try SettingRecord.filter(![regionSetting, languageSetting, titleSetting].contains(Column("name"))).fetchAll(db)
    }

    /// Changes one weight or limit for every later round (`default` puts it back); the draft
    /// is solved again with it.
    /// - Throws: ``WorkspaceError/invalidSetting(_:)`` naming the known settings or the range.
    public func set(_ name: String, to value: String, reason: String? = nil) throws(WorkspaceError) {
        try Register(workspace: self).set(name, to: value, reason: reason)
    }

    /// Puts a setting back to its documented default.
    public func reset(_ name: String, reason: String? = nil) throws(WorkspaceError) {
        guard try changedSettings()[name] != nil else { throw .refused(.settingAtDefault(name)) }
        try set(name, to: "default", reason: reason)
    }

    /// The match settings changed in this workspace: name → value as stored (the region is
    /// ``region()``).
    public func changedSettings() throws(WorkspaceError) -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Self.matchSettingRecords(db).map { ($0.name, $0.value) })
        }
    }

    /// The settings a round was computed with, as stored with it.
    public func settings(ofRound round: Int64) throws(WorkspaceError) -> MatchSettings {
        let json = try read { db in try String.fetchOne(db, sql: "SELECT settings FROM round WHERE id = ?", arguments: [round]) }
        guard let json else { throw .refused(.noRound(round)) }
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
