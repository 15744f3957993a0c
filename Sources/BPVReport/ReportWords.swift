/// The report's words, one catalogue per language: every field must be given for a language to
/// compile, so no sentence exists in one language only. Counts and names come in as
/// arguments; the sentences around them are the catalogue's.
struct ReportWords: Sendable {
    var haveAPlace: @Sendable (_ placed: String, _ total: String, _ rate: String) -> String
    var withoutOne: @Sendable (_ count: String) -> String
    var meanTravel: @Sendable (_ minutes: String) -> String
    var roundFor: @Sendable (_ date: String?) -> String
    var made: @Sendable (_ when: String) -> String
    var region: String
    var mapNote: String
    var mapLabel: String
    var placementRate: String
    var bySector, byLevel, byProfile, byNeed, byTown, bySchool: String
    var none: String
    var notGiven: String
    var footer: @Sendable (_ names: Bool) -> String
    var places: String
    var inDraft, pinnedFound, proposedToEmployer, agreed, started: String
    var of: @Sendable (_ placed: String, _ total: String) -> String
    var travelTitle: String
    var studentsCount: @Sendable (Int) -> String
    var yearTitle: String
    var noDates: String
    var monthsTitle: String
    var month, running, startedColumn, ended: String
    var monthsNote: @Sendable (_ agreed: Int, _ shown: String) -> String
    var allStudents: String
    var noNeed: String
    var need: @Sendable (String) -> String
    var level: @Sendable (String) -> String
    var fairness: String
    var worstOff: @Sendable (_ group: String, _ rate: String, _ all: String) -> String
    var fairnessHeadings: [String]
    var fairnessNote: String
    var withoutAPlace: @Sendable (Int) -> String
    var everyonePlaced: String
    var student, name, why: String
    var gapsTitle: String
    var noGaps: String
    var gapsHeadings: [String]
    var gapsNote: String
    /// Said under the missing places when the page is cut to one school.
    var gapsForTheRegion: String
    var placesTaken: @Sendable (_ taken: Int, _ places: Int) -> String
    var hasNoPlace: @Sendable (String) -> String
    var withoutAPlaceLegend: String
    var sizeLegend: String
    var placesCount: @Sendable (Int) -> String
    var titleIn: @Sendable (String) -> String
    var titleOf: @Sendable (String) -> String
    var titleOfSchools: @Sendable (Int) -> String
    var titleAround: @Sendable (String) -> String
    var titlePlain: String
    var yearFiguresTitle, placementsPerYear: String
    var schoolYear: @Sendable (String) -> String
    var startedPlacements, completedPlacements, brokenDown, leftEarly: String
    var waitingTitle, waitingNow, medianWait, longestWait: String
    var waitingOver: @Sendable (Int) -> String
    var employersTitle, employersCount, employersFull, employersWithRoom, freePlaces: String
    var caseloadTitle: String
    var caseloadHeadings: [String]
    var yearNote: String

