#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An internship as the pair rules read it: flat fields, so that the candidate graph's inner
/// loop reads them from one contiguous array.
struct InternshipFacts {
    var latitude: Double
    var longitude: Double
    /// The PC4 area the point stands for, or 0 (for measured travel times).
    var postcode: Int32
    /// Position of the sector in `Sector.allCases`.
    var sector: Int
    var offers: UInt8
    var requires: UInt8
    var levels: UInt8
    /// Places, at least 0.
    var places: Int32
    /// Support places, between 0 and the places.
    var supportPlaces: Int32
    /// Whether a new placement can start here on the round's date.
    var open: Bool
    /// The cosine of the latitude: bounds the distance from below without a cosine a pair
    /// (``PairRules/surelyTooFar(_:)``).
    var cosLatitude: Double

    init(_ i: Internship, on date: CalendarDate? = nil) {
        open = i.isOpen(on: date)
        latitude = i.location.latitude
        longitude = i.location.longitude
        cosLatitude = cos(i.location.latitude * Double.pi / 180)
        postcode = Int32(i.location.postcode?.number ?? 0)
        sector = Sector.allCases.firstIndex(of: i.sector) ?? 0
        offers = i.offers.bits
        requires = i.requires.bits
        var levels: UInt8 = 0
        for l in i.levels { levels |= PairRules.bit(l) }
        self.levels = levels
        places = Int32(clamping: max(i.capacity, 0))
        supportPlaces = Int32(i.supportCapacity)
    }
}

/// The rules of one student-internship pair, written once: every hard constraint (with its
/// reason, for explanations) and the score by component. The candidate graph's fast path, a
/// single student's arcs in an incremental session, `why`/`why-not`/`unplaced` and the
/// synthetic benchmarks all read them here, so what is explained is what is solved.
///
/// One value per student holds what every pair of that student shares (its sector ranks, bits,
/// speed and limit), computed once.
struct PairRules {
    let student: Student
    let settings: MatchSettings
    /// Per sector (position in `Sector.allCases`): the student's rank of it, or -1.
    private let rankOfSector: [Int]
    private let needs: UInt8, held: UInt8, level: UInt8
    private let support: Bool
    private let minutesPerKm: Double
    private let accessMinutes: Double
    /// Measured minutes from the student's area by their mode: destination area → minutes.
    let measured: [Int32: Double]
    private let limit: Double
    /// The square of the farthest distance within the limit, a hair more (see ``surelyTooFar(_:)``),
    /// and the cosine of the student's latitude.
    private let reachSquared: Double, cosLatitude: Double
    /// The round's date, when it has one.
    private let date: CalendarDate?
    private let available: Bool

    init(_ s: Student, _ settings: MatchSettings, on date: CalendarDate? = nil) {
        self.date = date
        available = s.isAvailable(on: date)
        student = s
        self.settings = settings
        var ranks = [Int](repeating: -1, count: Sector.allCases.count)
        for (r, sector) in s.sectors.enumerated() {
            if let k = Sector.allCases.firstIndex(of: sector), ranks[k] < 0 { ranks[k] = r }
        }
        rankOfSector = ranks
        needs = s.needs.bits
        held = s.certificates.bits
        level = Self.bit(s.level)
        support = s.needsIntensiveSupport
        minutesPerKm = settings.minutesPerKilometre(s.travelMode)
        accessMinutes = settings.accessMinutes(s.travelMode)
        measured = settings.measuredTravel.from(s.home.postcode, by: s.travelMode)
        limit = Double(s.maxTravelMinutes)
        let reach = minutesPerKm > 0 ? max(limit - accessMinutes, 0) / minutesPerKm : .infinity
        reachSquared = reach * reach * (1 + 1e-9) + 1e-12
        cosLatitude = cos(s.home.latitude * Double.pi / 180)
    }

    static func bit(_ l: Level) -> UInt8 { UInt8(1) << UInt8(Level.allCases.firstIndex(of: l) ?? 0) }

    /// Estimated one-way travel in minutes: ``MatchSettings/travelMinutes(kilometres:by:)``, with
    /// the student's minutes per kilometre and access time computed once.
    /// - Complexity: O(1).
    @inline(__always)
    func minutes(_ f: InternshipFacts) -> Double {
        if !measured.isEmpty, let m = measured[f.postcode] { return m }
        return accessMinutes + max(student.home.kilometres(toLatitude: f.latitude, longitude: f.longitude), MatchSettings.floorKilometres) * minutesPerKm
    }

