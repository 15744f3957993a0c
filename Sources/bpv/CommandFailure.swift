import BPVDomain
import BPVSolver

/// Why `bpv solve` failed after reading its file, a value with its data, worded at the edge in
/// the reader's language; printed as `bpv: <message>` with exit status 1. (Errors of reading
/// and writing files are the DIMACS and file modules' own values and reach the boundary as they are.)
enum CommandFailure: Error, CustomStringConvertible {
    /// A student who must be placed (no unplaced arc) cannot be.
    case infeasible(file: String, studentNode: Int32)
    /// The solver refused the instance.
    case solver(file: String, SolverError)
    /// The answer failed its own certificate: a bug, to be reported with the file.
    case uncertified(file: String, CertificateViolation)

    var description: String { text(.en) }

    func text(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .infeasible(let file, let node):
            return nl ? "\(file): onoplosbaar: leerlingknoop \(node) heeft geen boog naar 'niet geplaatst' en kan niet geplaatst worden"
                : "\(file): infeasible: student node \(node) has no unplaced arc and cannot be placed"
        case .solver(let file, let error): return "\(file): \(error)"
        case .uncertified(let file, let error):
            return nl ? "\(file): \(error) (dit is een fout in bpv; meld haar, met het bestand)"
                : "\(file): \(error) (this is a bug in bpv; please report it with the file)"
        }
    }
}
