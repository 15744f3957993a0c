import BPVDomain
import BPVGeography
import GRDB

extension Workspace {
    /// The name under which the region is stored among the settings.
    static let regionSetting = "region"

    /// The municipalities and provinces this workspace works in (`set region ...`): what settles
    /// a place name that exists in more than one municipality when files are imported. Empty
    /// until set.
    public func region() throws(WorkspaceError) -> Region {
        let stored = try read { db in try SettingRecord.value(db, Self.regionSetting) }
        return Region(Self.regionNames(stored ?? ""))
    }

    /// Sets the region from municipality or province names separated by `|` or `,`
    /// (`Hilversum|Gooise Meren|Laren`); `default` (or nothing) clears it. Each name is checked
    /// against the postcode table. Not a change to any round: it only settles later imports.
    /// - Throws: ``WorkspaceError/invalidSetting(_:)`` naming an unknown name and its near misses.
    public func setRegion(_ text: String, reason: String? = nil) throws(WorkspaceError) {
        let names = text == "default" ? [] : Self.regionNames(text)
        do { _ = try Gazetteer.netherlands.region(names) } catch { throw .refused(.place(error)) }
        let value = names.joined(separator: "|")
        try setText(Self.regionSetting, to: names.isEmpty ? nil : value, absent: "none", reason: reason)
    }

    /// The name under which the workspace's language is stored among the settings.
    static let languageSetting = "language"

    /// The language this workspace is read in (`set language nl`), when one was set: it comes
    /// before the environment's (`LANG`), after a `--lang` given for one command.
    public func language() throws(WorkspaceError) -> Language? {
        let stored = try read { db in try SettingRecord.value(db, Self.languageSetting) }
        return stored.flatMap(Language.init(parsing:))
    }

    /// Sets the workspace's language (`nl` or `en`); `default` clears it (the environment decides).
    public func setLanguage(_ text: String, reason: String? = nil) throws(WorkspaceError) {
        let language = text == "default" ? nil : Language(parsing: text)
        guard text == "default" || language != nil else { throw .refused(.unknownLanguage(text)) }
        try setText(Self.languageSetting, to: language?.rawValue, absent: "default", reason: reason)
    }

    /// The name under which the report's title is stored among the settings.
    static let titleSetting = "title"

    /// The title the report gives the round (`set title "Praktijkonderwijs Gooi 2026-2027"`),
    /// when one was set.
    public func title() throws(WorkspaceError) -> String? {
        try read { db in try SettingRecord.value(db, Self.titleSetting) }
    }

    /// Sets the report's title; `default` clears it (the report then names the region or schools).
    public func setTitle(_ text: String, reason: String? = nil) throws(WorkspaceError) {
        let title = text == "default" ? nil : text.trimmingCharacters(in: .whitespaces)
        if let title, title.isEmpty || title.count > 120 || ControlText.firstControl(in: title) != nil {
            throw .refused(.badTitle)
        }
        try setText(Self.titleSetting, to: title, absent: "default", reason: reason)
    }

    static func regionNames(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "|" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Stores a text setting (the region, the language, the title), or clears it for nil, with
    /// its audit entry; `absent` is how the log names no value.
    private func setText(_ name: String, to value: String?, absent: String, reason: String?) throws(WorkspaceError) {
        try write { db in
            let old = try SettingRecord.put(db, name, value)
            try self.audit(db, action: value == nil ? "reset" : "set", subject: name, detail: "\(old ?? absent) -> \(value ?? absent)", reason: reason)
        }
    }
}
