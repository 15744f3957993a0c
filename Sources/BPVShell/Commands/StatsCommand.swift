import BPVDomain
import BPVWorkspace
import Foundation

extension Command {
    static let stats = Command(
        "stats", synopsis: "stats [school NAME]",
        summary: "placement rate by sector, level, exit profile (PRO and VSO), need, town and school, and the travel time distribution",
        details: """
            Counts the latest draft and the committed placements; a student counts under their first wished sector. \
            school NAME counts the students of that school only (a region's figures for one of its schools); \
            without it, a workspace with students of more than one school gets a table by school too.
            """,
        complete: { previous, _, session in
            previous.isEmpty ? ["school"] : previous == ["school"] ? Set(((try? session.workspace.students()) ?? []).compactMap(\.school)).sorted() : []
        }
    ) { args, session throws(ShellError) in
        var school: String?
        if let word = args[0] {
            guard word == "school" else { throw args.usage(.unexpected(word)) }
            guard let name = args[1] else { throw args.usage(.needsValue("school")) }
            try args.atMost(2)
            school = name
        }
        let ws = session.workspace
        var (students, placements) = try session.shell { () throws(WorkspaceError) in (try ws.students(), try ws.placements()) }
        let schools = Set(students.compactMap(\.school)).sorted()
        if let school {
            let name = try Self.school(school, among: students)
            students = students.filter { $0.school == name }
            let kept = Set(students.map(\.studentID))
            placements = placements.filter { kept.contains($0.student) }
        }
        let console = session.console
        let placed = Dictionary(placements.compactMap { p in p.internship.map { _ in (p.student, p) } }, uniquingKeysWith: { first, _ in first })
        let lang = console.language
        func rates(_ title: Heading, order: [String] = [], _ keys: (Student) -> [String]) {
            var counts: [String: (Int, Int)] = [:]
            for s in students {
                for k in keys(s) {
                    var c = counts[k] ?? (0, 0)
                    c.0 += 1
                    if placed[s.studentID] != nil { c.1 += 1 }
                    counts[k] = c
                }
            }
            var table = Table([title, .students, .placed, .rate], lang)
            func rank(_ k: String) -> Int { order.firstIndex(of: k) ?? order.count }
            guard !counts.isEmpty else { return }
            for (k, c) in counts.sorted(by: { (rank($0.key), $0.key) < (rank($1.key), $1.key) }) { table.append([lang.word(k), "\(c.0)", "\(c.1)", percent(c.1, c.0)]) }
            console.print(table)
            console.print("")
        }
        console.say(.overall(placed: placed.count, of: students.count, rate: percent(placed.count, students.count),
                             committed: placements.filter(\.committed).count))
        console.print("")
        rates(.sector, order: Sector.allCases.map(\.rawValue)) { $0.sectors.first.map { [$0.rawValue] } ?? [] }
        rates(.level, order: Level.allCases.map(\.rawValue)) { [$0.level.rawValue] }
        let notGiven = Phrase.notGiven.text(lang, .plain), none = "(\(Phrase.none.text(lang, .plain)))", elsewhere = Phrase.elsewhere.text(lang, .plain)
        rates(.profile, order: ExitProfile.allCases.map(\.rawValue)) { s in s.level.hasExitProfile ? [s.profile?.rawValue ?? notGiven] : [] }
        rates(.need) { $0.needs.elements.isEmpty ? [none] : $0.needs.elements.map(\.rawValue) }
        rates(.town) { [$0.home.nearestPlace()?.name ?? elsewhere] }
        if school == nil, schools.count > 1 { rates(.school) { [$0.school ?? notGiven] } }
        let minutes = placed.values.compactMap(\.travelMinutes).sorted()
        var table = Table([.travel, .students, .share], lang)
        for range in [0 ... 15, 16 ... 30, 31 ... 45, 46 ... 60, 61 ... Int.max] {
            let n = minutes.filter(range.contains).count
            table.append([Phrase.travelBucket(range).text(lang, .plain), "\(n)", percent(n, minutes.count)])
        }
        console.print(table)
        if !minutes.isEmpty {
            let mean = Double(minutes.reduce(0, +)) / Double(minutes.count)
            console.say(.travelFigures(median: minutes[minutes.count / 2], mean: mean, longest: minutes.last ?? 0))
        }
        if let live = session.liveOutcome { try session.noteIfNotTheStoredDraft(live) }
        return .proceed
    }
}

extension Command {
    /// The school a user named, as the students' records spell it (compared without case, as
    /// `waiting` compares them), or the refusal that lists the schools there are.
    static func school(_ typed: String, among students: [Student]) throws(ShellError) -> String {
        let schools = Set(students.compactMap(\.school)).sorted()
        guard let name = schools.first(where: { $0.lowercased() == typed.lowercased() }) else {
            throw .message(.unknownSchool(typed, known: schools))
        }
        return name
    }
}
