import BPVDomain
import Foundation
import Testing
import BPVTestServer
@testable import BPVWorkspace

/// Employers as records: imported from an employer file or derived from the internships, with
/// their places and breakdowns, and a breakdown closing all of an employer's internships.
@Suite("employers")
struct EmployerTests {
    func workspace() throws -> (Workspace, String) {
        let path = try TestStore.fresh("bpv-employers")
        let ws = try TestStore.open(path, user: "coordinator")
        try ws.importStudents(try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min
            S-1,2,retail,Hilversum,bike,30
            S-2,2,retail,Hilversum,bike,30

            """.utf8), fileName: "s.csv"), from: "s.csv")
        try ws.importEmployers(try EmployerImport.parse(Array("""
            id;name;leerbedrijf_id;town;contact;phone;email
            E-1;Winkelketen;100000001;Hilversum;J. de Vries;035 1234567;stage@example.nl

            """.utf8), fileName: "e.csv"), from: "e.csv")
        try ws.importInternships(try InternshipImport.parse(Array("""
            id,employer,sector,town,capacity,employer_id
            I-1,Winkelketen Centrum,retail,Hilversum,1,E-1
            I-2,Winkelketen Noord,retail,Hilversum,1,E-1
            I-3,Bakker Jansen,retail,Hilversum,2,

            """.utf8), fileName: "i.csv"), from: "i.csv")
        return (ws, path)
    }

    @Test func employersAreImportedOrDerivedWithTheirPlacesAndBreakdowns() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let register = Register(workspace: ws)
        try register.match()
        let list = try ws.employerSummaries()
        #expect(list.map(\.key) == ["Bakker Jansen", "E-1"])
        let chain = try #require(list.first { $0.key == "E-1" })
        #expect(chain.record?.contact == "J. de Vries" && chain.internships == ["I-1", "I-2"] && chain.places == 2)
        // A breakdown at one of E-1's internships closes both for the student, and is counted.
        let s = try #require(register.current().outcome.internshipOf.first { $0.value == "I-1" }?.key)
        try register.commit(students: [s])
        try register.end(student: s, outcome: .brokeDown, reason: "conflict")
        #expect(Set(try ws.bans().keys.filter { $0.student == s }.map(\.internship)) == ["I-1", "I-2"])
        #expect(try ws.employerSummaries().first { $0.key == "E-1" }?.breakdowns == 1)
        #expect(try register.current().outcome.internshipOf[s] == "I-3")
    }

    @Test func anInternshipNamingAnUnknownEmployerIsRefusedWhole() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let before = try ws.auditLog().count
        #expect(throws: WorkspaceError.refused(.unknownEmployers(count: 1, first: "I-9", employer: "E-9"))) {
            try ws.importInternships(try InternshipImport.parse(Array("id,employer,sector,town,capacity,employer_id\nI-9,X,retail,Hilversum,1,E-9\n".utf8),
                                                                fileName: "i.csv"), from: "i.csv")
        }
        #expect(try ws.auditLog().count == before)
        #expect(try ws.internships().count == 3)
    }
}
