import BPVShell
import BPVTestServer
import BPVWorkspace
import Foundation

/// A shell on a scratch workspace, with everything it prints collected.
final class ShellFixture: @unchecked Sendable {
    let path: String
    let workspace: Workspace
    let shell: Shell
    private let sink = Sink()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func sample(_ name: String) -> String { repository.appendingPathComponent("Samples/\(name)").path }

    /// - Parameters:
    ///   - gooi: import the Gooi en Vechtstreek sample first.
    ///   - cancel: what the session's Ctrl-C check answers.
    init(gooi: Bool = true, width: Int? = nil, path given: String? = nil, user: String = "coach",
         cancel: @escaping @Sendable () -> Bool = { false }) throws {
        path = try given ?? TestStore.fresh("bpv-shell")
        workspace = try TestStore.open(path, user: user)
        let sink = self.sink
        let console = Console(style: Style(enabled: false), width: width,
                              out: { text in sink.add(text, error: false) }, err: { text in sink.add(text, error: true) })
        shell = Shell(session: Session(workspace: workspace, console: console, shouldCancel: cancel))
        owned = given == nil
        if gooi {
            _ = shell.runScript(lines: ["import students \(Self.sample("gooi-students.csv"))",
                                        "import employers \(Self.sample("gooi-employers.csv"))",
                                        "import internships \(Self.sample("gooi-internships.csv"))"], bail: true)
            _ = take()
        }
    }

    private var owned = true

    deinit { if owned { TestStore.remove(path) } }

    /// A second shell on the same workspace file (another coach, or the same one tomorrow).
    func reopened(as user: String = "coach") throws -> ShellFixture { try ShellFixture(gooi: false, path: path, user: user) }

    /// Runs lines as a script; returns the status and what was printed.
    func run(_ lines: String..., bail: Bool = false) -> (status: Int32, out: String, err: String) {
        let status = shell.runScript(lines: lines, bail: bail)
        let (o, e) = take()
        return (status, o, e)
    }

    /// What was printed since the last call.
    func take() -> (String, String) { sink.take() }

    private final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var out = "", err = ""

        func add(_ text: String, error: Bool) {
            lock.withLock { if error { err += text } else { out += text } }
        }

        func take() -> (String, String) {
            lock.withLock {
                defer { out = ""; err = "" }
                return (out, err)
            }
        }
    }
}
