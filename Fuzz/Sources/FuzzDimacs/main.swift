import FuzzSupport
import BPVDimacs

/// The DIMACS reader on arbitrary text: an instance or a located refusal, never a crash.
func fuzzDimacs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? DimacsReader.parse(text, fileName: "fuzz.dimacs")
    return 0
}

fuzz { data, size in fuzzDimacs(data, size) }
