import BPVDomain
import Foundation
import SystemPackage

/// Who is writing to a workspace: a small file next to it (`WORKSPACE-writer`, mode 0600) that a
/// bpv process writes when it has taken the write lock and removes when it lets go. A process
/// that waits in vain for the lock reads it to say which bpv holds it and since when, or, when
/// there is no note (or its process is gone), that another program does.
///
/// SQLite cannot say who holds a lock, and the holder's own transaction is invisible to the
/// waiter, hence a file outside the database. It names the process, the OS user and the bpv
/// command (`bpv shell`, `bpv import`), never its arguments, which can name students.
public struct WriterNote: Sendable {
    let path: String

    init(workspace: String) { path = workspace + "-writer" }

    /// Notes this process as the writer. Called with the write lock held, so no two processes
    /// write it at once. Failure to write it only makes a waiter's message vaguer.
    /// - Complexity: O(1), one small file written.
    func record(user: String) {
        let command = CommandLine.arguments.prefix(2).enumerated()
            .map { $0.offset == 0 ? URL(fileURLWithPath: $0.element).lastPathComponent : $0.element }
            .filter { !$0.hasPrefix("-") }
            .joined(separator: " ")
        let since = Int64(Date().timeIntervalSince1970)
        let text = "\(getpid())\t\(user.printableNote)\t\(command.printableNote)\t\(since)\n"
        guard let fd = try? FileDescriptor.open(
            FilePath(path), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
        else { return }
        _ = try? fd.closeAfter { try fd.writeAll(Array(text.utf8)) }
    }

    /// Removes the note if it is this process's.
    func clear() {
        if holder()?.pid == getpid() { _ = try? FileManager.default.removeItem(atPath: path) }
    }

    /// The writer the note names, when its process still runs.
    func holder() -> WriterNote.Holder? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096,
              let line = String(data: data, encoding: .utf8)?.split(separator: "\n").first
        else { return nil }
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let pid = Int32(parts[0]), let since = Int64(parts[3]) else { return nil }
        // kill(pid, 0) asks whether the process exists without signalling it.
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        return Holder(pid: pid, user: parts[1], command: parts[2], since: Date(timeIntervalSince1970: TimeInterval(since)))
    }

    /// The busy message: who holds the lock, and how long this process waited.
}

private extension String {
    /// Tabs and line breaks would break the note's one line: replaced by spaces.
    var printableNote: String {
        String(unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}

extension WriterNote {
    /// The bpv process writing to a workspace: what a busy workspace names.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32
        public var user: String
        public var command: String
        public var since: Date
    }
}

/// Why a file cannot be opened as a workspace, or the database refused a change, worded in the
/// reader's language; the file is left as it was.
public enum StoreProblem: Sendable, Equatable {
    case folder(example: String)
    case emptyFile
    case notADatabase
    case noWorkspace
    /// Another program's SQLite file.
    case foreign
    /// Another process holds the write lock (the bpv process when known) after bpv waited.
    case busy(WriterNote.Holder?, waited: Int)
    /// The operating system's or SQLite's own words.
    case system(String)
    /// A PostgreSQL address where a workspace file was expected.
    case serverRegister
    /// Another user's change held the region's lock on its server after bpv waited.
    case regionBusy(waited: Int)
    /// A user of a region's server who may read only its pseudonymous overview (a viewer).
    case overviewOnly(String)
    /// The region's server refused a change's rows (its words); nothing was kept.
    case serverRefused(String)
    /// The commit of a change failed (the server's words): it is wholly stored or not at all.
    case commitUncertain(String)
    /// `bpv copy` never writes over what is there.
    case copyTargetExists

    public func text(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .folder(let example):
            return nl ? "het is een map; noem het bestand van de werkruimte, bijvoorbeeld \(example)"
                : "it is a folder; name the workspace file, for example \(example)"
        case .emptyFile:
            return nl ? "het is een leeg bestand, geen werkruimte; er is niets veranderd. Noem het bestand van de werkruimte, of een nieuwe bestandsnaam om er een te beginnen"
                : "it is an empty file, not a workspace; nothing was changed. Name the workspace file, or a new file name to start one"
        case .notADatabase:
            return nl ? "dit is geen bpv-werkruimte (helemaal geen database); er is niets veranderd. Controleer --db"
                : "this is not a bpv workspace (not a database at all); nothing was changed. Check --db"
        case .noWorkspace:
            return nl ? "hier staat geen werkruimte; controleer --db, of importeer leerlingen om er een te beginnen"
                : "there is no workspace here; check --db, or import students to start a new one"
        case .foreign:
            return nl ? "dit is geen bpv-werkruimte (er staan tabellen van een ander programma in); er is niets veranderd"
                : "this is not a bpv workspace (it holds another program's tables); nothing was changed"
        case .busy(let holder, let seconds):
            let waited = nl ? (seconds == 1 ? "1 seconde" : "\(seconds) seconden") : (seconds == 1 ? "1 second" : "\(seconds) seconds")
            guard let h = holder else {
                return nl ? "de werkruimte is bezet: een ander programma (niet bpv) houdt haar schrijfslot vast, en bpv wachtte \(waited); "
                    + "er is niets veranderd; sluit dat programma (een sqlite3-sessie met een open transactie?) en probeer het opnieuw"
                    : "the workspace is busy: another program (not bpv) holds its write lock, and bpv waited \(waited); "
                    + "nothing was changed; close that program (an sqlite3 session with an open transaction?) and try again"
            }
            let clock = DateFormatter()
            clock.dateFormat = "yyyy-MM-dd HH:mm:ss"
            return nl ? "de werkruimte is bezet: \(h.command) (proces \(h.pid), gebruiker \(h.user)) schrijft erin sinds \(clock.string(from: h.since)), "
                + "en bpv wachtte \(waited); er is niets veranderd, probeer het opnieuw"
                : "the workspace is busy: \(h.command) (process \(h.pid), user \(h.user)) has been writing to it since "
                + "\(clock.string(from: h.since)), and bpv waited \(waited); nothing was changed, try again"
        case .system(let words): return words
        case .copyTargetExists:
            return nl ? "er staat hier al iets; bpv copy maakt een nieuwe werkruimte en schrijft nooit over een bestaande. Noem een nieuw bestand"
                : "something is already there; bpv copy makes a new workspace and never writes over one. Name a new file"
        case .serverRegister:
            return nl ? "dit is het adres van een PostgreSQL-server, geen werkruimtebestand; er is niets veranderd"
                : "this is a PostgreSQL server's address, not a workspace file; nothing was changed"
        case .serverRefused(let words):
            return nl ? "de server weigerde de wijziging: \(words); er is niets veranderd"
                : "the server refused the change: \(words); nothing was changed"
        case .commitUncertain(let words):
            return nl ? "\(words) bij het vastleggen; de wijziging is helemaal opgeslagen of helemaal niet: kijk (log) voor u het opnieuw probeert"
                : "\(words) at the commit; the change is either wholly stored or not at all: look (log) before you try again"
        case .overviewOnly(let user):
            return nl ? "\(user) leest alleen het overzicht zonder namen (bpv.pupil_overview), niet het register; er is niets veranderd"
                : "\(user) reads only the overview without names (bpv.pupil_overview), not the register; nothing was changed"
        case .regionBusy(let seconds):
            return nl ? "de regio is bezet: de wijziging van een andere gebruiker duurt langer dan \(seconds) seconden; er is niets veranderd, probeer het opnieuw"
                : "the region is busy: another user's change has taken more than \(seconds) seconds; nothing was changed, try again"
        }
    }
}
