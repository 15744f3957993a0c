import BPVLineEditor
import Foundation
import Testing

@Suite("line editor")
struct LineEditorTests {
    @Test func historyIsSavedOwnerOnlyAndReadBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        Terminal.adoptLocale()  // as bpv does: without it libedit escapes non-ASCII bytes
        do {
            let editor = try LineEditor(name: "bpv-test", history: .file(path))
            editor.remember("why GV-001")
            editor.remember("   ")  // blank lines are not kept
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        do {
            let editor = try LineEditor(name: "bpv-test", history: .file(path))
            editor.remember("ban GV-001 GVI-002 Daniël zegt nee")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // libedit's format escapes spaces; both sessions' lines are there, in order.
        let lines = text.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: "\\040", with: " ") }
        #expect(lines == ["why GV-001", "ban GV-001 GVI-002 Daniël zegt nee"])
    }

    @Test func aHistoryFileMadeWorldReadableIsTightenedOnTheNextLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644]))
        let editor = try LineEditor(name: "bpv-test", history: .file(path))
        editor.remember("why GV-001")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }
}
