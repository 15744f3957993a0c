import BPVDomain
import Foundation

// De Nederlandse catalogus van wat de shell zegt: de enige plek waar die woorden staan.
// Commando's (`pin`, `unban`, `gaps STUDENT`) en instellingen blijven zoals men ze typt.
extension Phrase {
    func dutch(_ style: Style) -> String {
        let w = { (stored: String) in Language.nl.word(stored) }
        switch self {
        case .roundSummary(let round, let placed, let students, let unplaced, let committed, let pinned, let travel, let score):
            return style.bold("ronde \(round)") + ": \(placed) van \(students) geplaatst, \(unplaced == 0 ? "0" : style.red("\(unplaced)")) niet geplaatst "
                + "(\(committed) vastgelegd, \(pinned) vastgezet); gemiddelde reistijd \(String(format: "%.1f", travel).replacingOccurrences(of: ".", with: ",")) min, totaalscore \(score)"
        case .countedUnderFirstSector: return style.dim("leerlingen tellen mee onder hun eerste gewenste sector")
        case .noChangesAgainstDraft: return "geen verschillen met het vorige concept"
        case .changesAgainstDraft(let n): return "verschillen met het vorige concept: \(n)"
        case .andMore(let n, let hint):
            return "  … en nog \(n)" + (hint == .placementsShowsAll ? " (placements toont ze allemaal)" : hint == .placementsAfterMatch ? " (placements na match toont ze allemaal)" : "")
        case .overfillWarning(let o):
            return style.yellow("waarschuwing: ") + "\(o.text(.nl)); zij houden hun plaats en niemand anders wordt daar geplaatst; "
                + "geef release of unpin voor \(o.held.count - o.limit) van hen, of geef de stageplaats ruimte"
        case .placementCount(let n, let noDraft): return style.dim("\(n) plaatsing\(n == 1 ? "" : "en")" + (noDraft ? "; voer eerst match uit" : ""))
        case .noDraftYet: return style.dim("(nog geen concept: dit is de ronde die match nu zou maken)")
        case .placedDifferently(let n):
            return style.dim("(\(n) leerling\(n == 1 ? "" : "en") hier anders geplaatst dan in het opgeslagen concept; de volgende wijziging of match slaat dit concept op)")
        case .everyStudentPlaced: return "elke leerling is geplaatst"
        case .unplacedCount(let n): return style.dim("\(n) niet geplaatst")
        case .unplacedHead(let id, let level, let sectors, let mode, let max, let needs):
            return style.bold(id.value) + " (\(level.rawValue), \(sectors.map { w($0.rawValue) }.joined(separator: " > ")), \(w(mode.rawValue)) ≤ \(max) min"
                + (needs.isEmpty ? "" : ", heeft nodig: " + needs.map { w($0.rawValue) }.joined(separator: ",")) + "):"

        case .nobodyMoves: return "niemand verschuift"
        case .wouldMove(let n): return "\(n) leerling\(n == 1 ? "" : "en") zou\(n == 1 ? "" : "den") verschuiven:"
        case .draftChanges(let n): return "het concept verandert: \(n) leerling\(n == 1 ? " verschuift" : "en verschuiven")"
        case .move(let s, let from, let to, let why):
            return "  \(s): \(from.dutch) → \(style.yellow(to.dutch))  (\(why.dutch))"
        case .totals(let placed, let score, let lower):
            return "geplaatst \(placed.0) → \(placed.1) (\(Self.signed(Int64(placed.1 - placed.0)))), totaalscore \(score.0) → \(score.1) (\(Self.signed(score.1 - score.0)))"
                + (lower ? "; lager is beter" : "")

        case .isUnplaced(let s): return "\(style.bold(s.value)) is niet geplaatst:"
        case .heldAt(let s, let kind, let at):
            let how = switch kind {
            case .agreed: "heeft een afgesproken plaatsing bij \(at.dutch)"
            case .active: "loopt stage bij \(at.dutch)"
            case .proposed: "is voorgedragen bij \(at.dutch) (kennismakingsgesprek)"
            case .pinned: "is door een jobcoach vastgezet bij \(at.dutch)"
            case .placed: "is geplaatst bij \(at.dutch)"
            }
            return "\(style.bold(s.value)) \(how)"
        case .score(let b, let weight):
            var parts = ["sectorwens \(b.sectorRank + 1): \(b.sectorCost)", "reistijd \(b.travelMinutes) min × \(weight): \(b.travelCost)"]
            if b.scarceSupport { parts.append("enige plaats met begeleiding: \(b.supportCost)") }
            return "  score \(b.total) = " + parts.joined(separator: " + ")
        case .noOtherOpen: return "  geen andere stageplaats staat open voor deze leerling"
        case .nextBest: return "beste alternatieven:"
        case .alternativeWorse(let at, let score, let by): return "  \(at.dutch), score \(score): \(by) punt\(by == 1 ? "" : "en") slechter voor deze leerling"
        case .alternativeTaken(let at, let score, let holders):
            return "  \(at.dutch), score \(score): even goed of beter voor de leerling, maar bezet" + (holders.isEmpty ? "" : " door " + Self.ids(holders))
        case .tallyNotAvailable(let from): return "niet beschikbaar op de datum van de ronde: de leerling kan beginnen vanaf \(from)"
        case .tallyHard(let outside, let inside):
            return "geen stageplaats voldoet aan de harde eisen: \(outside) vallen buiten de gewenste sectoren, \(inside) erbinnen"
        case .tallyTooFar(let n, let nearest):
            return "  \(n) te ver" + (nearest.map { " (de dichtstbijzijnde die verder past is ongeveer \($0) min reizen)" } ?? "")
        case .tallyLevel(let n): return "  \(n) nemen het niveau van de leerling niet aan"
        case .tallyAccommodation(let n, let a): return "  \(n) bieden geen \(w(a.rawValue))"
        case .tallyCertificate(let n, let c): return "  \(n) vragen \(c.rawValue), dat de leerling niet heeft"
        case .tallyNoSupport(let n): return "  \(n) hebben geen plaats met begeleiding voor een jobcoach"
        case .tallyNoPlaces(let n): return "  \(n) hebben deze periode geen plaatsen"
        case .tallyClosed(let n): return "  \(n) nemen op de datum van de ronde geen nieuwe leerlingen aan"
        case .tallyBanned(let n, let listed): return "  \(n) zijn uitgesloten voor deze leerling" + (listed ? ":" : "")
        case .tallyBan(let i, let reason): return "    \(i)" + (reason.isEmpty ? "" : " (\(reason))")
        case .tallyFull(let n): return "  \(n) zitten vol met vastgezette of vastgelegde leerlingen"
        case .lostCompetition(let n):
            return n == 1 ? "verloor de strijd om plaatsen: de enige toegestane stageplaats is bezet"
                : "verloor de strijd om plaatsen: alle \(n) toegestane stageplaatsen zijn bezet"
        case .optionTaken(let at, let score, let holders):
            return "  \(at.dutch), score \(score): bezet door \(holders.isEmpty ? "niemand (geen plaats met begeleiding meer)" : Self.ids(holders))"
        case .ruledOut(let s, let i, let exclusions): return "\(s) kan niet naar \(i): " + exclusions.map(\.dutch).joined(separator: "; ")
        case .pairBanned(let s, let i, let reason): return "\(s) x \(i) is uitgesloten\(reason.map { ": \($0)" } ?? "") (unban staat het weer toe)"
        case .heldElsewhere(let s, let status, let at):
            let wayOut = switch status {
            case .pinned: "geef eerst unpin"
            case .proposed: "wijs eerst de voordracht af (decline)"
            case .agreed, .active: "beëindig eerst die plaatsing (end)"
            }
            return "\(s) is \(status.dutch) bij \(at.dutch); \(wayOut)"
        case .everyPlaceHeld(let i, let holders): return "elke plaats bij \(i) is bezet (vastgezet, voorgedragen, afgesproken of gestart): \(Self.ids(holders))"
        case .alreadyThere(let s, let i): return "\(s) is al geplaatst bij \(i)"
        case .allowed(let fewer, let delta):
            return "toegestaan; afdwingen maakt de ronde " + (fewer > 0 ? "\(fewer) plaatsing\(fewer == 1 ? "" : "en") armer en " : "")
                + (delta == 0 ? "even goed" : "\(abs(delta)) punten \(delta > 0 ? "slechter" : "beter")")
        case .nobodyElseMoves: return "niemand anders verschuift"
        case .displacementChain: return "verschuivingsketen:"
        case .chainLink(let s, let from, let to): return "  \(s): \(from.dutch) → \(style.yellow(to.dutch))"
        case .whatIf(let words): return style.dim("wat als: \(words) (er wordt niets bewaard)")

        case .pinned(let s, let at): return "\(s) vastgezet bij \(at.dutch)"
        case .pinOverrides(let exclusions): return style.yellow("let op: ") + "het vastzetten gaat voor: " + exclusions.map(\.dutch).joined(separator: "; ")
        case .unpinned(let s): return "\(s) is niet meer vastgezet"
        case .banned(let s, let i): return "\(s) x \(i) uitgesloten"
        case .unbanned(let s, let i): return "\(s) x \(i) weer toegestaan"
        case .undid(let what): return "ongedaan gemaakt: \(what)"
        case .settingNow(let name, let value): return "\(name) = \(value) voor volgende rondes"
        case .placesNow(let i, let places, let support): return "\(i): \(places) plaats\(places == 1 ? "" : "en"), \(support) met een jobcoach op de werkplek"
        case .studentSettingNow(let s, let name, let value): return "\(s): \(name) = \(value) voor volgende rondes"
        case .titleSet(let title): return title.map { "titel = \($0) (van het rapport)" } ?? "titel gewist: het rapport noemt de regio of de scholen"
        case .pagerSet(let on):
            return on ? "pager aan voor deze sessie: uitvoer langer dan het scherm gaat door $PAGER (anders less -FRX)" : "pager uit voor deze sessie"
        case .expandedSet(let mode):
            return "expanded = \(mode) voor deze sessie: tabellen \(mode == "on" ? "als records" : mode == "off" ? "nooit als records" : "als records wanneer de kolommen niet passen")"
        case .languageSet(let language, let separator): return "taal = \(language.rawValue) (CSV-exports gebruiken \(separator))"
        case .regionSet(let names):
            return names.isEmpty ? "regio gewist: een plaatsnaam die twee keer bestaat heeft haar postcode of gemeente nodig"
                : "regio = \(names.joined(separator: "|")): die beslist over plaatsnamen die twee keer bestaan bij volgende imports"

        case .committed(let n): return "\(n) plaatsing\(n == 1 ? "" : "en") uit het concept vastgelegd"
        case .released(let s): return "\(s) vrijgegeven (de plaatsing is afgebroken); het concept plaatst \(s) niet meer bij die werkgever"
        case .proposed(let s, let at): return "\(s) voorgedragen bij \(at.dutch)"
        case .agreed(let s, let at): return "afgesproken: \(s) bij \(at.dutch)"
        case .declined(let by, let s, let at):
            return "afgewezen door \(by == "employer" ? "de werkgever" : "de leerling"): \(s) bij \(at.dutch); \(s) wordt daar niet opnieuw voorgedragen tenzij unban"
        case .started(let s, let i, let employer, let from, let end, let days):
            return "gestart: \(s) bij \(i.map { "\($0) (\(employer ?? ""))" } ?? "?") vanaf \(from ?? "?"), geplande einddatum \(end ?? "?")"
                + (days.map { ", \($0) dagen per week" } ?? "")
        case .ended(let outcome, let s):
            return "beëindigd (\(w(outcome.rawValue))): \(s)" + (outcome == .brokeDown ? "; het concept plaatst \(s) niet meer bij die werkgever" : "")
        case .noPlacementsYet(let s): return "\(s) heeft nog geen plaatsingen"
        case .inDraftAt(let at): return "in het concept bij \(at.dutch); draag voor (propose) om de plaats vast te houden"
        case .notInRound: return "niet in de ronde"
        case .nobodyWaiting(let drafts, let over, let day, let inDraft):
            return "niemand wacht\(drafts ? " met alleen een plaats in het concept" : "")\(over > 0 ? " langer dan \(over) dagen" : "") op \(day)"
                + (inDraft > 0 ? "; nog \(inDraft) met alleen een plaats in het concept (waiting drafts toont ze)" : "")
        case .waitingCount(let n, let drafts, let late, let alarm, let inDraft):
            return style.dim("\(n) wachtend\(drafts ? " met alleen een plaats in het concept" : ""); \(late) langer dan \(alarm) dagen"
                + (inDraft > 0 ? "; nog \(inDraft) met alleen een plaats in het concept (waiting drafts toont ze)" : ""))

        case .importedEmployers(let file, let added, let updated): return "werkgevers geïmporteerd uit \(file): \(added) toegevoegd, \(updated) bijgewerkt"
        case .importedTravelTimes(let file, let added, let updated):
            return "reistijden geïmporteerd uit \(file): \(added) reizen toegevoegd, \(updated) bijgewerkt"
        case .imported(let kind, let file, let added, let updated):
            return "\(kind == "students" ? "leerlingen" : "stageplaatsen") geïmporteerd uit \(file): \(added) toegevoegd, \(updated) bijgewerkt"
        case .draftFollows(let n): return "het concept volgt: \(n) leerling\(n == 1 ? "" : "en") anders geplaatst (placements toont ze)"

        case .studentsCount(let shown, let total, let overrides):
            return style.dim("\(shown) van \(total) leerlingen" + (overrides ? "; * een instelling van een jobcoach" : ""))
        case .internshipsCount(let shown, let total): return style.dim("\(shown) van \(total) stageplaatsen")
        case .employersCount(let shown, let total): return style.dim(shown == total ? "\(total) werkgevers" : "\(shown) van \(total) werkgevers")
        case .committedMark: return "vastgelegd"
        case .notMatched: return "niet gematcht"
        case .none: return "geen"
        case .nothingListed: return "niets opgegeven"
        case .nobody: return "niemand"
        case .travelAtMost(let mode, let minutes): return "\(w(mode.rawValue)), ten hoogste \(minutes) min"
        case .travelSetForStudent(let mode, let minutes): return "  (ingesteld voor deze leerling; geïmporteerd: \(w(mode.rawValue)), \(minutes) min)"
        case .availableFrom(let d): return "vanaf \(d)"
        case .endingRow(let at, let end): return "\(at.dutch), gepland tot \(end); beëindig haar (end) wanneer ze voorbij is"
        case .nextRow(let at, let status): return "\(at.dutch), \(status.dutch), zodra de plaatsing hieronder eindigt"
        case .placementRow(let at, let minutes, let score, let status, let start, let end, let days):
            return "\(at.dutch), \(minutes) min, score \(score), \(w(status))" + (start.map { " vanaf \($0)" } ?? "") + (end.map { " tot \($0)" } ?? "")
                + (days.map { ", \($0) dagen per week" } ?? "")
        case .placesRow(let n, let support): return "\(n), waarvan \(support) met een jobcoach op de werkplek"
        case .employerPlacesRow(let places, let internships, let taken):
            return "\(places) in \(internships) stageplaats\(internships == 1 ? "" : "en"), \(taken) bezet"
        case .derivedRecord: return "afgeleid uit de stageplaatsen (geen werkgeversbestand)"
        case .promisedRow(let s, let status): return "\(s) (volgende plaatsing, \(status?.dutch ?? "vastgehouden"))"
        case .regionLine(let names): return "regio: \(names.isEmpty ? "geen (set region GEMEENTE|...)" : names.joined(separator: "|"))"
        case .languageLine(let language, let source):
            return "taal: \(language.rawValue)\(source == .workspace ? "" : source == .environment ? " (uit de omgeving)" : " (de standaard)")"
        case .measuredLine(let n):
            return "gemeten reistijden: \(n == 0 ? "geen (het reistijdmodel voor elk paar)" : "\(n) reizen (import travel-times)")"
        case .overall(let placed, let total, let rate, let committed):
            return style.bold("totaal") + ": \(placed) van \(total) geplaatst (\(rate)), \(committed) vastgelegd"
        case .notGiven: return "(niet opgegeven)"
        case .elsewhere: return "(elders)"
        case .travelBucket(let r): return r.upperBound == Int.max ? "meer dan \(r.lowerBound - 1) min" : "\(r.lowerBound)-\(r.upperBound) min"
        case .travelFigures(let median, let mean, let longest):
            return "mediaan \(median) min, gemiddeld \(String(format: "%.1f", mean).replacingOccurrences(of: ".", with: ",")) min, langste \(longest) min"
        case .wroteAccess(let file, let s, let n): return "\(file) geschreven: alles over \(s), met \(n) regel\(n == 1 ? "" : "s") uit het logboek"
        case .wroteDimacs(let file, let students, let arcs):
            return "\(file) geschreven: \(students) leerlingen, \(arcs) bogen (bpv solve --dimacs \(file), of elke min-cost-flow-solver)"
        case .wrotePlacements(let file, let n): return "\(file) geschreven: \(n) plaatsingen"
        case .wroteReport(let file, let workspace): return "\(file) geschreven: het rapport van \(workspace)"
        case .nothingToRepair: return "geen gegevens te repareren"
        case .toRepair(let n): return "\(n) gegeven\(n == 1 ? "" : "s") te repareren"
        case .erased(let s, let token):
            return "\(s) gewist: het record, de instellingen, plaatsingen, uitsluitingen, geschiedenis en de eigen regels in het logboek; wat anderen over de leerling schreven luidt nu \(token)"
        case .draftFollowsErasure(let n): return "het concept volgt: \(n) leerling\(n == 1 ? "" : "en") anders geplaatst"
        case .purged(let n, let date): return "\(n) leerling\(n == 1 ? "" : "en") gewist wier laatste plaatsing eindigde voor \(date)"
        case .timer(let on): return "timer staat \(on ? "aan" : "uit")"

        case .scriptLine(let n, let message): return "regel \(n): \(message)"
        case .scriptInterrupted(let n): return "regel \(n): onderbroken"
        case .errorMark: return style.red("fout: ")
        case .progress(let label, let seconds):
            return "\(label)… \(String(format: "%.1f", seconds).replacingOccurrences(of: ".", with: ",")) s (Ctrl-C stopt)"
        case .banner(let db, let students, let internships):
            return "bpv-shell op \(db): \(students) leerlingen, \(internships) stageplaatsen.\nTyp help voor de commando's, Tab om aan te vullen, Ctrl-D of quit om te stoppen."

        case .othersChanged(let changes): return changes.map { "intussen: \($0.text(.nl))" }.joined(separator: "\n")
        case .placedAt(let s, let at): return "\(s) is geplaatst bij \(at.dutch)"
        case .travelLimitWouldPlace(let s, let minutes, let now, let at):
            return "\(s): een reistijdgrens van \(minutes) min (nu \(now)) plaatst de leerling bij \(at.dutch); probeer set \(s) max_travel_min \(minutes)"
        case .noTravelLimitWouldPlace(let s, let ceiling, let mode):
            let how = [TravelMode.walk: "lopend", .bike: "per fiets", .scooter: "per brommer", .ov: "met het ov", .car: "per auto"][mode] ?? ""
            return "\(s): geen reistijdgrens tot \(ceiling) min (zo ver als bpv \(how) voorstelt) plaatst de leerling; zie why \(s)"
        case .ifOffered(let s, let at, let missing, let placedAt):
            return "\(s): als \(at.dutch) \(missing.map { w($0.rawValue) }.joined(separator: ", ")) bood, werd de leerling "
                + (placedAt.map { "geplaatst bij \($0.dutch)" } ?? "daar geplaatst")
        case .gapWouldPlace(let s, let gap, let more): return "\(s): \(gap.dutchPhrase) plaatst de leerling\(more > 0 ? " (en nog \(more))" : "")"
        case .noGap: return "geen enkele extra plaats, aanpassing of nieuwe plaats plaatst iemand; zie unplaced voor de reden"
        case .gapsFooter(let n):
            return style.dim("\(n) niet geplaatst; elke regel is één extra plaats op zichzelf (gaps STUDENT: wat één leerling zou plaatsen)")
        }
    }
}

