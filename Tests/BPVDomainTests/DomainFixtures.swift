@testable import BPVDomain

func id(_ s: String) -> PseudonymousID { try! PseudonymousID(s) }
func at(_ town: String) -> Location { try! Town.named(town).location }

func student(
    _ name: String = "S-1", level: Level = .two, sectors: [Sector] = [.retail], town: String = "Hilversum",
    mode: TravelMode = .bike, minutes: Int = 45, needs: [Accommodation] = [], certificates: [Certificate] = [],
    priority: UInt8 = 0
) -> Student {
    Student(
        id: id(name), level: level, sectors: sectors, home: at(town), travelMode: mode, maxTravelMinutes: minutes,
        needs: AccommodationSet(needs), certificates: CertificateSet(certificates), priority: priority)
}

func internship(
    _ name: String = "I-1", sector: Sector = .retail, town: String = "Hilversum", capacity: Int = 2,
    support: Int = 1, offers: [Accommodation] = [.jobcoach, .quiet], requires: [Certificate] = [],
    levels: Set<Level> = [.entree, .two]
) -> Internship {
    Internship(
        id: id(name), employer: "Employer \(name)", sector: sector, location: at(town), capacity: capacity,
        supportCapacity: support, offers: AccommodationSet(offers), requires: CertificateSet(requires), levels: levels)
}
