import BPVGeography

// De Nederlandse catalogus van weigeringen: de enige plek waar hun Nederlandse tekst staat.
// Commando's en instellingen (`unpin`, `support_capacity`) blijven zoals men ze typt.
extension Refusal {
    var dutch: String {
        switch self {
        case .noStudent(let s): "geen leerling \(s)"
        case .noInternship(let i): "geen stageplaats \(i)"
        case .noRecord(let id): "geen leerling, stageplaats of werkgever '\(id)'"
        case .noPin(let s): "leerling \(s) is nergens vastgezet"
        case .noBan(let s, let i): "\(s) x \(i) is niet uitgesloten"
        case .noRound(let n): "geen ronde \(n)"
        case .noDraft: "er is geen concept om vast te leggen; voer eerst match uit"
        case .settingAtDefault(let name): "\(name) staat al op de standaardwaarde"
        case .noStudentSetting(let s, let name): "leerling \(s) heeft geen eigen instelling \(name)"
        case .noDraftPlaceToPropose(let s): "\(s) heeft geen plaats in het concept om voor te dragen; noem een stageplaats: propose \(s) STAGEPLAATS"
        case .noDraftPlaceToCommit(let s): "\(s) heeft geen plaats in het concept om vast te leggen"
        case .noProposalToDecline(let s): "\(s) is nergens voorgedragen, dus er is niets af te wijzen"
        case .noPlacementToEnd(let s): "\(s) heeft geen afgesproken of lopende plaatsing om te beëindigen"
        case .endProposed(let s): "\(s) is voorgedragen, nog niet afgesproken; wijs de voordracht af (decline)"

        case .pinHeld(let s, let status, let c): "\(s) is \(status.dutch) bij \(c); beëindig eerst die plaatsing om \(s) elders te plaatsen"
        case .pinProposed(let s, let p): "\(s) is voorgedragen bij \(p); wijs de voordracht eerst af of neem haar aan"
        case .banned(let s, let i): "\(s) x \(i) is uitgesloten; geef eerst unban \(s) \(i) als het paar nu wel gewenst is"
        case .banHeld(let s, let status, let i): "\(s) is \(status.dutch) bij \(i); beëindig eerst die plaatsing (een afgebroken plaatsing sluit het paar ook uit)"
        case .banProposed(let s, let i): "\(s) is voorgedragen bij \(i); wijs de voordracht af (decline), dat sluit het paar ook uit"
        case .banPinned(let s, let i): "\(s) is vastgezet bij \(i); geef eerst unpin \(s), sluit daarna uit"
        case .proposeHeld(let s, let status, let c): "\(s) is \(status.dutch) bij \(c); beëindig eerst die plaatsing"
        case .acceptHeld(let s, let status): "\(s) is al \(status.dutch)"
        case .noProposalToAccept(let s):
            "\(s) is nergens voorgedragen; draag \(s) eerst voor (propose \(s)), of leg de conceptplaats direct vast (commit \(s))"
        case .declineHeld(let s, let status): "de plaatsing van \(s) is \(status.dutch); beëindig haar (end) in plaats van af te wijzen"
        case .startAfterEnding(let s, let i, let end):
            "de plaatsing van \(s) bij \(i) (geplande einddatum \(end)) loopt nog; beëindig haar eerst (end \(s) completed REDEN) en start dan de volgende"
        case .alreadyActive(let s): "de plaatsing van \(s) is al gestart"
        case .startProposed(let s): "\(s) is voorgedragen, nog niet afgesproken; eerst accept, dan start"
        case .noAgreedToStart(let s):
            "\(s) heeft geen afgesproken plaatsing om te starten; een conceptplaats moet eerst voorgedragen en aangenomen (of vastgelegd) zijn"
        case .commitBanned(let s, let i): "\(s) x \(i) is uitgesloten; het concept plaatst \(s) daar niet meer"
        case .commitHeldElsewhere(let s, let status, let c): "\(s) is al \(status.dutch) bij \(c)"
        case .commitProposedElsewhere(let s, let p): "\(s) is voorgedragen bij \(p); neem die voordracht eerst aan of wijs haar af"
        case .mustBePlaced(let s): "leerling \(s) moet geplaatst worden, maar elke plaats die past is al bezet"
        case .overfilled(let o, let wayOut): "\(o.dutch); \(wayOut.dutch(o))"
        case .notAvailableYet(let s, let from, let day):
            "\(s) is beschikbaar vanaf \(from), niet op \(day); start op \(from) of later (start \(s) \(from)), of wijzig beschikbaar_vanaf van de leerling"
        case .outsideInternshipWindow(let i, let window, let day):
            "\(i) neemt leerlingen aan van \(window), niet op \(day); start binnen die periode, of wijzig de data van de stageplaats"
        case .endBeforeStart(let s, let i, let from, let day, let outcome):
            "de plaatsing van \(s) bij \(i) begon op \(from); een einde op \(day) ligt daarvoor. Geef de dag waarop ze eindigde: end \(s) \(outcome.rawValue) REDEN on \(from) of later"
        case .reasonNamesStudent(let s):
            "de reden noemt \(s), die forget wist, en het logboek zou die naam voorgoed bewaren; geef een reden zonder id of naam van de leerling, bijvoorbeeld 'verzoek van de ouders'"
        case .unknownEmployers(let count, let first, let employer):
            "\(count) stageplaats\(count == 1 ? " noemt" : "en noemen") een werkgever die de werkruimte niet kent (\(first) noemt \(employer)); importeer eerst het werkgeversbestand"

        case .keptChanging: "de werkruimte bleef veranderen tijdens deze wijziging; probeer het opnieuw"
        case .keptChangingDuringMatch: "de werkruimte bleef veranderen tijdens de match; probeer het opnieuw"
        case .changedSinceSeen(let changes, let more):
            "het concept is veranderd sinds u het zag (\(changes.map(\.dutch).joined(separator: "; "))\(more > 0 ? "; en nog \(more)" : "")); bekijk placements en leg daarna opnieuw vast"
        case .changedSinceRound(let round, let changes, let more):
            "het concept is veranderd sinds ronde \(round) (\(changes.map(\.dutch).joined(separator: "; "))\(more > 0 ? "; …" : "")); leg het concept zoals het nu is vast zonder --round, of voer match uit"

        case .negativeCapacity(let n): "het aantal plaatsen is 0 of meer, niet \(n)"
        case .daysAWeek(let n): "\(n) dagen per week is geen BPV-week; geef 1 tot 5"
        case .dateOutsideWindow(let text):
            "'\(text)' ligt buiten de data die bpv aanneemt (\(CalendarDate.supported.lowerBound) tot \(CalendarDate.supported.upperBound)); controleer het jaar"
        case .notADate(let text): "'\(text)' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01"
        case .unknownStudentSetting(let name): "onbekende leerlinginstelling '\(name)'; bekend: \(StudentSetting.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownInternshipSetting(let name, let known): "onbekende instelling van een stageplaats '\(name)'; bekend: \(known.joined(separator: ", "))"
        case .unknownSetting(let name, let known): "onbekende instelling '\(name)'; bekend: \(known.joined(separator: ", "))"
        case .placesRange(let setting, let value): "\(setting) is een heel aantal plaatsen van 0 tot en met 1000, niet '\(value)'"
        case .settingRange(let setting, let lower, let upper, let value): "\(setting) is een getal van \(lower) tot en met \(upper), niet '\(value)'"
        case .settingWhole(let setting): "\(setting) is een heel getal"
        case .maxTravelRange(let value): "max_travel_min is een heel aantal minuten van 5 tot en met 240, niet '\(value)'"
        case .unknownTravelMode(let value): "travel_mode is een van \(TravelMode.allCases.map(\.rawValue).joined(separator: ", ")), niet '\(value)'"
        case .priorityRange(let value): "priority is een heel getal van 0 tot en met 9, niet '\(value)'"
        case .place(let error): error.text(.nl)
        case .invalidID(let text, let why): "id '\(text)' \(why.text(.nl))"
        case .notUndoable: "undo neemt deze wijziging niet terug; zij heeft een eigen commando"
        case .unwritableFormat(let file, let ext):
            "\(file): kan niet schrijven: bpv schrijft .xlsx-werkmappen en .csv-bestanden, geen .\(ext); noem het bestand .xlsx (LibreOffice en Excel openen het) of .csv"
        case .unknownLanguage(let text): "language is nl of en (of default), niet '\(text)'"
        case .badTitle: "een titel is één regel van 1 tot 120 tekens"
        case .reasonTooLong(let limit, let count): "een reden is ten hoogste \(limit) tekens (deze heeft er \(count)); zeg het korter"
        case .reasonControl(let scalar):
            "een reden mag geen stuurteken (U+\(String(scalar, radix: 16, uppercase: true)), tab, regeleinde of terminalcode bevatten; typ haar als gewone tekst op één regel"
        }
    }
}

