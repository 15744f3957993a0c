@testable import BPVGeography
import Testing

@Suite("Every postcode area and place in the Netherlands")
struct GazetteerTests {
    let nl = Gazetteer.netherlands

    @Test func theBundledTableHoldsEveryAreaAndPlace() {
        #expect(nl.unavailable == nil)
        #expect(nl.areas.count == 4_304)
        #expect(Set(nl.areas.map(\.postcode)).count == 4_064)
        #expect(Set(nl.places.map(\.name)).count >= 2_400)
        #expect(Set(nl.areas.map(\.province)).count == 12)
    }

    @Test func postcodesAreReadWithOrWithoutLettersAndFallBackToFourDigits() throws {
        for text in ["1211", "1211AB", "1211 ab", " 1211-AB "] {
            #expect(try Postcode(parsing: text) == Postcode(number: 1211))
        }
        for text in ["121", "12111", "0211", "1211A", "1211 A1", "abcd", ""] {
            #expect(throws: GeographyError.malformedPostcode(text)) { try Postcode(parsing: text) }
        }
        let area = try nl.area(of: try Postcode(parsing: "1211 AB"))
        #expect(area.place == "Hilversum" && area.municipality == "Hilversum" && area.province == "Noord-Holland")
    }

    @Test func aCodeThatSpansTwoPlacesPrefersTheNamedOne() throws {
        let code = try Postcode(parsing: "1222")
        #expect(try nl.areas(of: code).map(\.place).sorted() == ["Bussum", "Hilversum"])
        #expect(try nl.area(of: code, preferring: "Hilversum").place == "Hilversum")
        #expect(try nl.area(of: code, preferring: "bussum").place == "Bussum")
    }

    @Test func anUnknownPostcodeNamesTheNearestCodes() throws {
        let code = try #require(Postcode(number: 1000))
        #expect(throws: GeographyError.unknownPostcode(code, nearest: [Postcode(number: 1011)!, Postcode(number: 1012)!, Postcode(number: 1013)!])) {
            try nl.areas(of: code)
        }
        let error = GeographyError.unknownPostcode(code, nearest: [Postcode(number: 1011)!])
        #expect(error.description == "postcode 1000 is not a postcode area in the Netherlands (nearest: 1011); check the code, or give the place name")
    }

    @Test func placesAreFoundInEveryProvinceWhateverTheSpelling() throws {
        let expected = [
            ("Utrecht", "Utrecht"), ("Zwolle", "Overijssel"), ("Tilburg", "Noord-Brabant"), ("Groningen", "Groningen"),
            ("Leeuwarden", "Friesland"), ("Assen", "Drenthe"), ("Almere", "Flevoland"), ("Arnhem", "Gelderland"),
            ("Maastricht", "Limburg"), ("Middelburg", "Zeeland"), ("s-hertogenbosch", "Noord-Brabant"), ("SANTPOORT NOORD", "Noord-Holland"),
            ("'s-Gravenhage", "Zuid-Holland"), ("Driehuis", "Noord-Holland"), ("Driehuis NH", "Noord-Holland"),
        ]
        for (name, province) in expected { #expect(try nl.place(named: name).province == province, "\(name)") }
        // A municipality gives its place with the most postcode areas.
        #expect(try nl.place(named: "Gooise Meren").name == "Bussum")
        #expect(try nl.place(named: "Velsen").name == "IJmuiden")
    }

    @Test func anAmbiguousNameIsRefusedWithItsCandidatesUnlessBracketsOrTheRegionSettleIt() throws {
        do {
            _ = try nl.place(named: "Laren")
            Issue.record("Laren is in two municipalities")
        } catch {
            guard case .ambiguousPlace(let name, let candidates) = error else { Issue.record("\(error)"); return }
            #expect(name == "Laren")
            #expect(candidates.map(\.label).sorted() == ["Laren", "Laren (Lochem)"])
            #expect(error.description.contains("'Laren (Laren)'"))
        }
        #expect(try nl.place(named: "Laren (Lochem)").province == "Gelderland")
        #expect(try nl.place(named: "Laren (NH)").municipality == "Laren")
        #expect(try nl.place(named: "Laren (Gelderland)").municipality == "Lochem")
        let gooi = try nl.region(["Hilversum", "Laren", "Gooise Meren"])
        #expect(try nl.place(named: "Laren", in: gooi).province == "Noord-Holland")
        #expect(try nl.place(named: "Hoorn", in: try nl.region(["Noord-Holland"])).municipality == "Hoorn")
        #expect(try nl.place(named: "Valkenburg", in: try nl.region(["Katwijk"])).municipality == "Katwijk")
    }

    @Test func anUnknownPlaceOrRegionNameSuggestsNearMisses() {
        #expect(throws: GeographyError.unknownPlace("Hilversun", suggestions: ["Hilversum"])) { try nl.place(named: "Hilversun") }
        #expect(throws: GeographyError.unknownPlace("Laren (Zeeland)", suggestions: ["Laren", "Laren (Lochem)"])) {
            try nl.place(named: "Laren (Zeeland)")
        }
        #expect(throws: GeographyError.unknownRegionName("Gooise Meeren", suggestions: ["Gooise Meren"])) { try nl.region(["Gooise Meeren"]) }
    }

    @Test func aPointIsNamedByItsNearestPlace() {
        #expect(nl.nearestPlace(latitude: 52.2235, longitude: 5.1752)?.name == "Hilversum")
        #expect(nl.nearestPlace(latitude: 52.4466, longitude: 4.6384)?.name == "Driehuis")
        #expect(nl.nearestPlace(latitude: 48.85, longitude: 2.35) == nil)
    }

    @Test func theGridSearchNamesTheSamePlaceAsComparingEveryArea() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0 ..< 800 {
            let lat = Double.random(in: 50.6 ... 53.7, using: &rng), lon = Double.random(in: 3.2 ... 7.3, using: &rng)
            for within in [0.5, 6, 15] {
                #expect(nl.nearestPlace(latitude: lat, longitude: lon, within: within) == nl.nearestPlaceByScan(lat, lon, within), "\(lat), \(lon), \(within)")
            }
        }
        #expect(nl.nearestPlace(latitude: .nan, longitude: 5) == nil)
    }

    @Test func theLandOutlineIsReadFromItsResource() {
        #expect(LandOutline.polygons.count > 10)
        #expect(LandOutline.polygons.reduce(0) { $0 + $1.count } == 2_287)
    }

    @Test func distancesFollowTheOneFormula() {
        // Hilversum to Amsterdam Centraal, about 26 km as the crow flies.
        let d = Earth.kilometres(52.2235, 5.1752, 52.3791, 4.9003)
        #expect((25 ... 27).contains(d))
        #expect(Earth.kilometres(52, 5, 52, 5) == 0)
    }
}
