#!/usr/bin/env python3
"""The register on a region's server against the same register in a file (issue 23): cold
`match`, opening the register (`stats`), and a tweak through the shell, at 30,000 pupils.

Usage (from the repository root, after `make release`; `make bench-server` does both):

    python3 Benchmarks/waits/server.py                          # 30,000 pupils, places 0.75
    python3 Benchmarks/waits/server.py --students 20000 --ratios 0.6 0.9 --regions twente rijnmond

Starts a PostgreSQL server of its own (initdb in a temporary folder, a Unix socket, no TCP;
the default durability: fsync and synchronous commits on), writes the students and
internships as `waits.py` does (`--regions`, Utrecht by default), imports them into a workspace file, copies
that into a region on the server (`bpv copy`) and measures, whole process, wall time and peak
resident memory, as a regional coordinator (a member of `bpv_regional`, the policies applied):
`bpv stats` (open: the server's load of the mirror); a first `bpv match` (whole process) and a
first `match` in a shell already open (`timer on`: the wait at the prompt), each on fresh copies
of the same region, the two homes in turn, `--repeat` times in all (medians; each run's
server/file ratio printed under the row, since this machine's noise is as large as the
differences); and forty ban/unban pairs through the shell (`timer on`: median, p90, p99, 1 ms
resolution) on each. Prints a Markdown table; server/file shows the cost of the server at once.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import waits  # noqa: E402

BPV = waits.BPV


def as_server(args):
    """Runs a server program, as the postgres user under root (the server refuses root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_server(folder):
    versions = sorted(int(v) for v in os.listdir("/usr/lib/postgresql") if v.isdigit())
    if not versions:
        sys.exit("no PostgreSQL server programs (apt-get install postgresql)")
    bin = f"/usr/lib/postgresql/{versions[-1]}/bin"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    as_server([bin + "/initdb", "-D", folder + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
    as_server([bin + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/log", "-w", "-o", f"-c listen_addresses='' -k {folder}", "start"])
    return lambda: as_server([bin + "/pg_ctl", "-D", folder + "/data", "-m", "fast", "-w", "stop"])


def tweaks(db, pairs, limit):
    script = "timer on\n" + "".join(f"ban {s} {i}\nunban {s} {i}\n" for s, i in pairs)
    times = waits.shell_times(db, script, limit)
    if not times:
        return None
    # The first change of a shell pays the load of its round: apart.
    first, rest = times[1], sorted(times[2:])
    return dict(first=first, median=statistics.median(rest), p90=rest[int(len(rest) * 0.9)], p99=rest[min(len(rest) - 1, int(len(rest) * 0.99))])


def run(region, students, ratio, limit, repeat):
    folder = tempfile.mkdtemp(prefix="bpv-server-bench-")
    os.chmod(folder, 0o755)
    stop = start_server(folder)
    try:
        subprocess.run(["psql", "-X", "-q", "-h", folder, "-U", "postgres", "-d", "postgres", "-c", "CREATE DATABASE regio"], check=True)
        uri = f"postgresql://postgres@/regio?host={folder}"
        waits.write_files(folder, waits.REGIONS[region], students, ratio)
        db = os.path.join(folder, "w.sqlite")
        for kind in ["students", "internships"]:
            waits.timed([BPV, "import", kind, os.path.join(folder, f"{kind}.csv"), "--db", db])
        waits.timed([BPV, "server", "init", "--db", uri])
        copy_s, _, _ = waits.timed([BPV, "copy", db, uri, "--school", "bench"])
        row = dict(region=region, students=students, ratio=ratio, copy=copy_s)
        # Measured as the regional coordinator who runs the regional match (the policies
        # apply), not as the server's superuser (who passes them by).
        waits.timed([BPV, "server", "add-user", "regio", "regional", "--db", uri])
        admin, uri = uri, uri.replace("postgres@", "regio@")
        fresh = os.path.join(folder, "fresh.sqlite")
        shutil.copy(db, fresh)

        def psql(sql):
            subprocess.run(["psql", "-X", "-q", "-h", folder, "-U", "postgres", "-d", "postgres", "-c", sql], check=True)
        # Every first match starts from the same region: a copy of it made before any match
        # (CREATE DATABASE ... TEMPLATE), and a copy of the file; the two homes take turns, so
        # that the machine's slow and fast moments fall on both.
        psql("CREATE DATABASE seed TEMPLATE regio")
        runs = {"file_match": [], "server_match": [], "file_shell_match": [], "server_shell_match": []}
        for k in range(repeat):
            psql("DROP DATABASE IF EXISTS m")
            psql("CREATE DATABASE m TEMPLATE seed")
            m = uri.replace("/regio?", "/m?")
            copy = os.path.join(folder, "m.sqlite")
            for suffix in ["", "-wal", "-shm"]:
                if os.path.exists(copy + suffix):
                    os.remove(copy + suffix)
            shutil.copy(fresh, copy)
            if k == 0:
                for home, where in [("file", copy), ("server", m)]:
                    row[home + "_open"], row[home + "_open_mb"], _ = waits.timed([BPV, "stats", "--db", where])
            if k % 2 == 0:
                for home, where in [("file", copy), ("server", m)]:
                    t, mb, _ = waits.timed([BPV, "match", "--db", where])
                    runs[home + "_match"].append(t)
                    row[home + "_match_mb"] = mb
            else:
                # A first match in a shell that is already open (`timer on`): what a
                # coordinator waits for at the prompt, without the opening.
                for home, where in [("file", copy), ("server", m)]:
                    times = waits.shell_times(where, "timer on\nmatch\n", limit)
                    runs[home + "_shell_match"].append(times[1] if times and len(times) > 1 else float("nan"))
        for key, values in runs.items():
            row[key] = statistics.median(values) if values else float("nan")
            row[key + "_all"] = values
        psql("DROP DATABASE IF EXISTS m")
        shutil.copy(fresh, db)
        import sqlite3
        # The same forty placed pupils on both: the file's draft (both matched the same round).
        waits.timed([BPV, "match", "--db", db])
        waits.timed([BPV, "match", "--db", uri])
        pairs = sqlite3.connect(db).execute(
            "SELECT student_id, internship_id FROM register WHERE status = 'draft' ORDER BY student_id LIMIT 40").fetchall()
        for home, where in [("file", db), ("server", uri)]:
            row[home + "_tweak"] = tweaks(where, pairs, limit)
        return row
    finally:
        stop()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--students", type=int, nargs="*", default=[30000])
    p.add_argument("--ratios", type=float, nargs="*", default=[0.75])
    p.add_argument("--regions", nargs="*", default=["utrecht"], help="regions of waits.py (utrecht, twente, rijnmond)")
    p.add_argument("--timeout", type=int, default=600)
    p.add_argument("--repeat", type=int, default=6, help="first matches per home, half whole process, half in an open shell")
    a = p.parse_args()
    if not os.path.exists(BPV):
        sys.exit("build bpv first: make release")
    print("| region | students | places | copy in s | open file s | open server s | match file s (MB) | match server s (MB) | server/file |"
          " match in an open shell file / server s | server/file |"
          " tweak file median / p90 / p99 ms | tweak server median / p90 / p99 ms | first tweak file / server s |")
    print("|" + "---|" * 14)
    for region, n, ratio in [(g, n, r) for g in a.regions for n in a.students for r in a.ratios]:
        if True:
            r = run(region, n, ratio, a.timeout, a.repeat)
            def t(x):
                return "over" if x is None else f"{x['median'] * 1000:.0f} / {x['p90'] * 1000:.0f} / {x['p99'] * 1000:.0f}"
            first = lambda x: "-" if x is None else f"{x['first']:.2f}"
            print(f"| {region} | {n} | {ratio} | {r['copy']:.1f} | {r['file_open']:.2f} | {r['server_open']:.2f} | "
                  f"{r['file_match']:.2f} ({r['file_match_mb']:.0f}) | {r['server_match']:.2f} ({r['server_match_mb']:.0f}) | "
                  f"{r['server_match'] / r['file_match']:.2f} | {r['file_shell_match']:.2f} / {r['server_shell_match']:.2f} | "
                  f"{r['server_shell_match'] / r['file_shell_match']:.2f} | {t(r['file_tweak'])} | {t(r['server_tweak'])} | "
                  f"{first(r['file_tweak'])} / {first(r['server_tweak'])} |", flush=True)
            ratios = lambda kind: ", ".join(f"{s / f:.2f}" for f, s in zip(r[f"file_{kind}_all"], r[f"server_{kind}_all"]))
            print(f"<!-- each run's server/file: whole process {ratios('match')}; in an open shell {ratios('shell_match')} -->", flush=True)


if __name__ == "__main__":
    main()