extension HeldStatus {
    /// De status zoals een Nederlandse zin haar noemt.
    public var dutch: String { Language.nl.word(rawValue) }
}

extension ChangeBy {
    var dutch: String { "\(user) om \(at): \(action) \(subject)" }
}

extension Overfill {
    var dutch: String {
        let what = supportPlaces ? (limit == 1 ? "plaats met begeleiding" : "plaatsen met begeleiding") : (limit == 1 ? "plaats" : "plaatsen")
        let who = held.map { "\($0.student) (\($0.status.dutch)\($0.promised ? ", volgende plaatsing" : ""))" }.joined(separator: ", ")
        let elsewhere = heldElsewhere == 0 ? ""
            : " over voor uw leerlingen (nog \(heldElsewhere) bezet door leerlingen van andere scholen)"
        return "\(internship) heeft \(limit) \(what)\(elsewhere) maar \(held.count) bezet: \(who)"
    }
}

extension OverfillWayOut {
    func dutch(_ o: Overfill) -> String {
        let release = self.release.map { h in
            switch h.status {
            case .pinned: "unpin \(h.student)"
            case .proposed: "decline \(h.student)"
            case .agreed, .active: "end \(h.student)"
            }
        }.joined(separator: ", ")
        let setting = o.supportPlaces ? "support_capacity" : "capacity"
        let places = o.supportPlaces ? (need == 1 ? "plaats met begeleiding" : "plaatsen met begeleiding") : (need == 1 ? "plaats" : "plaatsen")
        switch through {
        case .records:
            return "importeer het bestand met ten minste \(need) \(places) voor \(o.internship)" + (release.isEmpty ? "" : ", of eerst \(release)")
        case .places:
            return "houd ten minste \(need) \(places) (set \(o.internship) \(setting) \(need))" + (release.isEmpty ? "" : ", of eerst \(release)")
        case .other:
            return release.isEmpty ? "geef de stageplaats eerst ruimte (set \(o.internship) \(setting) \(need))"
                : "eerst \(release), of geef de stageplaats ruimte (set \(o.internship) \(setting) \(need))"
        }
    }
}

