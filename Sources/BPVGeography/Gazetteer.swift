import Foundation

/// Every Dutch postcode area and place, read once from the bundled table
/// (`Resources/nl-postcodes.csv`: GeoNames (geonames.org), CC BY 4.0).
///
/// Lookups a school's files need: a postcode to its area's point, a place name (any of the
/// country's woonplaatsen, with its municipality or province in brackets where the name exists
/// twice) to its place, and a point to the nearest place, for naming where someone lives
/// without storing an address.
public final class Gazetteer: Sendable {
    /// The areas, by postcode ascending.
    public let areas: [PostcodeArea]
    /// The places, each a name in one municipality.
    public let places: [Place]
    /// Why the table could not be read, when it could not (a broken installation): every
    /// lookup then says so instead of crashing.
    public let unavailable: String?

    private let areasOfCode: [Int: [Int]]
    private let placeOfArea: [Int]
    private let placesOfKey: [PlaceKey: [Int]]
    private let mainPlaceOfMunicipality: [PlaceKey: Int]
    private let provinceOfKey: [PlaceKey: String]
    private let codes: [Int]
    /// Area positions by cell of ``cellDegrees`` (latitude row, longitude column), for
    /// ``nearestPlace(latitude:longitude:within:)``.
    private let cells: [Cell: [Int32]]

    private struct Cell: Hashable, Sendable {
        let row: Int
        let column: Int
    }

    /// The grid's cell size in degrees: 11 km north to south, about 7 km east to west here.
    private static let cellDegrees = 0.1

    /// The bundled table, read on first use.
    public static let netherlands: Gazetteer = {
        // SwiftPM's `Bundle.module` finds the resource bundle beside the built executable or
        // test runner.
        guard let url = Bundle.module.url(forResource: "nl-postcodes", withExtension: "csv"),
              let data = try? Data(contentsOf: url)
        else { return Gazetteer(failing: "the bundled postcode table (nl-postcodes.csv) is missing; reinstall bpv") }
        do {
            return try Gazetteer(csv: String(decoding: data, as: UTF8.self))
        } catch {
            return Gazetteer(failing: "the bundled postcode table is damaged: \(error)")
        }
    }()

    /// The attribution the licence asks for, for notices and reports.
    public static let attribution = "postcode data: GeoNames (geonames.org), CC BY 4.0"

    private init(failing reason: String) {
        areas = []
        places = []
        unavailable = reason
        areasOfCode = [:]
        placeOfArea = []
        placesOfKey = [:]
        mainPlaceOfMunicipality = [:]
        provinceOfKey = [:]
        codes = []
        cells = [:]
    }