extension Phrase.Place {
    var dutch: String {
        switch self {
        case .at(let i, let employer): employer.map { "\(i) (\($0))" } ?? i.value
        case .unplaced: "niet geplaatst"
        }
    }
}

extension Phrase.Gap {
    var dutchPhrase: String {
        let (what, at) = cells(.nl)
        switch kind {
        case .newPlace: return at
        case .offer: return "een \(what) bij \(at)"
        default: return "één \(what) meer bij \(at)"
        }
    }
}

extension MoveReason {
    var dutch: String {
        let w = { (stored: String) in Language.nl.word(stored) }
        return switch self {
        case .pinned: "vastgezet"
        case .pinLifted: "niet meer vastgezet"
        case .bannedFrom(let i): "uitgesloten bij \(i?.value ?? "die plaats")"
        case .banLifted: "weer toegestaan"
        case .brokeDown: "plaatsing afgebroken"
        case .ended(let outcome): "plaatsing beëindigd (\(w(outcome.rawValue)))"
        case .proposed: "voorgedragen"
        case .agreed: "afgesproken"
        case .declinedAt(let i): "afgewezen bij \(i?.value ?? "die plaats")"
        case .started: "gestart"
        case .setting(let setting, let value): "\(setting.rawValue) nu \(value)"
        case .placesNow(let i, let n): "\(i) heeft nu \(n) plaats\(n == 1 ? "" : "en")"
        case .importedAnew: "opnieuw geïmporteerd"
        case .erased: "gewist"
        case .offersMore(let i): "\(i) biedt meer"
        case .newWeights: "nieuwe gewichten"
        case .fewerPlaces(let i): "\(i) heeft minder plaatsen"
        case .held(let status): status.dutch
        case .nextPlacement(let i, let end): "volgende plaatsing: die bij \(i) zou eindigen op \(end)"
        case .availableFrom(let d): "beschikbaar vanaf \(d)"
        case .opensFrom(let i, let d): "\(i) neemt leerlingen aan vanaf \(d)"
        case .placeCameFree: "er kwam een plaats vrij"
        case .lostPlace: "verloor de plaats aan iemand die eerder geplaatst werd; niets anders binnen bereik heeft ruimte"
        case .madeRoom(let by): "maakte ruimte, \(by) punten slechter voor de leerling"
        case .tookBetter(let by): "kreeg een betere plaats, \(by) punten beter voor de leerling"
        case .madeRoomSameScore: "maakte ruimte, dezelfde score voor de leerling"
        }
    }
}

