#!/usr/bin/env python3
"""What users wait on (issue 22): `bpv match`, `gaps`, `report` and a tweak through the shell
on generated workspaces, each beside `bpv solve --dimacs` of the very round `match` stored.

Usage (from the repository root, after `make release`; `make bench-waits` does both):

    python3 Benchmarks/waits/waits.py                       # the whole matrix
    python3 Benchmarks/waits/waits.py --students 20000 --ratios 0.75 --regions utrecht

For each region (a box of PC4 areas from the bundled postcode table, with its own seed and
travel modes), size and places ratio it writes a students and an internships file in the
school's format (`;`, postcodes), imports them into a fresh workspace and measures, whole
process, wall time and peak resident memory (`/usr/bin/time`):
- `bpv match` (load, candidate graph, cold solve, certificate, store), then
- `bpv export dimacs` of that round (exported before the match: the round it solves) and
  `bpv solve --dimacs` of the file: the engine alone;
  `match / solve` shows at once what `match` costs beyond the engine;
- a first `match` in the shell on a copy (`timer on`), whose time is followed by its parts (load,
  graph, solve, certify, store): `graph s` is the candidate graph's build, and
  `match / (solve + graph)` the figure issue 22 bounds by 1.3;
- with `--gaps`, `gaps` and `report` through the shell after a match (`timer on`), and forty
  ban/unban pairs of placed students' own places (median and p90, 1 ms resolution).
Prints a Markdown table. The same options always write the same files.
"""
import argparse
import csv
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BPV = os.path.join(ROOT, ".build", "release", "bpv")
POSTCODES = os.path.join(ROOT, "Sources", "BPVGeography", "Resources", "nl-postcodes.csv")

# Regions: centre, half side in km, seed, travel modes (weighted by repetition).
REGIONS = {
    "utrecht": dict(centre=(52.09, 5.12), half=30, seed=1, modes=["bike", "bike", "ov", "walk", "scooter"]),
    "twente": dict(centre=(52.25, 6.80), half=40, seed=2, modes=["bike", "ov", "ov", "car", "scooter"]),
    "rijnmond": dict(centre=(51.92, 4.48), half=20, seed=3, modes=["bike", "walk", "ov", "ov"]),
}
SECTORS = ["retail", "logistiek", "zorg", "techniek", "horeca", "groen"]


def areas(region):
    lat0, lon0 = region["centre"]
    dlat = region["half"] / 111.0
    dlon = region["half"] / (111.0 * math.cos(math.radians(lat0)))
    with open(POSTCODES, newline="") as f:
        return sorted({r["pc4"] for r in csv.DictReader(f)
                       if abs(float(r["lat"]) - lat0) <= dlat and abs(float(r["lon"]) - lon0) <= dlon})


def write_files(folder, region, students, ratio):
    rng = random.Random(region["seed"] * 1000003 + students)
    pcs = areas(region)
    with open(os.path.join(folder, "students.csv"), "w") as f:
        f.write("id;level;sectors;postcode;travel_mode;max_travel_min;needs;coach\n")
        for k in range(students):
            sectors = "|".join(rng.sample(SECTORS, rng.randint(1, 3)))
            needs = rng.choice(["", "", "", "jobcoach", "quiet"])
            f.write(f"S-{k:05d};{rng.choice(['pro', 'vso', 'entree', '2'])};{sectors};{rng.choice(pcs)};"
                    f"{rng.choice(region['modes'])};{rng.choice([30, 45, 60])};{needs};coach-{k % 300}\n")
    # Internships of 1 to 4 places (mean 2.5) until the places reach the ratio.
    places, k = 0, 0
    with open(os.path.join(folder, "internships.csv"), "w") as f:
        f.write("id;employer;sector;postcode;capacity;support_capacity;offers;levels\n")
        while places < ratio * students:
            cap = rng.randint(1, 4)
            f.write(f"I-{k:05d};Bedrijf {k};{rng.choice(SECTORS)};{rng.choice(pcs)};{cap};{rng.randint(0, min(cap, 1))};"
                    f"{rng.choice(['', 'jobcoach', 'jobcoach|quiet', 'quiet'])};\n")
            places += cap
            k += 1
    return k, places


