import FuzzSupport
import BPVShell

/// The shell's tokenizer on arbitrary lines (quotes, escapes, any Unicode): words or a usage
/// error, never a crash.
func fuzzShellWords(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Tokenizer.words(line)
    return 0
}

fuzz { data, size in fuzzShellWords(data, size) }