extension Exclusion {
    var dutch: String {
        let w = { (stored: String) in Language.nl.word(stored) }
        return switch self {
        case .sectorNotWanted(let s): "sector \(w(s.rawValue)) hoort niet bij de wensen van de leerling"
        case .levelNotAccepted(let l): "de stageplaats neemt niveau \(l.rawValue) niet aan"
        case .tooFar(let m, let limit): "ongeveer \(m) minuten reizen, boven de grens van de leerling van \(limit)"
        case .accommodationsMissing(let a): "de werkplek biedt geen \(a.map { w($0.rawValue) }.joined(separator: ", "))"
        case .certificatesMissing(let c): "de leerling mist \(c.map(\.rawValue).joined(separator: ", "))"
        case .noSupportPlaces: "de leerling heeft een jobcoach op de werkplek nodig en de stageplaats heeft geen plaatsen met begeleiding"
        case .noPlaces: "de stageplaats heeft geen plaatsen"
        case .notAvailableYet(let d): "de leerling is beschikbaar vanaf \(d)"
        case .closedOnDate(let from, let until):
            "de stageplaats neemt alleen nieuwe leerlingen aan " + [from.map { "vanaf \($0)" }, until.map { "tot \($0)" }].compactMap { $0 }.joined(separator: " ")
        }
    }
}

