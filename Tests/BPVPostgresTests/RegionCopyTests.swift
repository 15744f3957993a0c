import Foundation
import Testing

@testable import BPVPostgres

@Suite("copy's JSON")
struct RegionCopyTests {
    @Test(arguments: ["plain", "quote \" and backslash \\", "tab\tnew\nline\rreturn", "bell \u{7} escape \u{1B}[31m", "ë ĳ 😀 \u{202E}"])
    func aTextCellIsWrittenAsJSONThatReadsBackTheSame(text: String) throws {
        var json = ""
        Region.appendJSON(text, to: &json)
        let back = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
        #expect(back == [text])
    }
}
