import BPVWorkspace
import Foundation

extension Workspace {
    /// Opens the register at `location`: a region's server for a `postgresql://` address (its
    /// rows the user may see mirrored in memory, see ``RegionHome``), else a workspace file.
    /// - Parameters:
    ///   - create: for a file, whether a missing one may be made; a region is made by
    ///     `bpv server init`, never here.
    ///   - environment: libpq's variables (`PGHOST`, `PGUSER`, `PGPASSFILE`, ...).
    /// - Throws: ``WorkspaceError/cannotOpen(_:_:)`` with the reason.
    public static func open(
        _ location: String, user: String? = nil, create: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(WorkspaceError) -> Workspace {
        guard ServerAddress.isServer(location) else { return try Workspace(path: location, user: user, create: create) }
        let address: ServerAddress
        do {
            address = try ServerAddress(location, environment: environment, osUser: Workspace.osUser(), home: environment["HOME"])
        } catch {
            throw .cannotOpen(location, .system(error.text(.en)))
        }
        return try Workspace(home: RegionHome(address))
    }
}
