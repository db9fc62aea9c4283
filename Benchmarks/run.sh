#!/usr/bin/env bash
# psea benchmarks: validation against libxml2's xmllint and the fastest JSON Schema validators, ingest at scale,
# and the round commands (assign, scores import, rank, export). See Benchmarks/README.md.
#
# Usage: Benchmarks/run.sh [--sizes 1000,10000,100000] [--validate-files 5000] [--round-max N] [--judges J]
#                          [--per-entry K] [--repeat R] [--scale-repeat R] [--seed S] [--small-files N]
#                          [--sections startup,compare,small,scale] [--work DIR] [--keep] [--psea BIN] [--quick]
set -uo pipefail

usage() {
  sed -n '5,7p' "$0" | sed 's/^# //'
  cat <<'EOF'

  --sizes LIST          corpus sizes for the scaling table (ingest, validate and the round at each size)
  --validate-files N    files in the validation comparison (half XML, half JSON); at least 5000 for a real run
  --round-max N         run the round commands only for sizes up to N (default: every size)
  --judges J            judges in the round (default 40); --per-entry K judges per entry (default 5)
  --repeat R            rounds of the comparison (the tools take turns); the best wall time of each tool and
                        the median of the per-round ratios are reported (default 5)
  --scale-repeat R      rounds of the steps that change nothing (validate, assignments, rank, exports), each
                        round over every size of the scaling table in turn; the median counts (default 3)
  --seed S              corpus seed (default 1)
  --small-files N       files of ~10 KB in the small-file comparison (half XML, half JSON; default 2000)
  --sections LIST       startup (one small file, median of 20 runs), compare (validation comparison), small (the
                        same comparison on small files, named one by one and as their folder), scale (validate,
                        ingest and round at each size); default all four; a partial run keeps the other sections
                        from today's results of this host
  --work DIR            scratch folder (default: a new folder under $TMPDIR or /tmp, removed at the end)
  --keep                keep the scratch folder
  --psea BIN            use this psea binary instead of building one with
                        `swift build -c release --static-swift-stdlib --product psea`
  --quick               small sizes (200 files, one run each) for a check in a minute or two
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root" || exit 2

sizes="1000,10000,100000"
vfiles=5000
round_max=""
judges=40
per_entry=5
repeat=5
scale_repeat=3
seed=1
work=""
keep=0
quick=0
psea=""
sections="startup,compare,small,scale"
small_files=2000
startup_runs=20
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=${2:?}; shift 2 ;;
    --validate-files) vfiles=${2:?}; shift 2 ;;
    --round-max) round_max=${2:?}; shift 2 ;;
    --judges) judges=${2:?}; shift 2 ;;
    --per-entry) per_entry=${2:?}; shift 2 ;;
    --repeat) repeat=${2:?}; shift 2 ;;
    --scale-repeat) scale_repeat=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --small-files) small_files=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --keep) keep=1; shift ;;
    --sections) sections=${2:?}; shift 2 ;;
    --psea) psea=${2:?}; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
if [ "$quick" = 1 ]; then
  sizes="100,200"
  vfiles=200
  repeat=1
  scale_repeat=1
  judges=20
  small_files=200
  startup_runs=3
fi
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}" "$vfiles" "$repeat" "$scale_repeat" "$judges" "$per_entry" "$small_files"; do
  case "$n" in ''|*[!0-9]*) echo "run.sh: not a whole number: '$n'" >&2; exit 2 ;; esac
done
[ -n "$round_max" ] || round_max=${size_list[-1]}
run_compare=0 run_scale=0 run_small=0 run_startup=0
IFS=, read -r -a section_list <<<"$sections"
for section in "${section_list[@]}"; do
  case "$section" in
    compare) run_compare=1 ;;
    scale) run_scale=1 ;;
    small) run_small=1 ;;
    startup) run_startup=1 ;;
    *) echo "run.sh: unknown section '$section' (startup, compare, small, scale)" >&2; exit 2 ;;
  esac
done
[ "$run_scale" = 1 ] || size_list=()
[ "$run_compare" = 1 ] || vfiles=0
{ [ "$run_small" = 1 ] || [ "$run_startup" = 1 ]; } || small_files=0
[ "$small_files" -ge 2 ] || [ "$small_files" = 0 ] || { echo "run.sh: --small-files must be at least 2" >&2; exit 2; }

log() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------- prerequisites
log "checking prerequisites"
apt_needed=()
command -v xmllint >/dev/null 2>&1 || apt_needed+=(libxml2-utils)
{ [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; } || apt_needed+=(time)
if [ -z "$psea" ]; then
  pkg-config --exists libxml-2.0 2>/dev/null || apt_needed+=(libxml2-dev pkg-config)
  [ -f /usr/include/sqlite3.h ] || apt_needed+=(libsqlite3-dev)
fi
if [ ${#apt_needed[@]} -gt 0 ]; then
  log "installing ${apt_needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q "${apt_needed[@]}" >&2 || { log "apt-get failed"; exit 2; }
fi
py_needed=()
python3 -c 'import jsonschema_rs' 2>/dev/null || py_needed+=(jsonschema-rs)
python3 -m check_jsonschema --version >/dev/null 2>&1 || py_needed+=(check-jsonschema)
python3 -c 'import yaml' 2>/dev/null || py_needed+=(PyYAML)
if [ ${#py_needed[@]} -gt 0 ]; then
  log "installing ${py_needed[*]}"
  python3 -m pip install -q "${py_needed[@]}" >&2 || { log "pip install failed"; exit 2; }
fi

if [ -z "$psea" ]; then
  # The Swift runtime linked in, as for the binary handed to applicants: one file to copy, and no dynamic
  # linking of the runtime at every start (about 25 ms, a visible share of a short validation run).
  log "building psea (swift build -c release --static-swift-stdlib --product psea)"
  swift build -c release --static-swift-stdlib --product psea >"${TMPDIR:-/tmp}/psea-bench-build.log" 2>&1 || {
    tail -30 "${TMPDIR:-/tmp}/psea-bench-build.log" >&2; log "swift build -c release failed"; exit 2; }
  psea="$(swift build -c release --static-swift-stdlib --show-bin-path)/psea"
fi
[ -x "$psea" ] || { log "no psea binary at $psea"; exit 2; }

xsd="$root/Sources/Intake/Schemas/application-v2.xsd"
json_schema="$root/Sources/Intake/Schemas/application-v2.schema.json"
rubrics="$root/Rubrics/2568"

if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/psea-bench.XXXXXX")
else
  mkdir -p "$work"
fi
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs"
tsv="$work/measurements.tsv"
: >"$tsv"
jobs=$(nproc 2>/dev/null || echo 1)
xargs_size=$(( $(getconf ARG_MAX) - 65536 ))

# ---------------------------------------------------------------------------------------------- measuring
# measure SECTION STEP SIZE RUNS -- COMMAND...: runs COMMAND RUNS times under GNU time and appends a row to the
# measurements file: the wall time (the best of the runs), the largest peak RSS (KB), the exit status of the last
# run and a note. The note is set with `note=...` before the call, or computed
# from the output by a function named in `noter`; with `output=PATH` set, the size in bytes of that file or folder
# after the last run is added to it (`bytes=N`). Output of the last run stays in
# $work/logs/SECTION.STEP.SIZE.{out,err} ($last_out, $last_err).
last_out="" last_err="" last_rc=0 note="" noter="" output=""
# elapsed START: seconds since START (an $EPOCHREALTIME), to the microsecond.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f", b - a }'; }
# write_row SECTION STEP SIZE WALL PEAK TAG: the row of a measured step, its note from `note`, `noter` and `output`
# applied to the last run's output (TAG.out, TAG.err).
write_row() {
  last_out="$6.out" last_err="$6.err"
  [ -z "$noter" ] || note="invalid=$("$noter")"
  [ -z "$output" ] || note="${note:+$note }bytes=$(du -sb "$output" | cut -f1)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$last_rc" "$note" >>"$tsv"
  note="" noter="" output=""
}
measure() {
  local section=$1 step=$2 size=$3 runs=$4
  shift 5
  local tag="$work/logs/$section.$step.$size" times="" peak=0 run secs rss wall
  local started
  for ((run = 1; run <= runs; run++)); do
    started=$EPOCHREALTIME
    /usr/bin/time -f '%e %M' -o "$tag.time" "$@" >"$tag.out" 2>"$tag.err"
    last_rc=$?
    # The wall time from the shell's clock (microseconds; GNU time's %e has hundredths only, a tenth of a
    # small-file run), GNU time for the peak memory.
    secs=$(elapsed "$started")
    read -r _ rss < <(tail -n 1 "$tag.time")
    times="$times$secs"$'\n'
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  done
  wall=$(sort -g <<<"${times%$'\n'}" | head -n 1)
  write_row "$section" "$step" "$size" "$wall" "$peak" "$tag"
}
# run_once SECTION STEP SIZE -- COMMAND...: one run of a step that changes nothing, kept in
# $work/logs/SECTION.STEP.SIZE.runs; finish_runs SECTION STEP SIZE then writes its row like `measure`, with the
# median of the runs as the wall time (noter and output apply to the last run). The scale section runs these
# steps in rounds over every size (1,000, 10,000, 100,000, then again), so that no size is measured only in a quiet
# or only in a busy hour of a shared machine.
run_once() {
  local section=$1 step=$2 size=$3
  shift 4
  local tag="$work/logs/$section.$step.$size"
  local rc
  /usr/bin/time -f '%e %M' -o "$tag.time" "$@" >"$tag.out" 2>"$tag.err"
  rc=$?
  printf '%s %s\n' "$(tail -n 1 "$tag.time")" "$rc" >>"$tag.runs"
}
finish_runs() {
  local section=$1 step=$2 size=$3
  local tag="$work/logs/$section.$step.$size" wall peak
  wall=$(cut -d' ' -f1 "$tag.runs" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  peak=$(cut -d' ' -f2 "$tag.runs" | sort -g | tail -n 1)
  last_rc=$(tail -n 1 "$tag.runs" | cut -d' ' -f3)
  write_row "$section" "$step" "$size" "$wall" "$peak" "$tag"
}
# best_rows ROUNDS: from the rows of a comparison's rounds, the row of each tool's best run (with its largest peak
# memory), then every round again as `round.SECTION` rows, for the report's paired ratio (psea ÷ tool within each
# round); appended to the measurements.
best_rows() {
  awk -F'\t' -v OFS='\t' '
    { key = $1 FS $2 FS $3
      if (!(key in best)) { keys[++n] = key; best[key] = $4; row[key] = $0; peak[key] = $5 }
      else if ($4 + 0 < best[key] + 0) { best[key] = $4; row[key] = $0 }
      if ($5 + 0 > peak[key] + 0) peak[key] = $5 }
    END { for (i = 1; i <= n; i++) { split(row[keys[i]], f, "\t"); f[5] = peak[keys[i]]
            print f[1], f[2], f[3], f[4], f[5], f[6], f[7] } }' "$1" >>"$tsv"
  awk -F'\t' -v OFS='\t' '{ $1 = "round." $1; print }' "$1" >>"$tsv"
}
# record SECTION STEP SIZE NOTE: a row for a step that was not measured (not available, skipped).
record() { printf '%s\t%s\t%s\t\t\t\t%s\n' "$1" "$2" "$3" "$4" >>"$tsv"; }
# Files psea validate reported with an error, from its text output (FILE:LINE:COL: error CODE: ...).
psea_invalid() { grep -E ':[0-9]+:[0-9]+: error ' "$last_out" | sed -E 's/:[0-9]+:[0-9]+: error .*//' | sort -u | wc -l; }
xmllint_invalid() { grep -c 'fails to validate' "$last_err"; }
rs_invalid() { sed -nE 's/^jsonschema-rs: [0-9]+ files, ([0-9]+) invalid$/\1/p' "$last_out" | tail -n 1; }
check_jsonschema_invalid() { grep -ohE '^ *[^ ]+\.json::' "$last_out" "$last_err" | sort -u | wc -l; }
# has_command WORDS...: whether psea has the command (`psea help WORDS` succeeds and shows its own usage line;
# for an unknown command ArgumentParser shows the root help instead).
has_command() {
  local text
  text=$("$psea" help "$@" 2>&1) || return 1
  grep -q "^USAGE: psea $*\( \|\$\)" <<<"$text"
}

# ---------------------------------------------------------------------------------------------- corpus
max_size=$vfiles
for n in "${size_list[@]+"${size_list[@]}"}"; do [ "$n" -gt "$max_size" ] && max_size=$n; done
corpus="$work/corpus"
all_files=()
if [ "$max_size" -gt 0 ]; then
  log "generating $max_size applications (seed $seed, $jobs jobs)"
  python3 "$here/generate_corpus.py" "$max_size" "$corpus" --seed "$seed" --judges "$judges" \
    --per-entry "$per_entry" --jobs "$jobs" --quiet || { log "corpus generation failed"; exit 2; }
  mapfile -t all_files < <(tail -n +2 "$corpus/manifest.csv" | cut -d, -f1)
fi
# The small applications (10,000-13,000 bytes, ~11 KB) of the start-up measurement and the small-file comparison:
# their own corpus, the same seed.
small="$work/small"
if [ "$small_files" -gt 0 ]; then
  log "generating $small_files small applications (10,000-13,000 bytes)"
  python3 "$here/generate_corpus.py" "$small_files" "$small/all" --seed "$seed" --bytes 10000-13000 --jobs "$jobs" \
    --quiet || { log "small corpus generation failed"; exit 2; }
  mkdir -p "$small/xml" "$small/json"
  for file in "$small"/all/*.xml; do ln "$file" "$small/xml/" 2>/dev/null || cp "$file" "$small/xml/"; done
  for file in "$small"/all/*.json; do ln "$file" "$small/json/" 2>/dev/null || cp "$file" "$small/json/"; done
  find "$small/xml" -name '*.xml' -print0 | sort -z >"$small/xml.list"
  find "$small/json" -name '*.json' -print0 | sort -z >"$small/json.list"
  sync
  cat "$small/xml.list" "$small/json.list" | xargs -0 cat >/dev/null
fi
# link_first N DIR [xml|json]: hard links to the first N files of the corpus (all, or only one format).
link_first() {
  local n=$1 dir=$2 only=${3:-} file
  mkdir -p "$dir"
  for file in "${all_files[@]:0:$n}"; do
    [ -z "$only" ] || [ "${file##*.}" = "$only" ] || continue
    ln "$corpus/$file" "$dir/$file" 2>/dev/null || cp "$corpus/$file" "$dir/$file"
  done
}

# ---------------------------------------------------------------------------------------------- validation
xml_count=0 json_count=0
if [ "$run_compare" = 1 ]; then
  log "validation comparison on $vfiles files (best of $repeat)"
  link_first "$vfiles" "$work/val/xml" xml
  link_first "$vfiles" "$work/val/json" json
  find "$work/val/xml" -name '*.xml' -print0 | sort -z >"$work/val/xml.list"
  find "$work/val/json" -name '*.json' -print0 | sort -z >"$work/val/json.list"
  xml_count=$(tr -cd '\0' <"$work/val/xml.list" | wc -c)
  json_count=$(tr -cd '\0' <"$work/val/json.list" | wc -c)
  # The corpus has just been written: wait until the kernel has written it back and read every file once, untimed,
  # so that no timed run meets the disk or the write-back (which would take psea's second core more than the
  # single-core tools' one).
  sync
  cat "$work/val/xml.list" "$work/val/json.list" | xargs -0 -s "$xargs_size" cat >/dev/null

  # The tools take turns, round after round, so that each meets the same conditions of a shared machine; the
  # best wall time of each counts (and its largest peak memory).
  all_tsv=$tsv
  tsv="$work/rounds.tsv"
  : >"$tsv"
  for ((round = 1; round <= repeat; round++)); do
    noter=psea_invalid
    measure validate-xml psea "$xml_count" 1 -- "$psea" validate "$work/val/xml"
    noter=xmllint_invalid
    measure validate-xml xmllint "$xml_count" 1 -- \
      xargs -0 -s "$xargs_size" -a "$work/val/xml.list" xmllint --noout --schema "$xsd"
    noter=psea_invalid
    measure validate-json psea "$json_count" 1 -- "$psea" validate "$work/val/json"
    noter=rs_invalid
    measure validate-json jsonschema-rs "$json_count" 1 -- \
      python3 "$here/jsonschema_rs_validate.py" "$json_schema" "$work/val/json"
  done
  tsv=$all_tsv
  best_rows "$work/rounds.tsv"
  # check-jsonschema runs once: it is an order of magnitude slower than the others.
  noter=check_jsonschema_invalid
  measure validate-json check-jsonschema "$json_count" 1 -- \
    xargs -0 -s "$xargs_size" -a "$work/val/json.list" python3 -m check_jsonschema --schemafile "$json_schema"
  printf 'meta\tcompare.commit\t0\t\t\t\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null)" >>"$tsv"
  printf 'meta\tcompare.repeat\t%s\t\t\t\t\n' "$repeat" >>"$tsv"
fi

# ---------------------------------------------------------------------------------------------- start-up
# One small file, warm cache: what an applicant checking an application, or a judge's browser asking /check,
# waits for. Each tool runs $startup_runs times, taking turns; the median counts. `psea --version` is the floor
# (process start, runtime, argument parsing), xmllint on the same file the reference.
if [ "$run_startup" = 1 ]; then
  log "start-up: median of $startup_runs runs on one small file"
  one_xml=$(tr '\0' '\n' <"$small/xml.list" | head -n 1)
  one_json=$(tr '\0' '\n' <"$small/json.list" | head -n 1)
  startup_tool() { # startup_tool STEP COMMAND...: one timed run, appended to $work/logs/startup.STEP.runs
    local step=$1 started
    shift
    started=$EPOCHREALTIME
    "$@" >"$work/logs/startup.$step.out" 2>"$work/logs/startup.$step.err"
    printf '%s %s\n' "$(elapsed "$started")" "$?" >>"$work/logs/startup.$step.runs"
  }
  for ((run = 1; run <= startup_runs; run++)); do
    startup_tool psea-xml "$psea" validate "$one_xml"
    startup_tool xmllint xmllint --noout --schema "$xsd" "$one_xml"
    startup_tool psea-json "$psea" validate "$one_json"
    startup_tool psea-version "$psea" --version
  done
  for step in psea-xml xmllint psea-json psea-version; do
    runs="$work/logs/startup.$step.runs"
    wall=$(cut -d' ' -f1 "$runs" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    printf 'startup\t%s\t1\t%s\t\t%s\tbytes=%s\n' "$step" "$wall" "$(tail -n 1 "$runs" | cut -d' ' -f2)" \
      "$(wc -c <"$([ "$step" = psea-json ] && echo "$one_json" || echo "$one_xml")")" >>"$tsv"
  done
  printf 'meta\tstartup.runs\t%s\t\t\t\t\n' "$startup_runs" >>"$tsv"
  printf 'meta\tstartup.commit\t0\t\t\t\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null)" >>"$tsv"
fi

# ---------------------------------------------------------------------------------------------- small files
# The comparison again on ~10 KB files, where start-up and per-file costs weigh most, psea given the files two
# ways: named one by one (as a shell's glob or xargs passes them) and as their folder.
if [ "$run_small" = 1 ]; then
  small_xml=$(tr -cd '\0' <"$small/xml.list" | wc -c)
  small_json=$(tr -cd '\0' <"$small/json.list" | wc -c)
  small_repeat=$((repeat * 2 + 1))
  log "small-file comparison on $small_xml + $small_json files ($small_repeat rounds)"
  all_tsv=$tsv
  tsv="$work/small-rounds.tsv"
  : >"$tsv"
  for ((round = 1; round <= small_repeat; round++)); do
    noter=psea_invalid
    measure small-xml psea-files "$small_xml" 1 -- xargs -0 -s "$xargs_size" -a "$small/xml.list" "$psea" validate
    noter=psea_invalid
    measure small-xml psea-folder "$small_xml" 1 -- "$psea" validate "$small/xml"
    noter=xmllint_invalid
    measure small-xml xmllint "$small_xml" 1 -- xargs -0 -s "$xargs_size" -a "$small/xml.list" xmllint --noout --schema "$xsd"
    noter=psea_invalid
    measure small-json psea-files "$small_json" 1 -- xargs -0 -s "$xargs_size" -a "$small/json.list" "$psea" validate
    noter=psea_invalid
    measure small-json psea-folder "$small_json" 1 -- "$psea" validate "$small/json"
    noter=rs_invalid
    measure small-json jsonschema-rs "$small_json" 1 -- python3 "$here/jsonschema_rs_validate.py" "$json_schema" "$small/json"
  done
  tsv=$all_tsv
  best_rows "$work/small-rounds.tsv"
  printf 'meta\tsmall.repeat\t%s\t\t\t\t\n' "$small_repeat" >>"$tsv"
  printf 'meta\tsmall.commit\t0\t\t\t\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null)" >>"$tsv"
fi

# ---------------------------------------------------------------------------------------------- scaling
# missing WORDS...: nothing when psea has every command named (";"-separated), else "psea CMD, ..." missing.
missing() {
  local list="" command
  IFS=';' read -r -a commands <<<"$1"
  for command in "${commands[@]}"; do
    # shellcheck disable=SC2086
    has_command $command || list="${list:+$list, }psea $command"
  done
  printf '%s' "$list"
}
ingest_missing=$(missing "init;ingest")
round_missing=$(missing "screen;judges import;assign;assignments;scores import")
[ -d "$rubrics" ] || round_missing="${round_missing:+$round_missing, }Rubrics/2568"
rank_missing=$(missing "rank")
export_missing=$(missing "export")
if [ "$run_scale" = 1 ]; then
  [ -z "$ingest_missing" ] || log "not available yet: $ingest_missing"
  [ -z "$round_missing" ] || log "round: not available yet: $round_missing"
  [ -z "$rank_missing$export_missing" ] || log "not available yet: $rank_missing${rank_missing:+${export_missing:+, }}$export_missing"
  printf 'meta\tscale.commit\t0\t\t\t\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null)" >>"$tsv"
  printf 'meta\tscale.judges\t%s\t\t\t\t\n' "$judges" >>"$tsv"
  printf 'meta\tscale.per-entry\t%s\t\t\t\t\n' "$per_entry" >>"$tsv"
  printf 'meta\tscale.rounds\t%s\t\t\t\t\n' "$scale_repeat" >>"$tsv"
fi
readonly_sizes=() round_sizes=()
for n in "${size_list[@]+"${size_list[@]}"}"; do
  log "size $n"
  dir="$work/n$n"
  link_first "$n" "$dir/apps"
  # The files are read once first, so that every size is measured with its files in the page cache (as the
  # comparison's best-of-R runs are), not with whatever the corpus generation left there.
  find "$dir/apps" -type f -print0 | xargs -0 cat >/dev/null
  readonly_sizes+=("$n")

  if [ -n "$ingest_missing" ]; then
    record scale ingest "$n" "not available yet ($ingest_missing)"
    continue
  fi
  export PSEA_DB="$dir/psea.sqlite"
  rm -f "$PSEA_DB" "$PSEA_DB-wal" "$PSEA_DB-shm"
  measure scale init "$n" 1 -- "$psea" init
  # The benchmark runs after the 2568 application window closed: the corpus is accepted late, as staff would.
  measure scale ingest "$n" 1 -- "$psea" ingest --late --reason "benchmark corpus" "$dir/apps"
  [ "$last_rc" = 0 ] || log "ingest of $n files exited $last_rc: $(tail -n 3 "$last_err")"

  if [ -n "$round_missing" ]; then
    record scale round "$n" "not available yet ($round_missing)"
    continue
  fi
  if [ "$n" -gt "$round_max" ]; then
    record scale round "$n" "skipped (--round-max $round_max)"
    continue
  fi
  measure scale screen "$n" 1 -- "$psea" screen
  [ "$last_rc" = 0 ] || log "screen exited $last_rc: $(tail -n 3 "$last_err")"
  measure scale judges-import "$n" 1 -- "$psea" judges import "$corpus/judges.csv"
  [ "$last_rc" = 0 ] || log "judges import exited $last_rc: $(tail -n 3 "$last_err")"
  measure scale assign "$n" 1 -- "$psea" assign --per-entry "$per_entry" --seed 1
  [ "$last_rc" = 0 ] || log "assign exited $last_rc: $(tail -n 3 "$last_err")"
  # The pairs for make_scores.py; `assignments` is timed with the other read-only steps below.
  assignments="$dir/assignments.txt"
  "$psea" assignments >"$assignments" 2>"$dir/assignments.err"
  last_rc=$?
  if [ "$last_rc" != 0 ]; then
    log "assignments exited $last_rc: $(tail -n 3 "$dir/assignments.err")"
    record scale scores-import "$n" "skipped: no assignments"
    continue
  fi
  if ! python3 "$here/make_scores.py" --assignments "$assignments" --manifest "$corpus/manifest.csv" \
      --rubrics "$rubrics" --out "$dir/scores.csv" --seed "$seed" 2>"$dir/make_scores.err"; then
    log "no scores: $(tail -n 1 "$dir/make_scores.err")"
    record scale scores-import "$n" "skipped: $(tail -n 1 "$dir/make_scores.err")"
    continue
  fi
  note="rows=$(($(wc -l <"$dir/scores.csv") - 1))"
  measure scale scores-import "$n" 1 -- "$psea" scores import "$dir/scores.csv"
  [ "$last_rc" = 0 ] || log "scores import exited $last_rc: $(tail -n 3 "$last_err")"
  round_sizes+=("$n")
done

# Steps that change nothing (validate, assignments, rank, exports) run --scale-repeat rounds, each round going over
# every size in turn, and count by their median: the cost per entry then compares like with like across sizes,
# and neither a slow moment nor a quiet hour of a shared machine falls on one size only.
has_round() { local m; for m in "${round_sizes[@]+"${round_sizes[@]}"}"; do [ "$m" = "$1" ] && return 0; done; return 1; }
if [ ${#readonly_sizes[@]} -gt 0 ]; then
  log "read-only steps: $scale_repeat round(s) over sizes ${readonly_sizes[*]}"
fi
for ((round = 1; round <= scale_repeat; round++)); do
  for n in "${readonly_sizes[@]+"${readonly_sizes[@]}"}"; do
    dir="$work/n$n"
    run_once scale validate "$n" -- "$psea" validate "$dir/apps"
    has_round "$n" || continue
    export PSEA_DB="$dir/psea.sqlite"
    run_once scale assignments "$n" -- "$psea" assignments
    [ -n "$rank_missing" ] || run_once scale rank "$n" -- "$psea" rank --format json
    if [ -z "$export_missing" ]; then
      for format in csv json html; do
        run_once scale "export-$format" "$n" -- "$psea" export --format "$format" --out "$dir/export-$format"
      done
    fi
  done
done
for n in "${readonly_sizes[@]+"${readonly_sizes[@]}"}"; do
  dir="$work/n$n"
  noter=psea_invalid
  finish_runs scale validate "$n"
  has_round "$n" || continue
  finish_runs scale assignments "$n"
  if [ -n "$rank_missing" ]; then
    record scale rank "$n" "not available yet"
  else
    output="$work/logs/scale.rank.$n.out"
    finish_runs scale rank "$n"
  fi
  for format in csv json html; do
    if [ -n "$export_missing" ]; then
      record scale "export-$format" "$n" "not available yet"
    else
      output="$dir/export-$format"
      finish_runs scale "export-$format" "$n"
    fi
  done
done
unset PSEA_DB

# ---------------------------------------------------------------------------------------------- report
stamp=$(date -u +%F)
host=$(hostname -s 2>/dev/null || hostname)
suffix=""
[ "$quick" = 1 ] && suffix="-quick"
mkdir -p "$here/results"
result="$here/results/$stamp-$host$suffix.md"
kept="$here/results/$stamp-$host$suffix.tsv"
# A partial run keeps the rows of the other sections from today's earlier run on this host.
keep_re=()
[ "$run_compare" = 1 ] || keep_re+=('validate-|round\.validate-|meta\tcompare\.')
[ "$run_small" = 1 ] || keep_re+=('small-|round\.small-|meta\tsmall\.')
[ "$run_startup" = 1 ] || keep_re+=('startup\t|meta\tstartup\.')
[ "$run_scale" = 1 ] || keep_re+=('scale\t|meta\tscale\.')
if [ ${#keep_re[@]} -gt 0 ] && [ -f "$kept" ]; then
  grep -P "^($(IFS='|'; echo "${keep_re[*]}"))" "$kept" | cat - "$tsv" >"$tsv.merged" && mv "$tsv.merged" "$tsv"
fi
cp "$tsv" "$kept"
python3 "$here/report.py" --measurements "$tsv" --psea "$psea" --root "$root" --seed "$seed" --quick "$quick" \
  >"$result" || { log "report failed"; exit 2; }
cat "$result"
log "written to ${result#"$root"/} (measurements in ${kept#"$root"/})"
