#!/usr/bin/env bash
# Fuzz/seeds.sh TARGET DIR: copies the seed inputs of one fuzz target (xml, json, csv, rubric) into DIR, from the
# files the project already ships (Samples/, Rubrics/) and the few hand-written seeds in Fuzz/Seeds/TARGET.
# The generated corpus grows in DIR and is never committed; this selection is.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/seeds.sh xml|json|csv|rubric DIR}
dir=${2:?usage: Fuzz/seeds.sh xml|json|csv|rubric DIR}
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
