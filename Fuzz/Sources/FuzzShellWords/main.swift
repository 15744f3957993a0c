#if canImport(Glibc)
import Glibc
#endif
import BPVShell

/// The shell's tokenizer on arbitrary lines (quotes, escapes, any Unicode): words or a usage
/// error, never a crash.
func fuzzShellWords(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Tokenizer.words(line)
    return 0
}

// libFuzzer's driver, linked from clang's runtime without its own `main` (SwiftPM gives an
// executable its own entry point): it calls the target with each input it generates.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, { data, size in fuzzShellWords(data, size) }))
