#if canImport(Glibc)
import Glibc
#endif

/// A fuzz target: libFuzzer calls it with each input it generates.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

// libFuzzer's driver, linked from clang's runtime without its own `main` (SwiftPM gives an
// executable its own entry point).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzTarget
) -> CInt

/// Runs libFuzzer on `target` with the process's arguments, then exits with its status.
public func fuzz(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, target))
}
