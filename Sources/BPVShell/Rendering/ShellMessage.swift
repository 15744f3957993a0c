import BPVDomain
import BPVWorkspace

/// The shell's own refusals: values carrying their data, worded in ``text(_:)`` by the two
/// catalogues below (exhaustive switches: a message in one language only does not compile).
public enum ShellMessage: Sendable {
    case unknownCommand(String, meant: String?)
    case unknownHelpTopic(String)
    case unclosedQuote(Character)
    case cannotRead(file: String)
    case neitherSettingNorRecord(String, settings: [String])
    case tryPlaces(String)
    case nothingToUndo
    /// The change is no longer in effect: someone (or something) changed it since.
    case cannotUndo(String, by: ChangeBy?)
    case undoFailed(String, WorkspaceError)
    case unknownLevel(String)
    case unknownSector(String)
    case unknownNeed(String)
    /// No student of the workspace attends this school; the schools that are there.
    case unknownSchool(String, known: [String])
    /// An id not there whose number is: `GV-72` for `GV-072`.
    case didYouMean(IDKind, typed: String, meant: String)

    /// What an id names, as a message says it.
    public enum IDKind: Sendable { case student, internship, studentOrInternship }

    public func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    private var english: String {
        switch self {
        case .unknownCommand(let name, let meant):
            "unknown command '\(name)'; \(meant.map { "did you mean '\($0)'? " } ?? "")type help for the list of commands"
        case .unknownHelpTopic(let name): "unknown command '\(name)'; type help for the list"
        case .unclosedQuote(let q): "unclosed \(q) quote"
        case .cannotRead(let file): "\(file): cannot read the file"
        case .neitherSettingNorRecord(let first, let settings):
            "'\(first)' is neither a setting, a student nor an internship; settings: \(settings.joined(separator: ", "))"
        case .tryPlaces(let first): "try set \(first) capacity|support_capacity N, with N a whole number"
        case .nothingToUndo: "nothing to undo in this session"
        case .cannotUndo(let step, let by):
            "cannot undo \(step): \(by.map { "\($0.user) changed it at \($0.at) UTC (\($0.action) \($0.subject))" } ?? "it was changed since"); nothing was changed"
        case .undoFailed(let step, let error): "cannot undo \(step): \(error.text(.en))"
        case .unknownLevel(let value): "unknown level '\(value)'; levels: \(Level.spelled)"
        case .unknownSector(let value): "unknown sector '\(value)'; sectors: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownNeed(let value): "unknown need '\(value)'; needs: \(Accommodation.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownSchool(let value, let known):
            known.isEmpty ? "no student has a school, so there is no school '\(value)'" : "no student attends '\(value)'; schools: \(known.joined(separator: ", "))"
        case .didYouMean(let kind, let typed, let meant):
            "no \(kind == .student ? "student" : kind == .internship ? "internship" : "student or internship") \(typed); did you mean \(meant)?"
        }
    }

    private var dutch: String {
        switch self {
        case .unknownCommand(let name, let meant):
            "onbekend commando '\(name)'; \(meant.map { "bedoelt u '\($0)'? " } ?? "")typ help voor de lijst met commando's"
        case .unknownHelpTopic(let name): "onbekend commando '\(name)'; typ help voor de lijst"
        case .unclosedQuote(let q): "het aanhalingsteken \(q) wordt niet gesloten"
        case .cannotRead(let file): "\(file): het bestand is niet te lezen"
        case .neitherSettingNorRecord(let first, let settings):
            "'\(first)' is geen instelling, leerling of stageplaats; instellingen: \(settings.joined(separator: ", "))"
        case .tryPlaces(let first): "try set \(first) capacity|support_capacity N, met N een heel getal"
        case .nothingToUndo: "er is in deze sessie niets ongedaan te maken"
        case .cannotUndo(let step, let by):
            "\(step) is niet ongedaan te maken: \(by.map { "\($0.user) veranderde het om \($0.at) UTC (\($0.action) \($0.subject))" } ?? "het is intussen veranderd"); er is niets veranderd"
        case .undoFailed(let step, let error): "\(step) is niet ongedaan te maken: \(error.text(.nl))"
        case .unknownLevel(let value): "onbekend niveau '\(value)'; niveaus: \(Level.spelled)"
        case .unknownSector(let value): "onbekende sector '\(value)'; sectoren: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownNeed(let value): "onbekende aanpassing '\(value)'; aanpassingen: \(Accommodation.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownSchool(let value, let known):
            known.isEmpty ? "geen leerling heeft een school, dus er is geen school '\(value)'" : "geen leerling zit op '\(value)'; scholen: \(known.joined(separator: ", "))"
        case .didYouMean(let kind, let typed, let meant):
            "geen \(kind == .student ? "leerling" : kind == .internship ? "stageplaats" : "leerling of stageplaats") \(typed); bedoelt u \(meant)?"
        }
    }
}

/// Why a command's words do not fit it; said before its synopsis (``ShellError/usage(_:synopsis:)``).
public enum Usage: Sendable {
    case missing(String)
    case unexpected(String)
    case tryable([String], not: String)
    case dayAs(String)
    case daysAs(String)
    case unknownStatus(String, known: [String])
    case nameStudents
    case giveReason
    case giveReasonForHistory
    case giveRequest
    case nameSheet(kind: String)
    case importWhat(String)
    case onOrOff(setting: String?, value: String)
    case expanded(String)
    case positiveNumber
    case exportWhat(String)
    case whoDeclined
    case daysAWeekAs(String)
    case howEnded
    case employerFilters
    case unknownFilter(String, known: [String])
    case needsValue(String)

    public func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    private var english: String {
        switch self {
        case .missing(let name): "missing \(name)"
        case .unexpected(let word): "unexpected '\(word)'"
        case .tryable(let tryable, let what): "try can try \(tryable.joined(separator: ", ")), not '\(what)'"
        case .dayAs(let example): "give the day as: \(example)"
        case .daysAs(let example): "give the days as: \(example)"
        case .unknownStatus(let f, let known): "unknown status '\(f)'; one of \(known.joined(separator: ", "))"
        case .nameStudents: "name the students, or all"
        case .giveReason: "give a reason, for the audit log"
        case .giveReasonForHistory: "give a reason, for the audit log and the history"
        case .giveRequest: "give a reason (the request), for the audit log"
        case .nameSheet(let kind): "name a sheet as: import \(kind) FILE sheet NAME"
        case .importWhat(let kind): "import students, internships, employers or travel-times, not '\(kind)'"
        case .onOrOff(let setting, let value): setting.map { "\($0) is on or off, not '\(value)'" } ?? "expected on or off"
        case .expanded(let value): "expanded is on, off or auto, not '\(value)'"
        case .positiveNumber: "N must be a positive number"
        case .exportWhat(let what): "export placements, student or dimacs, not '\(what)'"
        case .whoDeclined: "say who declined: by employer or by student"
        case .daysAWeekAs(let s): "give the days a week as: start \(s) [DATE] days 3"
        case .howEnded: "say how it ended: \(PlacementOutcome.allCases.map(\.rawValue).joined(separator: ", "))"
        case .employerFilters: "employers are filtered by town, sector or free"
        case .unknownFilter(let key, let known): "unknown filter '\(key)'; filters: \(known.joined(separator: ", "))"
        case .needsValue(let key): "\(key) needs a value"
        }
    }

    private var dutch: String {
        switch self {
        case .missing(let name): "\(name) ontbreekt"
        case .unexpected(let word): "onverwacht: '\(word)'"
        case .tryable(let tryable, let what): "try kan \(tryable.joined(separator: ", ")) proberen, niet '\(what)'"
        case .dayAs(let example): "geef de dag als: \(example)"
        case .daysAs(let example): "geef het aantal dagen als: \(example)"
        case .unknownStatus(let f, let known): "onbekende status '\(f)'; een van \(known.joined(separator: ", "))"
        case .nameStudents: "noem de leerlingen, of all"
        case .giveReason: "geef een reden, voor het logboek"
        case .giveReasonForHistory: "geef een reden, voor het logboek en de geschiedenis"
        case .giveRequest: "geef een reden (het verzoek), voor het logboek"
        case .nameSheet(let kind): "noem een werkblad als: import \(kind) BESTAND sheet NAAM"
        case .importWhat(let kind): "import students, internships, employers of travel-times, niet '\(kind)'"
        case .onOrOff(let setting, let value): setting.map { "\($0) is on of off, niet '\(value)'" } ?? "verwacht: on of off"
        case .expanded(let value): "expanded is on, off of auto, niet '\(value)'"
        case .positiveNumber: "N is een positief getal"
        case .exportWhat(let what): "export placements, student of dimacs, niet '\(what)'"
        case .whoDeclined: "zeg wie afwees: by employer of by student"
        case .daysAWeekAs(let s): "geef het aantal dagen per week als: start \(s) [DATUM] days 3"
        case .howEnded: "zeg hoe de plaatsing eindigde: \(PlacementOutcome.allCases.map(\.rawValue).joined(separator: ", "))"
        case .employerFilters: "werkgevers filtert u op town, sector of free"
        case .unknownFilter(let key, let known): "onbekend filter '\(key)'; filters: \(known.joined(separator: ", "))"
        case .needsValue(let key): "\(key) heeft een waarde nodig"
        }
    }
}
