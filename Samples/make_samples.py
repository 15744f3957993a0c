#!/usr/bin/env python3
"""Writes the two synthetic sample regions as CSV (deterministic: same script, same files).

All records are invented. Geography, school sizes and sectors follow the project's domain notes:
- Gooi en Vechtstreek: a Productief Leren style group of about 100 Entree and level 2 students,
  mostly retail and logistiek, in Hilversum, Huizen, Gooise Meren, Wijdemeren, Blaricum, Laren
  and Eemnes.
- Zuid-Kennemerland en IJmond: the 1,134 pupils of seven praktijkonderwijs (PRO) and VSO schools
  (sizes of 1 October 2018), sectors groen, retail, horeca, zorg and techniek. PRO and VSO pupils
  are recorded at level entree. The extra `school` column shows that unknown columns are ignored.

Usage: python3 Samples/make_samples.py   (from the repository root)
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ["Noë", "Daan", "Fleur", "Sem", "Zoë", "Milan", "Saar", "Luuk", "Anouk", "Mohammed", "Aylin", "Jesse",
         "Iris", "Bram", "Yasmina", "Thijs", "Lotte", "Rayan", "Eva", "Sven", "Fenna", "Ömer", "Jade", "Kees"]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


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
        students.append([f"GV-{k:03d}", rng.choice(NAMES), rng.choice(["entree", "entree", "2"]), "|".join(sectors),
                         rng.choice(towns), rng.choice(["bike", "bike", "ov", "walk"]), rng.choice([20, 30, 30, 45]),
                         "|".join(needs), "|".join(certs), 1 if rng.random() < 0.1 else 0, f"mentor-{(k - 1) // 20 + 1}"])
    write(os.path.join(HERE, "gooi-students.csv"),
          ["id", "name", "level", "sectors", "town", "travel_mode", "max_travel_min", "needs", "certificates",
           "priority", "coach"], students)
    internships = []
    for k in range(1, 46):
        sector = rng.choice(["retail"] * 5 + ["logistiek"] * 3 + ["horeca", "zorg"])
        cap = rng.choice([1, 2, 2, 3, 3, 4])
        offers = ["clear_instructions", "fixed_mentor"] + [o for o, p in [("jobcoach", 0.4), ("quiet", 0.4), ("nt2", 0.3)]
                                                          if rng.random() < p]
        requires = ["heftruck"] if sector == "logistiek" and rng.random() < 0.25 else []
        internships.append([f"GVI-{k:03d}", f"{sector.capitalize()} {rng.choice(towns)} {k}", sector, rng.choice(towns), cap,
                            rng.randint(1, cap) if "jobcoach" in offers else 0, "|".join(offers), "|".join(requires),
                            "entree|2", f"1{rng.randint(10000000, 99999999)}"])
    write(os.path.join(HERE, "gooi-internships.csv"),
          ["id", "employer", "sector", "town", "capacity", "support_capacity", "offers", "requires", "levels",
           "leerbedrijf_id"], internships)


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
            students.append([f"ZK-{k:04d}", rng.choice(NAMES), "entree", "|".join(sectors), rng.choice(near[town]),
                             rng.choice(["bike", "bike", "ov", "ov", "walk"] + (["ov"] if vso else [])),
                             rng.choice([20, 30, 30, 45, 60]), "|".join(needs), "|".join(certs),
                             1 if rng.random() < (0.15 if vso else 0.08) else 0, f"coach-{school.split()[0][:4]}-{k % 12 + 1}",
                             school])
    write(os.path.join(HERE, "kennemerland-students.csv"),
          ["id", "name", "level", "sectors", "town", "travel_mode", "max_travel_min", "needs", "certificates", "priority",
           "coach", "school"], students)
    internships = []
    for k in range(1, 461):
        sector = rng.choice(sectors_all)
        cap = rng.choice([1, 2, 2, 3, 3, 4, 5])
        offers = ["clear_instructions"] + [o for o, p in [("jobcoach", 0.45), ("quiet", 0.4), ("fixed_mentor", 0.6),
                                                          ("wheelchair", 0.15), ("nt2", 0.2)] if rng.random() < p]
        requires = ["vca"] if sector == "techniek" and rng.random() < 0.2 else (["vog"] if sector == "zorg" and rng.random() < 0.1 else [])
        internships.append([f"ZKI-{k:04d}", f"{sector.capitalize()} {rng.choice(towns)} {k}", sector, rng.choice(towns), cap,
                            rng.randint(1, cap) if "jobcoach" in offers else 0, "|".join(offers), "|".join(requires),
                            "entree|2", f"1{rng.randint(10000000, 99999999)}"])
    write(os.path.join(HERE, "kennemerland-internships.csv"),
          ["id", "employer", "sector", "town", "capacity", "support_capacity", "offers", "requires", "levels",
           "leerbedrijf_id"], internships)


if __name__ == "__main__":
    gooi(random.Random(2024))
    kennemerland(random.Random(2018))