    static let english = ReportWords(
        haveAPlace: { "\($0) of \($1) students have a place (\($2))" },
        withoutOne: { "\($0) without one" },
        meanTravel: { "mean travel \($0) min" },
        roundFor: { "round for \($0 ?? "no date")" },
        made: { "made \($0)" },
        region: "The region",
        mapNote: "Internships are circles sized by their places and coloured by sector; a line joins each placed student to their internship; a red cross is a student without a place. Students are drawn near their home town.",
        mapLabel: "map of the region",
        placementRate: "Placement rate",
        bySector: "by first wished sector", byLevel: "by level", byProfile: "PRO and VSO pupils by exit profile", byNeed: "by support need",
        byTown: "by home town", bySchool: "by school",
        none: "none",
        notGiven: "not given",
        footer: { "Made by bpv. Pseudonymous ids\($0 ? " and names (--names)" : " only"); support needs are workplace accommodations, never diagnoses. Every figure is for the round shown." },
        places: "Places",
        inDraft: "in the draft (not yet proposed)", pinnedFound: "pinned (a place the student found)", proposedToEmployer: "proposed to the employer",
        agreed: "agreed", started: "started",
        of: { "\($0) of \($1)" },
        travelTitle: "travel time of placed students (minutes)",
        studentsCount: { "\($0) students" },
        yearTitle: "placements over the year",
        noDates: "No placement has dates yet (start STUDENT DATE).",
        monthsTitle: "placements per month: running, started, ended",
        month: "month", running: "running", startedColumn: "started", ended: "ended",
        monthsNote: { n, shown in
            "A placement runs from its start to its end (or planned end). \(n == 1 ? "One agreed placement has" : "\(shown) agreed placements have") not started yet and count from their start."
        },
        allStudents: "all students",
        noNeed: "no support need",
        need: { "need: \($0)" },
        level: { "level: \($0)" },
        fairness: "Fairness",
        worstOff: { "Worst off: \($0), \($1) placed against \($2) of all students." },
        fairnessHeadings: ["group", "students", "placed", "of those placed: in their first-choice sector", "mean travel (min)"],
        fairnessNote: "Each group's share placed, how many of those placed work in the sector they wished first, and their mean travel time. Groups of fewer than three students are not named worst off.",
        withoutAPlace: { "Without a place (\($0))" },
        everyonePlaced: "Every student is placed.",
        student: "student", name: "name", why: "why",
        gapsTitle: "Where places are missing",
        noGaps: "No single extra place, accommodation or new place would place anyone.",
        gapsHeadings: ["one more", "at", "would place", "students"],
        gapsNote: "Each line is exact: the round re-solved with that one change (nothing kept).",
        gapsForTheRegion: "The places are the region's: a gain counts the pupils of every school it would place.",
        placesTaken: { "\($0) of \($1) places taken" },
        hasNoPlace: { "\($0) has no place" },
        withoutAPlaceLegend: "without a place",
        sizeLegend: "circle size: places at the internship",
        placesCount: { "\($0) place\($0 == 1 ? "" : "s")" },
        titleIn: { "Placements in \($0)" },
        titleOf: { "Placements of \($0)" },
        titleOfSchools: { "Placements of \($0) schools" },
        titleAround: { "Placements around \($0)" },
        titlePlain: "Placements",
        yearFiguresTitle: "The year", placementsPerYear: "placements per school year (1 August to 31 July)",
        schoolYear: { "school year \($0)" },
        startedPlacements: "placements started", completedPlacements: "completed", brokenDown: "broke down", leftEarly: "ended otherwise (left, other)",
        waitingTitle: "waiting for a place", waitingNow: "pupils waiting now", medianWait: "median days waiting", longestWait: "longest wait (days)",
        waitingOver: { "waiting longer than \($0) days" },
        employersTitle: "employers", employersCount: "employers", employersFull: "with every place taken", employersWithRoom: "with a free place",
        freePlaces: "free places in all",
        caseloadTitle: "each coach's pupils",
        caseloadHeadings: ["coach", "pupils", "with a held place", "only in the draft", "waiting", "broke down this year"],
        yearNote: "A placement counts in the school year it started or ended in. Waiting counts from the later of the day a pupil became available and the day their last placement ended; a held place is pinned, proposed, agreed or started."
    )

