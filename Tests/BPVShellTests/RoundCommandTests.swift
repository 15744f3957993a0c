import BPVDomain
import BPVGeography
import BPVShell
import BPVTestServer
import BPVWorkspace
import Foundation
import Testing

@Suite("round commands")
struct RoundCommandTests {
    @Test func matchShowsTheSummaryThenTheChangesAgainstThePreviousDraft() throws {
        let f = try ShellFixture()
        let first = f.run("match")
        #expect(first.out.contains("round 1: 84 of 100 placed, 16 unplaced (0 committed, 0 pinned)"))
        #expect(first.out.contains("retail") && first.out.contains("mean travel"))
        // A tweak moves the stored draft at once, so the match after it finds nothing new.
        let r = f.run("pin GV-001 GVI-012", "match")
        #expect(r.out.contains("GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-012 (Logistiek Hilversum 12)  (pinned)"))
        #expect(r.out.contains("round 2: 84 of 100 placed"))
        #expect(r.out.contains("no changes against the draft before"))
        // A cold match with another weight reports the difference against the current draft.
        let weighted = f.run("set travel_minute_weight 3", "match").out
        #expect(weighted.contains("no changes against the draft before"))  // the setting already re-solved the draft
    }

    @Test func tryShowsWhoWouldMoveAndKeepsNothing() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let audit = try f.workspace.auditLog().count
        let r = f.run("try pin GV-001 GVI-002")
        #expect(r.status == 0)
        // GVI-002 is horeca, not among GV-001's wishes: the pin overrides that, as a coach's pin does.
        #expect(r.out.contains("GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-002 (Horeca Hilversum 2)"))
        #expect(try f.workspace.auditLog().count == audit)
        #expect(try f.workspace.pins().isEmpty)
        #expect(try f.workspace.latestRound() == 1)
        // The what-if equals doing it for real.
        let lines = r.out.split(separator: "\n").filter { $0.hasPrefix("  GV-") }.map(String.init)
        let real = f.run("pin GV-001 GVI-002", "match").out
        for line in lines { #expect(real.contains(line), "really moves: \(line)") }
        #expect(r.out.contains("placed 84 → 83 (−1), total score 2150 → 2177 (+27)"))
    }