    /// Reads a table with the columns `pc4,place,municipality,municipality_code,province,lat,lon`
    /// (a header line first; fields may be quoted).
    /// - Throws: ``TableError`` naming the first bad line.
    /// - Complexity: O(rows log rows).
    public init(csv: String) throws(TableError) {
        var rows: [PostcodeArea] = []
        var lineNumber = 0
        for line in csv.split(whereSeparator: \.isNewline) {
            lineNumber += 1
            if lineNumber == 1 { continue }
            let f = Self.fields(line)
            guard f.count == 7, let n = Int(f[0]), let code = Postcode(number: n), let lat = Double(f[5]), let lon = Double(f[6]),
                  !f[1].isEmpty, !f[2].isEmpty, !f[4].isEmpty
            else { throw TableError(line: lineNumber) }
            rows.append(PostcodeArea(postcode: code, place: f[1], municipality: f[2], province: f[4], latitude: lat, longitude: lon))
        }
        rows.sort { $0.postcode < $1.postcode }
        areas = rows
        unavailable = nil

        var provinces: [PlaceKey: String] = [:]
        for a in rows { provinces[PlaceKey(a.province)] = a.province }
        for (abbreviation, province) in Self.provinceAbbreviations where provinces[PlaceKey(province)] != nil {
            provinces[PlaceKey(abbreviation)] = province
        }
        provinceOfKey = provinces

        // Places: one per (name without province mark, municipality).
        struct Accumulator { var name: String; var municipality: String; var province: String; var lat = 0.0; var lon = 0.0; var codes: [Postcode] = [] }
        var placeIndex: [String: Int] = [:]
        var acc: [Accumulator] = []
        var ofArea: [Int] = []
        var ofCode: [Int: [Int]] = [:]
        for (k, a) in rows.enumerated() {
            let name = Self.withoutProvinceMark(a.place, provinces: provinces)
            let id = "\(name)\u{1F}\(a.municipality)"
            let p: Int
            if let existing = placeIndex[id] {
                p = existing
            } else {
                p = acc.count
                placeIndex[id] = p
                acc.append(Accumulator(name: name, municipality: a.municipality, province: a.province))
            }
            acc[p].lat += a.latitude
            acc[p].lon += a.longitude
            acc[p].codes.append(a.postcode)
            ofArea.append(p)
            ofCode[a.postcode.number, default: []].append(k)
        }
        places = acc.map {
            Place(name: $0.name, municipality: $0.municipality, province: $0.province,
                  latitude: $0.lat / Double($0.codes.count), longitude: $0.lon / Double($0.codes.count), postcodes: $0.codes)
        }
        placeOfArea = ofArea
        areasOfCode = ofCode
        var grid: [Cell: [Int32]] = [:]
        for (k, a) in rows.enumerated() { grid[Self.cell(a.latitude, a.longitude), default: []].append(Int32(k)) }
        cells = grid
        codes = ofCode.keys.sorted()

        var byKey: [PlaceKey: [Int]] = [:]
        for (p, place) in places.enumerated() { byKey[PlaceKey(place.name), default: []].append(p) }
        // GeoNames writes some names with their province mark (`Driehuis NH`); both spellings find them.
        for (k, a) in rows.enumerated() where PlaceKey(a.place) != PlaceKey(places[ofArea[k]].name) {
            if !(byKey[PlaceKey(a.place)]?.contains(ofArea[k]) ?? false) { byKey[PlaceKey(a.place), default: []].append(ofArea[k]) }
        }
        placesOfKey = byKey
        var main: [PlaceKey: Int] = [:]
        for (p, place) in places.enumerated() {
            let key = PlaceKey(place.municipality)
            if let q = main[key], places[q].postcodes.count >= place.postcodes.count { continue }
            main[key] = p
        }
        mainPlaceOfMunicipality = main
    }

    /// A line of the table that could not be read.
    public struct TableError: Error, CustomStringConvertible {
        public let line: Int
        public var description: String { "line \(line) is not pc4,place,municipality,municipality_code,province,lat,lon" }
    }

    // MARK: Lookups

    /// The areas of a postcode (two when the code spans two places).
    /// - Throws: ``GeographyError/unknownPostcode(_:nearest:)`` with the nearest codes.
    /// - Complexity: O(1), or O(log codes) to find the nearest.
    public func areas(of postcode: Postcode) throws(GeographyError) -> [PostcodeArea] {
        if let unavailable { throw .tableUnavailable(unavailable) }
        guard let found = areasOfCode[postcode.number] else { throw .unknownPostcode(postcode, nearest: nearestCodes(to: postcode)) }
        return found.map { areas[$0] }
    }

    /// The area of a postcode; where the code spans two places, the one named `place` when it
    /// is one of them, else the first.
    public func area(of postcode: Postcode, preferring place: String? = nil) throws(GeographyError) -> PostcodeArea {
        let found = try areas(of: postcode)
        if let place, let match = found.first(where: { PlaceKey($0.place) == PlaceKey(place) || PlaceKey(Self.withoutProvinceMark($0.place, provinces: provinceOfKey)) == PlaceKey(place) }) {
            return match
        }
        return found[0]
    }

