import BPVDomain
import BPVGeography
import Foundation
import BPVWorkspace

/// Filters for `students` and `internships`: `sector zorg`, `town Huizen`, `level 2`,
/// `need quiet`, and flags (`unplaced`, `free`); `key=value` works too.
struct Filters {
    var sector: Sector?
    var town: Place?
    var level: Level?
    var need: Accommodation?
    var flags: Set<String> = []

    static let keywords = ["sector", "town", "level", "need"]

    init(_ args: Arguments, flags allowed: [String], region: Region = .none) throws(ShellError) {
        var words = args.words.flatMap { (w: String) -> [String] in
            guard let eq = w.firstIndex(of: "="), Self.keywords.contains(String(w[..<eq])) else { return [w] }
            return [String(w[..<eq]), String(w[w.index(after: eq)...])]
        }[...]
        while let key = words.popFirst() {
            if allowed.contains(key) {
                flags.insert(key)
                continue
            }
            guard Self.keywords.contains(key) else {
                throw args.usage(.unknownFilter(key, known: Self.keywords + allowed))
            }
            guard let value = words.popFirst() else { throw args.usage(.needsValue(key)) }
            switch key {
            case "sector":
                guard let s = Sector(parsing: value) else { throw .message(.unknownSector(value)) }
                sector = s
            case "town":
                do { town = try Gazetteer.netherlands.place(named: value, in: region) } catch { throw .refused(.place(error)) }
            case "level":
                guard let l = Level(parsing: value) else { throw .message(.unknownLevel(value)) }
                level = l
            default:
                guard let a = Accommodation(parsing: value) else {
                    throw .message(.unknownNeed(value))
                }
                need = a
            }
        }
    }

    /// Completion for a filter's next word.
    static func complete(_ previous: [String], flags: [String]) -> [String] {
        switch previous.last {
        case "sector": Sector.allCases.map(\.rawValue)
        case "town": Array(Set(Gazetteer.netherlands.places.map { $0.name.replacingOccurrences(of: " ", with: "-") })).sorted()
        case "level": Level.allCases.map(\.rawValue)
        case "need": Accommodation.allCases.map(\.rawValue)
        default: keywords + flags
        }
    }

    func near(_ location: Location) -> Bool {
        guard let town else { return true }
        return location.nearestPlace() == town
    }
}

extension Command {
    static let students = Command(
        "students", synopsis: "students [sector S] [town T] [level L] [need N] [unplaced]",
        summary: "list students, filtered by wished sector, town, level, need, or unplaced in the latest round",
        details: "Each filter narrows the list; `sector=zorg` works too. The placement column shows the latest draft or the commitment.",
        complete: { previous, _, _ in Filters.complete(previous, flags: ["unplaced"]) }
    ) { args, session throws(ShellError) in
        let f = try Filters(args, flags: ["unplaced"], region: session.region())
        let ws = session.workspace
        let (students, placements, overrides) = try session.shell { () throws(WorkspaceError) in
            (try ws.students(), try ws.placements(), try ws.studentSettings())
        }
        let placed = Dictionary(placements.map { ($0.student, $0) }, uniquingKeysWith: { first, _ in first })
        let lang = session.console.language
        var table = Table([.student, .level, .sectors, .town, .travel, .needs, .placement], lang)
        var shown = 0
        for s in students {
            let p = placed[s.studentID]
            guard f.sector.map({ s.sectors.contains($0) }) ?? true, f.level.map({ s.level == $0 }) ?? true,
                  f.need.map({ s.needs.contains($0) }) ?? true, f.near(s.home),
                  !f.flags.contains("unplaced") || p?.internship == nil
            else { continue }
            var travel = "\(lang.word(s.travelMode.rawValue)) \(s.maxTravelMinutes)"
            if let o = overrides[s.id.value] {
                if let m = o["travel_mode"] { travel = lang.word(m) + " " + (o["max_travel_min"] ?? "\(s.maxTravelMinutes)") + "*" }
                else if let m = o["max_travel_min"] { travel = "\(lang.word(s.travelMode.rawValue)) \(m)*" }
            }
            let placement = p.map { p in
                p.internship.map { i in p.committed ? "\(i) (\(Phrase.committedMark.text(lang, .plain)))" : i.value } ?? Phrase.Place.unplaced.text(lang)
            } ?? Phrase.notMatched.text(lang, .plain)
            table.append([s.id.value, s.level.rawValue, s.sectors.map { lang.word($0.rawValue) }.joined(separator: ","),
                          s.home.nearestPlace()?.name ?? "", travel, s.needs.elements.map { lang.word($0.rawValue) }.joined(separator: ","), placement])
            shown += 1
        }
        session.console.print(table)
        session.console.say(.studentsCount(shown: shown, of: students.count, overrides: !overrides.isEmpty))
        return .proceed
    }

