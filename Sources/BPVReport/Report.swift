import BPVDomain
import BPVGeography
import BPVSpreadsheet
import BPVWorkspace
import Foundation

/// The round as one self-contained HTML page for the school, the municipality and funders: a
/// map of the region, charts, a fairness panel, the unplaced students with their reasons, and
/// where places are missing. Inline SVG and CSS only: no script, no network request, readable
/// offline and printable. Pseudonymous ids only, unless `names` is set.
///
/// ```swift
/// let html = Report(round: session, placements: try ws.placements(), gaps: try session.gaps(), ...).html()
/// ```
public struct Report {
    public var round: RoundSession
    /// The register as stored (statuses and an active placement's dates).
    public var placements: [Workspace.Placement]
    /// Past placements (the history), for the chart over the year: start and end per placement.
    public var history: [Workspace.PastPlacement]
    /// Who waits without a held placement on the round's date, since when, and their coach.
    public var waiting: [(student: StudentID, since: CalendarDate?, coach: String?)]
    /// Every employer with its places and taken places.
    public var employers: [EmployerSummary]
    public var gaps: [PlaceGap]
    public var reasons: [StudentID: String]
    public var names: Bool
    public var title: String
    public var made: String
    /// The language the page is written in (`set language`, `--lang`, `LANG`).
    public var language: Language
    /// The school the page is cut to (`report FILE school NAME`): its pupils' figures, rates,
    /// waiting, history and reasons only; the internships, employers and missing places stay
    /// the region's, since every school of the region draws on them. Nil: every pupil.
    public private(set) var school: String?

    public init(round: RoundSession, placements: [Workspace.Placement], history: [Workspace.PastPlacement], gaps: [PlaceGap],
                reasons: [StudentID: String], names: Bool, title: String, made: String, language: Language = .en,
                waiting: [(student: StudentID, since: CalendarDate?, coach: String?)] = [], employers: [EmployerSummary] = [],
                school: String? = nil) {
        self.school = school
        self.language = language
        self.waiting = waiting
        self.employers = employers
        self.round = round
        self.placements = placements
        self.history = history
        self.gaps = gaps
        self.reasons = reasons
        self.names = names
        self.title = title
        self.made = made
        if school != nil {
            self.placements = placements.filter { counts($0.student) }
            self.history = history.filter { counts($0.student) }
            self.waiting = waiting.filter { counts($0.student) }
            self.reasons = reasons.filter { counts($0.key) }
        }
    }

    /// Whether the page counts this student: every one, or the cut's school's.
    func counts(_ id: StudentID) -> Bool { school == nil || model.student(id)?.school == school }
    /// The students the page is about (the school's, when cut).
    var students: [Student] { school.map { name in model.students.filter { $0.school == name } } ?? model.students }
    /// Those of ``students`` without a place in the round, sorted.
    var unplaced: [StudentID] { school == nil ? outcome.unplaced : outcome.unplaced.filter(counts) }
    /// The scores of the placed students the page is about.
    var scores: [ScoreBreakdown] { school == nil ? Array(outcome.scoreOf.values) : outcome.scoreOf.filter { counts($0.key) }.map(\.value) }

    var model: RoundModel { round.model }
    var w: ReportWords { language == .nl ? .dutch : .english }
    /// A stored word (sector, accommodation) as the reader reads it.
    func word(_ stored: String) -> String { language.word(stored) }
    var outcome: RoundOutcome { round.outcome }

