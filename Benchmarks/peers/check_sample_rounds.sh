#!/usr/bin/env bash
# For each sample region: import it into a fresh workspace, then twice (round 1, and round 2
# with the stability weight for moving anyone): export the next round's scored candidate graph as
# DIMACS, solve the file with bpv and with LEMON (the optimal costs must agree), and run the round
# (it must place as many as the file's optimum). Installs LEMON when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .peers
if [ ! -f /usr/include/lemon/network_simplex.h ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq liblemon-dev >/dev/null
fi
[ -x .peers/lemon_solve ] || g++ -O2 -o .peers/lemon_solve Benchmarks/peers/lemon_solve.cpp -llemon
swift build -c release --product bpv >/dev/null
bpv=.build/release/bpv
status=0
for region in gooi kennemerland; do
  dir=$(mktemp -d)
  $bpv import students "Samples/$region-students.csv" --db "$dir/ws.sqlite" >/dev/null
  $bpv import employers "Samples/$region-employers.csv" --db "$dir/ws.sqlite" >/dev/null
  $bpv import internships "Samples/$region-internships.csv" --db "$dir/ws.sqlite" >/dev/null
  for round in 1 2; do
    # The next round's graph as DIMACS; bpv's engine and LEMON solve the file; `match` solves
    # the same graph (RoundModel.problem) and must place as many.
    $bpv export dimacs "$dir/round.dimacs" --db "$dir/ws.sqlite" >/dev/null
    solved=$($bpv solve --dimacs "$dir/round.dimacs" --json)
    ours=$(echo "$solved" | sed -n 's/.*"cost":\([0-9-]*\).*/\1/p')
    placed=$(echo "$solved" | sed -n 's/.*"placed":\([0-9]*\).*/\1/p')
    matched=$($bpv match --db "$dir/ws.sqlite" | sed -n 's/^round [0-9]*: \([0-9]*\) of .*/\1/p')
    lemon=$(.peers/lemon_solve "$dir/round.dimacs" | sed -n 's/.*"cost":\([0-9-]*\).*/\1/p')
    if [ "$ours" = "$lemon" ] && [ "$placed" = "$matched" ]; then
      echo "$region round $round: bpv optimum $ours = LEMON $lemon; match placed $matched, as the file's optimum"
    else
      echo "$region round $round: MISMATCH: bpv $ours, LEMON $lemon; placed $placed by the file, $matched by match"; status=1
    fi
  done
  rm -rf "$dir"
done
exit $status