extension Heading {
    var dutch: String {
        switch self {
        case .sector: "sector"
        case .students: "leerlingen"
        case .placed: "geplaatst"
        case .rate: "deel"
        case .inWishedSector: "in gewenste sector"
        case .student: "leerling"
        case .internship: "stageplaats"
        case .employer: "werkgever"
        case .min: "min"
        case .score: "score"
        case .status: "status"
        case .from: "van"
        case .until: "tot"
        case .outcome: "uitkomst"
        case .by: "door"
        case .whenUTC: "wanneer (UTC)"
        case .why: "waarom"
        case .days: "dagen"
        case .since: "sinds"
        case .coach: "coach"
        case .placeInDraft: "plaats in het concept"
        case .whyNotPlaced: "waarom niet geplaatst"
        case .name: "naam"
        case .town: "plaats"
        case .internships: "stageplaatsen"
        case .places: "plaatsen"
        case .taken: "bezet"
        case .free: "vrij"
        case .breakdowns: "afgebroken"
        case .oneMore: "één meer"
        case .at: "waar"
        case .wouldPlace: "plaatst"
        case .blank: ""
        case .level: "niveau"
        case .sectors: "sectoren"
        case .travel: "vervoer"
        case .needs: "aanpassingen"
        case .placement: "plaatsing"
        case .support: "begeleid"
        case .offers: "biedt"
        case .exitProfile: "uitstroomprofiel"
        case .livesNear: "woont bij"
        case .certificates: "certificaten"
        case .priority: "prioriteit"
        case .school: "school"
        case .available: "beschikbaar"
        case .ending: "eindigt"
        case .next: "volgende"
        case .pinned: "vastgezet"
        case .banned: "uitgesloten"
        case .leerbedrijf: "leerbedrijf"
        case .requires: "vereist"
        case .levels: "niveaus"
        case .promised: "toegezegd"
        case .contact: "contact"
        case .record: "gegevens"
        case .setting: "instelling"
        case .value: "waarde"
        case .defaultValue: "standaard"
        case .meaning: "betekenis"
        case .number: "#"
        case .atUTC: "om (UTC)"
        case .user: "gebruiker"
        case .action: "actie"
        case .subject: "onderwerp"
        case .detail: "details"
        case .reason: "reden"
        case .profile: "profiel"
        case .need: "aanpassing"
        case .share: "aandeel"
        case .overall: "totaal"
        }
    }
}