    /// The whole page.
    /// - Complexity: O(students + internships + outline points).
    public func html() -> String {
        let students = students, scores = scores
        let placed = scores.count, total = students.count
        let meanTravel = scores.isEmpty ? 0 : Double(scores.reduce(0) { $0 + $1.travelMinutes }) / Double(scores.count)
        var page = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(Self.css)</style></head><body>
            <header><h1>\(escape(title))</h1>
            <p class="facts"><span>\(w.haveAPlace("<b>\(Self.count(placed))</b>", Self.count(total), percent(placed, total)))</span>
            <span>\(w.withoutOne("<b>\(Self.count(total - placed))</b>"))</span></p>
            <p class="facts" id="statuses">\(statusFacts())</p><p class="facts">
            <span>\(w.meanTravel("<b>\(decimal(meanTravel))</b>"))</span>
            <span>\(w.roundFor(model.date.map { "\($0)" }))</span><span>\(w.made(escape(made)))</span></p></header>
            <main>
            <section id="map-section"><h2>\(w.region)</h2>\(map())\(legend())
            <p class="note">\(w.mapNote)</p></section>
            <section id="charts"><h2>\(w.placementRate)</h2><div class="grid">
            """
        page += chart(id: "by-sector", w.bySector, groups { s in [s.sectors.first.map { word($0.rawValue) } ?? w.none] })
        page += chart(id: "by-level", w.byLevel, groups { s in [s.level.rawValue] })
        if students.contains(where: \.level.hasExitProfile) {
            page += chart(id: "by-profile", w.byProfile, groups { s in s.level.hasExitProfile ? [s.profile?.rawValue ?? w.notGiven] : [] })
        }
        page += chart(id: "by-need", w.byNeed, groups { s in s.needs.elements.isEmpty ? [w.none] : s.needs.elements.map { word($0.rawValue) } })
        page += chart(id: "by-town", w.byTown, groups { s in [s.home.nearestPlace()?.name ?? "?"] })
        if school == nil, students.contains(where: { $0.school != nil }) {
            page += chart(id: "by-school", w.bySchool, groups { s in [s.school ?? "(\(w.none))"] })
        }
        page += "</div><div class=\"grid\">" + travelChart() + yearChart() + "</div></section>"
        page += yearFigures() + fairness() + unplacedList() + gapsList()
        page += """
            </main><footer>\(w.footer(names)) \
            \(w.places): \(Gazetteer.attribution); \(LandOutline.attribution).</footer>
            </body></html>

            """
        return page
    }

    // MARK: Grouping

    struct Group {
        var name: String
        var students = 0
        var placed = 0
        var rankSum = 0
        /// Placed in the sector they wished first.
        var firstChoice = 0
        var travelSum = 0
        var rate: Double { students == 0 ? 0 : Double(placed) / Double(students) }
        var meanTravel: Double? { placed == 0 ? nil : Double(travelSum) / Double(placed) }
    }

    /// Students counted under each key `keys` gives them, with their placement figures.
    /// - Complexity: O(students × keys).
    func groups(_ keys: (Student) -> [String]) -> [Group] {
        var out: [String: Group] = [:]
        for s in students {
            for key in keys(s) {
                var g = out[key] ?? Group(name: key)
                g.students += 1
                if let i = outcome.internshipOf[s.studentID], let internship = model.internship(i) {
                    g.placed += 1
                    g.rankSum += (s.sectors.firstIndex(of: internship.sector) ?? s.sectors.count) + 1
                    if s.sectors.first == internship.sector { g.firstChoice += 1 }
                    g.travelSum += outcome.scoreOf[s.studentID]?.travelMinutes ?? 0
                }
                out[key] = g
            }
        }
        return out.values.sorted { ($0.students, $1.name) > ($1.students, $0.name) }
    }

    // MARK: Charts

    /// A horizontal bar chart of placement rates, one bar per group.
    /// The places by status, apart: a solver's draft is not an agreed placement.
    func statusFacts() -> String {
        var counts: [Workspace.Status: Int] = [:]
        for p in placements where p.internship != nil { counts[p.status, default: 0] += 1 }
        let words: [(Workspace.Status, String)] = [(.draft, w.inDraft), (.pinned, w.pinnedFound), (.proposed, w.proposedToEmployer),
                                                   (.agreed, w.agreed), (.active, w.started)]
        return words.map { #"<span><b>\#(Self.count(counts[$0.0] ?? 0))</b> \#($0.1)</span>"# }.joined(separator: "\n")
    }

    /// Placement rates as a table of bars: the name, the bar, the rate and the counts each in a
    /// cell of its own, so that no label or number is ever cut (a long name wraps in its cell).
    func chart(id: String, _ title: String, _ groups: [Group]) -> String {
        var html = #"<figure><figcaption>\#(escape(title))</figcaption><table id="\#(id)" class="chart bars">"#
        for g in groups {
            let width = String(format: "%.1f", g.rate * 100)
            html += #"<tr><th scope="row">\#(escape(g.name))</th><td class="barcell"><span class="bar" style="width:\#(width)%"></span></td>"#
            html += #"<td class="num">\#(percent(g.placed, g.students))</td><td class="num">\#(w.of(Self.count(g.placed), Self.count(g.students)))</td></tr>"#
        }
        return html + "</table></figure>"
    }

    /// A decimal as the reader writes it: 16.1, or 16,1 in Dutch.
    func decimal(_ x: Double) -> String { String(format: "%.1f", x).replacingOccurrences(of: ".", with: String(language.decimalSeparator)) }

    /// A count as people read it: thousands separated (1,134).
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Travel minutes of the placed students, in bins of five minutes.
    func travelChart() -> String {
        var bins = [Int](repeating: 0, count: 13)
        for score in scores { bins[min(score.travelMinutes / 5, 12)] += 1 }
        let top = max(bins.max() ?? 1, 1)
        var svg = #"<figure><figcaption>\#(w.travelTitle)</figcaption><svg id="travel" class="chart" viewBox="0 0 420 190" role="img" aria-label="\#(w.travelTitle)">"#
        for (k, n) in bins.enumerated() {
            let h = Int(Double(n) / Double(top) * 130), x = 20 + k * 30
            svg += #"<rect x="\#(x)" y="\#(150 - h)" width="24" height="\#(h)" class="bar"><title>\#(w.studentsCount(n))</title></rect>"#
            let label = k == 12 ? "60+" : String(k * 5)
            svg += #"<text x="\#(x + 12)" y="166" text-anchor="middle" class="small">\#(label)</text>"#
            if n > 0 { svg += #"<text x="\#(x + 12)" y="\#(146 - h)" text-anchor="middle" class="small">\#(n)</text>"# }
        }
        return svg + "</svg></figure>"
    }

    /// Placements running in each month, where placements have dates (active now, or ended).
    func yearChart() -> String {
        var spans = history.compactMap { h -> (CalendarDate, CalendarDate)? in
            guard let s = h.start, let e = h.end else { return nil }
            return (s, e)
        }
        spans += placements.compactMap { p in p.start.flatMap { s in p.plannedEnd.map { (s, $0) } } }
        guard let first = spans.map(\.0).min(), let last = spans.map(\.1).max() else {
            return #"<figure><figcaption>\#(w.yearTitle)</figcaption><p class="note" id="year">\#(w.noDates)</p></figure>"#
        }
        let months = Self.months(from: first, to: last)
        let running = months.map { m in spans.filter { $0.0 <= m.end && $0.1 >= m.start }.count }
        let started = months.map { m in spans.filter { m.start <= $0.0 && $0.0 <= m.end }.count }
        let ended = months.map { m in spans.filter { m.start <= $0.1 && $0.1 <= m.end }.count }
        let top = max(running.max() ?? 1, 1)
        // A table of bars, as the rates: each month's figures in cells of their own (the values
        // are the axis), so that none is cut or has to be guessed from a bar's height.
        var html = #"<figure><figcaption>\#(w.monthsTitle)</figcaption><table id="year" class="chart bars">"#
        html += #"<tr><th scope="col">\#(w.month)</th><td></td><td class="num">\#(w.running)</td><td class="num">\#(w.startedColumn)</td><td class="num">\#(w.ended)</td></tr>"#
        for (k, m) in months.enumerated() {
            let width = String(format: "%.1f", Double(running[k]) / Double(top) * 100)
            html += #"<tr><th scope="row">\#(m.label)</th><td class="barcell"><span class="bar" style="width:\#(width)%"></span></td>"#
            html += #"<td class="num">\#(Self.count(running[k]))</td><td class="num">\#(Self.count(started[k]))</td><td class="num">\#(Self.count(ended[k]))</td></tr>"#
        }
        let agreed = placements.filter { $0.status == .agreed }.count
        html += "</table>"
        html += #"<p class="note">\#(w.monthsNote(agreed, Self.count(agreed)))</p>"#
        return html + "</figure>"
    }

    static func months(from a: CalendarDate, to b: CalendarDate) -> [(label: String, start: CalendarDate, end: CalendarDate)] {
        var out: [(String, CalendarDate, CalendarDate)] = []
        let text = a.description
        guard var year = Int(text.prefix(4)), var month = Int(text.dropFirst(5).prefix(2)) else { return [] }
        while out.count < 36 {
            func day(_ y: Int, _ m: Int) -> CalendarDate? { CalendarDate(String(format: "%04d-%02d-01", y, m)) }
            guard let start = day(year, month) else { break }
            let (ny, nm) = month == 12 ? (year + 1, 1) : (year, month + 1)
            guard let next = day(ny, nm) else { break }
            if start > b { break }
            out.append((String(format: "%04d-%02d", year, month), start, next.adding(days: -1)))
            (year, month) = (ny, nm)
        }
        return out
    }

    // MARK: Fairness, unplaced, gaps

    func fairness() -> String {
        let all = groups { _ in [w.allStudents] }.first ?? Group(name: w.allStudents)
        let byNeed = groups { s in s.needs.elements.isEmpty ? [w.noNeed] : s.needs.elements.map { w.need(word($0.rawValue)) } }
        let byLevel = groups { s in [w.level(s.level.rawValue)] }
        let candidates = (byNeed + byLevel).filter { $0.students >= 3 }
        let worst = candidates.min { ($0.rate, $1.students) < ($1.rate, $0.students) }
        func row(_ g: Group, _ strong: Bool = false) -> String {
            let cls = strong ? " class=\"whole\"" : g.name == worst?.name ? " class=\"worst\"" : ""
            return "<tr\(cls)><td>\(escape(g.name))</td><td>\(g.students)</td><td>\(percent(g.placed, g.students))</td>"
                + "<td>\(percent(g.firstChoice, g.placed))</td><td>\(g.meanTravel.map(decimal) ?? "–")</td></tr>"
        }
        var html = #"<section id="fairness"><h2>\#(w.fairness)</h2>"#
        if let worst {
            html += "<p>\(w.worstOff("<b>\(escape(worst.name))</b>", percent(worst.placed, worst.students), percent(all.placed, all.students)))</p>"
        }
        html += "<table><thead><tr>" + w.fairnessHeadings.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
        html += row(all, true) + (byNeed + byLevel).map { row($0) }.joined() + "</tbody></table>"
        return html + #"<p class="note">\#(w.fairnessNote)</p></section>"#
    }

    func unplacedList() -> String {
        let unplaced = unplaced
        var html = #"<section id="unplaced"><h2>\#(w.withoutAPlace(unplaced.count))</h2>"#
        guard !unplaced.isEmpty else { return html + "<p>\(w.everyonePlaced)</p></section>" }
        html += "<table><thead><tr><th>\(w.student)</th>\(names ? "<th>\(w.name)</th>" : "")<th>coach</th><th>\(w.why)</th></tr></thead><tbody>"
        for id in unplaced.sorted() {
            let s = model.student(id)
            html += "<tr><td>\(escape(id.value))</td>" + (names ? "<td>\(escape(s?.name ?? ""))</td>" : "")
                + "<td>\(escape(s?.coach ?? ""))</td><td>\(escape(reasons[id] ?? ""))</td></tr>"
        }
        return html + "</tbody></table></section>"
    }

    func gapsList() -> String {
        var html = #"<section id="gaps"><h2>\#(w.gapsTitle)</h2>"#
        guard !gaps.isEmpty else { return html + "<p>\(w.noGaps)</p></section>" }
        html += "<table><thead><tr>" + w.gapsHeadings.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for g in gaps {
            let place = model.internship(g.internship).map { "\(g.internship) (\($0.employer))" } ?? g.internship.value
            let (what, at) = g.cells(language, place: place)
            html += "<tr><td>\(escape(what))</td><td>\(escape(at))</td><td>\(g.gain)</td><td>\(escape(g.placed.map(\.value).joined(separator: ", ")))</td></tr>"
        }
        return html + #"</tbody></table><p class="note">\#(w.gapsNote)\#(school == nil ? "" : " " + w.gapsForTheRegion)</p></section>"#
    }

    // MARK: Helpers

    func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "–" : "\(Int((Double(a) * 100 / Double(b)).rounded()))%" }

    /// Text for HTML, with control characters dropped (the one markup escaper).
    func escape(_ s: String) -> String { MarkupText.escaped(s, keepingWhitespace: false) }

    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232b;margin:0;background:#fafafa}
        header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
        h1{font-size:24px;margin:20px 0 6px}h2{font-size:18px;margin:26px 0 8px;border-bottom:1px solid #ddd}
        .facts span{margin-right:18px}.note,.dim{color:#66707a;font-size:12px}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:14px}
        figure{margin:0;background:#fff;border:1px solid #e3e3e3;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
        svg text{font-size:11px;fill:#1d232b}svg .small{font-size:9px}svg .dim{fill:#66707a}
        .bar{fill:#3b7dd8}.track{fill:#eceff3}
        table.bars{border:0}table.bars th,table.bars td{border:0;padding:2px 6px}table.bars th{font-weight:400;text-align:right;width:34%}
        td.barcell{width:44%;background:#eceff3;padding:0}span.bar{display:block;height:14px;background:#3b7dd8}
        td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        #map{width:100%;height:auto;background:#dbe9f6;border:1px solid #c9d6e2}
        .land{fill:#f4f1e8;stroke:#b9b3a3;stroke-width:.6}.town{fill:#555}
        .townname{font-size:10px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
        .link{stroke:#7a8591;stroke-width:.6;opacity:.55}.unplaced{stroke:#c62828;stroke-width:1.6}
        table{border-collapse:collapse;background:#fff;width:100%}td,th{border:1px solid #e3e3e3;padding:3px 6px;text-align:left}
        tr.whole td{font-weight:600}tr.worst td{background:#fdecea}
        .legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}
        footer{color:#66707a;font-size:12px;margin:24px auto}
        @media print{body{background:#fff}.grid{grid-template-columns:1fr 1fr}section{break-inside:avoid}}
        """
}

extension Report {
    /// The page's title: the workspace's own (`set title ...`), else the region it works in,
    /// else the schools of its students, else the places they live in.
    public static func title(_ workspace: Workspace, _ model: RoundModel, language: Language) throws -> String {
        let w = language == .nl ? ReportWords.dutch : .english
        if let own = try workspace.title() { return own }
        let region = try workspace.region()
        if !region.isEmpty { return w.titleIn(region.names.joined(separator: ", ")) }
        let schools = Set(model.students.compactMap(\.school)).sorted()
        if !schools.isEmpty, schools.count <= 3 { return w.titleOf(schools.joined(separator: ", ")) }
        if !schools.isEmpty { return w.titleOfSchools(schools.count) }
        var towns: [String: Int] = [:]
        for s in model.students { if let t = s.home.nearestPlace()?.municipality { towns[t, default: 0] += 1 } }
        let top = towns.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
        return top.isEmpty ? w.titlePlain : w.titleAround(top.joined(separator: ", "))
    }
}
