import BPVShell
import BPVWorkspace
import Foundation
import FuzzSupport

/// Every verb of the shell, in sequences the fuzzer's bytes choose (VerbScript, shared with the
/// random verb tests through a link), on a copy of the Gooi sample workspace; after each
/// sequence `match`, `placements`, both exports and the report must still work. A record left
/// unreadable, an output that replaced the workspace, or a crash anywhere is a finding.

/// The repository, from this file's place (Fuzz/Sources/FuzzVerbs/main.swift).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-fuzz-verbs-\(getpid())").path

/// A shell on the workspace at `path`, collecting its errors.
final class Collected: @unchecked Sendable { var errors = "" }
func shell(_ path: String, _ collected: Collected) throws -> Shell {
    let console = Console(style: Style(enabled: false), width: nil, out: { _ in }, err: { collected.errors += $0 })
    return Shell(session: Session(workspace: try Workspace(path: path, user: "fuzz"), console: console, shouldCancel: { false }))
}

/// The sample imported and matched once; each input starts from a copy of it.
let template: Data = {
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/template.sqlite"
        let s = try shell(path, Collected())
        let samples = repository.appendingPathComponent("Samples").path
        guard s.runScript(lines: ["import students \(samples)/gooi-students.csv", "import employers \(samples)/gooi-employers.csv",
                                  "import internships \(samples)/gooi-internships.csv", "match"], bail: true) == 0 else {
            fatalError("FuzzVerbs: the Gooi sample did not import")
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        fatalError("FuzzVerbs: \(error)")
    }
}()

/// The fuzzer's bytes as choices; when they run out, every choice is 0.
final class Choices: @unchecked Sendable {
    let bytes: [UInt8]
    var at = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var exhausted: Bool { at >= bytes.count }
    func next(_ n: Int) -> Int {
        guard at < bytes.count else { return 0 }
        defer { at += 1 }
        return Int(bytes[at]) % n
    }
}

func fuzzVerbs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Choices(Array(UnsafeBufferPointer(start: data, count: size)))
    let run = folder + "/run-\(UInt64.random(in: 0 ... .max))"
    let path = run + "/W.sqlite"
    defer { try? FileManager.default.removeItem(atPath: run) }
    do {
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try template.write(to: URL(fileURLWithPath: path))
        let collected = Collected()
        let s = try shell(path, collected)
        let script = VerbScript(choose: { input.next($0) }, workspace: path, scratch: run)
        var lines: [String] = []
        for _ in 0 ..< 16 where !input.exhausted { lines += script.lines() }
        _ = s.runScript(lines: lines, bail: false)
        for check in script.checks() {
            collected.errors = ""
            if s.runScript(lines: [check], bail: false) != 0 || collected.errors.contains("unreadable") {
                fatalError("FuzzVerbs: '\(check)' failed after \(lines): \(collected.errors)")
            }
        }
        _ = try Workspace(path: path, create: false).placements()
    } catch {
        fatalError("FuzzVerbs: the workspace does not open after a sequence: \(error)")
    }
    return 0
}

fuzz { data, size in fuzzVerbs(data, size) }