    /// Whether the internship is beyond the student's limit by a bound that needs no cosine: the
    /// east-west distance at the mean latitude is at least that at the latitude farther from the
    /// equator, so `(Δlon · k · min(cos φ₁, cos φ₂))² + Δlat²` (in km²) is at most the distance's
    /// square. Half the pairs the grid's cells offer lie beyond a student's circle; they are
    /// turned away here, before the one formula (``Earth``) is computed for those that may be
    /// near. Only ever true where ``minutes(_:)`` is over the limit too (the margin in
    /// ``reachSquared`` covers rounding), so it changes no answer.
    /// - Complexity: O(1).
    @inline(__always)
    func surelyTooFar(_ f: InternshipFacts) -> Bool {
        let dx = (f.longitude - student.home.longitude) * Location.kmPerDegree * min(cosLatitude, f.cosLatitude)
        let dy = (f.latitude - student.home.latitude) * Location.kmPerDegree
        return dx * dx + dy * dy > reachSquared
    }

    /// The pair's cost (its score's total) when every hard constraint holds; nil otherwise.
    /// The hot path of the candidate graph: no allocation.
    /// - Complexity: O(1).
    @inline(__always)
    func cost(_ f: InternshipFacts) -> Int64? {
        let rank = rankOfSector[f.sector]
        guard rank >= 0, available, f.open, f.places > 0, f.levels & level != 0, needs & ~f.offers == 0, f.requires & ~held == 0,
              !support || f.supportPlaces > 0
        else { return nil }
        if measured.isEmpty, surelyTooFar(f) { return nil }
        let minutes = minutes(f)
        guard minutes <= limit else { return nil }
        return Int64(rank * settings.sectorRankWeight) + Int64(minutes.rounded()) * Int64(settings.travelMinuteWeight)
            + (support && f.supportPlaces == 1 ? Int64(settings.supportScarcityWeight) : 0)
    }

    /// Every hard constraint the pair breaks, in a coordinator's words; empty when it is a candidate.
    /// - Complexity: O(sectors wished).
    func exclusions(_ i: Internship) -> [Exclusion] {
        exclusions(InternshipFacts(i, on: date)) { i }
    }

    /// The same, with the internship's facts read once by the caller (``InternshipFacts``
    /// of the internship on this rule's date), for a student checked against every
    /// internship; `internship` is read only for the words of a rule it breaks (its dates,
    /// sector, offers, certificates), so that the usual pair, too far, copies nothing.
    func exclusions(_ f: InternshipFacts, _ internship: () -> Internship) -> [Exclusion] {
        var out: [Exclusion] = []
        if !available, let from = student.availableFrom { out.append(.notAvailableYet(from)) }
        if !f.open {
            let i = internship()
            out.append(.closedOnDate(from: i.availableFrom, until: i.availableUntil))
        }
        if f.places <= 0 { out.append(.noPlaces) }
        if rankOfSector[f.sector] < 0 { out.append(.sectorNotWanted(internship().sector)) }
        if f.levels & level == 0 { out.append(.levelNotAccepted(student.level)) }
        let minutes = minutes(f)
        if minutes > limit { out.append(.tooFar(minutes: Int(minutes.rounded()), limit: student.maxTravelMinutes)) }
        if needs & ~f.offers != 0 { out.append(.accommodationsMissing(student.needs.missing(from: internship().offers))) }
        if f.requires & ~held != 0 { out.append(.certificatesMissing(internship().requires.missing(from: student.certificates))) }
        if support && f.supportPlaces <= 0 { out.append(.noSupportPlaces) }
        return out
    }

    /// The pair's score by component (also for a pair the rules rule out, as a pin forces it:
    /// an unwished sector then ranks below every wish).
    /// - Complexity: O(1).
    func score(_ i: Internship) -> ScoreBreakdown {
        let f = InternshipFacts(i)
        let rank = rankOfSector[f.sector] >= 0 ? rankOfSector[f.sector] : student.sectors.count
        let minutes = Int(minutes(f).rounded())
        let scarce = support && f.supportPlaces == 1
        return ScoreBreakdown(
            sectorRank: rank, travelMinutes: minutes, scarceSupport: scarce,
            sectorCost: rank * settings.sectorRankWeight, travelCost: minutes * settings.travelMinuteWeight,
            supportCost: scarce ? settings.supportScarcityWeight : 0)
    }
}

extension MatchSettings {
    /// Every hard constraint the pair breaks; empty when it is a candidate (see ``PairRules``).
    /// - Complexity: O(sectors wished).
    public func exclusions(_ s: Student, _ i: Internship, on date: CalendarDate? = nil) -> [Exclusion] {
        PairRules(s, self, on: date).exclusions(i)
    }

    /// The soft score of a pair (lower is better):
    ///
    /// `total = sectorRankWeight × rank + travelMinuteWeight × minutes
    ///        + supportScarcityWeight (student needs a job coach, internship has one support place)`
    ///
    /// - Complexity: O(sectors).
    public func score(_ s: Student, _ i: Internship) -> ScoreBreakdown { PairRules(s, self).score(i) }
}