    static let internships = Command(
        "internships", synopsis: "internships [sector S] [town T] [level L] [need N] [free]",
        summary: "list internships, filtered by sector, town, accepted level, offered need, or free places left",
        complete: { previous, _, _ in Filters.complete(previous, flags: ["free"]) }
    ) { args, session throws(ShellError) in
        let f = try Filters(args, flags: ["free"], region: session.region())
        let ws = session.workspace
        let (internships, placements) = try session.shell { () throws(WorkspaceError) in (try ws.internships(), try ws.placements()) }
        var taken: [InternshipID: Int] = [:]
        for p in placements { if let i = p.internship { taken[i, default: 0] += 1 } }
        let lang = session.console.language
        var table = Table([.internship, .employer, .sector, .town, .places, .taken, .support, .offers], lang)
        var shown = 0
        for i in internships {
            let used = taken[i.internshipID] ?? 0
            guard f.sector.map({ i.sector == $0 }) ?? true, f.level.map({ i.levels.contains($0) }) ?? true,
                  f.need.map({ i.offers.contains($0) }) ?? true, f.near(i.location),
                  !f.flags.contains("free") || used < i.capacity
            else { continue }
            table.append([i.id.value, i.employer, lang.word(i.sector.rawValue), i.location.nearestPlace()?.name ?? "", "\(i.capacity)", "\(used)",
                          "\(i.supportCapacity)", i.offers.elements.map { lang.word($0.rawValue) }.joined(separator: ",")])
            shown += 1
        }
        session.console.print(table)
        session.console.say(.internshipsCount(shown: shown, of: internships.count))
        return .proceed
    }

