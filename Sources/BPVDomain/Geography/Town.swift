/// Approximate centroids (WGS84) of the towns of the two sample regions, so that a student or
/// internship can be located by `town` instead of `lat`/`lon`. Copied from the project's shared
/// domain data (`shared/data/towns.csv`).
public struct Town: Sendable, Hashable {
    public let name: String
    public let municipality: String
    public let region: String
    public let latitude: Double
    public let longitude: Double

    /// The bundled table.
    public static let all: [Town] = [
        Town(name: "Hilversum", municipality: "Hilversum", region: "Gooi en Vechtstreek", latitude: 52.2292, longitude: 5.1669),
        Town(name: "Huizen", municipality: "Huizen", region: "Gooi en Vechtstreek", latitude: 52.2997, longitude: 5.2417),
        Town(name: "Bussum", municipality: "Gooise Meren", region: "Gooi en Vechtstreek", latitude: 52.2733, longitude: 5.1611),
        Town(name: "Naarden", municipality: "Gooise Meren", region: "Gooi en Vechtstreek", latitude: 52.2958, longitude: 5.1625),
        Town(name: "Muiden", municipality: "Gooise Meren", region: "Gooi en Vechtstreek", latitude: 52.3300, longitude: 5.0700),
        Town(name: "Blaricum", municipality: "Blaricum", region: "Gooi en Vechtstreek", latitude: 52.2725, longitude: 5.2450),
        Town(name: "Laren", municipality: "Laren", region: "Gooi en Vechtstreek", latitude: 52.2567, longitude: 5.2283),
        Town(name: "Eemnes", municipality: "Eemnes", region: "Gooi en Vechtstreek", latitude: 52.2542, longitude: 5.2583),
        Town(name: "Loosdrecht", municipality: "Wijdemeren", region: "Gooi en Vechtstreek", latitude: 52.2000, longitude: 5.0833),
        Town(name: "Kortenhoef", municipality: "Wijdemeren", region: "Gooi en Vechtstreek", latitude: 52.2383, longitude: 5.1050),
        Town(name: "Ankeveen", municipality: "Wijdemeren", region: "Gooi en Vechtstreek", latitude: 52.2650, longitude: 5.0950),
        Town(name: "Nederhorst den Berg", municipality: "Wijdemeren", region: "Gooi en Vechtstreek", latitude: 52.2617, longitude: 5.0467),
        Town(name: "Haarlem", municipality: "Haarlem", region: "Zuid-Kennemerland en IJmond", latitude: 52.3874, longitude: 4.6462),
        Town(name: "IJmuiden", municipality: "Velsen", region: "Zuid-Kennemerland en IJmond", latitude: 52.4583, longitude: 4.6167),
        Town(name: "Velsen-Noord", municipality: "Velsen", region: "Zuid-Kennemerland en IJmond", latitude: 52.4650, longitude: 4.6450),
        Town(name: "Driehuis", municipality: "Velsen", region: "Zuid-Kennemerland en IJmond", latitude: 52.4450, longitude: 4.6400),
        Town(name: "Santpoort-Noord", municipality: "Velsen", region: "Zuid-Kennemerland en IJmond", latitude: 52.4333, longitude: 4.6361),
        Town(name: "Heemskerk", municipality: "Heemskerk", region: "Zuid-Kennemerland en IJmond", latitude: 52.5108, longitude: 4.6711),
        Town(name: "Beverwijk", municipality: "Beverwijk", region: "Zuid-Kennemerland en IJmond", latitude: 52.4867, longitude: 4.6569),
        Town(name: "Heemstede", municipality: "Heemstede", region: "Zuid-Kennemerland en IJmond", latitude: 52.3500, longitude: 4.6167),
        Town(name: "Bloemendaal", municipality: "Bloemendaal", region: "Zuid-Kennemerland en IJmond", latitude: 52.4025, longitude: 4.6219),
        Town(name: "Zandvoort", municipality: "Zandvoort", region: "Zuid-Kennemerland en IJmond", latitude: 52.3713, longitude: 4.5331),
        Town(name: "Uitgeest", municipality: "Uitgeest", region: "Zuid-Kennemerland en IJmond", latitude: 52.5283, longitude: 4.7100),
    ]

    /// Finds a town by name, ignoring case, spaces and dashes (`santpoort noord`); a
    /// municipality name (`Gooise Meren`) gives its first town, and `Santpoort` or `Velsen` name
    /// their main town.
    ///
    /// - Throws: ``DomainError/unknownTown(_:)``.
    /// - Complexity: O(towns).
    public static func named(_ text: String) throws(DomainError) -> Town {
        func key(_ s: String) -> String { String(s.lowercased().filter { $0 != " " && $0 != "-" && $0 != "'" }) }
        let k = key(text)
        let aliases = ["santpoort": "santpoortnoord", "velsen": "ijmuiden", "wijdemeren": "loosdrecht"]
        let wanted = aliases[k] ?? k
        if let t = all.first(where: { key($0.name) == wanted }) { return t }
        if let t = all.first(where: { key($0.municipality) == wanted }) { return t }
        throw .unknownTown(text)
    }

    public var location: Location {
        // The table's coordinates are valid by construction.
        (try? Location(latitude: latitude, longitude: longitude)) ?? Self.origin
    }

    private static let origin = try! Location(latitude: 0, longitude: 0)
}

extension Town {
    /// The bundled town nearest to `location`, if one lies within `kilometres` (default 6 km):
    /// how listings and statistics name where a student lives without storing an address.
    /// - Complexity: O(towns).
    public static func nearest(to location: Location, within kilometres: Double = 6) -> Town? {
        var best: (Town, Double)?
        for t in all {
            let d = t.location.kilometres(to: location)
            if d <= kilometres, d < (best?.1 ?? .infinity) { best = (t, d) }
        }
        return best?.0
    }
}
