import BPVDomain
import BPVWorkspace
import Foundation

extension Report {
    /// A school year: 1 August to 31 July, named `2026-2027`.
    struct SchoolYear {
        var first: Int
        var start: CalendarDate { CalendarDate(String(format: "%04d-08-01", first)) ?? .today }
        var end: CalendarDate { CalendarDate(String(format: "%04d-07-31", first + 1)) ?? .today }
        var name: String { "\(first)-\(first + 1)" }
        func contains(_ d: CalendarDate?) -> Bool { d.map { start <= $0 && $0 <= end } ?? false }

        /// The school year `date` falls in.
        init(containing date: CalendarDate) {
            let text = date.description
            let year = Int(text.prefix(4)) ?? 2026, month = Int(text.dropFirst(5).prefix(2)) ?? 9
            first = month >= 8 ? year : year - 1
        }

        init(first: Int) { self.first = first }
    }

    /// What a director asks of the year: placements started, completed and broken down this
    /// school year beside last year's (where the history has it), how long pupils wait, each
    /// coach's caseload, and how full the employers are.
    /// - Complexity: O(history + placements + waiting + employers).
    func yearFigures() -> String {
        let date = model.date ?? .today
        let year = SchoolYear(containing: date), last = SchoolYear(first: year.first - 1)
        // Placements of a year: those that ended in it (the history) and, for started, also
        // those active now that started in it.
        func count(_ y: SchoolYear, _ outcome: PlacementOutcome) -> Int { history.filter { $0.outcome == outcome && y.contains($0.end) }.count }
        func started(_ y: SchoolYear) -> Int {
            history.filter { y.contains($0.start) }.count + placements.filter { $0.status == .active && y.contains($0.start) }.count
        }
        let rows: [(String, Int, Int)] = [
            (w.startedPlacements, started(year), started(last)),
            (w.completedPlacements, count(year, .completed), count(last, .completed)),
            (w.brokenDown, count(year, .brokeDown), count(last, .brokeDown)),
            (w.leftEarly, count(year, .left) + count(year, .other), count(last, .left) + count(last, .other)),
        ]
        var html = #"<section id="year-figures"><h2>\#(w.yearFiguresTitle)</h2><div class="grid"><figure><figcaption>\#(w.placementsPerYear)</figcaption>"#
        html += "<table id=\"school-years\"><thead><tr><th></th><th>\(w.schoolYear(year.name))</th><th>\(w.schoolYear(last.name))</th></tr></thead><tbody>"
        for (label, now, before) in rows {
            html += "<tr><td>\(escape(label))</td><td class=\"num\">\(Self.count(now))</td><td class=\"num\">\(Self.count(before))</td></tr>"
        }
        html += "</tbody></table></figure>"

        // Waiting: how many, how long.
        let days = waiting.compactMap { $0.since.map { $0.days(to: date) } }.sorted()
        let alarm = model.settings.waitingAlarmDays
        html += #"<figure><figcaption>\#(w.waitingTitle)</figcaption><table id="waiting-figures"><tbody>"#
        html += "<tr><td>\(w.waitingNow)</td><td class=\"num\">\(Self.count(waiting.count))</td></tr>"
        if !days.isEmpty {
            html += "<tr><td>\(w.medianWait)</td><td class=\"num\">\(Self.count(days[days.count / 2]))</td></tr>"
            html += "<tr><td>\(w.longestWait)</td><td class=\"num\">\(Self.count(days.last ?? 0))</td></tr>"
            html += "<tr><td>\(w.waitingOver(alarm))</td><td class=\"num\">\(Self.count(days.filter { $0 > alarm }.count))</td></tr>"
        }
        html += "</tbody></table></figure>"

        // Employers: how full.
        let full = employers.filter { $0.places > 0 && $0.taken >= $0.places }.count
        let free = employers.reduce(0) { $0 + max($1.places - $1.taken, 0) }
        html += #"<figure><figcaption>\#(w.employersTitle)</figcaption><table id="employer-figures"><tbody>"#
        html += "<tr><td>\(w.employersCount)</td><td class=\"num\">\(Self.count(employers.count))</td></tr>"
        html += "<tr><td>\(w.employersFull)</td><td class=\"num\">\(Self.count(full))</td></tr>"
        html += "<tr><td>\(w.employersWithRoom)</td><td class=\"num\">\(Self.count(employers.filter { $0.places > $0.taken }.count))</td></tr>"
        html += "<tr><td>\(w.freePlaces)</td><td class=\"num\">\(Self.count(free))</td></tr>"
        html += "</tbody></table></figure></div>"

        // Each coach's caseload: pupils, placed (held), only in the draft, waiting.
        struct Load { var pupils = 0, held = 0, draft = 0, waiting = 0, brokenDown = 0 }
        var loads: [String: Load] = [:]
        let status = Dictionary(placements.map { ($0.student, $0.status) }, uniquingKeysWith: { first, _ in first })
        let waitingIDs = Set(waiting.map(\.student))
        for s in model.students {
            let coach = s.coach ?? "–"
            var l = loads[coach] ?? Load()
            l.pupils += 1
            switch status[s.studentID] {
            case .pinned?, .proposed?, .agreed?, .active?: l.held += 1
            case .draft?: l.draft += 1
            default: break
            }
            if waitingIDs.contains(s.studentID), status[s.studentID] != .draft { l.waiting += 1 }
            loads[coach] = l
        }
        for h in history where h.outcome == .brokeDown && year.contains(h.end) { loads[h.coach ?? "–", default: Load()].brokenDown += 1 }
        if loads.count > 1 || loads.keys.first != "–" {
            html += #"<figure><figcaption>\#(w.caseloadTitle)</figcaption><table id="caseload"><thead><tr>"#
                + w.caseloadHeadings.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
            for (coach, l) in loads.sorted(by: { $0.key < $1.key }) {
                html += "<tr><td>\(escape(coach))</td>" + [l.pupils, l.held, l.draft, l.waiting, l.brokenDown].map { "<td class=\"num\">\(Self.count($0))</td>" }.joined() + "</tr>"
            }
            html += "</tbody></table></figure>"
        }
        return html + #"<p class="note">\#(w.yearNote)</p></section>"#
    }
}
