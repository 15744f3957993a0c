// Solves a DIMACS min-cost-flow file with LEMON's NetworkSimplex and prints one JSON line:
// {"cost":..., "read_ms":..., "solve_ms":..., "status":"optimal"}.
// Built by Benchmarks/peers/compare.py against Debian's liblemon-dev; not part of bpv.
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

using namespace lemon;
using Clock = std::chrono::steady_clock;

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: lemon_solve FILE\n";
    return 2;
  }
  auto t0 = Clock::now();
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 2;
  }
  SmartDigraph g;
  SmartDigraph::ArcMap<long long> lower(g), capacity(g), cost(g);
  SmartDigraph::NodeMap<long long> supply(g);
  readDimacsMin(in, g, lower, capacity, cost, supply);
  auto t1 = Clock::now();
  NetworkSimplex<SmartDigraph, long long, long long> ns(g);
  ns.lowerMap(lower).upperMap(capacity).costMap(cost).supplyMap(supply);
  auto status = ns.run();
  auto t2 = Clock::now();
  double readMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
  double solveMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
  if (status != NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL) {
    std::printf("{\"status\":\"%s\",\"read_ms\":%.1f,\"solve_ms\":%.1f}\n",
                status == NetworkSimplex<SmartDigraph, long long, long long>::INFEASIBLE ? "infeasible" : "unbounded",
                readMs, solveMs);
    return 1;
  }
  std::printf("{\"status\":\"optimal\",\"cost\":%lld,\"read_ms\":%.1f,\"solve_ms\":%.1f}\n",
              (long long)ns.totalCost(), readMs, solveMs);
  return 0;
}
