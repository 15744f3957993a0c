import Foundation
import Testing

/// Chromium, headless: installed on demand (Debian `chromium`).
enum Chromium {
    static func binary() throws -> String {
        try DebianPackage.program(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"], package: "chromium")
    }

    /// Loads `page` headless with `arguments` (a screenshot, or the DOM after load); returns
    /// standard output and the browser's log.
    static func run(_ page: URL, _ arguments: [String]) throws -> (out: String, log: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try binary())
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                       "--enable-logging=stderr", "--v=0"] + arguments + [page.absoluteString]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// The report in a real browser: it loads without errors or requests, and draws the map and the
/// charts; it is private and self-contained.
@Suite("the report in a browser", .serialized)
struct ReportEndToEndTests {
    @Test func theReportLoadsInChromiumAndDrawsTheMapAndCharts() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        for kind in ["students", "employers", "internships"] {
            #expect(try BPVBinary.run(["import", kind, WorkspaceCommandTests.samples.appendingPathComponent("kennemerland-\(kind).csv").path,
                                       "--db", db]).status == 0)
        }
        let history = try String(contentsOf: WorkspaceCommandTests.samples.appendingPathComponent("kennemerland-history.bpv"), encoding: .utf8)
        #expect(try BPVBinary.run(["--db", db], stdin: history).status == 0)
        let page = dir.appendingPathComponent("report.html")
        let r = try BPVBinary.run(["report", page.path, "--db", db])
        #expect(r.stdout == "wrote \(page.path): the report of \(db)\n", "\(r.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: page.path)[.posixPermissions] as? Int) == 0o600)
        let html = try String(contentsOf: page, encoding: .utf8)
        // Self-contained and private: nothing fetched, no script, ids without names.
        for banned in ["http:", "https:", "src=", "<script", "@import", "url(http"] { #expect(!html.contains(banned), "\(banned)") }
        #expect(!html.contains("Fleur") && !html.contains("Saar"))  // names of sample students
        #expect(html.contains("Tender College") && html.contains("Heliomare College"))  // the chart by school
        #expect(html.contains("Worst off: <b>"))
        // The months of last year's history, each with its figures in cells: running, started, ended.
        let september = html.components(separatedBy: #"<th scope="row">2025-09</th>"#).dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
        let figures = september.components(separatedBy: #"<td class="num">"#).dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(figures.count == 3 && figures[0] == figures[1] && Int(figures[0]) ?? 0 > 100, "\(september)")
        #expect(html.contains("agreed placements have not started yet") || html.contains("One agreed placement has not started yet"))
        // The year beside last year, as the history file has it (113 started, 87 completed, 26
        // broke down in 2025-2026), and every coach's caseload.
        let years = html.components(separatedBy: #"<table id="school-years">"#).dropFirst().first?.components(separatedBy: "</table>").first ?? ""
        for (label, last) in [("placements started", 113), ("completed", 87), ("broke down", 26)] {
            #expect(years.contains("<td>\(label)</td><td class=\"num\">0</td><td class=\"num\">\(last)</td>"), "\(label): \(years)")
        }
        #expect(html.contains(#"<table id="caseload">"#) && html.contains("<td>coach-Heli-1</td>"))
        #expect(html.contains("in their first-choice sector") && !html.contains("mean sector rank"))

        // The DOM after load: the map with land, towns, internships and links; every chart drawn.
        let (dom, log) = try Chromium.run(page, ["--dump-dom"])
        #expect(!log.contains("Uncaught") && !log.contains(":CONSOLE("), "\(log)")
        func count(_ needle: String) -> Int { dom.components(separatedBy: needle).count - 1 }
        #expect(count(#"<path class="land""#) >= 1)
        #expect(count(#"<circle class="town""#) >= 10)
        #expect(count(#"fill-opacity=".8""#) == 460)  // one circle per internship
        #expect(count(#"<line class="link""#) > 800)
        // Town names are drawn after (over) the markers, a scale bar in round kilometres, and a
        // legend of what a circle's size means.
        let towns = try #require(dom.range(of: #"<g id="towns">"#)), markers = try #require(dom.range(of: #"<g id="internships">"#))
        #expect(markers.lowerBound < towns.lowerBound)
        #expect(dom.range(of: #"<g id="scale">.*?>(1|2|5|10|20|50) km</text>"#, options: .regularExpression) != nil)
        #expect(dom.contains(#"id="size-legend""#) && dom.contains(">9 places</text>"))
        for chart in ["by-sector", "by-level", "by-need", "by-town", "by-school", "travel", "year"] {
            #expect(dom.contains(#"id="\#(chart)""#), "chart \(chart) missing")
        }
        #expect(count(#"class="bar""#) > 30)
        // A screenshot of the whole page: rendered, not blank.
        let shot = dir.appendingPathComponent("report.png")
        _ = try Chromium.run(page, ["--screenshot=\(shot.path)", "--window-size=1200,2400"])
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 100_000, "screenshot of \(png.count) bytes")
        #expect(!html.contains("<th>name</th>"))
    }

    /// The report in Dutch (`--lang nl`, as `set language nl` or `LANG=nl_NL`): every heading and
    /// sentence from the Dutch catalogue, the page marked as Dutch, no English sentence left.
    @Test func aDutchWorkspaceGetsTheReportInDutch() throws {
        let (dir, db) = try RegisterScenarioTests.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("rapport.html")
        let r = try BPVBinary.run(["report", page.path, "--lang", "nl", "--db", db])
        #expect(r.stdout == "\(page.path) geschreven: het rapport van \(db)\n", "\(r.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains(#"<html lang="nl">"#))
        for dutch in ["<h2>De regio</h2>", "<h2>Plaatsingspercentage</h2>", "<h2>Eerlijkheid</h2>", "Slechtst af: <b>", "<h2>Waar plaatsen ontbreken</h2>",
                      "naar eerste gewenste sector", "<h1>Plaatsingen rond ", "detailhandel", "km</text>"] {
            #expect(html.contains(dutch), "\(dutch)")
        }
        for english in ["Worst off", "The region", "Placement rate", "without one", "students have a place", "Where places are missing",
                        "by first wished sector", ">retail<"] {
            #expect(!html.contains(english), "\(english)")
        }
    }

    @Test func namesOnlyWhenAskedAndTheShellWritesTheSameReport() throws {
        let (dir, db) = try RegisterScenarioTests.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let named = dir.appendingPathComponent("named.html"), shell = dir.appendingPathComponent("shell.html")
        #expect(try BPVBinary.run(["report", named.path, "names", "--db", db]).status == 0)
        let html = try String(contentsOf: named, encoding: .utf8)
        #expect(html.contains("<th>name</th>") && html.contains("names (--names)"))
        let r = try BPVBinary.run(["--db", db], stdin: "report \(shell.path)\nreport\n")
        #expect(r.stdout == "wrote \(shell.path): the report of \(db)\n")
        #expect(r.stderr == "line 2: missing FILE.html; usage: report FILE.html [names] [school NAME]\n")
        #expect(try String(contentsOf: shell, encoding: .utf8).contains(#"<svg id="map""#))
    }
}

/// What a director reads is right and whole: in Chromium, no label or number of a chart runs
/// out of its box, and every count in the charts equals what `stats` counts; the headline
/// keeps draft, proposed, agreed and started apart; the title names the region or schools.
@Suite("the report's numbers", .serialized)
struct ReportNumbersTests {
    @Test(arguments: ["gooi", "kennemerland"])
    func everyChartLabelFitsItsBoxAndEveryCountEqualsTheData(region: String) throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        for kind in ["students", "employers", "internships"] {
            #expect(try BPVBinary.run(["import", kind, WorkspaceCommandTests.samples.appendingPathComponent("\(region)-\(kind).csv").path,
                                       "--db", db]).status == 0)
        }
        let season = try BPVBinary.run(["--db", db], stdin: "match\npropose GV-003\npropose ZK-0003\ncommit GV-004 ZK-0004\n")
        #expect(season.stdout.contains("round 1"))
        let page = dir.appendingPathComponent("report.html")
        #expect(try BPVBinary.run(["report", page.path, "--db", db]).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        // The counts: each level's "placed of students" as stats gives them.
        let stats = try BPVBinary.run(["stats", "--db", db]).stdout.split(separator: "\n").map { $0.split(separator: " ") }
        for level in ["pro", "vso", "entree", "2"] {
            guard let row = stats.first(where: { $0.first.map(String.init) == level && $0.count == 4 }) else { continue }
            let (students, placed) = (Int(row[1]) ?? -1, Int(row[2]) ?? -1)
            #expect(html.contains(#"<th scope="row">\#(level)</th>"#), "\(level)")
            let expected = "\(Self.grouped(placed)) of \(Self.grouped(students))</td></tr>"
            let levelRow = html.components(separatedBy: #"<th scope="row">\#(level)</th>"#).dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            #expect((levelRow + "</tr>").hasSuffix(expected), "\(level): \(levelRow) vs \(expected)")
        }
        // The headline: statuses apart.
        #expect(html.contains(#"id="statuses""#) && html.contains("proposed to the employer") && html.contains("in the draft (not yet proposed)"))
        #expect(html.contains(region == "gooi" ? "<h1>Placements around " : "<h1>Placements of 7 schools</h1>"))
        // In the browser: a script added to a copy measures every cell of every chart.
        let probe = dir.appendingPathComponent("probe.html")
        let script = """
            <script>
            const cells = [...document.querySelectorAll('table.bars th, table.bars td.num')];
            const cut = cells.filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1);
            document.body.setAttribute('data-cells', cells.length);
            document.body.setAttribute('data-cut', cut.map(c => c.textContent).join('|') || 'none');
            </script></body>
            """
        try html.replacingOccurrences(of: "</body>", with: script).write(to: probe, atomically: true, encoding: .utf8)
        for width in [700, 1200] {
            let (dom, _) = try Chromium.run(probe, ["--dump-dom", "--window-size=\(width),2000"])
            #expect(dom.contains(#"data-cut="none""#), "cut at \(width): \(dom.components(separatedBy: "data-cut=\"").dropFirst().first?.prefix(200) ?? "")")
            #expect(!dom.contains(#"data-cells="0""#))
        }
    }

    static func grouped(_ n: Int) -> String {
        let d = String(n)
        return d.enumerated().map { k, c in (k > 0 && (d.count - k) % 3 == 0 ? "," : "") + String(c) }.joined()
    }
}
