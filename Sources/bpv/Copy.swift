import ArgumentParser
import BPVDomain
import BPVPostgres
import BPVWorkspace
import Foundation

/// `bpv copy FROM TO`: a workspace file into a region's server, or a region into a new
/// workspace file, nothing lost. Not a shell verb: it acts on two homes of the register.
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a workspace file into a region's PostgreSQL server, or a region into a new workspace file.",
        discussion: """
            FROM and TO are a workspace file and a server address (postgresql://...), one of each. \
            Into a server: the workspace's pupils join the region (as --school, or each as its own \
            school column says), all or nothing; ids the region already has are refused. Into a \
            file: the whole region, in a new file (an existing one is never written over). The \
            region's server must be set up first (bpv server init).
            """)

    @Argument(help: "Where the register is now: a workspace file or postgresql://...") var from: String
    @Argument(help: "Where it goes: postgresql://... or a new workspace file.") var to: String
    @Option(help: "Into a server: the school of every copied pupil.") var school: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        func region(_ uri: String) throws -> Region {
            let address = try ServerAddress(uri, environment: environment, osUser: BPVUser.name, home: environment["HOME"])
            return Region(try ServerConnection(address))
        }
        let language = BPV.language
        switch (ServerAddress.isServer(from), ServerAddress.isServer(to)) {
        case (false, true):
            let ws = try Workspace(path: from, create: false)
            let tables = try ws.allTables()
            let summary = try region(to).load(tables, school: school, note: "from \(from)", user: ws.user)
            print(CopySaying.copied(summary, from: from, to: to).text(language))
        case (true, false):
            if school != nil { throw CopyProblem.schoolOnlyIntoServer }
            let source = try region(from)
            let tables = try source.allTables()
            _ = try Workspace.create(at: to, holding: tables, note: "from \(source.connection.address.description)")
            let summary = Region.CopySummary(rows: tables.tables.map { ($0.name, $0.rows.count) })
            print(CopySaying.copied(summary, from: source.connection.address.description, to: to).text(language))
        default:
            throw CopyProblem.oneOfEach
        }
    }
}

/// Why `bpv copy` was refused before it began.
enum CopyProblem: Error, UserFacingError {
    case oneOfEach
    case schoolOnlyIntoServer

    var description: String { text(.en) }

    func text(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .oneOfEach:
            return nl ? "bpv copy kopieert tussen een werkruimtebestand en een server (postgresql://...): noem van elk één"
                : "bpv copy copies between a workspace file and a server (postgresql://...): name one of each"
        case .schoolOnlyIntoServer:
            return nl ? "--school geldt bij kopiëren naar een server; een kopie naar een bestand neemt de hele regio mee"
                : "--school is for a copy into a server; a copy into a file takes the whole region"
        }
    }
}

/// What `bpv copy` says when it is done: the counts that matter to a coordinator.
enum CopySaying {
    case copied(Region.CopySummary, from: String, to: String)

    func text(_ language: Language) -> String {
        switch self {
        case .copied(let s, let from, let to):
            let n = (s.count("student"), s.count("internship"), s.count("employer"), s.count("register"), s.count("audit"))
            let shared = (s.shared["internship"] ?? 0, s.shared["employer"] ?? 0)
            if language == .nl {
                return "\(n.0) leerlingen, \(n.1) stageplaatsen, \(n.2) werkgevers, \(n.3) plaatsingen en \(n.4) logregels gekopieerd van \(from) naar \(to)"
                    + (shared == (0, 0) ? "" : "; \(shared.0) stageplaatsen en \(shared.1) werkgevers had de regio al, gelijk: gedeeld, één keer bewaard")
                    + (s.draftsLeftOut == 0 ? "" : "; \(s.draftsLeftOut) conceptplaatsingen bij gedeelde stageplaatsen weggelaten (samen meer dan de plaatsen): de volgende match plaatst die leerlingen opnieuw")
            }
            return "copied \(n.0) students, \(n.1) internships, \(n.2) employers, \(n.3) placements and \(n.4) audit entries from \(from) to \(to)"
                + (shared == (0, 0) ? "" : "; \(shared.0) internships and \(shared.1) employers the region had already, the same: shared, kept once")
                + (s.draftsLeftOut == 0 ? "" : "; \(s.draftsLeftOut) draft placements at shared internships left out (together more than the places): the next match places those pupils again")
        }
    }
}
