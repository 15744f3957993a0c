import ArgumentParser

/// A failure already phrased for the user (`file:line:column: what is wrong`); printed as
/// `bpv: <message>` on standard error with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
