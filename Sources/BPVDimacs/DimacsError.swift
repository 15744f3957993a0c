/// A problem with a DIMACS file, located as `file:line:column: message`.
public struct DimacsError: Error, Equatable, CustomStringConvertible {
    /// The file name as given by the caller.
    public var file: String
    /// 1-based line; 0 when the problem is the file as a whole (it cannot be opened, say).
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What is wrong, in words.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
