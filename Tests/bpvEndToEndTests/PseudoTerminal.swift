import Foundation

/// Runs a command in a pseudo-terminal, as a person at a keyboard would: `script` (util-linux)
/// gives the command a terminal as its controlling tty, so libedit edits lines, Tab completes,
/// the arrow keys recall history and Ctrl-C (byte 0x03) becomes SIGINT.
final class PseudoTerminal: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()

    static let scriptPath = "/usr/bin/script"

    init(command: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: Self.scriptPath)
        process.arguments = ["-q", "-e", "-f", "-c", command, "/dev/null"]
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            lock.withLock { buffer.append(data) }
        }
        try process.run()
    }

    /// Sends keystrokes.
    func type(_ keys: String) { input.fileHandleForWriting.write(Data(keys.utf8)) }

    /// Everything the terminal showed so far.
    var screen: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }

    /// Waits until `needle` has appeared `count` times.
    @discardableResult
    func waitFor(_ needle: String, count: Int = 1, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if screen.components(separatedBy: needle).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Waits for the command to end, then closes the keyboard (`script` hangs up on the command
    /// when its input ends first).
    func finish(timeout: Double = 30) -> Int32? {
        defer { try? input.fileHandleForWriting.close() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        output.fileHandleForReading.readabilityHandler = nil
        lock.withLock { buffer.append(output.fileHandleForReading.readDataToEndOfFile()) }
        return process.terminationStatus
    }
}
