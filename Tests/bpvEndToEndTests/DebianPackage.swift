import Foundation

/// A program the tests need from a Debian package. `make test` installs it first
/// (`scripts/ensure-deps.sh --test`); a test never installs anything itself.
enum DebianPackage {
    /// The first of `candidates` that is an executable.
    /// - Throws: naming the package and the command that installs it.
    static func program(_ candidates: [String], package: String) throws -> String {
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath: )) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
                "\(package) is not installed; make test installs it (scripts/ensure-deps.sh --test), or apt-get install \(package)"])
        }
        return found
    }
}
