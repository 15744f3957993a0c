#!/usr/bin/env bash
# For each sample region: import it into a fresh workspace, then twice (round 1, and round 2
# with the stability weight for moving anyone): export the next round's scored candidate graph as
# DIMACS, run the round, solve the file with LEMON, and check that LEMON's optimal cost equals the
# objective bpv reported for the round. Installs LEMON when missing.
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
    $bpv export --dimacs "$dir/round.dimacs" --db "$dir/ws.sqlite" >/dev/null
    ours=$($bpv match --db "$dir/ws.sqlite" | sed -n 's/^objective in DIMACS terms: \([0-9-]*\).*/\1/p')
    lemon=$(.peers/lemon_solve "$dir/round.dimacs" | sed -n 's/.*"cost":\([0-9-]*\).*/\1/p')
    if [ "$ours" = "$lemon" ]; then
      echo "$region round $round: bpv objective $ours = LEMON $lemon"
    else
      echo "$region round $round: MISMATCH: bpv $ours, LEMON $lemon"; status=1
    fi
  done
  rm -rf "$dir"
done
exit $status
