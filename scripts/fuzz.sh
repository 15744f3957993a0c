#!/usr/bin/env bash
# make fuzz: builds bpv's libFuzzer targets (Fuzz/, a package of its own) with AddressSanitizer
# and coverage, seeds each from the sample files and tests, and runs each for FUZZ_SECONDS
# (default 120). A crash leaves its input in .fuzz/TARGET/crash-* and fails the run; turn it
# into a regression test. Figures: .fuzz/TARGET.log (executions, speed, coverage).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-120}
# FUZZ_RUNS=N runs each target for N executions instead (no time limit): the ten-million check.
runs=${FUZZ_RUNS:+-runs=$FUZZ_RUNS}
[ -n "$runs" ] && seconds=0
targets=${FUZZ_TARGETS:-"FuzzCSV FuzzWorkbook FuzzDimacs FuzzShellWords FuzzVerbs"}
lib=$(find "$(dirname "$(dirname "$(command -v swift)")")" /opt/swift -name 'libclang_rt.fuzzer_no_main-x86_64.a' 2>/dev/null | head -1)
[ -n "$lib" ] || { echo "fuzz: libFuzzer (libclang_rt.fuzzer_no_main) not found in the Swift toolchain"; exit 1; }
flags=(-c release -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
       -Xlinker "$lib" -Xlinker -lstdc++)
for t in $targets; do (cd Fuzz && swift build "${flags[@]}" --product "$t" >/dev/null); done
mkdir -p .fuzz
seed() {  # seed corpus per target: the samples, and the cases the tests try (Fuzz/Seeds/TARGET)
  local dir=.fuzz/$1/corpus; mkdir -p "$dir"
  [ -d "Fuzz/Seeds/$1" ] && cp Fuzz/Seeds/"$1"/* "$dir"/
  case $1 in
    FuzzCSV) for f in Samples/*.csv; do head -n 12 "$f" > "$dir/$(basename "$f")"; done ;;
    FuzzDimacs) head -c 200000 Samples/synthetic-region.dimacs > "$dir/region.dimacs"
                printf 'c tiny\np min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 0\na 2 3 0 1 5\na 3 4 0 1 0\n' > "$dir/tiny.dimacs" ;;
    FuzzShellWords) printf 'ban S-1 I-2 "late twice"' > "$dir/a"; printf "pin 'x y' \\\\z # c" > "$dir/b" ;;
    FuzzVerbs) head -c 64 /dev/urandom > "$dir/random"; printf '\x00\x00\x01\x09\x01\x02\x0b\x00' > "$dir/chain" ;;
  esac
}
# No allocation stack traces: recording one per allocation (the sanitizer's stack depot) took a
# fifth of the time, and a crash still reports where it happened.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
status=0
for t in $targets; do
  seed "$t"
  mkdir -p ".fuzz/$t/found"
  # Foundation's XMLParser leaks each parse error it reports (the CFError made in its
  # _structuredErrorFunc is never released: about 1 KB per broken part), which bpv cannot free;
  # FuzzWorkbook feeds almost only broken parts, so its memory limit is raised above 2 GB.
  limit=2048; [ "$t" = FuzzWorkbook ] && limit=16000
  if (cd ".fuzz/$t" && "../../Fuzz/.build/release/$t" -max_total_time="$seconds" $runs -print_final_stats=1 -max_len=4096 -rss_limit_mb=$limit \
        -artifact_prefix=./ found corpus > "../$t.log" 2>&1); then
    echo "fuzz $t: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' ".fuzz/$t.log"), no crash"
  else
    echo "fuzz $t: CRASH, see .fuzz/$t.log and .fuzz/$t/crash-*"; status=1
  fi
done
exit $status
