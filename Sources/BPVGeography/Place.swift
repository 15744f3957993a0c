/// One row of the postcode table: a PC4 area in one place (a code that spans two places has
/// an area for each).
public struct PostcodeArea: Sendable, Hashable {
    public let postcode: Postcode
    /// The woonplaats, as GeoNames writes it (`Driehuis NH`, `'s-Hertogenbosch`).
    public let place: String
    public let municipality: String
    public let province: String
    /// A representative point, WGS84 degrees.
    public let latitude: Double
    public let longitude: Double
}

/// A place (woonplaats) in its municipality: the postcode areas that carry its name there.
public struct Place: Sendable, Hashable {
    /// As GeoNames writes it, without a province mark (`Driehuis`, not `Driehuis NH`).
    public let name: String
    public let municipality: String
    public let province: String
    /// The mean of its areas' points, WGS84 degrees.
    public let latitude: Double
    public let longitude: Double
    /// Its PC4 areas, ascending.
    public let postcodes: [Postcode]

    /// The name with its municipality where they differ (`Laren (Lochem)`, `Bussum (Gooise
    /// Meren)`), the way out of an ambiguous name; the name alone where they agree.
    public var label: String { name == municipality ? name : "\(name) (\(municipality))" }
}

/// The municipalities and provinces a workspace works in: settles a place name that exists in
/// more than one municipality (`Laren` in the Gooi is Laren, Noord-Holland, not Laren in Lochem).
public struct Region: Sendable, Hashable {
    /// Municipality and province names as typed; compared without case, spaces or accents.
    public let names: [String]

    public init(_ names: [String]) { self.names = names.filter { !$0.isEmpty } }

    public static let none = Region([])

    public var isEmpty: Bool { names.isEmpty }

    /// Whether `place` lies in one of the region's municipalities or provinces.
    public func contains(_ place: Place) -> Bool {
        let keys = Set(names.map(PlaceKey.init))
        return keys.contains(PlaceKey(place.municipality)) || keys.contains(PlaceKey(place.province))
    }
}

/// Why a postcode or place name could not be placed, with what a coordinator needs to fix it.
/// A value: the words are chosen where it is shown (``description`` is the English rendering).
public enum GeographyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not four digits, optionally with two letters.
    case malformedPostcode(String)
    /// Well formed, but not a postcode area of the table; with the nearest codes that are.
    case unknownPostcode(Postcode, nearest: [Postcode])
    /// No place, municipality or province mark matches; with near misses.
    case unknownPlace(String, suggestions: [String])
    /// The name exists in more than one municipality and nothing settles which.
    case ambiguousPlace(String, candidates: [Place])
    /// A region names no municipality or province of the table.
    case unknownRegionName(String, suggestions: [String])
    /// The bundled table could not be read (a broken installation).
    case tableUnavailable(String)

    public var description: String {
        switch self {
        case .malformedPostcode(let text):
            "'\(text)' is not a postcode: write four digits, optionally with two letters (1234, 1234 AB)"
        case .unknownPostcode(let code, let nearest):
            "postcode \(code) is not a postcode area in the Netherlands"
                + (nearest.isEmpty ? "" : " (nearest: \(nearest.map(\.description).joined(separator: ", ")))")
                + "; check the code, or give the place name"
        case .unknownPlace(let name, let suggestions):
            "unknown place '\(name)'"
                + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?")
                + " give a Dutch place name or a postcode"
        case .ambiguousPlace(let name, let candidates):
            "'\(name)' is a place in \(candidates.count) municipalities (\(candidates.map(\.label).joined(separator: ", "))); "
                + "add the postcode, write the municipality in brackets (\(candidates.first.map { "'\($0.name) (\($0.municipality))'" } ?? "")), "
                + "or set the workspace's region (set region MUNICIPALITY|...)"
        case .unknownRegionName(let name, let suggestions):
            "'\(name)' is not a Dutch municipality or province"
                + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?")
        case .tableUnavailable(let why): why
        }
    }
}

/// A name as bpv compares it: without case, accents, spaces, dashes, dots or apostrophes
/// (`'s-Hertogenbosch`, `s hertogenbosch` and `S-HERTOGENBOSCH` are one key).
struct PlaceKey: Hashable, Sendable {
    let text: String

    init(_ name: String) {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case " ", "-", ".", "'", "\u{2019}", "\u{A0}", "\t": continue
            case "à", "á", "â", "ä": out.unicodeScalars.append("a")
            case "è", "é", "ê", "ë": out.unicodeScalars.append("e")
            case "ì", "í", "î", "ï": out.unicodeScalars.append("i")
            case "ò", "ó", "ô", "ö": out.unicodeScalars.append("o")
            case "ù", "ú", "û", "ü": out.unicodeScalars.append("u")
            case "ĳ": out += "ij"
            default: out.unicodeScalars.append(scalar)
            }
        }
        text = out
    }
}
