#!/usr/bin/env python3
"""Side-by-side comparison of `bpv solve --dimacs` with LEMON and OR-Tools on identical files.

Usage (from the repository root):

    python3 Benchmarks/peers/compare.py                 # all instances, 3 runs each
    python3 Benchmarks/peers/compare.py --sizes 10k --repeat 5

What it does:
1. Installs what is missing: Debian's liblemon-dev (LEMON) and PyPI's ortools; builds the
   LEMON runner (lemon_solve.cpp) and bpv in release mode.
2. Writes each instance with `bpv generate` (same parameters as the package-benchmark suite).
3. Runs each solver `--repeat` times on the same file and takes the median:
   - bpv: the wall time of the whole process `bpv solve --dimacs FILE` (read, solve, certify),
     and its processor time beside it (a shortage round's two sides race on two threads);
   - LEMON: its own read time plus NetworkSimplex time (printed by the runner);
   - OR-Tools: SimpleMinCostFlow's solve time (reading in Python is not counted).
4. Checks that all three report the same optimal cost, then prints a Markdown table with the
   ratios bpv/LEMON and bpv/OR-Tools and bpv's peak resident memory per arc.

Exit status 1 if any cost disagrees.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = os.path.join(ROOT, ".peers")
BPV = os.path.join(ROOT, ".build", "release", "bpv")
LEMON = os.path.join(WORK, "lemon_solve")

# Keep in step with Benchmarks/Benchmarks/SolverBenchmarks/SolverBenchmarks.swift.
INSTANCES = {
    # A Gooi-sized group scaled up: 1,000 students in a 40 km region.
    "1k": dict(students=1000, internships=300, seed=1, area=40, capacity=3),
    # A dense metropolitan region, about 7 million candidate arcs.
    "10k": dict(students=10000, internships=5000, seed=1, area=22, capacity=3),
    # A national cohort over a large area, about 7.4 million arcs, places 1.2 times the students.
    "30k": dict(students=30000, internships=9000, seed=1, area=110, capacity=4),
    # The same with mean capacity 3: 15% fewer places than students (a stress case).
    "30k-shortage": dict(students=30000, internships=9000, seed=1, area=110, capacity=3),
    # National scale (issue 22): 100,000 students, 30,000 internships over 250 km, about 34
    # million arcs, places for 85%. Not in the default sizes (`--sizes national`): LEMON needs
    # 3 GB and a minute a run; OR-Tools is not run (its Python reader would need far more).
    "national": dict(students=100000, internships=30000, seed=7, area=250, capacity=3, ortools=False),
}
# The balance sweep (engine issue): the 30k region with places from 0.6 to 1.3 times the students.
SWEEP = [0.6, 0.75, 0.85, 0.95, 0.98, 1.0, 1.02, 1.05, 1.2, 1.3]
for ratio in SWEEP:
    INSTANCES[f"sweep-{ratio:.2f}"] = dict(students=30000, internships=9000, seed=1, area=110, ratio=ratio)
# Square sparse assignments of the NETGEN family's shape (engine issue): everyone placed, one
# place per internship, degree 10, costs 1 to 10,000; OR-Tools' LinearSumAssignment runs too.
for n in [10_000, 100_000, 200_000, 300_000]:
    INSTANCES[f"square-{n // 1000}k"] = dict(students=n, internships=n, seed=1, degree=10, square=True)
GROUPS = {"sweep": "sweep-", "square": "square-"}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def ensure_tools():
    os.makedirs(WORK, exist_ok=True)
    if not os.path.exists("/usr/include/lemon/network_simplex.h"):
        log("installing liblemon-dev ...")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "liblemon-dev"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    try:
        import ortools  # noqa: F401
    except ImportError:
        log("installing ortools ...")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "ortools"], check=True)
    src = os.path.join(ROOT, "Benchmarks", "peers", "lemon_solve.cpp")
    if not os.path.exists(LEMON) or os.path.getmtime(LEMON) < os.path.getmtime(src):
        log("building the LEMON runner ...")
        subprocess.run(["g++", "-O2", "-o", LEMON, src, "-llemon"], check=True)
    log("building bpv (release) ...")
    subprocess.run(["swift", "build", "-c", "release", "--product", "bpv"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def run_measured(cmd):
    """Runs cmd; returns (stdout, wall seconds, peak RSS in KiB, processor seconds) of that process alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err.decode()}")
    return out.decode(), wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GiB"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1k,10k,30k,30k-shortage,sweep,square",
                    help="comma-separated instance names; 'sweep' and 'square' stand for every instance of that group")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ensure_tools()

    rows = []
    ok = True
    names = []
    for name in args.sizes.split(","):
        names += [n for n in INSTANCES if n.startswith(GROUPS[name])] if name in GROUPS else [name]
    for name in names:
        spec = INSTANCES[name]
        path = os.path.join(WORK, f"{name}.dimacs")
        if spec.get("square"):
            gen = [BPV, "generate", "--shape", "square", "--students", str(spec["students"]),
                   "--degree", str(spec["degree"]), "--seed", str(spec["seed"]), "--out", path]
        else:
            gen = [BPV, "generate", "--students", str(spec["students"]), "--internships", str(spec["internships"]),
                   "--seed", str(spec["seed"]), "--area-km", str(spec["area"]), "--out", path]
            gen += ["--places-ratio", str(spec["ratio"])] if "ratio" in spec else ["--mean-capacity", str(spec["capacity"])]
        log(" ".join(gen[1:]))
        subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)

        bpv_runs, lemon_runs, ortools_runs, lsa_runs = [], [], [], []
        for i in range(args.repeat):
            out, wall, rss, cpu = run_measured([BPV, "solve", "--dimacs", path, "--json"])
            b = json.loads(out)
            b["wall_ms"] = wall * 1000
            b["cpu_ms"] = cpu * 1000
            b["rss_kib"] = rss
            bpv_runs.append(b)
            out, wall, rss, _ = run_measured([LEMON, path])
            lm = json.loads(out)
            lm["rss_kib"] = rss
            lemon_runs.append(lm)
            if spec.get("ortools", True):
                out, _, _, _ = run_measured([sys.executable, os.path.join(ROOT, "Benchmarks", "peers", "ortools_solve.py"), path])
                ortools_runs.append(json.loads(out))
            if spec.get("square"):
                out, _, _, _ = run_measured([sys.executable, os.path.join(ROOT, "Benchmarks", "peers", "ortools_lsa.py"), path])
                lsa_runs.append(json.loads(out))
            ortools_note = f", OR-Tools {ortools_runs[-1]['solve_ms']:.0f} ms" if ortools_runs else ""
            log(f"  {name} run {i + 1}: bpv {bpv_runs[-1]['wall_ms']:.0f} ms (processor {bpv_runs[-1]['cpu_ms']:.0f} ms), "
                f"LEMON {lm['read_ms'] + lm['solve_ms']:.0f} ms{ortools_note}")

        costs = {("bpv", r["cost"]) for r in bpv_runs} | {("LEMON", r["cost"]) for r in lemon_runs} | \
                {("OR-Tools", r["cost"]) for r in ortools_runs} | {("LSA", r["cost"]) for r in lsa_runs}
        agree = len({c for _, c in costs}) == 1
        ok = ok and agree
        med = statistics.median
        bpv_ms = med(r["wall_ms"] for r in bpv_runs)
        lemon_ms = med(r["read_ms"] + r["solve_ms"] for r in lemon_runs)
        ortools_ms = med(r["solve_ms"] for r in ortools_runs) if ortools_runs else None
        rows.append(dict(
            name=name, students=spec["students"], arcs=bpv_runs[0]["arcs"], placed=bpv_runs[0]["placed"],
            cost=bpv_runs[0]["cost"], agree=agree, bpv_ms=bpv_ms, bpv_cpu=med(r["cpu_ms"] for r in bpv_runs),
            bpv_read=med(r["read_ms"] for r in bpv_runs), bpv_solve=med(r["match_ms"] for r in bpv_runs),
            bpv_cert=med(r["certify_ms"] for r in bpv_runs),
            lemon_read=med(r["read_ms"] for r in lemon_runs), lemon_solve=med(r["solve_ms"] for r in lemon_runs),
            lemon_ms=lemon_ms, ortools_ms=ortools_ms,
            lsa_ms=med(r["solve_ms"] for r in lsa_runs) if lsa_runs else None,
            rss_mib=max(r["rss_kib"] for r in bpv_runs) / 1024,
            lemon_rss_mib=max(r["rss_kib"] for r in lemon_runs) / 1024))

    print(f"Machine: {machine()}. Median of {args.repeat} runs; bpv is the whole `bpv solve --dimacs` process "
          "(wall time; its processor time, user and system, beside it).\n")
    print("| instance | arcs | placed | optimal cost (all agree) | bpv total ms (read / solve / certify) | bpv processor ms "
          "| LEMON read + NetworkSimplex ms | OR-Tools solve ms | bpv / LEMON | bpv / OR-Tools | bpv peak RSS | bytes per arc "
          "| OR-Tools LinearSumAssignment ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    base = next((r["rss_mib"] for r in rows if r["name"] == "1k"), None)
    for r in rows:
        per_arc = r["rss_mib"] * 2**20 / r["arcs"]
        lsa = "" if r["lsa_ms"] is None else f"{r['lsa_ms']:.0f}"
        ortools = "not run" if r["ortools_ms"] is None else f"{r['ortools_ms']:.0f}"
        versus_ortools = "" if r["ortools_ms"] is None else f"{r['bpv_ms'] / r['ortools_ms']:.2f}"
        extra = f" ({(r['rss_mib'] - base) * 2**20 / r['arcs']:.1f} above the 1k run)" if base and r["name"] != "1k" else ""
        print(f"| {r['name']} | {r['arcs']:,} | {r['placed']:,} of {r['students']:,} | {r['cost']}"
              f"{'' if r['agree'] else ' **DISAGREE**'} | {r['bpv_ms']:.0f} ({r['bpv_read']:.0f} / {r['bpv_solve']:.0f} / "
              f"{r['bpv_cert']:.0f}) | {r['bpv_cpu']:.0f} | {r['lemon_ms']:.0f} ({r['lemon_read']:.0f} + {r['lemon_solve']:.0f}) | "
              f"{ortools} | {r['bpv_ms'] / r['lemon_ms']:.2f} | {versus_ortools} | "
              f"{r['rss_mib']:.0f} MiB | {per_arc:.1f}{extra} | {lsa} |")
    if not ok:
        log("ERROR: the solvers disagree on an optimal cost")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