    @Test func tweaksAfterAMatchMoveTheLiveDraftAtOnceAndSayWhy() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let pin = f.run("pin GV-050 GVI-013 found it herself").out
        #expect(pin.contains("the draft changes: 2 students move"))
        #expect(pin.contains("GV-050: unplaced → GVI-013 (Retail Loosdrecht 13)  (pinned)"))
        #expect(pin.contains("GV-072: GVI-013 (Retail Loosdrecht 13) → unplaced  (lost the place"))
        let ban = f.run("ban GV-001 GVI-033").out
        #expect(ban.contains("GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-024 (Logistiek Hilversum 24)  (banned from GVI-033)"))
        #expect(f.run("set GV-022 max_travel_min 50").out.contains("GV-022: unplaced → GVI-007 (Retail Hilversum 7)  (max_travel_min now 50)"))
        // Every tweak was stored with the draft rows it moved: a new shell sees that draft, and
        // a cold match (here and there) finds it optimal and changes nothing.
        let other = try f.reopened()
        let shown = try f.workspace.placements()
        #expect(shown.first { $0.student == "GV-050" }?.status == .pinned)
        #expect(shown.first { $0.student == "GV-072" }?.status == .unplaced)
        #expect(shown.first { $0.student == "GV-022" }?.internship == "GVI-007")
        #expect(other.run("match").out.contains("no changes against the draft before"))
        #expect(f.run("match").out.contains("no changes against the draft before"))
    }

    @Test func anInternshipWithOnePlaceLessMovesItsStudentAndUndoBringsItBack() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let tried = f.run("try set GVI-013 capacity 1").out
        #expect(tried.contains("placed 84 → 83 (−1)"))
        #expect(try f.workspace.internships().first { $0.id.value == "GVI-013" }?.capacity == 2)  // try keeps nothing
        let set = f.run("set GVI-013 capacity 1 the owner is on leave").out
        #expect(set.contains("GVI-013: 1 place, 1 with a job coach on site"))
        #expect(set.contains("GV-072: GVI-013 (Retail Loosdrecht 13) → unplaced  (GVI-013 has fewer places)"))
        #expect(try f.workspace.internships().first { $0.id.value == "GVI-013" }?.capacity == 1)
        #expect(try f.workspace.auditLog().last?.reason == "the owner is on leave")
        #expect(f.run("undo").out.contains("GV-072: unplaced → GVI-013 (Retail Loosdrecht 13)  (a place came free)"))
        _ = f.run("commit GV-071 GV-072")
        #expect(f.run("set GVI-013 capacity 1").err == """
            line 1: refused: GVI-013 has 1 place but 2 held: GV-071 (agreed), GV-072 (agreed); \
            keep at least 2 places (set GVI-013 capacity 2), or first end GV-071, end GV-072; nothing was changed

            """)
    }

    @Test func aChangeByAnotherProcessDropsTheLiveRound() throws {
        let a = try ShellFixture()
        _ = a.run("match")
        let b = try a.reopened()  // another coach, another connection
        _ = b.run("pin GV-050 GVI-013 found it herself")
        // A's view is read again before A's change is checked and stored: B's pin is in the
        // draft A changes, and A's ban moves only GV-001.
        let ban = a.run("ban GV-001 GVI-033")
        #expect(ban.status == 0)
        #expect(ban.out.contains("GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-024 (Logistiek Hilversum 24)  (banned from GVI-033)"))
        #expect(!ban.out.contains("GV-050"))
        let stored = try a.workspace.placements()
        #expect(stored.first { $0.student == "GV-050" }?.status == .pinned)
        #expect(stored.first { $0.student == "GV-001" }?.internship == "GVI-024")
        #expect(a.run("match").out.contains("no changes against the draft before"))
    }

    @Test func minimumDisruptionMovesOnlyWhoMust() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        // Without stability, lifting a ban would reshuffle whoever ties; with it, nobody moves
        // for nothing: a second match changes nothing, and an unrelated tweak moves one student.
        #expect(f.run("match").out.contains("no changes against the draft before"))
        let ban = f.run("ban GV-050 GVI-001").out  // not GV-050's place: nobody moves
        #expect(!ban.contains("the draft changes"))
        #expect(f.run("set stability_weight 0").status == 0)
        #expect(f.run("show settings").out.contains("stability_weight"))
    }

    @Test func tryCoversSettingsAndReleaseAndRefusesOtherCommands() throws {
        let f = try ShellFixture()
        #expect(f.run("try set travel_minute_weight 3").out.contains("what if: set travel_minute_weight 3"))
        #expect(f.run("try set GV-022 max_travel_min 60").status == 0)
        #expect(try f.workspace.studentSettings().isEmpty)
        #expect(try f.workspace.settings() == MatchSettings())
        #expect(f.run("try match").err.contains("try can try pin, unpin, ban, unban, set, release, not 'match'"))
        #expect(f.run("try release GV-001").err == "line 1: refused: GV-001 has no agreed or active placement to end; nothing was changed\n")
    }

    @Test func whyBreaksTheScoreDownAndSaysWhyEachAlternativeLost() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let r = f.run("why GV-001")
        #expect(r.out.contains("GV-001 is placed at GVI-033 (Logistiek Loosdrecht 33)"))
        #expect(r.out.contains("score 13 = sector wish 1: 0 + travel 13 min × 1: 13"))
        #expect(r.out.contains("GVI-012 (Logistiek Hilversum 12), score 27: 14 points worse for this student"))
        let unplaced = f.run("why GV-050").out
        #expect(unplaced.contains("GV-050 is unplaced:"))
        #expect(unplaced.contains("the one allowed internship is taken"))
    }

    @Test func whyNotNamesTheRuleOrTheExactCostOfForcing() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        #expect(f.run("why-not GV-001 GVI-002").out == "GV-001 cannot go to GVI-002: sector horeca is not among the student's wishes\n")
        let forced = f.run("why-not GV-001 GVI-012").out
        #expect(forced.hasPrefix("allowed; forcing it makes the round worse by 14 points"))
        #expect(f.run("why-not GV-001 GVI-033").out.contains("placed at GVI-033 already"))
        _ = f.run("ban GV-001 GVI-012")
        #expect(f.run("why-not GV-001 GVI-012").out.contains("is banned"))
    }

    @Test func unplacedGivesEveryUnplacedStudentAReason() throws {
        let f = try ShellFixture()
        let r = f.run("match", "unplaced")
        let headed = r.out.split(separator: "\n").filter { $0.hasPrefix("GV-") && $0.hasSuffix("):") }
        #expect(headed.count == 16)
        #expect(r.out.contains("GV-022 (entree, retail > logistiek, walk ≤ 30 min, needs fixed_mentor,nt2,clear_instructions):\n  no internship passes the hard constraints"))
        #expect(r.out.contains("35 too far (the nearest otherwise suitable one is about 39 min away)"))
    }

    @Test func aLongerTravelLimitForOneStudentIsKeptUsedAndUndoable() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let r = f.run("set GV-022 max_travel_min 50", "match", "why GV-022")
        #expect(r.status == 0)
        #expect(r.out.contains("GV-022: max_travel_min = 50 for later rounds"))
        #expect(r.out.contains("GV-022 is placed at"))
        #expect(try f.workspace.studentSettings()["GV-022"] == ["max_travel_min": "50"])
        #expect(try f.workspace.students().first { $0.id.value == "GV-022" }?.maxTravelMinutes == 30)  // the import is untouched
        _ = f.run("undo")
        #expect(try f.workspace.studentSettings().isEmpty)
        #expect(f.run("set GV-022 max_travel_min 999").err.contains("max_travel_min must be a whole number of minutes in 5...240"))
    }

    @Test func undoReversesPinBanAndSetInTurnButNotCommits() throws {
        let f = try ShellFixture()
        _ = f.run("pin GV-001 GVI-012 found it", "ban GV-002 GVI-006", "set travel_minute_weight 2")
        #expect(f.run("undo").out == "undid: set travel_minute_weight 2\n")
        #expect(try f.workspace.settings() == MatchSettings())
        _ = f.run("undo")
        #expect(try f.workspace.bans().isEmpty)
        _ = f.run("undo")
        #expect(try f.workspace.pins().isEmpty)
        #expect(f.run("undo").err.contains("nothing to undo"))
        _ = f.run("match", "commit GV-003")
        #expect(f.run("undo").err.contains("nothing to undo"))
        #expect(try f.workspace.placements().filter(\.committed).map(\.student) == ["GV-003"])
        let actions = try f.workspace.auditLog().map(\.action)
        #expect(actions.filter { $0 == "reset" || $0 == "unpin" || $0 == "unban" }.count == 3)  // undo is audited too
    }

    @Test func commitAndReleaseWorkOnTheDraft() throws {
        let f = try ShellFixture()
        #expect(f.run("commit all").err.contains("there is no draft to commit; run match first"))
        let r = f.run("match", "commit GV-001 GV-002", "placements committed")
        #expect(r.out.contains("committed 2 placements of the draft"))
        #expect(r.out.contains("2 placements"))
        #expect(f.run("release GV-001").err.contains("give a reason"))
        #expect(f.run("release GV-001 the employer closed").status == 0)
        #expect(try f.workspace.bans()[Pair("GV-001", "GVI-033")] == "broke down at GVI-033: the employer closed")
        let reopened = try TestStore.open(f.path)
        #expect(try reopened.placements().filter(\.committed).map(\.student) == ["GV-002"])
    }

    @Test func aCancelledMatchStoresNothing() throws {
        let f = try ShellFixture(cancel: { true })
        let audit = try f.workspace.auditLog().count
        let r = f.run("match")
        #expect(r.status == 1)
        #expect(r.err.contains("line 1: cancelled; nothing was changed"))
        #expect(try f.workspace.latestRound() == nil)
        #expect(try f.workspace.auditLog().count == audit)
    }

    /// `gaps` (many what-ifs) stops at a Ctrl-C, as its progress line says it will, and so does
    /// the report that computes it; nothing is written. (The round's solver looks for a Ctrl-C
    /// in every repair a what-if makes.)
    @Test func aCtrlCStopsGapsAndTheReport() throws {
        final class Flag: @unchecked Sendable { var pressed = false }
        let flag = Flag()
        let f = try ShellFixture(cancel: { flag.pressed })
        // The live round is solved and up to date before the key is pressed: only gaps's own
        // what-ifs can see the Ctrl-C.
        #expect(f.run("match", "unplaced").status == 0)
        flag.pressed = true
        let gaps = f.run("gaps")
        #expect(gaps.status == 1 && gaps.out.isEmpty)
        #expect(gaps.err == "line 1: cancelled; nothing was changed\n")
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-cancel-\(UUID().uuidString).html").path
        let report = f.run("report \(page)")
        #expect(report.err == "line 1: cancelled; nothing was changed\n")
        #expect(!FileManager.default.fileExists(atPath: page))
        flag.pressed = false
        #expect(f.run("gaps").out.contains("one more"))
    }

    @Test func listingsFilterAndStatsCount() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let zorg = f.run("students sector zorg level entree").out
        #expect(zorg.contains("of 100 students"))
        #expect(!zorg.split(separator: "\n").dropFirst().dropLast().contains { !$0.contains("zorg") })
        #expect(f.run("students unplaced").out.contains("16 of 100 students"))
        #expect(f.run("students town=Huizen").out.contains("15 of 100 students"))
        #expect(f.run("students colour red").err.contains("unknown filter 'colour'"))
        #expect(f.run("internships free sector retail").out.contains("internships"))
        let stats = f.run("stats").out
        #expect(stats.contains("overall: 84 of 100 placed (84%)"))
        #expect(stats.contains("Huizen                     15      15  100%"))
        #expect(stats.contains("0-15 min"))
        // One sector order everywhere: match's and stats' tables list the sectors alike.
        let sectors = Set(Sector.allCases.map(\.rawValue))
        func order(_ text: String) -> [Substring] {
            text.split(separator: "\n").compactMap { $0.split(separator: " ").first }.filter { sectors.contains(String($0)) }
        }
        let matched = order(f.run("match").out)
        #expect(!matched.isEmpty && Array(order(stats).prefix(matched.count)) == matched)
        #expect(f.run("show settings").out.contains("travel_minute_weight         1        1"))
        #expect(f.run("show GVI-013").out.contains("placed          GV-071, GV-072"))
    }

    @Test func aDutchWorkspaceExportsCSVThatDutchExcelSplitsAndAnExtensionBpvCannotWriteIsRefused() throws {
        let f = try ShellFixture()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-nl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("plaatsingen.csv").path, ods = dir.appendingPathComponent("plaatsingen.ods").path
        #expect(f.run("match", "set language nl").out.hasSuffix("taal = nl (CSV-exports gebruiken ;)\n"))
        #expect(f.run("export placements \(csv)").status == 0)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "leerling;stageplaats;werkgever;werkgever_id;leerbedrijf_id;sector;niveau;school;coach;reistijd_min;score;start;geplande_einddatum;dagen_per_week;status")
        #expect(lines.contains("GV-003;GVI-023;Buurtsuper Naarden 22;GVE-022;194289840;detailhandel;entree;;mentor-1;13;13;;;;concept"))
        let refused = f.run("export placements \(ods)")
        #expect(refused.err == "regel 1: \(ods): kan niet schrijven: bpv schrijft .xlsx-werkmappen en .csv-bestanden, geen .ods; noem het bestand .xlsx (LibreOffice en Excel openen het) of .csv\n")
        #expect(!FileManager.default.fileExists(atPath: ods))
        #expect(f.run("set language default").status == 0)
        #expect(try f.workspace.language() == nil)
        #expect(f.run("set language fr").err.contains("language must be nl or en"))
    }

    @Test func theLanguageComesFromTheEnvironmentAsPOSIXReadsIt() {
        #expect(Language.of(environment: ["LANG": "nl_NL.UTF-8"]) == .nl)
        #expect(Language.of(environment: ["LC_ALL": "en_GB.UTF-8", "LANG": "nl_NL.UTF-8"]) == .en)
        #expect(Language.of(environment: ["LC_ALL": "", "LC_MESSAGES": "nl_BE", "LANG": "C"]) == .nl)
        #expect(Language.of(environment: ["LANG": "C.UTF-8"]) == nil)
        #expect(Language.of(environment: [:]) == nil)
    }

    @Test func idsAreFoundInAnyCaseAndANearMissOfANumberNamesTheIdMeant() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        #expect(f.run("why gv-072").out.hasPrefix("GV-072 is placed at GVI-013 (Retail Loosdrecht 13)\n"))
        #expect(f.run("why GV-72").err == "line 1: no student GV-72; did you mean GV-072?\n")
        #expect(f.run("pin GV-1 GVI-13").err == "line 1: no student GV-1; did you mean GV-001?\n")
        #expect(f.run("why-not gv-001 gvi-002").out == "GV-001 cannot go to GVI-002: sector horeca is not among the student's wishes\n")
        #expect(f.run("show gvi-013").out.hasPrefix("internship      GVI-013  Retail Loosdrecht 13\nemployer        GVE-012  Drogisterij Loosdrecht 12\n"))
        #expect(f.run("show GV-72").err == "line 1: no student or internship GV-72; did you mean GV-072?\n")
        #expect(f.run("why XY-1").err == "line 1: no student XY-1\n")
    }

    @Test func showGivesTheDaysAWeekOfAPlacement() throws {
        let f = try ShellFixture()
        let r = f.run("match", "propose GV-010", "accept GV-010", "start GV-010 2026-09-01 days 3", "show GV-010")
        #expect(r.out.hasSuffix("placement       GVI-026 (Retail Huizen 26), 16 min, score 16, active from 2026-09-01 until 2027-01-19, 3 days a week\n"))
    }

    @Test func employersAreFilteredByTheTownAndSectorOfTheirInternshipsAndFreePlaces() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let model = try f.workspace.roundModel()
        let summaries = Dictionary(uniqueKeysWithValues: try f.workspace.employerSummaries().map { ($0.key, $0) })
        func rows(_ command: String) -> [Substring] {
            f.run(command).out.split(separator: "\n").dropFirst().dropLast().compactMap { $0.split(separator: " ").first }
        }
        let huizen = rows("employers town Huizen")
        #expect(!huizen.isEmpty && huizen.count < summaries.count)
        for key in huizen {
            let places = summaries[String(key)]?.internships.compactMap { model.internship($0)?.location.nearestPlace()?.name } ?? []
            #expect(places.contains("Huizen"), "\(key): \(places)")
        }
        for key in rows("employers sector horeca free") {
            let e = try #require(summaries[String(key)])
            #expect(e.places > e.taken && e.internships.contains { model.internship($0)?.sector == .horeca }, "\(key)")
        }
        #expect(f.run("employers need quiet").err.hasPrefix("line 1: employers are filtered by town, sector or free"))
    }

    @Test func exportWritesAnOwnerOnlyFileWithoutNames() throws {
        let f = try ShellFixture()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-export-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = FileManager.default.createFile(atPath: file, contents: Data(), attributes: [.posixPermissions: 0o644])
        #expect(f.run("match", "pin GV-001 GVI-012", "match", "export placements \(file)").status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("student,internship,employer,employer_id,leerbedrijf_id,sector,level,school,coach,travel_min,score,start,planned_end,days_per_week,status\n"))
        #expect(text.contains("GV-001,GVI-012,Distributie Muiden 11,GVE-011,189137579,logistiek,entree,,mentor-1,27,27,,,,pinned\n"), "\(text)")
        #expect(text.contains(",pinned\n"))
        #expect(!text.contains("Rayan"))  // GV-001's name stays in the workspace
        // The export is in the audit log, and the live round stays current (no re-solve).
        #expect(f.run("log").out.contains("export placements"))
        #expect(try f.shell.session.register.isStale() == false)
        #expect(f.shell.session.register.liveSession != nil)
    }
}
