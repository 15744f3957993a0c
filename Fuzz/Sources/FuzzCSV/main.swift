#if canImport(Glibc)
import Glibc
#endif
import BPVWorkspace

/// The CSV reader and the three row readers on arbitrary bytes: any input must give a list of
/// students (or internships, employers) or a located refusal, never a crash or a hang.
func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? StudentImport.parse(bytes, fileName: "fuzz.csv")
    _ = try? InternshipImport.parse(bytes, fileName: "fuzz.csv")
    _ = try? EmployerImport.parse(bytes, fileName: "fuzz.csv")
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
exit(runDriver(&argc, &argv, { data, size in fuzzCSV(data, size) }))
