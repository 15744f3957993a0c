import BPVTestServer
import BPVWorkspace
import Foundation
import Testing

/// Issue 24: a workspace survives any sequence of verbs with random and extreme arguments.
/// After every line, `match`, `placements`, both exports and the report still work: no
/// record is ever left unreadable, no output ever replaces the workspace.
@Suite("random verb sequences")
struct RandomVerbsTests {
    /// SplitMix64: a small seeded generator, so a failing sequence can be replayed by its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: 1 ... 6)
    func everyVerbWithExtremeArgumentsLeavesAWorkingWorkspace(seed: UInt64) throws {
        let f = try ShellFixture()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-verbs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        nonisolated(unsafe) var rng = SplitMix(state: seed)
        // On a region's server there is no workspace file: its would-be files go in the scratch
        // folder (a database's name would make them files in the current directory).
        let script = VerbScript(choose: { Int.random(in: 0 ..< $0, using: &rng) },
                                workspace: TestStore.onServer ? scratch + "/region" : f.path, scratch: scratch)
        var lines: [String] = []
        for _ in 0 ..< 12 {
          for line in script.lines() {
            lines.append(line)
            let step = f.run(line)
            // BPV_VERBS_TRACE=1 prints each line and its answer, to read what a seed did.
            if ProcessInfo.processInfo.environment["BPV_VERBS_TRACE"] != nil { Swift.print("> \(line)\n\(step.out)\(step.err)") }
            #expect(!step.err.contains("unreadable") && !step.err.contains("malformed") && !step.err.contains("SQLite error"),
                    "seed \(seed), after \(lines): \(step.err)")
            for check in script.checks() {
                let r = f.run(check)
                #expect(r.status == 0, "seed \(seed), \(check) after \(lines): \(r.err)")
            }
          }
        }
        // The file is still a bpv workspace, and a fresh process opens it.
        let reopened = try TestStore.open(f.path, create: false)
        _ = try reopened.placements()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).allSatisfy { !$0.hasSuffix(".tmp") })
    }
}
