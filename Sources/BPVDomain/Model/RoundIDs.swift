/// A student's id in a round: a type of its own, so that a student can never be passed where an
/// internship is meant (both are pseudonymous text underneath; see ``PseudonymousID``).
public struct StudentID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: StudentID, b: StudentID) -> Bool { a.value < b.value }
}

/// An internship's id in a round (see ``StudentID``).
public struct InternshipID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: InternshipID, b: InternshipID) -> Bool { a.value < b.value }
}

extension Student {
    /// The student's id as rounds know it.
    public var studentID: StudentID { StudentID(id.value) }
}

extension Internship {
    /// The internship's id as rounds know it.
    public var internshipID: InternshipID { InternshipID(id.value) }
}
