@testable import BPVDomain
import Testing

/// An internship's places hold their own rule: support places never above the places, neither
/// below zero nor above 1,000, however they are set.
@Suite("places")
struct PlacesTests {
    @Test func supportPlacesNeverExceedThePlacesAndBothStayInRange() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 2_000 {
            let p = Places(Int.random(in: -50 ... 1_100, using: &generator), support: Int.random(in: -50 ... 1_100, using: &generator))
            #expect(0 <= p.support && p.support <= p.count && Places.range.contains(p.count), "\(p)")
        }
        #expect(Places(3, support: 5) == Places(3, support: 3))
        #expect(Places(-1, support: 1) == Places(0, support: 0))
    }

    @Test func loweringAnInternshipsPlacesLowersItsSupportPlacesWithThem() {
        var i = internship("I-1", capacity: 4, support: 3)
        i.capacity = 2
        #expect((i.capacity, i.supportCapacity) == (2, 2))
        i.supportCapacity = 9
        #expect((i.capacity, i.supportCapacity) == (2, 2))
        i.capacity = 5
        #expect((i.capacity, i.supportCapacity) == (5, 2))
    }
}
