/// What a job coach may change for one student without touching the imported record, such as
/// a longer travel limit (`set S-014 max_travel_min 60` in the shell).
public enum StudentSetting: String, CaseIterable, Sendable {
    /// The longest one-way journey, in minutes (5...240).
    case maxTravelMinutes = "max_travel_min"
    /// How the student travels: walk, bike, ov or car.
    case travelMode = "travel_mode"
    /// Priority tier, 0...9: higher tiers are placed first when not everyone fits.
    case priority

    /// What the setting means, for help texts.
    public var meaning: String {
        switch self {
        case .maxTravelMinutes: "the student's longest one-way journey in minutes (5...240)"
        case .travelMode: "how the student travels: walk, bike, ov or car"
        case .priority: "the student's priority tier, 0...9 (higher is placed first when places run short)"
        }
    }

    /// Applies `value` to `student`.
    /// - Throws: ``DomainError/invalidSetting(_:)`` with the accepted values.
    public func apply(_ value: String, to student: inout Student) throws(DomainError) {
        switch self {
        case .maxTravelMinutes:
            guard let v = Int(value), (5 ... 240).contains(v) else {
                throw .invalidSetting(.maxTravelRange(value))
            }
            student.maxTravelMinutes = v
        case .travelMode:
            guard let m = TravelMode(parsing: value) else {
                throw .invalidSetting(.unknownTravelMode(value))
            }
            student.travelMode = m
        case .priority:
            guard let v = UInt8(value), v <= 9 else { throw .invalidSetting(.priorityRange(value)) }
            student.priority = v
        }
    }

    /// The student's current value, as text.
    public func value(of student: Student) -> String {
        switch self {
        case .maxTravelMinutes: "\(student.maxTravelMinutes)"
        case .travelMode: student.travelMode.rawValue
        case .priority: "\(student.priority)"
        }
    }
}