    /// The place a name means: a woonplaats (`Hilversum`, `santpoort noord`), one with its
    /// municipality or province in brackets (`Laren (Lochem)`, `Laren (NH)`), or a municipality
    /// (its place with the most postcode areas). A name that exists in several municipalities is
    /// settled by `region` when exactly one lies in it.
    /// - Throws: ``GeographyError/ambiguousPlace(_:candidates:)`` or ``GeographyError/unknownPlace(_:suggestions:)``.
    /// - Complexity: O(1) for a known name; O(places · name length) to suggest near misses.
    public func place(named text: String, in region: Region = .none) throws(GeographyError) -> Place {
        if let unavailable { throw .tableUnavailable(unavailable) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
            let base = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
            let qualifier = PlaceKey(String(trimmed[trimmed.index(after: open) ..< trimmed.index(before: trimmed.endIndex)]))
            let candidates = (placesOfKey[PlaceKey(base)] ?? []).map { places[$0] }
            let matching = candidates.filter {
                PlaceKey($0.municipality) == qualifier || PlaceKey($0.province) == qualifier || provinceOfKey[qualifier] == $0.province
            }
            if matching.count == 1 { return matching[0] }
            if matching.count > 1 { throw .ambiguousPlace(trimmed, candidates: matching) }
            throw .unknownPlace(trimmed, suggestions: candidates.isEmpty ? suggestions(for: base) : candidates.map(\.label))
        }
        let key = PlaceKey(trimmed)
        if let found = placesOfKey[key] {
            if found.count == 1 { return places[found[0]] }
            let candidates = found.map { places[$0] }
            let inRegion = candidates.filter(region.contains)
            if inRegion.count == 1 { return inRegion[0] }
            throw .ambiguousPlace(trimmed, candidates: inRegion.count > 1 ? inRegion : candidates)
        }
        if let p = mainPlaceOfMunicipality[key] { return places[p] }
        throw .unknownPlace(trimmed, suggestions: suggestions(for: trimmed))
    }

    /// A region from municipality and province names (`Hilversum|Gooise Meren`, `Noord-Holland`).
    /// - Throws: ``GeographyError/unknownRegionName(_:suggestions:)`` for a name that is neither.
    public func region(_ names: [String]) throws(GeographyError) -> Region {
        if let unavailable { throw .tableUnavailable(unavailable) }
        for name in names where mainPlaceOfMunicipality[PlaceKey(name)] == nil && provinceOfKey[PlaceKey(name)] == nil {
            let known = Array(Set(places.map(\.municipality))) + Array(Set(places.map(\.province)))
            throw .unknownRegionName(name, suggestions: Self.nearMisses(of: name, among: known))
        }
        return Region(names)
    }

    /// The place of the area nearest to a point, if one lies within `kilometres`: how listings
    /// and the report name where someone lives.
    /// Looks only in the grid cells a circle of `kilometres` can reach, so that naming the
    /// places of 30,000 pupils does not compare each with all 4,304 areas.
    /// - Complexity: O(areas in the cells within reach): a few dozen for the usual 6 km.
    public func nearestPlace(latitude: Double, longitude: Double, within kilometres: Double = 6) -> Place? {
        guard latitude.isFinite, longitude.isFinite, kilometres.isFinite, kilometres >= 0 else { return nil }
        let centre = Self.cell(latitude, longitude)
        let kmPerCellNorth = Self.cellDegrees * Earth.kmPerDegree
        // The narrowest a cell gets east to west within reach (towards the pole), so no cell is missed.
        let farthestLatitude = min(abs(latitude) + kilometres / Earth.kmPerDegree, 89.9)
        let kmPerCellEast = kmPerCellNorth * cos(farthestLatitude * Double.pi / 180)
        let rows = Int((kilometres / kmPerCellNorth).rounded(.up)), columns = Int((kilometres / kmPerCellEast).rounded(.up))
        guard rows <= 50, columns <= 100 else { return nearestPlaceByScan(latitude, longitude, kilometres) }
        var best = -1
        var bestDistance = kilometres
        for r in centre.row - rows ... centre.row + rows {
            for c in centre.column - columns ... centre.column + columns {
                for k in cells[Cell(row: r, column: c)] ?? [] {
                    let a = areas[Int(k)]
                    let d = Earth.kilometres(latitude, longitude, a.latitude, a.longitude)
                    if d < bestDistance || (d == bestDistance && (best < 0 || Int(k) < best)) {
                        best = Int(k)
                        bestDistance = d
                    }
                }
            }
        }
        return best < 0 ? nil : places[placeOfArea[best]]
    }

    /// The same by comparing every area (a reach wider than the grid search covers).
    /// - Complexity: O(areas).
    func nearestPlaceByScan(_ latitude: Double, _ longitude: Double, _ kilometres: Double) -> Place? {
        var best = -1
        var bestDistance = kilometres
        for (k, a) in areas.enumerated() {
            let d = Earth.kilometres(latitude, longitude, a.latitude, a.longitude)
            if d < bestDistance || (d == bestDistance && best < 0) {
                best = k
                bestDistance = d
            }
        }
        return best < 0 ? nil : places[placeOfArea[best]]
    }