def timed(args, stdin=None):
    """Wall seconds and peak resident MB of one whole process."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{out.stdout}\n{out.stderr}")
    wall, kb = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024, out.stdout


def shell_times(db, script, limit):
    """The shell's `timer on` times, or None when the script takes over `limit` seconds."""
    try:
        out = subprocess.run([BPV, "shell", "--db", db], input=script, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    return [float(m) for m in re.findall(r"Run Time: real ([0-9.]+)", out.stdout + out.stderr)]


def run(region_name, students, ratio, gaps, limit):
    region = REGIONS[region_name]
    folder = tempfile.mkdtemp(prefix="bpv-waits-")
    try:
        internships, places = write_files(folder, region, students, ratio)
        db = os.path.join(folder, "w.sqlite")
        timed([BPV, "import", "students", os.path.join(folder, "students.csv"), "--db", db])
        timed([BPV, "import", "internships", os.path.join(folder, "internships.csv"), "--db", db])
        fresh = os.path.join(folder, "fresh.sqlite")
        shutil.copy(db, fresh)
        # The round `match` solves, exported before it: after the match the stored draft is the
        # previous draft, whose stability bonus makes every student's new place their cheapest
        # arc, a round the greedy pass nearly solves (Utrecht 30k places 0.9: 0.09 s against 0.47 s
        # for the round the match solved; this file's figures before session 14 were of that one).
        dimacs = os.path.join(folder, "round.min")
        timed([BPV, "export", "dimacs", dimacs, "--db", db])
        match_s, match_mb, out = timed([BPV, "match", "--db", db])
        placed = re.search(r"([0-9]+) of ([0-9]+) placed", out).group(1)
        solve_s, solve_mb, solved = timed([BPV, "solve", "--dimacs", dimacs])
        arcs = int(re.search(r"([0-9]+) arcs", solved).group(1))
        row = dict(region=region_name, students=students, ratio=ratio, places=places, placed=int(placed), arcs=arcs,
                   match=match_s, match_mb=match_mb, solve=solve_s, solve_mb=solve_mb)
        # The same first match in a shell: its time line names the parts.
        copy = os.path.join(folder, "parts.sqlite")
        shutil.copy(fresh, copy)
        out = subprocess.run([BPV, "shell", "--db", copy], input="timer on\nmatch\n", capture_output=True, text=True, timeout=limit)
        parts = re.search(r"Run Time parts: (.*)", out.stdout)
        if parts:
            words = parts.group(1).split()
            row["parts"] = {words[k]: float(words[k + 1]) for k in range(0, len(words) - 1, 2)}
        if gaps:
            import sqlite3
            pairs = sqlite3.connect(db).execute(
                "SELECT student_id, internship_id FROM placement WHERE round_id = (SELECT MAX(round_id) FROM placement)"
                " AND internship_id IS NOT NULL ORDER BY student_id LIMIT 40").fetchall()
            script = "match\ntimer on\ngaps\nreport " + os.path.join(folder, "r.html") + "\n"
            script += "".join(f"ban {s} {i}\nunban {s} {i}\n" for s, i in pairs)
            times = shell_times(fresh, script, limit)
            if times is None:
                row.update(timeout=limit)
            else:
                # timer on, gaps, report, then the tweaks (the first pays the rebase and the index).
                tweaks = sorted(times[4:])
                row.update(gaps=times[1], report=times[2], first_tweak=times[3],
                           tweak_median=statistics.median(tweaks), tweak_p90=tweaks[int(len(tweaks) * 0.9)],
                           tweak_p99=tweaks[min(len(tweaks) - 1, int(len(tweaks) * 0.99))])
        return row
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--students", type=int, nargs="*", default=[20000, 30000])
    p.add_argument("--ratios", type=float, nargs="*", default=[0.6, 0.75, 0.9, 1.1])
    p.add_argument("--regions", nargs="*", default=["utrecht", "twente"])
    p.add_argument("--gaps", action="store_true", help="also gaps, report and tweaks through the shell")
    p.add_argument("--timeout", type=int, default=300, help="seconds the shell part may take (then: over)")
    a = p.parse_args()
    if not os.path.exists(BPV):
        sys.exit("build bpv first: make release")
    head = ("| region | students | places | placed | arcs | match s | match MB | solve s | solve MB | match/solve |"
            " graph s | match / (solve + graph) |")
    if a.gaps:
        head += " gaps s | report s | first tweak s | tweak median ms | p90 ms | p99 ms |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for region in a.regions:
        for n in a.students:
            for ratio in a.ratios:
                r = run(region, n, ratio, a.gaps, a.timeout)
                line = (f"| {r['region']} | {r['students']} | {r['places']} ({ratio}) | {r['placed']} | {r['arcs'] / 1e6:.2f} M | "
                        f"{r['match']:.2f} | {r['match_mb']:.0f} | {r['solve']:.2f} | {r['solve_mb']:.0f} | {r['match'] / r['solve']:.1f} |")
                graph = r.get("parts", {}).get("graph")
                line += " - | - |" if graph is None else f" {graph:.2f} | {r['match'] / (r['solve'] + graph):.2f} |"
                if a.gaps and "timeout" in r:
                    line += f" over {r['timeout']} s (shell stopped) | | | | | |"
                elif a.gaps:
                    line += (f" {r['gaps']:.2f} | {r['report']:.2f} | {r['first_tweak']:.2f} | {r['tweak_median'] * 1000:.0f} |"
                             f" {r['tweak_p90'] * 1000:.0f} | {r['tweak_p99'] * 1000:.0f} |")
                print(line, flush=True)


if __name__ == "__main__":
    main()