extension GeographyError {
    var dutch: String {
        switch self {
        case .malformedPostcode(let text): "'\(text)' is geen postcode: schrijf vier cijfers, eventueel met twee letters (1234, 1234 AB)"
        case .unknownPostcode(let code, let nearest):
            "postcode \(code) is geen postcodegebied in Nederland"
                + (nearest.isEmpty ? "" : " (dichtstbij: \(nearest.map(\.description).joined(separator: ", ")))")
                + "; controleer de code, of geef de woonplaats"
        case .unknownPlace(let name, let suggestions):
            "plaats '\(name)' is onbekend"
                + (suggestions.isEmpty ? "" : "; bedoelt u \(suggestions.map { "'\($0)'" }.joined(separator: " of "))?")
                + " geef een Nederlandse plaatsnaam of een postcode"
        case .ambiguousPlace(let name, let candidates):
            "'\(name)' is een plaats in \(candidates.count) gemeenten (\(candidates.map(\.label).joined(separator: ", "))); "
                + "voeg de postcode toe, zet de gemeente tussen haakjes (\(candidates.first.map { "'\($0.name) (\($0.municipality))'" } ?? "")), "
                + "of stel de regio van de werkruimte in (set region GEMEENTE|...)"
        case .unknownRegionName(let name, let suggestions):
            "'\(name)' is geen Nederlandse gemeente of provincie"
                + (suggestions.isEmpty ? "" : "; bedoelt u \(suggestions.map { "'\($0)'" }.joined(separator: " of "))?")
        case .tableUnavailable(let why): "de postcodetabel is niet te lezen (\(why)); installeer bpv opnieuw"
        }
    }
}
