/// The one rule for characters that must never reach a terminal raw: C0 controls (escape,
/// carriage return, backspace, bell), DEL, C1 controls, Unicode's line and paragraph
/// separators, and the bidirectional embeddings, overrides and isolates (which reorder what a
/// reader sees). A reason typed by one coach must not clear another's screen, retitle their
/// terminal or hide text; a tab or a line break must not break a table's columns.
///
/// Free text is refused with them at the door (``firstControl(in:)``), and every front end
/// escapes what it prints (``escaped(_:keepingLineBreaks:keepingStyle:)``), so that text stored
/// before the door existed, or written by another program, is shown, not obeyed.
public enum ControlText {
    /// Whether `u` is one of the characters above (tab and line feed included).
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F ... 0x9F).contains(u.value) || (0x2028 ... 0x2029).contains(u.value)
            || (0x202A ... 0x202E).contains(u.value) || (0x2066 ... 0x2069).contains(u.value)
    }

    /// The first control character of `text`, if any.
    public static func firstControl(in text: String) -> Unicode.Scalar? { text.unicodeScalars.first(where: isControl) }

    /// `text` with each control character written as `\u{1B}` (visible, inert).
    /// - Parameters:
    ///   - keepingLineBreaks: a line feed stays a line break (a message of several lines);
    ///     off for one field of a table or a tab-separated line.
    ///   - keepingStyle: bpv's own colour codes (`ESC [ digits ; m`) stay; any other escape
    ///     sequence is shown.
    /// - Complexity: O(length).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = true, keepingStyle: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var k = 0
        while k < scalars.count {
            let u = scalars[k]
            if u == "\n" && keepingLineBreaks {
                out.append(u)
            } else if u == "\u{1B}", keepingStyle, let end = styleEnd(scalars, from: k) {
                out.append(contentsOf: scalars[k ... end])
                k = end + 1
                continue
            } else if isControl(u) {
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(u)
            }
            k += 1
        }
        return String(out)
    }

    /// The index of the `m` that ends a colour code starting at `k` (`ESC [ 1 ; 31 m`), if it is one.
    private static func styleEnd(_ scalars: [Unicode.Scalar], from k: Int) -> Int? {
        guard k + 2 < scalars.count, scalars[k + 1] == "[" else { return nil }
        var j = k + 2
        while j < scalars.count, ("0" ... "9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
        return j < scalars.count && scalars[j] == "m" ? j : nil
    }
}
