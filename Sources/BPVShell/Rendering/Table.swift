import BPVDomain
/// An aligned text table that fits a width without cutting a cell, as psql's wrapped and
/// expanded formats: numbers right-aligned, text left-aligned; when the table is wider than
/// the terminal, narrow columns keep their width and the widest text columns wrap inside their
/// cells at word boundaries; when even that cannot fit (a column's longest word), the rows
/// print as records (`-[ RECORD 1 ]`, one `column | value` line each), as `\x` does.
///
/// Written here rather than taken from a table package: the ones at hand align columns but
/// cannot fit a terminal width, which is the point for a shell used in split windows.
///
/// ```swift
/// var t = Table(["student", "internship", "min"])
/// t.append(["S-001", "I-014", "23"])
/// print(t.render(width: 80, style: Style(enabled: false)))
/// ```
public struct Table: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// Columns aligned right; by default those whose cells are all numbers.
    public var rightAligned: Set<Int>?

    /// Rows as records: `on` always, `off` never (a table too wide then runs past the width,
    /// but no cell is cut), `auto` when the columns cannot fit (`set expanded on|off|auto`).
    public enum Expanded: String, Sendable, CaseIterable {
        case on, off, auto
    }

    public init(_ headers: [String]) { self.headers = headers }

    /// Adds a row; a tab, line break or other control character in a cell is shown as
    /// `\u{9}`, never breaking the columns (bpv's colours stay).
    public mutating func append(_ row: [String]) {
        rows.append(row.map { ControlText.escaped($0, keepingLineBreaks: false, keepingStyle: true) })
    }

    /// The table as lines of at most `width` characters (no limit when nil), no cell cut.
    /// - Complexity: O(cells · cell length).
    public func render(width: Int?, style: Style, expanded: Expanded = .auto) -> String {
        let n = headers.count
        var widths = headers.map(Self.visibleWidth)
        for row in rows {
            for (k, cell) in row.prefix(n).enumerated() { widths[k] = max(widths[k], Self.visibleWidth(cell)) }
        }
        let right = rightAligned ?? Set((0 ..< n).filter { k in
            rows.contains { $0.count > k && !$0[k].isEmpty } && rows.allSatisfy { $0.count <= k || Self.isNumeric($0[k]) }
        })
        if expanded == .on { return records(width: width, style: style) }
        let gap = 2
        if let width, widths.reduce(0, +) + gap * max(n - 1, 0) > width {
            // Numbers and ids never wrap; text wraps down to its longest word.
            let minimum = (0 ..< n).map { k in
                right.contains(k) ? widths[k] : max(Self.longestWord(headers[k]), rows.map { k < $0.count ? Self.longestWord($0[k]) : 0 }.max() ?? 0)
            }
            let fitted = Self.fit(widths, into: width, minimum: minimum, gap: gap)
            if fitted.reduce(0, +) + gap * max(n - 1, 0) <= width {
                widths = fitted
            } else if expanded == .auto {
                return records(width: width, style: style)
            } else {
                widths = minimum
            }
        }
        func lines(_ cells: [String], header: Bool) -> [String] {
            let wrapped = (0 ..< n).map { k in Self.wrap(k < cells.count ? cells[k] : "", width: widths[k]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0 ..< height).map { row in
                var parts: [String] = []
                for k in 0 ..< n {
                    let cell = row < wrapped[k].count ? wrapped[k][row] : ""
                    let pad = String(repeating: " ", count: max(widths[k] - Self.visibleWidth(cell), 0))
                    let text = right.contains(k) ? pad + cell : (k == n - 1 ? cell : cell + pad)
                    parts.append(header ? style.bold(text) : text)
                }
                var s = parts.joined(separator: String(repeating: " ", count: gap))
                while s.hasSuffix(" ") { s.removeLast() }
                return s
            }
        }
        var out = lines(headers, header: true)
        for row in rows { out += lines(row, header: false) }
        return out.joined(separator: "\n")
    }

    /// Each row as a record: a `-[ RECORD k ]` line, then `column | value` lines, the values
    /// wrapped at word boundaries to what the width leaves.
    func records(width: Int?, style: Style) -> String {
        let label = headers.map(Self.visibleWidth).max() ?? 0
        let room = width.map { max($0 - label - 3, 12) }
        var out: [String] = []
        for (r, row) in rows.enumerated() {
            let title = "-[ RECORD \(r + 1) ]"
            out.append(style.bold(title + String(repeating: "-", count: max(label + 3 - title.count, 1))))
            for (k, header) in headers.enumerated() {
                let value = k < row.count ? row[k] : ""
                let pieces = room.map { Self.wrap(value, width: $0) } ?? [value]
                for (p, piece) in pieces.enumerated() {
                    let name = p == 0 ? header : ""
                    var line = name + String(repeating: " ", count: label - Self.visibleWidth(name)) + " | " + piece
                    while line.hasSuffix(" ") { line.removeLast() }
                    out.append(line)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// A cell's lines of at most `width` visible characters, broken at spaces; a word longer
    /// than the width (only when the table runs past the terminal) stands on its own line.
    static func wrap(_ cell: String, width: Int) -> [String] {
        guard visibleWidth(cell) > width, width > 0 else { return [cell] }
        var lines: [String] = [], current = ""
        for (piece, glued) in pieces(cell) {
            let joined = current.isEmpty ? piece : current + (glued ? "" : " ") + piece
            if current.isEmpty || visibleWidth(joined) <= width {
                current = joined
            } else {
                lines.append(current)
                current = piece
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Where a cell may break: at a space (dropped), or after a comma in a list written without
    /// spaces (`jobcoach,prikkelarm,vaste_werkbegeleider`; kept); `glued` pieces follow the one
    /// before them without a space.
    static func pieces(_ cell: String) -> [(text: String, glued: Bool)] {
        var out: [(String, Bool)] = []
        for word in cell.split(separator: " ", omittingEmptySubsequences: true) {
            var rest = Substring(word), first = true
            while let comma = rest.firstIndex(of: ","), rest.index(after: comma) < rest.endIndex {
                out.append((String(rest[...comma]), !first))
                rest = rest[rest.index(after: comma)...]
                first = false
            }
            out.append((String(rest), !first))
        }
        return out
    }

    /// The longest piece a cell cannot be broken within (what a wrapped cell cannot go below).
    static func longestWord(_ cell: String) -> Int {
        pieces(cell).map { visibleWidth($0.text) }.max() ?? 0
    }

    /// Shrinks the widest columns, one character at a time, until the row fits.
    static func fit(_ widths: [Int], into width: Int, minimum: [Int], gap: Int) -> [Int] {
        var w = widths
        var total = w.reduce(0, +) + gap * max(w.count - 1, 0)
        while total > width {
            guard let k = w.indices.filter({ w[$0] > minimum[$0] }).max(by: { w[$0] < w[$1] }) else { break }
            w[k] -= 1
            total -= 1
        }
        return w
    }

    /// A cell's width on the terminal: its characters without the colour codes (`ESC[...m`).
    static func visibleWidth(_ s: String) -> Int {
        var n = 0, inCode = false
        for u in s.unicodeScalars {
            if inCode { if u == "m" { inCode = false }; continue }
            if u == "\u{1B}" { inCode = true; continue }
            n += 1
        }
        return n
    }

    static func stripCodes(_ s: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = [], inCode = false
        for u in s.unicodeScalars {
            if inCode { if u == "m" { inCode = false }; continue }
            if u == "\u{1B}" { inCode = true; continue }
            out.append(u)
        }
        return out
    }

    static func isNumeric(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "%" || $0 == "," }
    }
}
