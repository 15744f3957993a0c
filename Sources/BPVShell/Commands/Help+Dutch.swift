import BPVDomain

// De Nederlandse hulpteksten: per commando wat het doet (en de uitleg van `help COMMANDO`). De
// Engelse staan bij de definitie van het commando; een test faalt wanneer een commando hier
// ontbreekt of zijn tekst Engels is gebleven.
extension Command {
    /// The Dutch summary and details of every command, by name.
    static let dutchHelp: [String: (summary: String, details: String)] = [
        "help": ("toon de commando's, of leg er één uit", ""),
        "import": ("lees een CSV-bestand of .xlsx-werkmap met leerlingen, stageplaatsen, werkgevers of gemeten reistijden in de werkruimte", """
            De kolommen staan in de kopregel, in elke volgorde, met Nederlandse of Engelse namen; komma, puntkomma of tab wordt herkend; lijsten scheidt u met |. Een werkmap wordt gelezen vanaf het eerste blad, of het blad NAAM. Een bestand met een fout wordt helemaal geweigerd, met elke fout als bestand:regel:kolom (bestand.xlsx:Blad1!C14 in een werkmap). Opnieuw importeren werkt records bij op id.
            travel-times: van;naar;vervoer;minuten per postcode (de reistijden van een routeplanner); elke regel vervangt het reistijdmodel voor die twee postcodegebieden en dat vervoer.
            """),
        "students": ("toon leerlingen, gefilterd op gewenste sector, plaats, niveau, aanpassing, of niet geplaatst in de laatste ronde",
                     "Elk filter maakt de lijst korter; sector=zorg werkt ook. De kolom plaatsing toont het laatste concept of de vastgelegde plaatsing."),
        "internships": ("toon stageplaatsen, gefilterd op sector, plaats, aangenomen niveau, geboden aanpassing, of vrije plaatsen", ""),
        "employers": ("elke werkgever met zijn stageplaatsen, plaatsen, bezette plaatsen en afgebroken plaatsingen (uit het werkgeversbestand, of afgeleid uit de stageplaatsen), gefilterd op plaats of sector van de stageplaatsen, of op vrije plaatsen", ""),
        "show": ("alles over één leerling, stageplaats of werkgever, of de gewichten en grenzen", ""),
        "match": ("maak een ronde: plaats elke leerling optimaal rond vastgehouden plaatsingen en uitsluitingen, en sla het concept op", """
            Plaatst leerlingen voor DATUM (standaard vandaag): alleen leerlingen die dan beschikbaar zijn, alleen stageplaatsen die dan open zijn; vastgehouden plaatsingen blijven. Toont geplaatste en niet geplaatste leerlingen, het plaatsingspercentage per sector en de gemiddelde reistijd, en wie er veranderde ten opzichte van het vorige concept. Ctrl-C stopt een lange match; er wordt dan niets opgeslagen. Het concept is pas definitief na commit.
            """),
        "placements": ("het register: de plaats en status van elke leerling (concept, vastgezet, voorgedragen, afgesproken, gestart), zoals opgeslagen", ""),
        "unplaced": ("de leerlingen zonder plaats, en waarom: de harde eis die elke stageplaats uitsloot, of wie de plaatsen heeft",
                     "De redenen gelden voor de ronde zoals match die nu zou maken."),
        "pin": ("zet een leerling vast bij een stageplaats (een plaats die de leerling zelf vond); volgende rondes werken eromheen", ""),
        "unpin": ("haal het vastzetten van een leerling weg", ""),
        "ban": ("sluit een paar uit van elke volgende ronde", ""),
        "unban": ("sta een uitgesloten paar weer toe", ""),
        "set": ("wijzig een gewicht of grens, een instelling van één leerling (een langere reistijd), of de plaatsen van een stageplaats", """
            Instellingen van de werkruimte: \(MatchSetting.allCases.map(\.rawValue).joined(separator: ", ")).
            Instellingen van een leerling: max_travel_min (de langste reistijd in minuten), travel_mode (hoe de leerling reist: walk, bike, scooter, ov of car), priority (de voorrangsgroep 0 tot en met 9; hoger wordt eerst geplaatst als plaatsen schaars zijn).
            Instellingen van een stageplaats: capacity, support_capacity (plaatsen; plaatsen met begeleiding zijn er nooit meer dan plaatsen).
            set pager on|off: lange uitvoer door $PAGER (anders less -FRX) op een terminal, nooit in scripts; voor deze sessie.
            set expanded on|off|auto: tabellen als records (psql's \\x) voor deze sessie; auto wanneer de kolommen niet passen.
            set language nl|en|default: de taal van de werkruimte. set title "TITEL": de titel van het rapport.
            De regio: de gemeenten of provincies waarin de werkruimte werkt, gescheiden door | (namen met spaties tussen aanhalingstekens: set region "Hilversum|Gooise Meren|Laren"); die beslist over een plaatsnaam die in twee gemeenten bestaat bij het importeren.
            WAARDE default zet een instelling van de werkruimte of leerling terug. show settings toont ze allemaal.
            Voorbeelden: set S-014 max_travel_min 60    set I-203 capacity 2
            """),
        "try": ("wat als: voer een wijziging uit op een kopie en toon wie zou verschuiven en hoe het aantal geplaatsten en de score veranderen; er wordt niets bewaard", """
            Neemt de argumenten van het commando dat het probeert, bijvoorbeeld:
              try pin S-014 I-203
              try set S-014 max_travel_min 60
              try set travel_minute_weight 2
            """),
        "why": ("waarom een leerling kwam waar die kwam: de score per onderdeel, de beste alternatieven en waarom elk verloor",
                "Voor de ronde zoals match die nu zou maken. Een bezet alternatief toont wat afdwingen de ronde precies kost."),
        "why-not": ("welke harde eis een paar uitsluit of, als het mag, hoeveel slechter de ronde wordt als het wordt afgedwongen en wie er moet wijken", ""),
        "propose": ("draag een leerling voor bij een werkgever (kennismakingsgesprek): de plaats wordt vastgehouden, rondes verschuiven de leerling niet meer",
                    "Zonder stageplaats: die het concept de leerling geeft."),
        "accept": ("werkgever en leerling zeiden ja: de voorgedragen plaatsing is afgesproken", ""),
        "decline": ("de werkgever of de leerling zei nee: de voordracht vervalt, het paar wordt uitgesloten en het concept plaatst de leerling meteen opnieuw", ""),
        "start": ("de praktijkovereenkomst is getekend: de afgesproken plaatsing loopt vanaf DATUM (vandaag), gepland tot placement_weeks later, N dagen per week", ""),
        "end": ("een afgesproken of lopende plaatsing eindigt met haar uitkomst; na broke_down wordt de leerling nooit meer bij die werkgever geplaatst tenzij unban",
                "release LEERLING reden... is de korte vorm van end LEERLING broke_down reden...."),
        "commit": ("leg plaatsingen uit het concept vast (concept of voorgedragen → afgesproken), zoals u ze het laatst zag; volgende rondes verschuiven ze nooit", """
            Legt het concept vast zoals deze shell het toont. Als iemand anders de werkruimte intussen veranderde, wordt het vastleggen geweigerd met wie wat veranderde: kijk opnieuw en leg dan vast. Plaatsen worden gecontroleerd op het moment van vastleggen, dus twee mensen die tegelijk vastleggen kunnen een stageplaats nooit overvol maken.
            """),
        "release": ("kort voor end LEERLING broke_down: het concept plaatst de leerling meteen opnieuw, nooit meer bij die werkgever", ""),
        "history": ("elke plaatsing die een leerling had en heeft: stageplaats, werkgever, data, uitkomst of status, wie besliste en waarom", ""),
        "waiting": ("de agenda van het wekelijkse zorgoverleg: elke leerling zonder vastgehouden plaatsing, langst wachtend eerst, met de reden en de coach", """
            De wachttijd telt vanaf het laatste van: de dag dat de leerling beschikbaar werd (de kolom beschikbaar_vanaf, anders de dag van de eerste import) en de dag dat de vorige plaatsing eindigde. Een teken (!) toont een wachttijd boven waiting_alarm_days (28). Leerlingen die pas later beschikbaar zijn, wachten nog niet. on DATUM telt tot die dag in plaats van vandaag en verklaart elke leerling zoals een match op die dag zou doen (wat why zegt na match on DATUM). Leerlingen met alleen een plaats in het concept worden apart geteld: waiting drafts toont ze (draag voor om de plaats vast te houden). coach, school en level maken de lijst korter.
            """),
        "gaps": ("waar plaatsen ontbreken: één plaats, plaats met begeleiding of aanpassing meer bij een stageplaats, of een nieuwe plaats van een sector in een plaats, die niet geplaatste leerlingen zou plaatsen, en wie; voor één leerling: de reistijdgrens of aanpassing die de leerling zou plaatsen", """
            Elk antwoord is exact: een wat-als op de lopende ronde (één reparatie, niets bewaard). Alleen een volle stageplaats kan winnen bij één plaats meer, dus die worden allemaal geprobeerd, en elke plaats met begeleiding waar een jobcoach kan werken; een nieuwe plaats wordt geprobeerd voor elke sector die een niet geplaatste leerling wenst, in de plaats het dichtst bij huis, met wat de leerling nodig heeft.
            De kolom score is hoeveel de totaalscore van de ronde verandert (reisminuten en stappen omlaag in de wensenlijst, lager is beter): de prijs van meer leerlingen plaatsen.
            gaps LEERLING geeft wat één leerling zou plaatsen: een langere reistijd tot wat het vervoer redelijk haalt (lopen 30, fiets 45, brommer 60, auto 60, ov 90 minuten), de aanpassingen die stageplaatsen missen, en elke regel van gaps die de leerling plaatst.
            """),
        "check": ("opgeslagen gegevens die de regels van vandaag breken (een datum buiten 2000 tot 2100, een einde voor het begin), elk met de reparatie", ""),
        "forget": ("wis één leerling en alles over die leerling (het recht op vergetelheid); het logboek houdt bij dat er gewist is, niet wie", ""),
        "purge": ("wis elke leerling wiens laatste plaatsing eindigde voor DATUM en die geen plaats heeft (de bewaartermijn)", ""),
        "undo": ("draai uw laatste pin, unpin, ban, unban of set van deze sessie terug, zolang die nog geldt (vastleggingen, beëindigingen en imports blijven)",
                 "Alleen uw eigen wijzigingen, nieuwste eerst, en alleen zolang niemand hetzelfde sindsdien veranderde: dan zegt undo wie het veranderde, wanneer en hoe."),
        "log": ("het logboek: de laatste N wijzigingen (standaard 20), wie ze deed en waarom", ""),
        "export": ("schrijf de plaatsingen als CSV of .xlsx-werkmap (ids, werkgever, minuten, score, status; geen namen), alles over één leerling als JSON (het recht op inzage), of de gescoorde kandidatengraaf van de volgende ronde als DIMACS; modus 0600", ""),
        "report": ("schrijf de ronde als één HTML-pagina: een kaart, plaatsingspercentages, eerlijkheid, wie niet geplaatst is en waarom, en waar plaatsen ontbreken",
                   "Eén zelfstandig bestand (SVG en CSS erin, geen script, geen netwerk), offline te lezen en af te drukken, gemaakt met modus 0600. Alleen pseudoniemen; voeg names toe om de namen van leerlingen te tonen. "
                       + "school NAAM beperkt de pagina tot de leerlingen van die school (het verslag van een regio voor één van haar scholen); "
                       + "de stageplaatsen, werkgevers en ontbrekende plaatsen blijven die van de regio."),
        "stats": ("plaatsingspercentage per sector, niveau, uitstroomprofiel (PRO en VSO), aanpassing, plaats en school, en de verdeling van de reistijd",
                  "Telt het laatste concept en de vastgelegde plaatsingen; een leerling telt mee onder de eerste gewenste sector. "
                      + "school NAAM telt alleen de leerlingen van die school (de cijfers van een regio voor één van haar scholen); "
                      + "zonder school krijgt een werkruimte met leerlingen van meer dan één school ook een tabel per school."),
        "timer": ("meet de tijd van elk commando, zoals .timer van sqlite3", """
            Na elk commando: de verstreken tijd en de processortijd. Na een match ook de delen in
            seconden: het register laden (load), de kandidatengraaf bouwen (graph), oplossen
            (solve), het certificaat (certify) en opslaan (store).
            """),
        "quit": ("verlaat de shell (ook exit, of Ctrl-D)", ""),
    ]

    /// What the command does, in `language`.
    func summary(in language: Language) -> String { language == .nl ? Self.dutchHelp[name]?.summary ?? summary : summary }

    /// The longer explanation of `help COMMAND`, in `language`.
    func details(in language: Language) -> String { language == .nl ? Self.dutchHelp[name]?.details ?? details : details }
}
