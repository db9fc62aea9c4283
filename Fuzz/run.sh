#!/usr/bin/env bash
# Fuzz/run.sh TARGET|all SECONDS: builds the libFuzzer targets (TARGET: xml, json, csv, rubric) and runs each for
# SECONDS, one after another. Exit 0 when none crashed; otherwise 1, with the crashing inputs in the output folder.
# Environment: FUZZ_OUT (output folder, default Fuzz/.build/fuzz: corpus/, artifacts/, logs/), FUZZ_SKIP_BUILD=1
# (use the binaries already built), FUZZ_ARGS (more libFuzzer options, e.g. "-jobs=2").
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: Fuzz/run.sh xml|json|csv|rubric|all SECONDS"
which=${1:?$usage}
seconds=${2:?$usage}
out=${FUZZ_OUT:-Fuzz/.build/fuzz}
all=(xml json csv rubric)
if [ "$which" = all ]; then targets=("${all[@]}"); else targets=("$which"); fi

# The longest input libFuzzer makes: whole sample applications (up to 18 KB) and rubrics (up to 24 KB), so that the
# mapping and the rules are reached; panel files are cut to their first rows (the scores sample is 50 KB).
max_len() {
  case "$1" in xml | json) echo 20000 ;; rubric) echo 24000 ;; csv) echo 8192 ;; esac
}

product() {
  case "$1" in
    xml) echo FuzzXML ;; json) echo FuzzJSON ;; csv) echo FuzzCSV ;; rubric) echo FuzzRubric ;;
    *) echo "unknown target $1 (xml, json, csv, rubric)" >&2; exit 2 ;;
  esac
}

# The fuzz targets are declared only with PSEA_FUZZ set, and built in their own scratch path with the sanitizers
# (Package.swift), so the normal .build is never touched.
for target in "${targets[@]}"; do
  name=$(product "$target")
  if [ "${FUZZ_SKIP_BUILD:-}" != 1 ]; then
    PSEA_FUZZ=1 swift build -c debug --scratch-path Fuzz/.build --product "$name" 2>&1 \
      | grep -v "Cannot export local symbol" | tail -3
  fi
done

status=0
for target in "${targets[@]}"; do
  name=$(product "$target")
  corpus="$out/corpus/$target"
  mkdir -p "$corpus" "$out/seeds/$target" "$out/artifacts/$target" "$out/logs"
  Fuzz/seeds.sh "$target" "$out/seeds/$target" "$out/seeds/$target.dict"
  log="$out/logs/$target.log"
  echo "fuzzing $target for $seconds s (log: $log)"
  # New inputs go to the first folder (the growing corpus); the seeds are read from the second; the dictionary holds
  # the format's words (seeds.sh). A slow input (30 s: far above the second a 24 KB input takes in a debug build with
  # ASan, so a busy machine does not fail it) or one using more than 2 GB is a finding like a crash.
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
  if Fuzz/.build/debug/"$name" "$corpus" "$out/seeds/$target" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2048 -max_len="$(max_len "$target")" -dict="$out/seeds/$target.dict" -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$target/" ${FUZZ_ARGS:-} >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)|Done [0-9]+ runs' "$log" || true
  else
    status=1
    echo "fuzz target $target FAILED: see $log; crashing inputs:" >&2
    ls "$out/artifacts/$target" >&2
    grep -E 'ERROR|SUMMARY|Fatal error|panic|Precondition' "$log" | head -5 >&2 || true
  fi
done
exit "$status"