    private static func cell(_ latitude: Double, _ longitude: Double) -> Cell {
        Cell(row: Int((latitude / cellDegrees).rounded(.down)), column: Int((longitude / cellDegrees).rounded(.down)))
    }

    // MARK: Helpers

    private func nearestCodes(to postcode: Postcode) -> [Postcode] {
        var lo = 0, hi = codes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if codes[mid] < postcode.number { lo = mid + 1 } else { hi = mid }
        }
        let window = codes[max(0, lo - 3) ..< min(codes.count, lo + 3)]
        return window.sorted { abs($0 - postcode.number) < abs($1 - postcode.number) }.prefix(3).sorted().compactMap(Postcode.init(number:))
    }

    private func suggestions(for name: String) -> [String] {
        var seen = Set<String>()
        let labels = places.map { placesOfKey[PlaceKey($0.name)]?.count ?? 0 > 1 ? $0.label : $0.name }.filter { seen.insert($0).inserted }
        return Self.nearMisses(of: name, among: labels)
    }

    /// Up to three of `names` within two edits of `name` (compared as keys), nearest first.
    static func nearMisses(of name: String, among names: [String]) -> [String] {
        let target = Array(PlaceKey(name).text.unicodeScalars)
        var scored: [(Int, String)] = []
        for candidate in names {
            let key = Array(PlaceKey(candidate).text.unicodeScalars)
            guard abs(key.count - target.count) <= 2 else { continue }
            let d = editDistance(target, key, limit: 2)
            if d <= 2 { scored.append((d, candidate)) }
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.1)
    }

    /// Levenshtein distance, stopping early once it exceeds `limit` (then returns limit + 1).
    /// - Complexity: O(|a| · |b|).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var row = Array(0 ... b.count)
        for i in 1 ... a.count {
            var diagonal = row[0]
            row[0] = i
            var smallest = i
            for j in 1 ... b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
                smallest = min(smallest, row[j])
            }
            if smallest > limit { return limit + 1 }
        }
        return row[b.count]
    }

    /// `Driehuis NH` → `Driehuis`; a name without a province mark is returned as it is.
    static func withoutProvinceMark(_ name: String, provinces: [PlaceKey: String]) -> String {
        guard let space = name.lastIndex(of: " ") else { return name }
        let mark = name[name.index(after: space)...]
        guard mark.first?.isUppercase == true, mark.count <= 3, provinces[PlaceKey(String(mark))] != nil else { return name }
        return String(name[..<space])
    }

    /// The usual abbreviations of the provinces (as in `Laren NH`, `Loo Gld`).
    static let provinceAbbreviations: [(String, String)] = [
        ("NH", "Noord-Holland"), ("ZH", "Zuid-Holland"), ("NB", "Noord-Brabant"), ("Gld", "Gelderland"), ("Ge", "Gelderland"),
        ("Ut", "Utrecht"), ("U", "Utrecht"), ("Ov", "Overijssel"), ("O", "Overijssel"), ("Fr", "Friesland"), ("Fryslân", "Friesland"),
        ("Gr", "Groningen"), ("Gn", "Groningen"), ("Dr", "Drenthe"), ("D", "Drenthe"), ("Z", "Zeeland"), ("Zl", "Zeeland"),
        ("Ze", "Zeeland"), ("L", "Limburg"), ("Lb", "Limburg"), ("Li", "Limburg"), ("Fl", "Flevoland"),
    ]

    /// The fields of one CSV line (commas; double quotes around a field that holds one).
    private static func fields(_ line: Substring) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if c == "\"" {
                quoted.toggle()
            } else if c == ",", !quoted {
                out.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        out.append(current)
        return out
    }
}

/// The one distance formula of bpv.
public enum Earth {
    /// Kilometres per degree of latitude (mean Earth radius 6,371 km).
    public static let kmPerDegree = 111.195

    /// Straight-line distance in kilometres by the equirectangular approximation at the mean
    /// latitude: within 0.1% of the great-circle distance over the tens of kilometres that matter
    /// here, and cheap enough for millions of pairs.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let midLatitude = (lat1 + lat2) * 0.5 * Double.pi / 180
        let dx = (lon2 - lon1) * kmPerDegree * cos(midLatitude)
        let dy = (lat2 - lat1) * kmPerDegree
        return (dx * dx + dy * dy).squareRoot()
    }
}