    static let show = Command(
        "show", synopsis: "show STUDENT|INTERNSHIP|EMPLOYER|settings",
        summary: "everything about one student, internship or employer, or the weights and limits",
        complete: { previous, _, session in previous.isEmpty ? ["settings"] + Complete.students(session) + Complete.internships(session) : [] }
    ) { args, session throws(ShellError) in
        let typed = try args.required(0, "an id or settings")
        try args.atMost(1)
        if typed == "settings" {
            try showSettings(session)
            return .proceed
        }
        // Any kind of id, in any case; a near miss of a number is refused with the id meant.
        let id = try Arguments.resolved(typed, among: { session.studentIDs() + session.internshipIDs() }, what: .studentOrInternship)
        let ws = session.workspace
        let (model, placements, pins, bans) = try session.shell { () throws(WorkspaceError) in
            (try ws.roundModel(), try ws.placements(), try ws.pins(), try ws.bans())
        }
        let console = session.console
        let lang = console.language
        func row(_ key: Heading, _ value: String) { console.print(console.style.bold(key.text(lang).padding(16)) + value) }
        func row(_ key: String, _ value: String) { console.print(console.style.bold(key.padding(16)) + value) }
        func say(_ p: Phrase) -> String { p.text(lang, .plain) }
        func words(_ stored: [String], _ separator: String = ", ") -> String { stored.map(lang.word).joined(separator: separator) }
        if let s = model.student(StudentID(id)) {
            let imported = try session.shell { () throws(WorkspaceError) in try ws.students() }.first { $0.id.value == id }
            row(.student, id + (s.name.map { "  (\($0))" } ?? ""))
            row(.level, s.level.rawValue)
            if let profile = s.profile { row(.exitProfile, profile.rawValue) }
            row(.sectors, words(s.sectors.map(\.rawValue), " > "))
            row(.livesNear, s.home.nearestPlace()?.name ?? String(format: "%.4f, %.4f", s.home.latitude, s.home.longitude))
            var travel = say(.travelAtMost(s.travelMode, s.maxTravelMinutes))
            if let imported, imported.maxTravelMinutes != s.maxTravelMinutes || imported.travelMode != s.travelMode {
                travel += say(.travelSetForStudent(imported.travelMode, imported.maxTravelMinutes))
            }
            row(.travel, travel)
            row(.needs, words(s.needs.elements.map(\.rawValue)).ifEmpty(say(.none)))
            row(.certificates, s.certificates.elements.map(\.rawValue).joined(separator: ", ").ifEmpty(say(.none)))
            row(.priority, "\(s.priority)")
            if let c = s.coach { row(.coach, c) }
            if let school = s.school { row(.school, school) }
            if let from = s.availableFrom { row(.available, say(.availableFrom(from))) }
            if let e = model.ending[s.studentID] { row(.ending, say(.endingRow(Describe.place(e.internship, model), e.plannedEnd))) }
            if let u = model.upcoming[s.studentID] { row(.next, say(.nextRow(Describe.place(u.internship, model), u.status))) }
            if let p = pins[StudentID(id)] { row(.pinned, "\(p.internship)" + (p.reason.isEmpty ? "" : " (\(p.reason))")) }
            for (pair, reason) in bans.filter({ $0.key.student.value == id }).sorted(by: { $0.key.internship < $1.key.internship }) {
                row(.banned, "\(pair.internship)" + (reason.isEmpty ? "" : " (\(reason))"))
            }
            let p = placements.first { $0.student.value == id }
            row(.placement, p.map { p in
                p.internship.map {
                    say(.placementRow(Describe.place($0, model), minutes: p.travelMinutes ?? 0, score: p.score ?? 0, status: p.status.rawValue,
                                      start: p.start?.description, end: p.plannedEnd?.description, days: p.daysPerWeek))
                } ?? Phrase.Place.unplaced.text(lang)
            } ?? say(.notMatched))
        } else if let i = model.internship(InternshipID(id)) {
            row(.internship, "\(id)  \(i.employer)")
            let employer = try session.shell { () throws(WorkspaceError) in try ws.employerSummaries() }.first { $0.internships.contains(i.internshipID) }
            if let employer { row(.employer, "\(employer.key)  \(employer.name)") }
            if let l = i.leerbedrijfID { row(.leerbedrijf, l) }
            row(.sector, lang.word(i.sector.rawValue))
            row(.town, i.location.nearestPlace()?.name ?? String(format: "%.4f, %.4f", i.location.latitude, i.location.longitude))
            row(.places, say(.placesRow(i.capacity, support: i.supportCapacity)))
            row(.offers, words(i.offers.elements.map(\.rawValue)).ifEmpty(say(.nothingListed)))
            row(.requires, i.requires.elements.map(\.rawValue).joined(separator: ", ").ifEmpty(say(.none)))
            row(.levels, Level.allCases.filter(i.levels.contains).map(\.rawValue).joined(separator: ", "))
            let here = placements.filter { $0.internship?.value == id }
            row(.placed, here.isEmpty ? say(.nobody) : here.map { $0.student.value + ($0.committed ? " (\(say(.committedMark)))" : "") }.joined(separator: ", "))
            if let promised = model.promised(at: [i.internshipID])[i.internshipID] {
                row(.promised, promised.map { say(.promisedRow($0, model.upcoming[$0]?.status)) }.joined(separator: ", "))
            }
        } else if let e = try session.shell({ () throws(WorkspaceError) in try ws.employerSummaries() }).first(where: { $0.key == id }) {
            row(.employer, "\(e.key)  \(e.name)")
            if let r = e.record {
                if let l = r.leerbedrijfID { row(.leerbedrijf, l) }
                if let t = r.town { row(.town, t) }
                let contact = [r.contact, r.phone, r.email].compactMap { $0 }.joined(separator: ", ")
                if !contact.isEmpty { row(.contact, contact) }
            } else {
                row(.record, say(.derivedRecord))
            }
            row(.places, say(.employerPlacesRow(places: e.places, internships: e.internships.count, taken: e.taken)))
            row(.breakdowns, "\(e.breakdowns)")
            for i in e.internships {
                let here = placements.filter { $0.internship == i }
                row(i.value, here.isEmpty ? say(.nobody) : here.map { "\($0.student) (\(lang.word($0.status.rawValue)))" }.joined(separator: ", "))
            }
        } else {
            throw .refused(.noRecord(id))
        }
        return .proceed
    }

