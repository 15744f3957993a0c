import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C, as a flag that long-running work polls.
///
/// bpv installs its own SIGINT handler rather than let libedit or the default action handle
/// the signal: the handler only records the interrupt, so a line being typed is discarded
/// (the pending `read` returns `EINTR`), and a running command stops at its next check and
/// rolls back, leaving the workspace and the terminal as they were.
///
/// ```swift
/// Interrupt.install()
/// Interrupt.clear()
/// let result = try solver.solve(problem, shouldCancel: { Interrupt.isPending })
/// ```
public enum Interrupt {
    private static let pending = Atomic<Bool>(false)

    /// Installs the handler (without `SA_RESTART`, so that a blocked read is interrupted).
    /// - Complexity: O(1).
    public static func install() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in Interrupt.pending.store(true, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interrupt.pending.store(true, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last ``clear()``.
    public static var isPending: Bool { pending.load(ordering: .relaxed) }

    /// Forgets an earlier Ctrl-C (before a new line or command).
    public static func clear() { pending.store(false, ordering: .relaxed) }

    /// Returns whether Ctrl-C was pressed, and forgets it.
    public static func take() -> Bool { pending.exchange(false, ordering: .relaxed) }
}
