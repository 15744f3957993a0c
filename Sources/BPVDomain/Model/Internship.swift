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
    /// The places, and how many of them can take a student who needs a job coach on site.
    public var places: Places
    /// Number of places (``Places/count``); setting it keeps the support places within it.
    public var capacity: Int {
        get { places.count }
        set { places = Places(newValue, support: places.support) }
    }
    /// How many of the places can take a student who needs a job coach on site (at most
    /// ``capacity``).
    public var supportCapacity: Int {
        get { places.support }
        set { places = Places(places.count, support: newValue) }
    }
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
        self.places = Places(capacity, support: supportCapacity)
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

/// An internship's places and its support places (where a job coach can work beside the
/// student): `0 ≤ support ≤ count ≤ 1000`, held by the type. Every way a number of places comes
/// in (an import, `set INTERNSHIP capacity`, a what-if, a generator) goes through ``init(_:support:)``,
/// the one place it is clamped; a file or a command that gives a number out of range is
/// refused with its own message before it gets here.
public struct Places: Sendable, Hashable, Codable {
    /// The numbers of places bpv takes for one internship.
    public static let range = 0 ... 1000

    public private(set) var count: Int
    public private(set) var support: Int

    /// - Complexity: O(1).
    public init(_ count: Int, support: Int) {
        self.count = min(max(count, Self.range.lowerBound), Self.range.upperBound)
        self.support = min(max(support, 0), self.count)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(Int.self, forKey: .count), support: try c.decode(Int.self, forKey: .support))
    }
}
