import ArgumentParser
import BPVWorkspace
import SystemPackage

/// `bpv import students|internships FILE`: read a CSV file into the workspace.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import students, internships or employers from a CSV file or an .xlsx workbook into the workspace.",
        discussion: """
            Columns are named in the header, in any order; extra columns are ignored; comma, \
            semicolon or tab is detected; lists are separated by |. A workbook is read from its \
            first sheet (or --sheet) with the same columns and rules. A file with any problem is \
            refused whole: every problem is listed as file:line:column (file.xlsx:Sheet!C14 in a \
            workbook) and nothing is imported. Re-importing a file updates records by id.
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case students, internships, employers
        case travelTimes = "travel-times"
    }

    @Argument(help: "What the file holds: students, internships, employers or travel-times (from;to;mode;minutes by postcode).") var kind: Kind
    @Argument(help: ArgumentHelp("The CSV file or .xlsx workbook.", valueName: "FILE")) var file: String
    @Option(name: .long, help: ArgumentHelp("The workbook's sheet to read (default: the first).", valueName: "NAME")) var sheet: String?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let bytes: [UInt8]
        do {
            let fd = try FileDescriptor.open(FilePath(file), .readOnly)
            defer { try? fd.close() }
            var all: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
                if n == 0 { break }
                all += chunk[0 ..< n]
            }
            bytes = all
        } catch {
            throw CommandFailure("\(file): cannot read: \(error)")
        }
        let ws = try Workspace(path: workspace.db)
        let summary: Workspace.ImportSummary
        switch kind {
        case .students: summary = try ws.importStudents(try StudentImport.parse(bytes, fileName: file, sheet: sheet, region: try ws.region()), from: file)
        case .internships: summary = try ws.importInternships(try InternshipImport.parse(bytes, fileName: file, sheet: sheet, region: try ws.region()), from: file)
        case .employers: summary = try ws.importEmployers(try EmployerImport.parse(bytes, fileName: file, sheet: sheet), from: file)
        case .travelTimes:
            summary = try Register(workspace: ws).importTravelTimes(try TravelTimeImport.parse(bytes, fileName: file, sheet: sheet), from: file).summary
            print("imported travel times from \(file): \(summary.added) journeys added, \(summary.updated) updated")
            return
        }
        print("imported \(kind.rawValue) from \(file): \(summary.added) added, \(summary.updated) updated")
    }
}

/// `--db PATH`: the workspace file (default `bpv.sqlite` in the current directory).
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace file.", valueName: "PATH"))
    var db: String = "bpv.sqlite"
}
