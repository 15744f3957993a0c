"""Solves a square assignment DIMACS file (as `bpv generate --shape square` writes it) with
Google OR-Tools' SimpleLinearSumAssignment (cost scaling, the stretch reference of the engine
issue). Only the student -> internship arcs are used; every student must be placed.

Prints one JSON line: {"cost":..., "read_ms":..., "solve_ms":..., "status":...}. Used by
compare.py; not part of bpv.
"""
import json
import sys
import time

import numpy as np
from ortools.graph.python import linear_sum_assignment

from ortools_solve import read_dimacs


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    arr, supplies = read_dimacs(path)
    source = next(node for node, s in supplies if s > 0)
    sink = next(node for node, s in supplies if s < 0)
    inner = arr[(arr[:, 0] != source) & (arr[:, 1] != sink)]
    students = np.unique(inner[:, 0])
    internships = np.unique(inner[:, 1])
    left = np.searchsorted(students, inner[:, 0])
    right = np.searchsorted(internships, inner[:, 1])
    t1 = time.perf_counter()
    lsa = linear_sum_assignment.SimpleLinearSumAssignment()
    lsa.add_arcs_with_cost(left, right, inner[:, 4])
    t2 = time.perf_counter()
    status = lsa.solve()
    t3 = time.perf_counter()
    out = {"status": "optimal" if status == lsa.OPTIMAL else str(status),
           "read_ms": round((t1 - t0) * 1000, 1), "solve_ms": round((t3 - t2) * 1000, 1)}
    if status == lsa.OPTIMAL:
        # The source and sink arcs of bpv's files cost nothing, so this is the file's optimum.
        out["cost"] = lsa.optimal_cost()
    print(json.dumps(out))
    return 0 if status == lsa.OPTIMAL else 1


if __name__ == "__main__":
    sys.exit(main())
