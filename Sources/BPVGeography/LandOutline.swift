import Foundation

/// The land outline of the Netherlands, for drawing maps (the report's region map): polygons of
/// (longitude, latitude) in WGS84, largest first.
///
/// Source: the Digital Chart of the World as packaged for GMT (Debian `gmt-dcw` 2.1.1,
/// `gmt coast -ENL -M`), licence LGPL-3+; the bundled `Resources/nl-outline.csv` is the
/// project's shared copy (`shared/data/nl-outline.csv`, whose README gives this attribution).
/// About 1:1,000,000: good for a region or the country, not for streets.
public enum LandOutline {
    /// The attribution the licence asks for.
    public static let attribution = "land outline: Digital Chart of the World (GMT gmt-dcw 2.1.1), LGPL-3+"

    /// The polygons, each a closed ring of (longitude, latitude); empty when the bundled file is
    /// missing (the map is then drawn without land).
    /// - Complexity: read once, O(points).
    public static let polygons: [[(longitude: Double, latitude: Double)]] = {
        guard let url = Bundle.module.url(forResource: "nl-outline", withExtension: "csv"),
              let data = try? Data(contentsOf: url)
        else { return [] }
        var out: [[(longitude: Double, latitude: Double)]] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst() {
            let parts = line.split(separator: ",")
            guard parts.count == 3, let k = Int(parts[0]), (0 ..< 10_000).contains(k), let lon = Double(parts[1]), let lat = Double(parts[2])
            else { continue }
            while out.count <= k { out.append([]) }
            out[k].append((lon, lat))
        }
        return out
    }()
}
