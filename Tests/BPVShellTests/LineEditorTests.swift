import BPVLineEditor
import BPVShell
import BPVWorkspace
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

    @Test func afterForgetNoHistoryLineNamesTheErasedPupil() throws {
        // The shell names what forget erased (id and name); the editor drops every line that
        // mentions them, in memory and in the file, and keeps the rest in order.
        let f = try ShellFixture()
        _ = f.run("match", "pin GV-010 GVI-001 swapped with Daan", "forget GV-009 request of the parents")
        #expect(f.shell.session.erasedWords == ["GV-009", "Daan"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        Terminal.adoptLocale()
        let editor = try LineEditor(name: "bpv-test", history: .file(path))
        for line in ["match", "why GV-009", "pin GV-010 GVI-001 swapped with daan", "why GV-0090", "forget GV-009 request of the parents"] {
            editor.remember(line)
        }
        let words = f.shell.session.erasedWords
        editor.scrub { Register.mentionsAny($0, words) }
        #expect(editor.lines == ["match", "why GV-0090"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let saved = text.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: "\\040", with: " ") }
        #expect(saved == ["match", "why GV-0090"])
    }
}
