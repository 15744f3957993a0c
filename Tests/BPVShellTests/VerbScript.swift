/// Shell lines drawn from every verb, with random and extreme arguments: dates far in the past
/// and future and just outside bpv's window, reasons that are long, control-laden or name a
/// pupil, ids that exist and ids that do not, and output paths that name the workspace, its
/// log or a folder.
///
/// One file for two drivers: the random verb tests (a seeded generator) and the FuzzVerbs
/// libFuzzer target (the fuzzer's bytes), which includes this file through a link.
struct VerbScript {
    /// A number in `0 ..< n` from the driver.
    var choose: (Int) -> Int
    /// The workspace file (outputs naming it must be refused).
    let workspace: String
    /// A folder for outputs.
    let scratch: String

    func pick<T>(_ items: [T]) -> T { items[choose(items.count)] }

    /// Mostly a few pupils, so that verbs meet the states earlier verbs left; sometimes an id
    /// that is not there.
    func student() -> String {
        choose(4) == 0 ? pick(["GV-040", "GV-100", "GV-999", "gv-001", "GV-0010"]) : pick(["GV-001", "GV-002", "GV-003", "GV-009", "GV-015"])
    }
    func internship() -> String { pick(["GVI-001", "GVI-017", "GVI-024", "GVI-033", "GVI-050", "GVI-999"]) }

    func date() -> String {
        pick(["9999-12-31", "0001-01-01", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "2026-02-30", "2025-09-08",
              "2026-09-01", "2026-11-16", "2027-01-19", "2027-06-30", "10000-05-19", "2026-9-1", "-2026-01-01"])
    }

    func reason() -> String {
        pick(["no room", String(repeating: "lang ", count: 130), "esc \u{1B}[2J clear", "title \u{1B}]0;x\u{7}", "tab\there",
              "bidi \u{202E}txet", "swapped with GV-009 (Daan)", "=HYPERLINK(\"x\")", "-1+1", "'quoted' \"twice\"", "Daan"])
    }

    func path() -> String {
        pick([workspace, workspace + "-wal", workspace + "-shm", workspace + "-journal", scratch, scratch + "/out.csv",
              scratch + "/out.xlsx", scratch + "/report.html", scratch + "/missing/deeper.csv", scratch + "/s.json"])
    }

    /// One line of the shell, or a short chain of the year's verbs for one pupil (a proposal
    /// accepted and started, a commit ended), which reaches the states single lines rarely do.
    func lines() -> [String] {
        let s = student()
        switch choose(8) {
        case 0: return ["propose \(s)", "accept \(s)", "start \(s) \(date())"]
        case 1: return ["commit \(s)", "start \(s) \(date())", "end \(s) \(pick(["completed", "broke_down"])) \(reason()) on \(date())"]
        case 2: return ["commit \(s)", "start \(s)", "release \(s) \(reason())"]
        default: return [line()]
        }
    }

    /// One line of the shell.
    func line() -> String {
        switch choose(30) {
        case 0: return "match"
        case 1: return "match on \(date())"
        case 2: return "pin \(student()) \(internship()) \(reason())"
        case 3: return "unpin \(student())"
        case 4: return "ban \(student()) \(internship()) \(reason())"
        case 5: return "unban \(student()) \(internship())"
        case 6: return "propose \(student())" + (choose(2) == 0 ? " \(internship())" : "")
        case 7: return "accept \(student())"
        case 8: return "decline \(student()) by \(pick(["employer", "student", "nobody"])) \(reason())"
        case 9: return "start \(student()) \(date())" + (choose(3) == 0 ? " days \(pick(["0", "3", "5", "6", "99999999999999999999"]))" : "")
        case 10: return "start \(student())"
        case 11: return "end \(student()) \(pick(["completed", "broke_down", "left", "other", "exploded"])) \(reason()) on \(date())"
        case 12: return "commit \(pick(["all", student()]))"
        case 13: return "release \(student()) \(reason())"
        case 14: return "forget \(student()) \(reason())"
        case 15: return "purge ended-before \(date())"
        case 16: return "undo"
        case 17: return "export placements \(path())"
        case 18: return "export student \(student()) \(path())"
        case 19: return "report \(path())" + (choose(2) == 0 ? " names" : "")
        case 20: return "set \(student()) max_travel_min \(pick(["0", "60", "-5", "1000000", "x"]))"
        case 21: return "set \(internship()) capacity \(pick(["0", "1", "3", "-1", "999999"]))"
        case 22: return "set \(pick(["stability_weight", "placement_weeks", "travel_weight", "nonsense"])) \(pick(["0", "1", "52", "9999", "-1"]))"
        case 23: return "history \(student())"
        case 24: return "waiting" + (choose(2) == 0 ? " on \(date())" : "")
        case 25: return "why \(student())"
        case 26: return "why-not \(student()) \(internship())"
        case 27: return "try pin \(student()) \(internship())"
        case 28: return "log \(pick(["1", "5", "0", "-3"]))"
        default: return "placements"
        }
    }

    /// What must always work afterwards, whatever came before.
    func checks() -> [String] {
        ["match", "placements", "export placements \(scratch)/check.csv", "export placements \(scratch)/check.xlsx", "report \(scratch)/check.html"]
    }
}
