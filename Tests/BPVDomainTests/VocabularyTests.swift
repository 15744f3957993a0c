import Testing
@testable import BPVDomain

@Suite("Vocabulary, ids and towns")
struct VocabularyTests {
    @Test func sectorsParseWithSynonyms() {
        #expect(Sector(parsing: " Detailhandel ") == .retail)
        #expect(Sector(parsing: "LOGISTIEK") == .logistiek)
        #expect(Sector(parsing: "care") == .zorg)
        #expect(Sector(parsing: "bakery") == nil)
    }

    @Test func levelsModesNeedsAndCertificatesParse() {
        #expect(Level(parsing: "Entree") == .entree && Level(parsing: "1") == .entree && Level(parsing: "niveau 2") == .two)
        #expect(Level(parsing: "5") == nil)
        #expect(TravelMode(parsing: "fiets") == .bike && TravelMode(parsing: "OV") == .ov)
        #expect(Accommodation(parsing: "fixed-mentor") == .fixedMentor && Accommodation(parsing: "NT2") == .nt2)
        #expect(Accommodation(parsing: "autism") == nil)
        #expect(Certificate(parsing: "VCA") == .vca && Certificate(parsing: "Heftruck") == .heftruck)
    }

    @Test func pseudonymousIDsAreAcceptedAndCitizenNumbersRefused() throws {
        #expect(try PseudonymousID("S-0042").value == "S-0042")
        #expect(try PseudonymousID(" I-17 ").value == "I-17")
        #expect(throws: DomainError.self) { try PseudonymousID("123456782") }  // BSN-shaped
        #expect(throws: DomainError.self) { try PseudonymousID("12345678") }
        #expect(throws: DomainError.self) { try PseudonymousID("") }
        #expect(throws: DomainError.self) { try PseudonymousID("S 42") }
        // A citizen number inside an id, with dots, dashes or a prefix, is refused too.
        for bsn in ["123.456.782", "1234-56-782", "BSN123456782", "S-123456782", "012345672"] {
            #expect(throws: DomainError.self, "\(bsn)") { try PseudonymousID(bsn) }
        }
        #expect(try PseudonymousID("S-123456789").value == "S-123456789")  // fails the eleven-test: not a BSN
        // Letters that look alike in two encodings, invisible characters and escapes are refused.
        for confusable in ["I-\u{00C5}", "I-\u{212B}", "S-1\u{200B}", "S-\u{1B}[31m", "S.1"] {
            #expect(throws: DomainError.self, "\(confusable)") { try PseudonymousID(confusable) }
        }
        #expect(throws: DomainError.invalidID("S-\\u{1B}[31m", reason: .badCharacters)) {
            try PseudonymousID("S-\u{1B}[31m")
        }
    }

    @Test func everyTownOfBothSampleRegionsIsAPlaceOfTheTable() {
        #expect(sampleTowns.count == 23)
        // Eemnes, in the Gooi, belongs to the province of Utrecht.
        #expect(sampleTowns.filter { $0.province != "Noord-Holland" }.map(\.name) == ["Eemnes"])
        #expect(Set(sampleTowns.map(\.municipality)).count == 15)
    }

    @Test func accommodationSetsComputeWhatIsMissing() {
        let needs = AccommodationSet([.quiet, .nt2, .jobcoach])
        let offered = AccommodationSet([.quiet])
        #expect(needs.missing(from: offered) == [.jobcoach, .nt2])
        #expect(!offered.isSuperset(of: needs) && needs.isSuperset(of: offered))
    }
}
