import BPVDomain
import BPVShell
import BPVWorkspace
import FuzzSupport

/// Hilversum: a valid home (fixed, not input).
let home: Location = {
    do { return try Location(latitude: 52.2292, longitude: 5.1669) } catch { fatalError("\(error)") }
}()

/// A student whose settings the fuzzed values try to change.
let student = Student(
    id: PseudonymousID(stored: "S-1"), level: .entree, sectors: [.retail], home: home, travelMode: .bike, maxTravelMinutes: 30)

/// The shell's tokenizer on arbitrary lines (quotes, escapes, any Unicode), then every word
/// through the parsers that commands' arguments go through: a date, a number, an id (the
/// import's rules, citizen numbers included), each workspace setting's value, each student
/// setting's value, and the unknown-command suggestion. Words or a usage error, a value or a
/// refusal, never a crash.
func fuzzShellWords(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let words = try? Tokenizer.words(line) else { return 0 }
    // Each word through each parser; the settings it is tried as are chosen by the word itself
    // (so that the fuzzer steers to every one without paying for all of them on every input).
    let settings = MatchSetting.allCases, studentSettings = StudentSetting.allCases
    for word in words.prefix(6) {
        _ = try? CalendarDate(parsing: word)
        _ = Int(word)
        _ = try? PseudonymousID(word)
        let key = word.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        _ = try? settings[key % settings.count].validate(word)
        var s = student
        _ = try? studentSettings[key % studentSettings.count].apply(word, to: &s)
        _ = Shell.suggestion(for: word)
    }
    return 0
}

fuzz { data, size in fuzzShellWords(data, size) }
