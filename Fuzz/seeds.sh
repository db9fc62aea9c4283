#!/usr/bin/env bash
# Fuzz/seeds.sh TARGET DIR [DICT]: copies the seed inputs of one fuzz target (xml, json, csv, rubric) into DIR, from
# the files the project already ships (Samples/, Rubrics/) and the few hand-written seeds in Fuzz/Seeds/TARGET, and
# with DICT writes a libFuzzer dictionary there: the format's words (element, attribute and property names and
# enumeration values from the schemas, the panel files' columns, the rubric files' keys), so that mutations make
# inputs the readers get past their first checks with. The generated corpus is never committed; this selection is.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/seeds.sh xml|json|csv|rubric DIR [DICT]}
dir=${2:?usage: Fuzz/seeds.sh xml|json|csv|rubric DIR [DICT]}
mkdir -p "$dir"

case "$target" in
  # Applications of both formats and both format versions, valid, with warnings and invalid; a reader sees a file of
  # the other format too (the front door tells them apart by the first byte), so each gets the other's as well.
  xml | json) find Samples -type f \( -name '*.xml' -o -name '*.json' -o -name '*.txt' \) ! -name '*.expected.json' ;;
  # The panel files: judges, conflicts and scores.
  csv) find Samples -type f -name '*.csv' ;;
  # The rubrics of every year, the band descriptors and the round files.
  rubric) find Rubrics -type f -name '*.yaml' ;;
  *) echo "unknown target $target (xml, json, csv, rubric)" >&2; exit 2 ;;
esac | while read -r file; do
  # Flat names, so that files of the same name in different folders do not overwrite each other.
  cp "$file" "$dir/seed-$(echo "$file" | tr '/' '_')"
done
if [ -d "Fuzz/Seeds/$target" ]; then cp Fuzz/Seeds/"$target"/* "$dir/"; fi

dict=${3:-}
[ -n "$dict" ] || exit 0
case "$target" in
  xml)
    grep -ohE 'name="[A-Za-z]+"' Sources/Intake/Schemas/*.xsd | sed -E 's/name="(.*)"/<\1\n<\/\1>\n \1="/'
    grep -ohE 'value="[^"]+"' Sources/Intake/Schemas/*.xsd | sed -E 's/value="(.*)"/\1/'
    printf '%s\n' 'urn:psea:application:1' 'urn:psea:application:2' '<?xml version="1.0" encoding="UTF-8"?>' ;;
  json) grep -ohE '"[A-Za-z][A-Za-z0-9_.-]*"' Sources/Intake/Schemas/*.schema.json ;;
  csv) { head -qn1 Samples/round/*.csv; echo 'judge,application,criterion,percent,comment'; } | tr -d '\r\357\273\277' | tr ',' '\n' ;;
  rubric) grep -ohE '^[ -]*[A-Za-z_]+:' Rubrics/2568/*.yaml Rubrics/bands.yaml | tr -d ' -' ;;
esac | sort -u | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/"&"/' \
  | perl -pe 's/([^\x20-\x7e\n])/sprintf("\\x%02X", ord($1))/ge' >"$dict" # libFuzzer reads only printable ASCII
