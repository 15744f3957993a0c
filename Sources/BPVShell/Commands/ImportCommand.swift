import BPVWorkspace
import Foundation

extension Command {
    static let importFile = Command(
        "import", synopsis: "import students|internships|employers|travel-times FILE [sheet NAME]",
        summary: "read a CSV file or an .xlsx workbook of students, internships, employers or measured travel times into the workspace",
        details: """
            Columns are named in the header, in any order; comma, semicolon or tab is detected; lists
            are separated by |. A workbook is read from its first sheet, or the sheet NAME. A file
            with any problem is refused whole, with every problem as file:line:column
            (file.xlsx:Sheet!C14 in a workbook). Re-importing a file updates records by id.
            travel-times: from;to;mode;minutes by postcode (a router's door-to-door times); each
            replaces the travel model for its two postcode areas and mode.
            """,
        complete: { previous, typed, _ in
            previous.isEmpty ? ["students", "internships", "employers", "travel-times"] : previous.count == 1 ? Complete.files(typed) : []
        }
    ) { args, session throws(ShellError) in
        let kind = try args.required(0, "students, internships or employers")
        let file = try args.required(1, "FILE")
        var sheet: String?
        if args.count > 2 {
            guard args.count == 4, args[2] == "sheet" || args[2] == "--sheet", let name = args[3] else { throw args.usage(.nameSheet(kind: kind)) }
            sheet = name
        }
        guard ["students", "internships", "employers", "travel-times"].contains(kind) else {
            throw args.usage(.importWhat(kind))
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw .message(.cannotRead(file: file)) }
        let bytes = [UInt8](data)
        let region = try session.region()
        do {
            let r = session.register
            if kind == "employers" {
                let summary = try session.workspace.importEmployers(try EmployerImport.parse(bytes, fileName: file, sheet: sheet), from: file)
                session.console.say(.importedEmployers(file: file, added: summary.added, updated: summary.updated))
                return .proceed
            }
            if kind == "travel-times" {
                let (summary, moved) = try r.importTravelTimes(try TravelTimeImport.parse(bytes, fileName: file, sheet: sheet), from: file)
                session.console.say(.importedTravelTimes(file: file, added: summary.added, updated: summary.updated))
                session.report(moved, cause: nil)
                return .proceed
            }
            let (summary, moved) = kind == "students"
                ? try r.importStudents(try StudentImport.parse(bytes, fileName: file, sheet: sheet, region: region), from: file)
                : try r.importInternships(try InternshipImport.parse(bytes, fileName: file, sheet: sheet, region: region), from: file)
            session.forgetIDs()
            session.console.say(.imported(kind: kind, file: file, added: summary.added, updated: summary.updated))
            if let moved, !moved.moves.isEmpty {
                session.console.say(.draftFollows(moved.moves.count))
            }
        } catch let failure as ImportFailure {
            throw .importFailure(failure)
        } catch let error as WorkspaceError {
            throw .workspace(error)
        } catch {
            throw .other("\(error)")
        }
        return .proceed
    }
}
