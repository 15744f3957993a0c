/// Splits a command line into words, as a shell does: spaces separate words, single or double
/// quotes keep spaces inside one word (`ban S-1 I-2 "late twice"`), a backslash escapes the next
/// character, and `#` at the start of a word begins a comment.
public enum Tokenizer {
    /// - Throws: ``ShellError`` for an unclosed quote.
    /// - Complexity: O(length of the line).
    public static func words(_ line: String) throws(ShellError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\":
                escaped = true
                inWord = true
            case "\"", "'":
                quote = c
                inWord = true
            case " ", "\t", "\r", "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "#" where !inWord:
                return words
            default:
                current.append(c)
                inWord = true
            }
        }
        if let q = quote { throw .message(.unclosedQuote(q)) }
        if inWord { words.append(current) }
        return words
    }
}