    static func showSettings(_ session: Session) throws(ShellError) {
        let ws = session.workspace
        let (settings, changed, perStudent) = try session.shell { () throws(WorkspaceError) in
            (try ws.settings(), try ws.changedSettings(), try ws.studentSettings())
        }
        let lang = session.console.language
        var table = Table([.setting, .value, .defaultValue, .meaning], lang)
        let defaults = MatchSettings()
        for setting in MatchSetting.allCases {
            let value = setting.value(in: settings)
            table.append([setting.rawValue, changed[setting.rawValue] == nil ? value : session.console.style.yellow(value),
                          setting.value(in: defaults), lang == .nl ? Self.dutchMeaning[setting.rawValue] ?? setting.meaning : setting.meaning])
        }
        table.rightAligned = [1, 2]
        session.console.print(table)
        let region = try session.region()
        session.console.say(.regionLine(region.isEmpty ? [] : region.names))
        let stored = try session.shell { () throws(WorkspaceError) in try ws.language() }
        let fromEnvironment = Language.of(environment: ProcessInfo.processInfo.environment)
        session.console.say(.languageLine(session.language(), from: stored != nil ? .workspace : fromEnvironment != nil ? .environment : .fallback))
        let measured = settings.measuredTravel.count
        session.console.say(.measuredLine(measured))
        if !perStudent.isEmpty {
            var t = Table([.student, .setting, .value], lang)
            for (s, values) in perStudent.sorted(by: { $0.key < $1.key }) {
                for (n, v) in values.sorted(by: { $0.key < $1.key }) { t.append([s, n, v]) }
            }
            session.console.print("")
            session.console.print(t)
        }
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}

extension Command {
    /// What each workspace setting means, in Dutch (the English is the setting's own `meaning`).
    static let dutchMeaning: [String: String] = [
        "sector_rank_weight": "kosten per stap omlaag in de sectorwensen van een leerling",
        "travel_minute_weight": "kosten per reisminuut",
        "support_scarcity_weight": "kosten wanneer een leerling die een jobcoach nodig heeft de enige plaats met begeleiding krijgt",
        "detour_factor": "routeafstand gedeeld door hemelsbrede afstand",
        "walk_speed": "km/u lopend",
        "bike_speed": "km/u per fiets",
        "scooter_speed": "km/u per scooter of brommer",
        "ov_speed": "km/u in het openbaar vervoer, eenmaal ingestapt",
        "ov_access_minutes": "minuten lopen naar en van de haltes en wachten, per ov-reis",
        "car_speed": "km/u per auto",
        "stability_weight": "kosten van het verplaatsen van een conceptleerling weg van de vorige conceptplaats (0: uit)",
        "placement_weeks": "weken van een plaatsing, van start tot geplande einddatum",
        "waiting_alarm_days": "dagen wachten waarna waiting een leerling markeert (!)",
    ]
}
