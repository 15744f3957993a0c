/// The other names a school's file may give bpv's columns: Dutch (`woonplaats`, `vervoer`,
/// `plaatsen_met_begeleiding`) and the usual variants, each to the name bpv reads. A header
/// is compared lowercased, trimmed, with spaces and dashes as `_` (`Max reistijd` is
/// `max_reistijd`), so English and Dutch names may be mixed in one file.
public enum ColumnNames {
    /// A header cell as bpv compares it, then its alias resolved.
    static func canonical(_ header: String, _ aliases: [String: String]) -> String {
        var key = ""
        for c in header.lowercased() {
            if c == " " || c == "-" || c == "\u{A0}" {
                if !key.isEmpty, key.last != "_" { key.append("_") }
            } else {
                key.append(c)
            }
        }
        while key.last == "_" { key.removeLast() }
        return aliases[key] ?? key
    }

    /// Where a pupil lives: shared by every file with a location.
    static let location: [String: String] = [
        "woonplaats": "town", "plaats": "town", "place": "town", "vestigingsplaats": "town", "breedtegraad": "lat",
        "lengtegraad": "lon", "latitude": "lat", "longitude": "lon", "postcode_4": "postcode", "pc4": "postcode", "pc6": "postcode",
    ]

    /// Dates a pupil or internship is available from and until.
    static let dates: [String: String] = [
        "beschikbaar_vanaf": "available_from", "beschikbaar_per": "available_from", "startdatum": "available_from",
        "beschikbaar_tot": "available_until", "einddatum": "available_until",
    ]

    public static let students: [String: String] = location.merging(dates) { a, _ in a }.merging([
        "naam": "name", "voornaam": "name", "niveau": "level", "sectoren": "sectors", "sector": "sectors", "branches": "sectors",
        "vervoer": "travel_mode", "vervoermiddel": "travel_mode", "mode": "travel_mode", "max_reistijd": "max_travel_min",
        "maximale_reistijd": "max_travel_min", "reistijd": "max_travel_min", "aanpassingen": "needs", "ondersteuning": "needs",
        "certificaten": "certificates", "prioriteit": "priority", "mentor": "coach", "begeleider": "coach", "jobcoach_naam": "coach",
        "uitstroomprofiel": "profile", "profiel": "profile",
    ]) { a, _ in a }

    public static let internships: [String: String] = location.merging(dates) { a, _ in a }.merging([
        "bedrijf": "employer", "werkgever": "employer", "leerbedrijf": "employer", "branche": "sector", "plaatsen": "capacity",
        "aantal_plaatsen": "capacity", "plaatsen_met_begeleiding": "support_capacity", "begeleidingsplaatsen": "support_capacity",
        "biedt": "offers", "aanpassingen": "offers", "vereist": "requires", "eisen": "requires", "niveaus": "levels",
        "leerbedrijf_id": "leerbedrijf_id", "werkgever_id": "employer_id", "bedrijf_id": "employer_id",
    ]) { a, _ in a }

    public static let employers: [String: String] = location.merging([
        "naam": "name", "bedrijfsnaam": "name", "contactpersoon": "contact", "praktijkopleider": "contact", "telefoon": "phone",
        "telefoonnummer": "phone", "e_mail": "email", "mail": "email",
    ]) { a, _ in a }

    public static let travelTimes: [String: String] = [
        "van": "from", "naar": "to", "vervoer": "mode", "vervoermiddel": "mode", "travel_mode": "mode", "minuten": "minutes",
        "reistijd": "minutes",
    ]
}
