/// A student to be placed. Holds only what matching needs: no address, no diagnosis, no
/// citizen or education number.
public struct Student: Sendable, Hashable, Codable, Identifiable {
    public var id: PseudonymousID
    /// Optional display name for coordinators; never exported by default.
    public var name: String?
    public var level: Level
    /// Sector wishes, most wanted first.
    public var sectors: [Sector]
    public var home: Location
    public var travelMode: TravelMode
    /// The longest one-way journey the student can manage, in minutes.
    public var maxTravelMinutes: Int
    /// What the workplace must provide.
    public var needs: AccommodationSet
    public var certificates: CertificateSet
    /// Priority tier: higher tiers are placed first when not everyone fits (0 is normal).
    public var priority: UInt8
    /// The job coach or mentor who knows the student.
    public var coach: String?
    /// The first day the student can start a placement (rolling intake); nil: now.
    public var availableFrom: CalendarDate?
    /// The school the student attends (for reports by school), when the file says.
    public var school: String?
    /// A PRO or VSO pupil's uitstroomprofiel, when the file says (nil for MBO students).
    public var profile: ExitProfile?

    public init(
        id: PseudonymousID, name: String? = nil, level: Level, sectors: [Sector], home: Location,
        travelMode: TravelMode, maxTravelMinutes: Int, needs: AccommodationSet = AccommodationSet(),
        certificates: CertificateSet = CertificateSet(), priority: UInt8 = 0, coach: String? = nil,
        availableFrom: CalendarDate? = nil, school: String? = nil, profile: ExitProfile? = nil
    ) {
        self.profile = profile
        self.availableFrom = availableFrom
        self.school = school
        self.id = id
        self.name = name
        self.level = level
        self.sectors = sectors
        self.home = home
        self.travelMode = travelMode
        self.maxTravelMinutes = maxTravelMinutes
        self.needs = needs
        self.certificates = certificates
        self.priority = priority
        self.coach = coach
    }

    /// Whether the student can start a placement on `date` (always, without a date).
    public func isAvailable(on date: CalendarDate?) -> Bool {
        guard let date, let from = availableFrom else { return true }
        return from <= date
    }

    /// Whether the student takes one of an internship's support places (needs a job coach on site).
    public var needsIntensiveSupport: Bool { needs.contains(.jobcoach) }
}
