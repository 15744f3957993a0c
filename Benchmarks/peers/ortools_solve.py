"""Solves a DIMACS min-cost-flow file with Google OR-Tools' SimpleMinCostFlow.

Prints one JSON line: {"cost":..., "read_ms":..., "build_ms":..., "solve_ms":..., "status":...}.
Reading is done with numpy and timed separately; the comparison uses solve_ms, OR-Tools' own
solve, as the reference points in the engine issue do. Used by compare.py; not part of bpv.
"""
import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow


def read_dimacs(path):
    arcs = []
    supplies = []
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    a_lines = [l for l in lines if l.startswith(b"a")]
    n_lines = [l for l in lines if l.startswith(b"n")]
    if a_lines:
        # Columns: a tail head low cap cost
        arr = np.array(b" ".join(l[1:] for l in a_lines).split(), dtype=np.int64).reshape(-1, 5)
    else:
        arr = np.zeros((0, 5), dtype=np.int64)
    for l in n_lines:
        _, node, s = l.split()
        supplies.append((int(node), int(s)))
    if np.any(arr[:, 2] != 0):
        raise SystemExit("lower bounds other than 0 are not supported by this runner")
    return arr, supplies


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    arr, supplies = read_dimacs(path)
    t1 = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    # DIMACS nodes are 1-based; OR-Tools' are 0-based.
    smcf.add_arcs_with_capacity_and_unit_cost(arr[:, 0] - 1, arr[:, 1] - 1, arr[:, 3], arr[:, 4])
    for node, s in supplies:
        smcf.set_node_supply(node - 1, s)
    t2 = time.perf_counter()
    status = smcf.solve()
    t3 = time.perf_counter()
    out = {
        "status": "optimal" if status == smcf.OPTIMAL else str(status),
        "read_ms": round((t1 - t0) * 1000, 1),
        "build_ms": round((t2 - t1) * 1000, 1),
        "solve_ms": round((t3 - t2) * 1000, 1),
    }
    if status == smcf.OPTIMAL:
        out["cost"] = smcf.optimal_cost()
    print(json.dumps(out))
    return 0 if status == smcf.OPTIMAL else 1


if __name__ == "__main__":
    sys.exit(main())
