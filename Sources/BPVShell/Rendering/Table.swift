import BPVDomain
/// An aligned text table that fits a width: numbers right-aligned, text left-aligned, and,
/// when the table is wider than the terminal, the widest text columns shortened with `…`.
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

    public init(_ headers: [String]) { self.headers = headers }

    /// Adds a row; a tab, line break or other control character in a cell is shown as
    /// `\u{9}`, never breaking the columns (bpv's colours stay).
    public mutating func append(_ row: [String]) {
        rows.append(row.map { ControlText.escaped($0, keepingLineBreaks: false, keepingStyle: true) })
    }

    /// The table as lines of at most `width` characters (no limit when nil).
    /// - Complexity: O(cells).
    public func render(width: Int?, style: Style) -> String {
        let n = headers.count
        var widths = headers.map(Self.visibleWidth)
        for row in rows {
            for (k, cell) in row.prefix(n).enumerated() { widths[k] = max(widths[k], Self.visibleWidth(cell)) }
        }
        let right = rightAligned ?? Set((0 ..< n).filter { k in
            rows.contains { $0.count > k && !$0[k].isEmpty } && rows.allSatisfy { $0.count <= k || Self.isNumeric($0[k]) }
        })
        if let width { widths = Self.fit(widths, into: width, minimum: headers.map { min($0.count, 6) }, gap: 2) }
        func line(_ cells: [String], header: Bool) -> String {
            var parts: [String] = []
            for k in 0 ..< n {
                let cell = Self.clip(k < cells.count ? cells[k] : "", to: widths[k])
                let pad = String(repeating: " ", count: max(widths[k] - Self.visibleWidth(cell), 0))
                let text = right.contains(k) ? pad + cell : (k == n - 1 ? cell : cell + pad)
                parts.append(header ? style.bold(text) : text)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = [line(headers, header: true)]
        for row in rows { out.append(line(row, header: false)) }
        return out.joined(separator: "\n")
    }

    /// Shrinks the widest columns, one character at a time, until the row fits.
    static func fit(_ widths: [Int], into width: Int, minimum: [Int], gap: Int) -> [Int] {
        var w = widths
        var total = w.reduce(0, +) + gap * max(w.count - 1, 0)
        while total > width {
            guard let k = w.indices.filter({ w[$0] > max(minimum[$0], 3) }).max(by: { w[$0] < w[$1] }) else { break }
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

    /// A cell shortened to `width` visible characters with `…` (a coloured cell that must be
    /// shortened loses its colour rather than be cut inside a code).
    static func clip(_ s: String, to width: Int) -> String {
        guard visibleWidth(s) > width else { return s }
        let plain = String(String.UnicodeScalarView(Self.stripCodes(s)))
        return String(plain.prefix(max(width - 1, 0))) + "…"
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
