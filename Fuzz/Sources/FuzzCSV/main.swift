import FuzzSupport
import BPVWorkspace

/// The CSV reader and the three row readers on arbitrary bytes: any input must give a list of
/// students (or internships, employers) or a located refusal, never a crash or a hang.
func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? StudentImport.parse(bytes, fileName: "fuzz.csv")
    _ = try? InternshipImport.parse(bytes, fileName: "fuzz.csv")
    _ = try? EmployerImport.parse(bytes, fileName: "fuzz.csv")
    return 0
}

fuzz { data, size in fuzzCSV(data, size) }
