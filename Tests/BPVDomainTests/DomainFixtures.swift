@testable import BPVDomain
import BPVGeography

func id(_ s: String) -> PseudonymousID { try! PseudonymousID(s) }
/// Both sample regions lie in Noord-Holland, which settles `Laren`.
let sampleRegion = Region(["Noord-Holland"])
func at(_ town: String) -> Location { Location(try! Gazetteer.netherlands.place(named: town, in: sampleRegion)) }
/// The towns of the two sample regions.
let sampleTowns = ["Hilversum", "Huizen", "Bussum", "Naarden", "Muiden", "Blaricum", "Laren", "Eemnes", "Loosdrecht", "Kortenhoef",
                   "Ankeveen", "Nederhorst den Berg", "Haarlem", "IJmuiden", "Velsen-Noord", "Driehuis", "Santpoort-Noord", "Heemskerk",
                   "Beverwijk", "Heemstede", "Bloemendaal", "Zandvoort", "Uitgeest"].map { try! Gazetteer.netherlands.place(named: $0, in: sampleRegion) }

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
