import ArgumentParser
import BPVDomain
import BPVPostgres
import Foundation

/// `bpv server ...`: setting up a region's register on a PostgreSQL server. Run by the region's
/// database owner; these are not shell verbs (they act on the server, not on a workspace), so
/// argument-parser defines them, as it does `solve` and `generate`.
struct Server: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Set up a region's register on a PostgreSQL server: schema, roles, schools, users.",
        discussion: """
            The address is --db postgresql://USER@HOST:PORT/DATABASE (or $BPV_DB), read as psql \
            reads it: $PGHOST, $PGPORT, $PGUSER, $PGDATABASE, $PGPASSWORD, ~/.pgpass and sslmode \
            fill in what it leaves out; ?host=/socket/folder reaches a server on a Unix socket. \
            Who sees which pupil is enforced by PostgreSQL (roles and row-level security): \
            regional (every pupil), school (their school's), coach (their caseload), viewer \
            (pseudonymous overviews only).
            """,
        subcommands: [Init.self, AddSchool.self, AddUser.self, Users.self]
    )

    /// `--db URI`, else `$BPV_DB`.
    struct Address: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The server: postgresql://USER@HOST:PORT/DATABASE (default $BPV_DB).", valueName: "URI"))
        var db: String?

        func region() throws -> Region {
            let environment = ProcessInfo.processInfo.environment
            guard let uri = db ?? environment["BPV_DB"], ServerAddress.isServer(uri) else {
                throw ServerAddressProblem.notAURI(db ?? environment["BPV_DB"] ?? "")
            }
            let address = try ServerAddress(uri, environment: environment, osUser: BPVUser.name, home: environment["HOME"])
            return Region(try ServerConnection(address))
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create or bring up to date the region's schema, roles and row-level security (safe to run again).")
        @OptionGroup var address: Address

        func run() throws {
            let region = try address.region()
            let applied = try region.initialise()
            let version = try region.version()
            print(ServerSaying.initialised(version: version, applied: applied).text(BPV.language))
        }
    }

    struct AddSchool: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-school",
            abstract: "Add a school to the region, or rename it. ID is what the students file's school column says.")
        @Argument(help: "The school's id, as in the students file's school column.") var id: String
        @Argument(help: "The school's name.") var name: [String] = []
        @OptionGroup var address: Address

        func run() throws {
            let region = try address.region()
            let name = self.name.isEmpty ? id : self.name.joined(separator: " ")
            try region.addSchool(id: id, name: name)
            print(ServerSaying.schoolAdded(id, name).text(BPV.language))
        }
    }

    struct AddUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-user",
            abstract: "Make NAME a user of the region with ROLE (regional, school, coach, viewer); school and coach belong to SCHOOL.",
            discussion: """
                Makes the PostgreSQL login role NAME when it is missing (without a password: set \
                one with psql's \\password, or let pg_hba.conf decide how users log in) and puts \
                it in the role's group only. A coach's caseload is the pupils of their school whose \
                coach column says NAME, or --caseload LABEL.
                """)
        @Argument(help: "The user's login name.") var name: String
        @Argument(help: "regional, school, coach or viewer.") var role: String
        @Argument(help: "The school of a school coordinator or coach.") var school: String?
        @Option(help: "The coach column's label of a coach's pupils (default NAME).") var caseload: String?
        @OptionGroup var address: Address

        func run() throws {
            guard let role = ServerSchema.Role(rawValue: role) else { throw ServerProblem.unknownRole(role) }
            let region = try address.region()
            try region.addUser(name, role: role, school: school, caseload: caseload)
            print(ServerSaying.userAdded(name, role.rawValue, school).text(BPV.language))
        }
    }

    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "users", abstract: "The region's users: role, school, caseload.")
        @OptionGroup var address: Address

        func run() throws {
            print(ServerSaying.usersHeading.text(BPV.language))
            for m in try address.region().members() {
                print([m.name, m.role, m.school ?? "-", m.caseload ?? "-"].tabSeparated)
            }
        }
    }
}

/// What `bpv server` says when it did what was asked.
enum ServerSaying {
    case initialised(version: Int, applied: [Int])
    case schoolAdded(String, String)
    case userAdded(String, String, String?)
    /// The columns of `bpv server users` (tab-separated, as its rows).
    case usersHeading

    func text(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .initialised(let version, let applied) where applied.isEmpty:
            return nl ? "schema op versie \(version); er was niets te doen" : "schema at version \(version); nothing to do"
        case .initialised(let version, let applied):
            let steps = applied.map(String.init).joined(separator: ", ")
            return nl ? "schema op versie \(version); toegepast: \(steps)" : "schema at version \(version); applied: \(steps)"
        case .schoolAdded(let id, let name):
            return nl ? "school \(id) (\(name)) staat in de regio" : "school \(id) (\(name)) is in the region"
        case .usersHeading:
            return (nl ? ["gebruiker", "rol", "school", "caseload"] : ["user", "role", "school", "caseload"]).joined(separator: "\t")
        case .userAdded(let name, let role, let school):
            let at = school.map { nl ? " van \($0)" : " of \($0)" } ?? ""
            return nl ? "\(name) is gebruiker met de rol \(role)\(at)" : "\(name) is a user with role \(role)\(at)"
        }
    }
}

/// The OS user, libpq's default login name.
enum BPVUser {
    static var name: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "postgres"
    }
}

extension ServerProblem: UserFacingError {
    public var description: String { text(.en) }
}

extension ServerError: UserFacingError {
    public var description: String { text(.en) }
}

extension ServerAddressProblem: UserFacingError {
    public var description: String { text(.en) }
}
