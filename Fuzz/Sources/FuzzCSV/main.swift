import FuzzSupport
import BPVWorkspace

/// The file reader (CSV, or a workbook when the bytes start like one) and the three row readers
/// on arbitrary bytes: any input must give a list of students (internships, employers) or a
/// located refusal, never a crash or a hang. The file is read once and each row reader runs on
/// that table, as each import would read the same bytes to the same table.
func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (table, problems) = ImportTable.read(bytes, fileName: "fuzz.csv", sheet: nil)
    _ = try? StudentImport.parse(table, problems: problems)
    _ = try? InternshipImport.parse(table, problems: problems)
    _ = try? EmployerImport.parse(table, problems: problems)
    return 0
}

fuzz { data, size in fuzzCSV(data, size) }