    static let dutch = ReportWords(
        haveAPlace: { "\($0) van \($1) leerlingen hebben een plaats (\($2))" },
        withoutOne: { "\($0) zonder plaats" },
        meanTravel: { "gemiddelde reistijd \($0) min" },
        roundFor: { "ronde voor \($0 ?? "geen datum")" },
        made: { "gemaakt \($0)" },
        region: "De regio",
        mapNote: "Stageplaatsen zijn cirkels, zo groot als hun aantal plaatsen en gekleurd naar sector; een lijn verbindt elke geplaatste leerling met de stageplaats; een rood kruis is een leerling zonder plaats. Leerlingen staan bij hun woonplaats.",
        mapLabel: "kaart van de regio",
        placementRate: "Plaatsingspercentage",
        bySector: "naar eerste gewenste sector", byLevel: "naar niveau", byProfile: "PRO- en VSO-leerlingen naar uitstroomprofiel",
        byNeed: "naar aanpassing", byTown: "naar woonplaats", bySchool: "naar school",
        none: "geen",
        notGiven: "niet opgegeven",
        footer: { "Gemaakt met bpv. Alleen pseudoniemen\($0 ? " en namen (--names)" : ""); aanpassingen zijn voorzieningen op de werkplek, nooit diagnoses. Elk getal geldt voor de getoonde ronde." },
        places: "Plaatsen",
        inDraft: "in het concept (nog niet voorgedragen)", pinnedFound: "vastgezet (een plaats die de leerling zelf vond)",
        proposedToEmployer: "voorgedragen bij de werkgever", agreed: "afgesproken", started: "gestart",
        of: { "\($0) van \($1)" },
        travelTitle: "reistijd van geplaatste leerlingen (minuten)",
        studentsCount: { "\($0) leerlingen" },
        yearTitle: "plaatsingen door het jaar",
        noDates: "Nog geen plaatsing heeft data (start LEERLING DATUM).",
        monthsTitle: "plaatsingen per maand: lopend, gestart, geëindigd",
        month: "maand", running: "lopend", startedColumn: "gestart", ended: "geëindigd",
        monthsNote: { n, shown in
            "Een plaatsing loopt van haar start tot haar einde (of geplande einddatum). \(n == 1 ? "Eén afgesproken plaatsing is" : "\(shown) afgesproken plaatsingen zijn") nog niet gestart en tellen vanaf hun start."
        },
        allStudents: "alle leerlingen",
        noNeed: "geen aanpassing",
        need: { "aanpassing: \($0)" },
        level: { "niveau: \($0)" },
        fairness: "Eerlijkheid",
        worstOff: { "Slechtst af: \($0), \($1) geplaatst tegen \($2) van alle leerlingen." },
        fairnessHeadings: ["groep", "leerlingen", "geplaatst", "van de geplaatsten: in hun eerste gewenste sector", "gemiddelde reistijd (min)"],
        fairnessNote: "Per groep het deel dat geplaatst is, hoeveel van hen in de sector van hun eerste wens werken, en hun gemiddelde reistijd. Groepen van minder dan drie leerlingen worden niet slechtst af genoemd.",
        withoutAPlace: { "Zonder plaats (\($0))" },
        everyonePlaced: "Elke leerling is geplaatst.",
        student: "leerling", name: "naam", why: "waarom",
        gapsTitle: "Waar plaatsen ontbreken",
        noGaps: "Geen enkele extra plaats, aanpassing of nieuwe plaats plaatst iemand.",
        gapsHeadings: ["één meer", "waar", "plaatst", "leerlingen"],
        gapsNote: "Elke regel is exact: de ronde opnieuw opgelost met die ene wijziging (niets bewaard).",
        gapsForTheRegion: "De plaatsen zijn van de regio: een winst telt de leerlingen van elke school die erdoor geplaatst worden.",
        placesTaken: { "\($0) van \($1) plaatsen bezet" },
        hasNoPlace: { "\($0) heeft geen plaats" },
        withoutAPlaceLegend: "zonder plaats",
        sizeLegend: "grootte van de cirkel: plaatsen bij de stageplaats",
        placesCount: { "\($0) plaats\($0 == 1 ? "" : "en")" },
        titleIn: { "Plaatsingen in \($0)" },
        titleOf: { "Plaatsingen van \($0)" },
        titleOfSchools: { "Plaatsingen van \($0) scholen" },
        titleAround: { "Plaatsingen rond \($0)" },
        titlePlain: "Plaatsingen",
        yearFiguresTitle: "Het jaar", placementsPerYear: "plaatsingen per schooljaar (1 augustus tot 31 juli)",
        schoolYear: { "schooljaar \($0)" },
        startedPlacements: "plaatsingen gestart", completedPlacements: "afgerond", brokenDown: "afgebroken", leftEarly: "anders geëindigd (vertrokken, anders)",
        waitingTitle: "wachten op een plaats", waitingNow: "leerlingen die nu wachten", medianWait: "mediaan dagen wachten", longestWait: "langste wachttijd (dagen)",
        waitingOver: { "langer dan \($0) dagen wachtend" },
        employersTitle: "werkgevers", employersCount: "werkgevers", employersFull: "met alle plaatsen bezet", employersWithRoom: "met een vrije plaats",
        freePlaces: "vrije plaatsen in totaal",
        caseloadTitle: "leerlingen per coach",
        caseloadHeadings: ["coach", "leerlingen", "met een vastgehouden plaats", "alleen in het concept", "wachtend", "dit jaar afgebroken"],
        yearNote: "Een plaatsing telt in het schooljaar waarin ze begon of eindigde. Wachten telt vanaf het laatste van de dag dat een leerling beschikbaar werd en de dag dat de vorige plaatsing eindigde; een vastgehouden plaats is vastgezet, voorgedragen, afgesproken of gestart."
    )
}
