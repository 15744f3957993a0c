import Foundation
@testable import BPVDomain
import Testing

@Suite("the graph's distance bound")
struct DistanceBoundTests {
    /// Pairs at and around each student's reach (inside, on, just beyond, far), all bearings,
    /// across and beyond the Netherlands' latitudes: the bound that skips the distance formula
    /// turns a pair away only where the formula's minutes are over the limit, and it does turn
    /// the far ones away (else it would skip nothing and the graph would be no faster).
    @Test(arguments: 0 ..< 60)
    func aPairTurnedAwayByTheBoundIsTooFarByTheFormula(seed: Int) throws {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func unit() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) / Double(1 << 53)
        }
        let settings = MatchSettings()
        var turnedAway = 0, tooFar = 0
        for _ in 0 ..< 200 {
            let home = try Location(latitude: 50.5 + unit() * 5, longitude: 3 + unit() * 4)
            let mode = TravelMode.allCases[Int(unit() * Double(TravelMode.allCases.count)) % TravelMode.allCases.count]
            var s = student(mode: mode, minutes: 5 + Int(unit() * 80))
            s.home = home
            let rules = PairRules(s, settings)
            let reach = settings.reachKilometres(minutes: s.maxTravelMinutes, by: mode)
            for scale in [0.0, 0.5, 0.999_999, 1.0, 1.000_001, 1.01, 1.5, 3] {
                let bearing = unit() * 2 * Double.pi
                let km = reach * scale
                let lat = home.latitude + km * cos(bearing) / Location.kmPerDegree
                let lon = home.longitude + km * sin(bearing) / (Location.kmPerDegree * cos(home.latitude * Double.pi / 180))
                var i = internship()
                i.location = try Location(latitude: lat, longitude: lon)
                let facts = InternshipFacts(i)
                let over = rules.minutes(facts) > Double(s.maxTravelMinutes)
                if over { tooFar += 1 }
                if rules.surelyTooFar(facts) {
                    turnedAway += 1
                    #expect(over, "seed \(seed): \(home) to \(lat), \(lon) by \(mode) within \(s.maxTravelMinutes) min")
                }
            }
        }
        #expect(turnedAway > tooFar / 2, "the bound turned away \(turnedAway) of \(tooFar) pairs that are too far")
    }
}
