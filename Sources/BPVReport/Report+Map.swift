import BPVDomain
import BPVGeography
import Foundation

extension Report {
    static let grey = "#888888"

    /// Colours per sector (colour-blind-safe Okabe–Ito palette).
    static let sectorColours: [Sector: String] = [
        .retail: "#0072B2", .logistiek: "#E69F00", .zorg: "#CC79A7", .techniek: "#009E73", .horeca: "#D55E00", .groen: "#56B4E9",
    ]

    /// The region as inline SVG: the land (the Netherlands' outline), the towns, a line from
    /// each placed student to their internship, internships sized by places and coloured by
    /// sector, and unplaced students as red crosses. An equirectangular projection around the
    /// region's middle latitude, framed on the students and internships.
    /// - Complexity: O(students + internships + outline points).
    func map() -> String {
        let points = model.students.map(\.home) + model.internships.map(\.location)
        guard let minLat = points.map(\.latitude).min(), let maxLat = points.map(\.latitude).max(),
              let minLon = points.map(\.longitude).min(), let maxLon = points.map(\.longitude).max()
        else { return #"<svg id="map" viewBox="0 0 10 10"></svg>"# }
        let k = cos((minLat + maxLat) / 2 * .pi / 180)
        let margin = max(maxLat - minLat, (maxLon - minLon) * k, 0.02) * 0.08
        let south = minLat - margin, north = maxLat + margin
        let west = minLon - margin / k, east = maxLon + margin / k
        let width = 900.0, scale = width / ((east - west) * k), height = (north - south) * scale
        func x(_ lon: Double) -> Double { (lon - west) * k * scale }
        func y(_ lat: Double) -> Double { (north - lat) * scale }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = #"<svg id="map" viewBox="0 0 \#(Int(width)) \#(Int(height.rounded()))" role="img" aria-label="\#(w.mapLabel)">"#
        svg += #"<defs><clipPath id="frame"><rect width="\#(Int(width))" height="\#(Int(height.rounded()))"/></clipPath></defs><g clip-path="url(#frame)">"#
        for ring in LandOutline.polygons where ring.contains(where: { $0.latitude > south - 0.5 && $0.latitude < north + 0.5 && $0.longitude > west - 0.5 && $0.longitude < east + 0.5 }) {
            svg += #"<path class="land" d="M"# + ring.map { "\(f(x($0.longitude))),\(f(y($0.latitude)))" }.joined(separator: "L") + "Z\"/>"
        }
        svg += "</g>"
        // Where a student or internship is drawn: at its place, spread a little by its id, so
        // that the students and internships of a town (located by the town's centre) do not all
        // sit on one point. Drawing only; no figure uses it.
        func spot(_ id: String, _ l: Location, spread: Double) -> (Double, Double) {
            var h: UInt64 = 1_469_598_103_934_665_603
            for b in id.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
            let angle = Double(h % 3600) / 3600 * 2 * .pi, r = Double((h >> 12) % 1000) / 1000 * spread
            return (x(l.longitude + r * cos(angle) / k), y(l.latitude + r * sin(angle)))
        }
        func spot(_ s: Student) -> (Double, Double) { spot(s.id.value, s.home, spread: 0.006) }
        func spot(_ i: Internship) -> (Double, Double) { spot(i.id.value, i.location, spread: 0.004) }
        svg += #"<g id="links">"#
        for s in model.students {
            guard let i = outcome.internshipOf[s.studentID], let internship = model.internship(i) else { continue }
            let (sx, sy) = spot(s), (ix, iy) = spot(internship)
            svg += #"<line class="link" x1="\#(f(sx))" y1="\#(f(sy))" x2="\#(f(ix))" y2="\#(f(iy))"/>"#
        }
        svg += #"</g><g id="internships">"#
        // Places taken per internship, counted once (not a pass over every student per internship).
        var takenAt: [InternshipID: Int] = [:]
        for i in outcome.internshipOf.values { takenAt[i, default: 0] += 1 }
        for i in model.internships {
            let r = 3 + 2.2 * Double(max(i.capacity, 0)).squareRoot()
            let taken = takenAt[i.internshipID] ?? 0
            let (ix, iy) = spot(i)
            svg += ##"<circle cx="\##(f(ix))" cy="\##(f(iy))" r="\##(f(r))" fill="\##(Self.sectorColours[i.sector] ?? Self.grey)" fill-opacity=".8" stroke="#fff" stroke-width=".8">"##
            svg += "<title>\(escape(i.id.value)) \(escape(i.employer)): \(word(i.sector.rawValue)), \(w.placesTaken(taken, i.capacity))</title></circle>"
        }
        svg += #"</g><g id="unplaced-students">"#
        for id in outcome.unplaced {
            guard let s = model.student(id) else { continue }
            let (sx, sy) = spot(s)
            svg += #"<path class="unplaced" d="M\#(f(sx - 4)),\#(f(sy - 4))L\#(f(sx + 4)),\#(f(sy + 4))M\#(f(sx - 4)),\#(f(sy + 4))L\#(f(sx + 4)),\#(f(sy - 4))"><title>\#(escape(w.hasNoPlace(id.value)))</title></path>"#
        }
        // The places where the students and internships are (each point named once), drawn last
        // with a light halo so that no marker covers a name.
        svg += #"</g><g id="towns">"#
        var named = Set<Location>(), towns = Set<Place>()
        for l in model.students.map(\.home) + model.internships.map(\.location) where named.insert(l).inserted {
            if let p = l.nearestPlace() { towns.insert(p) }
        }
        for town in towns.sorted(by: { ($0.name, $0.municipality) < ($1.name, $1.municipality) })
        where town.latitude > south && town.latitude < north && town.longitude > west && town.longitude < east {
            let tx = x(town.longitude), ty = y(town.latitude)
            svg += #"<circle class="town" cx="\#(f(tx))" cy="\#(f(ty))" r="2.5"/><text class="townname" x="\#(f(tx))" y="\#(f(ty + 13))" text-anchor="middle">\#(escape(town.name))</text>"#
        }
        // A scale bar: a round number of kilometres about a seventh of the width.
        let kmPerPixel = 111.2 / scale
        let length = [1.0, 2, 5, 10, 20, 50, 100].last { $0 / kmPerPixel <= width / 7 } ?? 1
        let barX = 16.0, barY = height - 16, barW = length / kmPerPixel
        svg += ##"</g><g id="scale"><rect x="\##(f(barX - 6))" y="\##(f(barY - 16))" width="\##(f(barW + 12))" height="24" fill="#fff" fill-opacity=".85"/>"##
        svg += ##"<path d="M\##(f(barX)),\##(f(barY - 4))V\##(f(barY))H\##(f(barX + barW))V\##(f(barY - 4))" stroke="#1d232b" fill="none" stroke-width="1.5"/>"##
        svg += #"<text x="\#(f(barX + barW / 2))" y="\#(f(barY - 6))" text-anchor="middle" class="small">\#(Int(length)) km</text></g>"#
        return svg + "</svg>"
    }

    func legend() -> String {
        let used = Set(model.internships.map(\.sector))
        return #"<p class="legend">"# + Sector.allCases.filter(used.contains).map {
            ##"<span><i style="background:\##(Self.sectorColours[$0] ?? Self.grey)"></i>\##(word($0.rawValue))</span>"##
        }.joined() + ##"<span><b style="color:#c62828">×</b> \##(w.withoutAPlaceLegend)</span></p>"## + sizeLegend()
    }

    /// What a circle's size means: circles for 1, 4 and 9 places, drawn as on the map.
    func sizeLegend() -> String {
        var svg = #"<svg id="size-legend" viewBox="0 0 260 34" width="260" height="34" role="img" aria-label="\#(w.sizeLegend)">"#
        var x = 8.0
        for n in [1, 4, 9] {
            let r = 3 + 2.2 * Double(n).squareRoot()
            svg += ##"<circle cx="\##(x + r)" cy="17" r="\##(r)" fill="#888" fill-opacity=".5" stroke="#555"/>"##
            svg += #"<text x="\#(x + 2 * r + 4)" y="21" class="small">\#(w.placesCount(n))</text>"#
            x += 2 * r + 62
        }
        return svg + "</svg>"
    }
}
