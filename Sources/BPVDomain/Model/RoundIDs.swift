/// An id in a round, typed by what it names: a ``StudentID`` can never be passed where an
/// ``InternshipID`` is meant, though both are pseudonymous text underneath (see
/// ``PseudonymousID``, which validates them at import).
public struct RoundID<Kind>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: RoundID, b: RoundID) -> Bool { a.value < b.value }
}

/// The kinds of ``RoundID``.
public enum StudentKind: Sendable {}
public enum InternshipKind: Sendable {}

/// A student's id in a round.
public typealias StudentID = RoundID<StudentKind>
/// An internship's id in a round.
public typealias InternshipID = RoundID<InternshipKind>

extension Student {
    /// The student's id as rounds know it.
    public var studentID: StudentID { StudentID(id.value) }
}

extension Internship {
    /// The internship's id as rounds know it.
    public var internshipID: InternshipID { InternshipID(id.value) }
}
