/// An internship at an employer (erkend leerbedrijf), with its places.
public struct Internship: Sendable, Hashable, Codable, Identifiable {
    public var id: PseudonymousID
    public var employer: String
    /// SBB's leerbedrijf id, when known.
    public var leerbedrijfID: String?
    /// The employer record this internship belongs to (an employer file's id), when given.
    public var employerID: String?
    public var sector: Sector
    public var location: Location
    /// Number of places.
    public var capacity: Int
    /// How many of the places can take a student who needs a job coach on site.
    public var supportCapacity: Int
    /// Accommodations the workplace provides.
    public var offers: AccommodationSet
    /// Certificates a student must hold.
    public var requires: CertificateSet
    /// Levels the internship accepts.
    public var levels: Set<Level>
    /// The first and last day a new placement can start here; nil: open.
    public var availableFrom: CalendarDate?
    public var availableUntil: CalendarDate?

    public init(
        id: PseudonymousID, employer: String, leerbedrijfID: String? = nil, sector: Sector, location: Location,
        capacity: Int, supportCapacity: Int = 0, offers: AccommodationSet = AccommodationSet(),
        requires: CertificateSet = CertificateSet(), levels: Set<Level> = Set(Level.allCases),
        availableFrom: CalendarDate? = nil, availableUntil: CalendarDate? = nil, employerID: String? = nil
    ) {
        self.employerID = employerID
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.id = id
        self.employer = employer
        self.leerbedrijfID = leerbedrijfID
        self.sector = sector
        self.location = location
        self.capacity = capacity
        self.supportCapacity = supportCapacity
        self.offers = offers
        self.requires = requires
        self.levels = levels
    }

    /// Whether a new placement can start here on `date` (always, without a date).
    public func isOpen(on date: CalendarDate?) -> Bool {
        guard let date else { return true }
        return (availableFrom.map { $0 <= date } ?? true) && (availableUntil.map { date <= $0 } ?? true)
    }
}
