/// A command failed; the message is phrased for the user, and nothing was changed.
public struct ShellError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
