#!/usr/bin/env python3
"""Writes the two synthetic sample regions as CSV (deterministic: same script, same files).

All records are invented. Geography, school sizes and sectors follow the project's domain notes:
- Gooi en Vechtstreek: a Productief Leren style group of about 100 Entree and level 2 students,
  mostly retail and logistiek, in Hilversum, Huizen, Gooise Meren, Wijdemeren, Blaricum, Laren
  and Eemnes.
- Zuid-Kennemerland en IJmond: the 1,134 pupils of seven praktijkonderwijs (PRO) and VSO schools
  (sizes of 1 October 2018), sectors groen, retail, horeca, zorg and techniek, at their school's
  level (`pro` or `vso`) with an exit profile (uitstroomprofiel). The `school` column names each
  pupil's school.

Every pupil, internship and employer has a postcode: a real four-digit area of its town (from the
bundled GeoNames table, CC BY 4.0), drawn by a random generator of its own so that the other
columns are the same as before postcodes existed.

Usage: python3 Samples/make_samples.py   (from the repository root)
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
POSTCODES = os.path.join(HERE, "..", "Sources", "BPVGeography", "Resources", "nl-postcodes.csv")


def areas_of_towns():
    """Town name -> its PC4 codes in Noord-Holland or Utrecht (Laren is the Gooi's, not Lochem's)."""
    out = {}
    with open(POSTCODES, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["province"] not in ("Noord-Holland", "Utrecht"):
                continue
            name = row["place"][:-3] if row["place"].endswith(" NH") else row["place"]
            out.setdefault(name, []).append(row["pc4"])
    return out


AREAS = areas_of_towns()
NAMES = ["Noë", "Daan", "Fleur", "Sem", "Zoë", "Milan", "Saar", "Luuk", "Anouk", "Mohammed", "Aylin", "Jesse",
         "Iris", "Bram", "Yasmina", "Thijs", "Lotte", "Rayan", "Eva", "Sven", "Fenna", "Ömer", "Jade", "Kees"]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# The Kennemerland files speak Dutch, as a school's own export does: column names and values.
DUTCH_COLUMNS = {"name": "naam", "level": "niveau", "sectors": "sectoren", "town": "woonplaats", "travel_mode": "vervoer",
                 "max_travel_min": "max_reistijd", "needs": "aanpassingen", "certificates": "certificaten", "priority": "prioriteit",
                 "coach": "mentor", "profile": "uitstroomprofiel", "available_from": "beschikbaar_vanaf", "employer": "bedrijf",
                 "capacity": "plaatsen", "support_capacity": "plaatsen_met_begeleiding", "offers": "biedt", "requires": "vereist",
                 "levels": "niveaus", "employer_id": "werkgever_id", "contact": "contactpersoon", "phone": "telefoon"}
DUTCH_WORDS = {"retail": "detailhandel", "zorg": "zorg en welzijn", "bike": "fiets", "walk": "lopen", "quiet": "prikkelarm",
               "fixed_mentor": "vaste_werkbegeleider", "clear_instructions": "duidelijke_instructies", "wheelchair": "rolstoel"}


def dutch(header, rows, columns):
    """The header in Dutch, and the words of `columns` (lists split by |) in Dutch."""
    out = []
    for row in rows:
        row = list(row)
        for k, name in enumerate(header):
            if name in columns and isinstance(row[k], str):
                row[k] = "|".join(DUTCH_WORDS.get(w, w) for w in row[k].split("|"))
        out.append(row)
    return [DUTCH_COLUMNS.get(h, h) for h in header], out


def write_region(path, region, header, rows, columns):
    if region == "kennemerland":
        header, rows = dutch(header, rows, columns)
    write(path, header, rows)


def gooi(rng):
    towns = ["Hilversum"] * 5 + ["Huizen"] * 3 + ["Bussum"] * 2 + ["Naarden", "Muiden", "Blaricum", "Laren", "Eemnes",
                                                                      "Loosdrecht", "Kortenhoef", "Ankeveen",
                                                                      "Nederhorst den Berg"]
    students = []
    for k in range(1, 101):
        sectors = rng.choice([["retail"], ["logistiek"], ["retail", "logistiek"], ["logistiek", "retail"],
                              ["retail", "horeca"], ["zorg", "retail"]])
        needs = [n for n, p in [("jobcoach", 0.15), ("quiet", 0.15), ("fixed_mentor", 0.2), ("nt2", 0.1),
                                ("clear_instructions", 0.25)] if rng.random() < p]
        certs = ["heftruck"] if "logistiek" in sectors and rng.random() < 0.3 else []
        # The draws in the order they always had (the files stay as they were).
        name, level, town = rng.choice(NAMES), rng.choice(["entree", "entree", "2"]), rng.choice(towns)
        students.append([f"GV-{k:03d}", name, level, "|".join(sectors), town, PLACE.choice(AREAS[town]), rng.choice(["bike", "bike", "ov", "walk"]), rng.choice([20, 30, 30, 45]),
                         "|".join(needs), "|".join(certs), 1 if rng.random() < 0.1 else 0, f"mentor-{(k - 1) // 20 + 1}"])
    students_header = ["id", "name", "level", "sectors", "town", "postcode", "travel_mode", "max_travel_min", "needs",
                       "certificates", "priority", "coach"]
    internships = []
    for k in range(1, 46):
        sector = rng.choice(["retail"] * 5 + ["logistiek"] * 3 + ["horeca", "zorg"])
        cap = rng.choice([1, 2, 2, 3, 3, 4])
        offers = ["clear_instructions", "fixed_mentor"] + [o for o, p in [("jobcoach", 0.4), ("quiet", 0.4), ("nt2", 0.3)]
                                                          if rng.random() < p]
        requires = ["heftruck"] if sector == "logistiek" and rng.random() < 0.25 else []
        rng.choice(towns)  # once the name's town; the name now says where the internship is
        town = rng.choice(towns)
        internships.append([f"GVI-{k:03d}", f"{sector.capitalize()} {town} {k}", sector, town, PLACE.choice(AREAS[town]), cap,
                            rng.randint(1, cap) if "jobcoach" in offers else 0, "|".join(offers), "|".join(requires),
                            "entree|2", f"1{rng.randint(10000000, 99999999)}"])
    return students_header, students, internships


def kennemerland(rng):
    schools = [("Tender College", "IJmuiden", "PRO", 138), ("Kennemer Praktijkschool", "Heemskerk", "PRO", 190),
               ("Praktijkcollege De Schakel", "Haarlem", "PRO", 131), ("Oost Ter Hout", "Haarlem", "PRO", 241),
               ("Heliomare College", "Heemskerk", "VSO", 220), ("Het Molenduin", "Driehuis", "VSO", 120),
               ("Prof. Dr. Gunningschool", "Haarlem", "VSO", 94)]
    near = {"IJmuiden": ["IJmuiden", "Velsen-Noord", "Driehuis"], "Heemskerk": ["Heemskerk", "Beverwijk", "Uitgeest"],
            "Haarlem": ["Haarlem", "Haarlem", "Heemstede", "Bloemendaal"], "Driehuis": ["Driehuis", "Santpoort-Noord", "IJmuiden"]}
    towns = ["Haarlem"] * 6 + ["IJmuiden", "Velsen-Noord", "Driehuis", "Santpoort-Noord", "Heemskerk", "Heemskerk", "Beverwijk",
                               "Beverwijk", "Heemstede", "Bloemendaal", "Zandvoort", "Uitgeest"]
    sectors_all = ["groen", "retail", "horeca", "zorg", "techniek"]
    students = []
    k = 0
    for school, town, kind, size in schools:
        for _ in range(size):
            k += 1
            sectors = rng.sample(sectors_all, rng.choice([1, 2, 2, 3]))
            vso = kind == "VSO"
            needs = [n for n, p in [("jobcoach", 0.35 if vso else 0.12), ("quiet", 0.3 if vso else 0.15),
                                    ("fixed_mentor", 0.3), ("clear_instructions", 0.4),
                                    ("wheelchair", 0.06 if school == "Heliomare College" else 0.0),
                                    ("nt2", 0.08)] if rng.random() < p]
            certs = ["vca"] if "techniek" in sectors and rng.random() < 0.2 else []
            name, home = rng.choice(NAMES), rng.choice(near[town])
            students.append([f"ZK-{k:04d}", name, "vso" if vso else "pro", "|".join(sectors), home, PLACE.choice(AREAS[home]),
                             rng.choice(["bike", "bike", "ov", "ov", "walk"] + (["ov"] if vso else [])),
                             rng.choice([20, 30, 30, 45, 60]), "|".join(needs), "|".join(certs),
                             1 if rng.random() < (0.15 if vso else 0.08) else 0, f"coach-{school.split()[0][:4]}-{k % 12 + 1}",
                             school, PROFILE.choice(["dagbesteding", "arbeidsmarkt", "arbeidsmarkt", "vervolgonderwijs"] if vso
                                                    else ["arbeidsmarkt"] * 4 + ["vervolgonderwijs"])])
    students_header = ["id", "name", "level", "sectors", "town", "postcode", "travel_mode", "max_travel_min", "needs",
                       "certificates", "priority", "coach", "school", "profile"]
    internships = []
    for k in range(1, 461):
        sector = rng.choice(sectors_all)
        cap = rng.choice([1, 2, 2, 3, 3, 4, 5])
        offers = ["clear_instructions"] + [o for o, p in [("jobcoach", 0.45), ("quiet", 0.4), ("fixed_mentor", 0.6),
                                                          ("wheelchair", 0.15), ("nt2", 0.2)] if rng.random() < p]
        requires = ["vca"] if sector == "techniek" and rng.random() < 0.2 else (["vog"] if sector == "zorg" and rng.random() < 0.1 else [])
        rng.choice(towns)  # once the name's town; the name now says where the internship is
        town = rng.choice(towns)
        internships.append([f"ZKI-{k:04d}", f"{sector.capitalize()} {town} {k}", sector, town, PLACE.choice(AREAS[town]), cap,
                            rng.randint(1, cap) if "jobcoach" in offers else 0, "|".join(offers), "|".join(requires),
                            "pro|vso|entree|2", f"1{rng.randint(10000000, 99999999)}"])
    return students_header, students, internships


# The placement year. Added with a random generator of its own, so that the columns above are the
# same as before the year existed (tests and README figures rest on them).
FIRST_INTAKE, SECOND_INTAKE, JOINED = "2026-09-01", "2026-11-16", "2026-10-01"
CHAINS = {"retail": ["Buurtsuper", "Bouwmarkt", "Kringloop", "Drogisterij"], "logistiek": ["Transport", "Distributie"],
          "horeca": ["Lunchroom", "Eetcafe"], "zorg": ["Woonzorg", "Zorgboerderij"], "groen": ["Hoveniers", "Kwekerij"],
          "techniek": ["Installatie", "Garage"]}
STAFF = ["P. de Vries", "M. Jansen", "A. Bakker", "S. Visser", "R. Smit", "L. Meijer", "K. de Boer", "H. Mulder"]


def year(rng, region, prefix, students_header, students, internships):
    """Two intake moments, employers with several internships, and last school year's history.

    - students: `available_from` (the first intake, or the second for about a fifth);
    - internships: `available_from` for the few employers that joined after the start, and
      `employer_id`: internships of one sector next to each other in the file are often branches
      of one employer (up to three), whose record is in `{region}-employers.csv`;
    - `{region}-history.bpv`: a bpv script (script mode) that records last year's placements of
      about one student in eight, completed or broken down (`make demo` runs it). A breakdown is
      at an internship outside the sectors the student wishes now, so it changes no round of today.
    """
    for s in students:
        s.append(SECOND_INTAKE if rng.random() < 0.2 else FIRST_INTAKE)
    write_region(os.path.join(HERE, f"{region}-students.csv"), region, students_header + ["available_from"], students,
                 ["sectors", "travel_mode", "needs"])
    employers, current = [], None
    for i in internships:
        sector, town, postcode = i[2], i[3], i[4]
        if current and current["sector"] == sector and len(current["internships"]) < 3 and rng.random() < 0.45:
            current["internships"].append(i)
        else:
            n = len(employers) + 1
            current = {"id": f"{prefix}E-{n:03d}", "sector": sector, "internships": [i],
                       "name": f"{rng.choice(CHAINS[sector])} {town} {n}", "town": town, "postcode": postcode, "leerbedrijf_id": i[10]}
            employers.append(current)
    for e in employers:
        for i in e["internships"]:
            i.append(JOINED if rng.random() < 0.06 else "")
            i.append(e["id"])
    write_region(os.path.join(HERE, f"{region}-internships.csv"), region,
                 ["id", "employer", "sector", "town", "postcode", "capacity", "support_capacity", "offers", "requires", "levels",
                  "leerbedrijf_id", "available_from", "employer_id"], internships, ["sector", "offers"])
    write_region(os.path.join(HERE, f"{region}-employers.csv"), region, ["id", "name", "leerbedrijf_id", "town", "postcode", "contact", "phone", "email"],
          [[e["id"], e["name"], e["leerbedrijf_id"], e["town"], e["postcode"], rng.choice(STAFF), f"0{rng.randint(20, 79)}-{rng.randint(1000000, 9999999)}",
            f"bpv@{e['id'].lower()}.example"] for e in employers], [])
    lines = [f"# {region}: last school year's placements (written by Samples/make_samples.py; run by make demo)"]
    for s in students:
        if s[-1] != FIRST_INTAKE or rng.random() >= 0.125:
            continue
        wished = s[3].split("|")
        broke = rng.random() < 0.2
        coach = "jobcoach" in s[8].split("|")
        pool = [i for i in internships if (i[2] not in wished) == broke and (not coach or int(i[6]) > 0)]
        i = rng.choice(pool)
        lines += [f"propose {s[0]} {i[0]} intake 2025", f"accept {s[0]}", f"start {s[0]} 2025-09-08"]
        if broke:
            lines.append(f"end {s[0]} broke_down stopped going after a conflict on 2025-10-20")
        else:
            lines.append(f"end {s[0]} completed first placement done on 2026-01-26")
    with open(os.path.join(HERE, f"{region}-history.bpv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# Postcodes and exit profiles come from generators of their own (see the module's note).
PLACE = random.Random(4)
PROFILE = random.Random(5)

if __name__ == "__main__":
    year(random.Random(2026), "gooi", "GV", *gooi(random.Random(2024)))
    year(random.Random(2027), "kennemerland", "ZK", *kennemerland(random.Random(2018)))
