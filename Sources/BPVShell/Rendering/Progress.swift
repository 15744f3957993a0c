import Foundation
import Synchronization

/// A progress line for work that takes longer than half a second: after 0.5 s, `label… 1.3 s`
/// on the error stream, redrawn every 0.05 s and erased when the work ends. Shown only when
/// errors go to a terminal, so scripts and pipes get clean output. The shell runs every command
/// inside one; a nested call (a command's own long step) runs inside the outer line.
struct Progress {
    private static let active = Atomic<Bool>(false)

    /// Runs `body`, with a progress line while it runs longer than `delay`.
    static func run<T>(_ label: String, on console: Console, delay: Duration = .milliseconds(500),
                       _ body: () throws(ShellError) -> T) throws(ShellError) -> T
    {
        guard console.errorsToTerminal, !active.exchange(true, ordering: .acquiringAndReleasing) else { return try body() }
        defer { active.store(false, ordering: .releasing) }
        let state = Shared()
        let start = ContinuousClock.now
        let thread = Thread {
            var shown = false
            while !state.done.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.05)
                let elapsed = ContinuousClock.now - start
                guard elapsed >= delay, !state.done.load(ordering: .acquiring) else { continue }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                console.progress("\r" + Phrase.progress(label, seconds: seconds).text(console.language, .plain))
                shown = true
            }
            if shown { console.progress("\r\u{1B}[K") }
            state.finished.store(true, ordering: .releasing)
        }
        thread.start()
        defer {
            state.done.store(true, ordering: .releasing)
            while !state.finished.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.005) }
        }
        return try body()
    }

    private final class Shared: Sendable {
        let done = Atomic<Bool>(false)
        let finished = Atomic<Bool>(false)
    }
}
