import BPVSolver
import SystemPackage

/// Reads DIMACS minimum-cost-flow files of the assignment shape, and files in the DIMACS
/// assignment format (`p asn`, see `DimacsAssignmentReader`), told apart by their problem line.
///
/// The shape, with any node numbering and any line order after the `p` line:
/// - one source node with supply `N` (an `n` line) and one sink with supply `-N`;
/// - an arc of capacity 1 from the source to each of the `N` students;
/// - student -> internship arcs (capacity >= 1, cost = the pair's cost);
/// - one internship -> sink arc per internship, whose capacity is the internship's capacity;
/// - optionally a student -> sink arc (capacity 1, cost `U`): "unplaced at cost `U`"; a student
///   without one must be placed;
/// - optionally, for support capacity, a *pool* node per internship with one arc pool ->
///   internship whose capacity is the support capacity; a student who needs support has arcs
///   into pools instead of internships.
///
/// All lower bounds must be 0. Costs on source, pool and internship arcs are allowed and folded
/// in, so ``DimacsInstance/dimacsCost(of:)`` equals what any min-cost-flow solver reports.
///
/// ```swift
/// let instance = try DimacsReader.read(path: "region.dimacs")
/// let result = try AssignmentSolver().solve(instance.problem)
/// print(instance.dimacsCost(of: result))
/// ```
public enum DimacsReader {
    /// Reads and classifies a file.
    /// - Throws: ``DimacsError`` with the file, line and column of the first problem.
    /// - Complexity: O(file size); peak memory about 16 bytes per arc plus a 4 MiB buffer.
    public static func read(path: String) throws(DimacsError) -> DimacsInstance {
        func open() throws(DimacsError) -> FileDescriptor {
            do {
                return try FileDescriptor.open(FilePath(path), .readOnly)
            } catch {
                throw DimacsError(file: path, line: 0, column: 0, message: "cannot open: \(error)")
            }
        }
        let fd = try open()
        defer { try? fd.close() }
        let size = try? Int(fd.seek(offset: 0, from: .end))
        do {
            _ = try fd.seek(offset: 0, from: .start)
            // The assignment format (`p asn`) has a reader of its own; its files are read whole.
            var head = [UInt8](repeating: 0, count: 1 << 16)
            let got = try head.withUnsafeMutableBytes { try fd.read(into: $0) }
            _ = try fd.seek(offset: 0, from: .start)
            if head.withUnsafeBufferPointer({ DimacsAssignmentReader.isAssignmentFormat(UnsafeBufferPointer(rebasing: $0[..<got])) }) {
                var bytes = [UInt8](repeating: 0, count: max(size ?? 0, 0))
                var filled = 0
                while filled < bytes.count {
                    let n = try bytes.withUnsafeMutableBytes { try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
                    if n == 0 { break }
                    filled += n
                }
                return try bytes.withUnsafeBufferPointer { (b) throws(DimacsError) in
                    try DimacsAssignmentReader.parse(UnsafeBufferPointer(rebasing: b[..<filled]), fileName: path)
                }
            }
        } catch let error as DimacsError {
            throw error
        } catch {
            throw DimacsError(file: path, line: 0, column: 0, message: "cannot read: \(error)")
        }
        let parser = DimacsLineParser(fileName: path, fileSize: size) { try fd.read(into: $0) }
        // A large file's last arc lines are read by a second thread, by offset (`pread`).
        let split = size.map { size in
            DimacsSecondHalf.Source(size: size) { offset, buffer in try fd.read(fromAbsoluteOffset: Int64(offset), into: buffer) }
        }
        let raw = try parser.parse(split: split)
        return try assemble(raw, fileName: path) { arc in
            // Only on the error path: read the file again to find the line of the offending arc.
            guard let again = try? open() else { return 0 }
            defer { try? again.close() }
            return lineOfArc(arc) { try again.read(into: $0) }
        }
    }

    /// Reads and classifies DIMACS text held in memory.
    /// - Throws: ``DimacsError`` with `fileName`, line and column of the first problem.
    /// - Complexity: O(text length).
    public static func parse(_ text: String, fileName: String = "<input>") throws(DimacsError) -> DimacsInstance {
        let bytes = Array(text.utf8)
        if bytes.withUnsafeBufferPointer({ DimacsAssignmentReader.isAssignmentFormat($0) }) {
            return try bytes.withUnsafeBufferPointer { (b) throws(DimacsError) in
                try DimacsAssignmentReader.parse(b, fileName: fileName)
            }
        }
        func reader() -> (UnsafeMutableRawBufferPointer) throws -> Int {
            var offset = 0
            return { buffer in
                let n = min(buffer.count, bytes.count - offset)
                bytes.withUnsafeBytes { src in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset ..< offset + n]))
                }
                offset += n
                return n
            }
        }
        let raw = try DimacsLineParser(fileName: fileName, fileSize: bytes.count, readInto: reader()).parse()
        return try assemble(raw, fileName: fileName) { arc in lineOfArc(arc, readInto: reader()) }
    }

    /// The 1-based line of the `arc`-th (0-based) `a` line.
    static func lineOfArc(_ arc: Int, readInto: (UnsafeMutableRawBufferPointer) throws -> Int) -> Int {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var line = 1, arcs = 0, atLineStart = true
        while true {
            guard let got = try? buffer.withUnsafeMutableBytes({ try readInto($0) }), got > 0 else { return 0 }
            for i in 0 ..< got {
                let c = buffer[i]
                if atLineStart && c == UInt8(ascii: "a") {
                    if arcs == arc { return line }
                    arcs += 1
                }
                atLineStart = c == 10
                if atLineStart { line += 1 }
            }
        }
    }

    private enum Role: UInt8 {
        case none, source, sink, student, internship, pool
    }

    /// Gives the raw network its meaning and builds the solver's problem.
    static func assemble(_ raw: consuming RawNetwork, fileName: String, lineOfArc: (Int) -> Int) throws(DimacsError)
        -> DimacsInstance
    {
        let nodeCount = raw.nodeCount
        let arcCount = raw.tail.count
        func fail(_ line: Int, _ message: String) -> DimacsError {
            DimacsError(file: fileName, line: line, column: 1, message: message)
        }
        func failArc(_ arc: Int, _ message: String) -> DimacsError { fail(lineOfArc(arc), message) }

        // Source and sink from the supplies.
        let positive = raw.supplies.filter { $0.supply > 0 }
        let negative = raw.supplies.filter { $0.supply < 0 }
        // Several supply or demand nodes: the shape without a source or a sink (NETGEN's).
        if positive.count > 1 || negative.count > 1 {
            return try assembleBipartite(raw, fileName: fileName, lineOfArc: lineOfArc)
        }
        guard let sourceLine = positive.first else {
            throw fail(raw.problemLine, "no source: expected one n line with a positive supply (the number of students)")
        }
        guard let sinkLine = negative.first else {
            throw fail(raw.problemLine, "no sink: expected one n line with a negative supply")
        }
        guard sourceLine.supply == -sinkLine.supply else {
            throw fail(sinkLine.line, "sink demand \(-sinkLine.supply) differs from source supply \(sourceLine.supply)")
        }
        let source = Int(sourceLine.node), sink = Int(sinkLine.node)

        // Exceptions are recorded in arc order, so passes in arc order look them up with a cursor.
        let exceptions = raw.capacityExceptions
        var cursor = 0
        func capacity(_ a: Int) -> Int64 {
            if cursor > 0, Int(exceptions[cursor - 1].arc) >= a { cursor = 0 }
            while cursor < exceptions.count, Int(exceptions[cursor].arc) < a { cursor += 1 }
            if cursor < exceptions.count, Int(exceptions[cursor].arc) == a { return exceptions[cursor].capacity }
            return 1
        }

        var role = [Role](repeating: .none, count: nodeCount + 1)
        role[source] = .source
        role[sink] = .sink
        var constant: Int64 = 0
        var nodeCapacity = [Int64](repeating: 0, count: nodeCount + 1)
        var nodeCost = [Int64](repeating: 0, count: nodeCount + 1)
        var parent = [Int32](repeating: 0, count: nodeCount + 1)
        var poolOfInternship = [Int32](repeating: 0, count: nodeCount + 1)

        // Students: the heads of the source's arcs.
        for a in 0 ..< arcCount where Int(raw.tail[a]) == source {
            let h = Int(raw.head[a])
            guard h != sink, h != source else { throw failArc(a, "arc from the source to node \(h); it must lead to a student") }
            guard role[h] == .none else { throw failArc(a, "a second arc from the source to student node \(h)") }
            guard capacity(a) == 1 else {
                throw failArc(a, "the arc from the source to student node \(h) has capacity \(capacity(a)); it must be 1")
            }
            role[h] = .student
            constant += raw.cost[a]
        }
        // Internships: the other nodes with an arc into the sink.
        for a in 0 ..< arcCount where Int(raw.head[a]) == sink {
            let t = Int(raw.tail[a])
            switch role[t] {
            case .none:
                role[t] = .internship
                nodeCapacity[t] = capacity(a)
                nodeCost[t] = raw.cost[a]
            case .internship:
                throw failArc(a, "internship node \(t) has a second arc to the sink")
            case .source:
                throw failArc(a, "arc from the source straight to the sink")
            case .sink:
                throw failArc(a, "arc from the sink to itself")
            case .student, .pool:
                break
            }
        }
        // Support pools: other nodes whose arc leads into an internship.
        for a in 0 ..< arcCount {
            let t = Int(raw.tail[a]), h = Int(raw.head[a])
            guard role[t] == .none || role[t] == .pool, role[h] == .internship else { continue }
            guard role[t] == .none else { throw failArc(a, "support pool node \(t) has a second outgoing arc") }
            guard poolOfInternship[h] == 0 else {
                throw failArc(a, "internship node \(h) has a second support pool, node \(t)")
            }
            role[t] = .pool
            parent[t] = Int32(h)
            poolOfInternship[h] = Int32(t)
            nodeCapacity[t] = capacity(a)
            nodeCost[t] = raw.cost[a]
        }

        // Number students and internships by node id.
        var index = [Int32](repeating: -1, count: nodeCount + 1)
        var studentNodes: [Int32] = [], internshipNodes: [Int32] = []
        for v in 1 ... max(nodeCount, 1) where v <= nodeCount {
            switch role[v] {
            case .student:
                index[v] = Int32(studentNodes.count)
                studentNodes.append(Int32(v))
            case .internship where nodeCapacity[v] > 0:
                index[v] = Int32(internshipNodes.count)
                internshipNodes.append(Int32(v))
            default: break
            }
        }
        let n = studentNodes.count
        guard Int64(n) == sourceLine.supply else {
            throw fail(sourceLine.line, "source supply \(sourceLine.supply) but \(n) arcs leave the source (one per student)")
        }
        guard n <= AssignmentProblem.maximumStudentCount else {
            throw fail(sourceLine.line, "\(n) students is more than the \(AssignmentProblem.maximumStudentCount) supported")
        }

        // Every arc: validate, fold costs, key student arcs by student (n = dropped), and count
        // each key's arcs for the grouping below. One pass on the arrays' storage: through
        // subscripts (a uniqueness check per write) it took 70-120 ms of 7 million arcs.
        enum Entry: UInt8 { case unknown, direct, pool }
        var entry = [Entry](repeating: .unknown, count: n)
        var unplaced = [Int64?](repeating: nil, count: n)
        var usesPools = false
        var studentArcs = 0
        var next = [Int](repeating: 0, count: n + 2)
        var inStudentOrder = true
        var failure: (arc: Int, message: String)?
        raw.tail.withUnsafeMutableBufferPointer { tail in
            raw.head.withUnsafeMutableBufferPointer { head in
                raw.cost.withUnsafeMutableBufferPointer { cost in
                    next.withUnsafeMutableBufferPointer { next in
                        // Capacities other than 1, met in arc order.
                        var exception = 0
                        var nextException = exceptions.first.map { Int($0.arc) } ?? arcCount
                        var lastKey: Int32 = 0
                        for a in 0 ..< arcCount {
                            var capacity: Int64 = 1
                            if a == nextException {
                                capacity = exceptions[exception].capacity
                                exception += 1
                                nextException = exception < exceptions.count ? Int(exceptions[exception].arc) : arcCount
                            }
                            let t = Int(tail[a]), h = Int(head[a])
                            var key = Int32(n)
                            defer {
                                tail[a] = key
                                next[Int(key) + 1] += 1
                            }
                            guard h != source else { failure = (a, "arc into the source"); return }
                            switch role[t] {
                            case .source:
                                continue
                            case .internship:
                                guard h == sink else {
                                    failure = (a, "internship node \(t) has an arc to node \(h); an internship's only arc goes to the sink")
                                    return
                                }
                                continue
                            case .pool:
                                guard h == Int(parent[t]) else { failure = (a, "support pool node \(t) has a second outgoing arc"); return }
                                continue
                            case .sink:
                                failure = (a, "arc leaves the sink")
                                return
                            case .none:
                                failure = (a, "arc from node \(t), which is not a student, internship or support pool of the assignment shape")
                                return
                            case .student:
                                break
                            }
                            let s = Int(index[t])
                            guard capacity >= 1 else { continue }  // a closed arc carries nothing
                            let target = role[h]
                            switch target {
                            case .sink:
                                guard unplaced[s] == nil else { failure = (a, "a second arc from student node \(t) to the sink"); return }
                                unplaced[s] = cost[a]
                                continue
                            case .internship, .pool:
                                break
                            default:
                                failure = (a, "arc from student node \(t) to node \(h), which is not an internship, support pool or the sink")
                                return
                            }
                            let kind: Entry = target == .pool ? .pool : .direct
                            if entry[s] != kind {
                                guard entry[s] == .unknown else {
                                    failure = (a, "student node \(t) has arcs both into support pools and straight into internships")
                                    return
                                }
                                entry[s] = kind
                            }
                            let j = target == .pool ? Int(parent[h]) : h
                            // An internship (or pool) without places is dropped: its arcs only cost searches.
                            guard nodeCapacity[j] > 0, target != .pool || nodeCapacity[h] > 0 else { continue }
                            var c = cost[a] + nodeCost[j]
                            if target == .pool {
                                c += nodeCost[h]
                                usesPools = true
                            }
                            guard c >= -AssignmentProblem.maximumAbsoluteCost, c <= AssignmentProblem.maximumAbsoluteCost else {
                                failure = (a, "cost \(c) along this arc is outside ±2^40")
                                return
                            }
                            head[a] = index[j]
                            cost[a] = c
                            key = Int32(s)
                            if key < lastKey { inStudentOrder = false }
                            lastKey = key
                            studentArcs += 1
                        }
                    }
                }
            }
        }
        if let failure { throw failArc(failure.arc, failure.message) }

        // Group student arcs by student in place, so no second copy of the arc arrays is ever
        // made. Files that list each student's arcs together (as bpv writes them) only need the
        // other arcs squeezed out, sequentially; any other order gets an American flag sort.
        for k in 0 ... n { next[k + 1] += next[k] }
        let bucketEnd = Array(next[1...])
        raw.tail.withUnsafeMutableBufferPointer { key in
            raw.head.withUnsafeMutableBufferPointer { head in
                raw.cost.withUnsafeMutableBufferPointer { cost in
                    if inStudentOrder {
                        var w = 0
                        for a in 0 ..< arcCount where Int(key[a]) != n {
                            head[w] = head[a]
                            cost[w] = cost[a]
                            w += 1
                        }
                        return
                    }
                    for b in 0 ... n {
                        while next[b] < bucketEnd[b] {
                            let i = next[b]
                            let k = Int(key[i])
                            if k == b {
                                next[b] += 1
                                continue
                            }
                            let j = next[k]
                            next[k] += 1
                            key.swapAt(i, j)
                            head.swapAt(i, j)
                            cost.swapAt(i, j)
                        }
                    }
                }
            }
        }
        raw.tail = []
        raw.head.removeLast(arcCount - studentArcs)
        raw.cost.removeLast(arcCount - studentArcs)
        var arcStart = [Int32](repeating: 0, count: n + 1)
        for s in 0 ..< n { arcStart[s + 1] = Int32(bucketEnd[s]) }

        let capacities = internshipNodes.map { Int32(nodeCapacity[Int($0)]) }
        let support: SupportLimits? = usesPools
            ? SupportLimits(
                capacities: internshipNodes.map { v in
                    let pool = Int(poolOfInternship[Int(v)])
                    return pool == 0 ? 0 : Int32(nodeCapacity[pool])
                },
                needsSupport: entry.map { $0 == .pool })
            : nil
        // Hand the arrays over without a second reference, so sorting them (if needed) is in place.
        let head = raw.head, cost = raw.cost
        raw.head = []
        raw.cost = []
        let problem: AssignmentProblem
        do {
            problem = try AssignmentProblem(
                capacities: capacities, arcStart: arcStart, arcInternship: consume head, arcCost: consume cost,
                objective: .unplacedCosts(unplaced), support: support)
        } catch {
            throw fail(raw.problemLine, "not a valid assignment instance: \(error)")
        }
        return DimacsInstance(
            problem: problem, constantCost: constant, studentNodes: studentNodes, internshipNodes: internshipNodes,
            declaredNodes: nodeCount, declaredArcs: raw.declaredArcs)
    }

    /// The other assignment shape of min-cost-flow files, NETGEN's: no source and no sink, each
    /// student a node with supply 1 and each internship a node whose demand is its places, every
    /// arc from a student to an internship. Supply and demand must balance (a min-cost flow
    /// meets every demand), so every student is placed and every place filled.
    /// - Complexity: O(nodes + arcs).
    static func assembleBipartite(_ raw: consuming RawNetwork, fileName: String, lineOfArc: (Int) -> Int) throws(DimacsError)
        -> DimacsInstance
    {
        let nodeCount = raw.nodeCount
        func fail(_ line: Int, _ message: String) -> DimacsError {
            DimacsError(file: fileName, line: line, column: 1, message: message)
        }
        var supply = [Int64](repeating: 0, count: nodeCount + 1)
        var supplied: Int64 = 0, demanded: Int64 = 0
        for entry in raw.supplies {
            if entry.supply > 0 {
                guard entry.supply == 1 else {
                    throw fail(entry.line, "node \(entry.node) has supply \(entry.supply); with several supply nodes each must be a student, supply 1")
                }
                supplied += 1
            } else {
                guard -entry.supply <= Int64(Int32.max) else { throw fail(entry.line, "demand \(-entry.supply) is too large") }
                demanded -= entry.supply
            }
            supply[Int(entry.node)] = entry.supply
        }
        guard supplied == demanded else {
            throw fail(raw.problemLine, "\(supplied) students (supply 1) but \(demanded) places demanded; a min-cost flow must meet every demand")
        }
        var index = [Int32](repeating: -1, count: nodeCount + 1)
        var studentNodes: [Int32] = [], internshipNodes: [Int32] = []
        for v in 1 ... max(nodeCount, 1) where v <= nodeCount {
            if supply[v] > 0 {
                index[v] = Int32(studentNodes.count)
                studentNodes.append(Int32(v))
            } else if supply[v] < 0 {
                index[v] = Int32(internshipNodes.count)
                internshipNodes.append(Int32(v))
            }
        }
        let n = studentNodes.count
        let exceptions = Dictionary(raw.capacityExceptions.map { (Int($0.arc), $0.capacity) }, uniquingKeysWith: { a, _ in a })
        var start = [Int32](repeating: 0, count: n + 1)
        for a in 0 ..< raw.tail.count {
            let t = Int(raw.tail[a]), h = Int(raw.head[a])
            guard supply[t] > 0, supply[h] < 0 else {
                throw fail(lineOfArc(a), "arc from node \(t) to node \(h); every arc must lead from a supply node (a student) to a demand node (an internship)")
            }
            if exceptions[a, default: 1] >= 1 { start[Int(index[t]) + 1] += 1 }
        }
        for s in 0 ..< n { start[s + 1] += start[s] }
        var fill = Array(start.dropLast())
        var target = [Int32](repeating: 0, count: Int(start[n])), cost = [Int64](repeating: 0, count: Int(start[n]))
        for a in 0 ..< raw.tail.count where exceptions[a, default: 1] >= 1 {
            let s = Int(index[Int(raw.tail[a])])
            target[Int(fill[s])] = index[Int(raw.head[a])]
            cost[Int(fill[s])] = raw.cost[a]
            fill[s] += 1
        }
        let problem: AssignmentProblem
        do {
            problem = try AssignmentProblem(
                capacities: internshipNodes.map { Int32(-supply[Int($0)]) }, arcStart: start, arcInternship: consume target,
                arcCost: consume cost, objective: .unplacedCosts([Int64?](repeating: nil, count: n)))
        } catch {
            throw fail(raw.problemLine, "not a valid assignment instance: \(error)")
        }
        return DimacsInstance(
            problem: problem, constantCost: 0, studentNodes: studentNodes, internshipNodes: internshipNodes,
            declaredNodes: nodeCount, declaredArcs: raw.declaredArcs)
    }
}
