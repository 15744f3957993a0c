import Foundation

/// A program the tests need from a Debian package, installed on demand (apt-get, through sudo
/// when not root) the first time a test asks for it.
enum DebianPackage {
    /// The first of `candidates` that is an executable; installs `package` when none is.
    static func program(_ candidates: [String], package: String) throws -> String {
        if let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) { return found }
        for step in [["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = (getuid() == 0 ? [] : ["sudo", "-n"]) + step
            p.environment = ProcessInfo.processInfo.environment.merging(["DEBIAN_FRONTEND": "noninteractive"]) { $1 }
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(package) could not be installed (apt-get install \(package))"])
        }
        return found
    }
}
