import ArgumentParser
import BPVDimacs
import BPVSolver

/// `bpv solve --dimacs FILE`: solve a DIMACS min-cost-flow file of the assignment shape.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a DIMACS min-cost-flow file of the assignment shape and certify the result.",
        discussion: """
            The file holds one source feeding every student (capacity 1), student -> internship arcs \
            (capacity 1, the pair's cost), internship -> sink arcs (the internship's capacity) and, \
            optionally, student -> sink arcs meaning "unplaced at this cost". The printed cost is the \
            min-cost-flow objective of the file, the same number LEMON or OR-Tools report. \
            Every result is checked by the optimality certificate before it is printed.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The DIMACS file to solve.", valueName: "FILE"))
    var dimacs: String

    @Option(name: .customLong("search-from"), help: ArgumentHelp(
        "Which side the searches start from: auto (the students, then the places once those searches grow long, per group of students), students, or places.",
        valueName: "SIDE"))
    var searchFrom: SearchSide = .auto

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    mutating func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let instance = try DimacsReader.read(path: dimacs)
        let read = clock.now
        let result: Assignment
        do {
            result = try AssignmentSolver(shortageMode: searchFrom.mode).solve(instance.problem)
        } catch {
            if case .infeasible(let s) = error {
                throw CommandFailure.infeasible(file: dimacs, studentNode: instance.studentNodes[s])
            }
            throw CommandFailure.solver(file: dimacs, error)
        }
        let solved = clock.now
        do {
            try OptimalityCertificate.verify(result, for: instance.problem)
        } catch {
            throw CommandFailure.uncertified(file: dimacs, error)
        }
        let certified = clock.now
        let problem = instance.problem
        let report = SolveReport(
            cost: instance.dimacsCost(of: result), placed: result.placedCount,
            unplaced: problem.studentCount - result.placedCount, students: problem.studentCount,
            internships: problem.internshipCount, arcs: problem.arcCount,
            readMs: (read - start).milliseconds, matchMs: (solved - read).milliseconds,
            certifyMs: (certified - solved).milliseconds, searches: result.statistics.searches, scannedArcs: result.statistics.scannedArcs,
            auctionBids: result.statistics.auctionBids)
        print(json ? report.json : report.text)
    }
}

/// What `bpv solve` prints.
struct SolveReport {
    var cost: Int64
    var placed, unplaced, students, internships, arcs: Int
    var readMs, matchMs, certifyMs: Double
    var searches: Int
    var scannedArcs: Int
    var auctionBids: Int

    var solveMs: Double { matchMs + certifyMs }
    var totalMs: Double { readMs + matchMs + certifyMs }

    var text: String {
        """
        cost      \(cost)
        placed    \(placed) of \(students) students (\(unplaced) unplaced), \(internships) internships, \(arcs) arcs
        certified optimal (reduced costs non-negative on every residual arc)
        time      \(fmt(totalMs)) ms: read \(fmt(readMs)) ms, solve \(fmt(matchMs)) ms, certify \(fmt(certifyMs)) ms
        """
    }

    var json: String {
        """
        {"cost":\(cost),"placed":\(placed),"unplaced":\(unplaced),"students":\(students),\
        "internships":\(internships),"arcs":\(arcs),"certified":true,"solve_ms":\(fmt(solveMs)),\
        "read_ms":\(fmt(readMs)),"match_ms":\(fmt(matchMs)),"certify_ms":\(fmt(certifyMs)),\
        "total_ms":\(fmt(totalMs)),"searches":\(searches),"scanned_arcs":\(scannedArcs),\
        "auction_bids":\(auctionBids)}
        """
    }

    private func fmt(_ ms: Double) -> String {
        let tenths = Int((ms * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension Duration {
    var milliseconds: Double {
        let (s, atto) = components
        return Double(s) * 1000 + Double(atto) / 1e15
    }
}

/// `--search-from`: the solver's ``ShortageMode`` in words a benchmark script can pass.
enum SearchSide: String, ExpressibleByArgument, CaseIterable {
    case auto, students, places

    var mode: ShortageMode {
        switch self {
        case .auto: .automatic
        case .students: .never
        case .places: .always
        }
    }
}
