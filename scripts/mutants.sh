#!/usr/bin/env bash
# Mutation testing of checksheet's library with cargo-mutants, one area at a time, each
# with the tests that exercise it (the whole suite per mutant takes about 3 minutes on two
# cores; an area's tests 20-40 s).
#
#   scripts/mutants.sh                      # every area, every mutant (about 5,600: days)
#   scripts/mutants.sh --sample 20 fill     # one mutant in 20 of src/fill, spread evenly
#   scripts/mutants.sh validate fmt         # every mutant of those areas
#
# Run it from a clean work tree: it mutates the files in place (`--in-place`, restoring
# each after its run) so that builds stay incremental; do not edit or build the tree while
# it runs. Results go to mutants.out/<area>/ (caught.txt, missed.txt, timeout.txt,
# unviable.txt). A missed mutant is a change no test notices: kill it with a test, or
# record in CONTRIBUTING.md why it is equivalent. Before a release, run the areas a release
# changed, in full.
set -euo pipefail

cd "$(dirname "$0")/.."

# area -> files, then the test filters (unit tests by module path, integration tests by
# tests/testsuite/<file>.rs) that exercise it.
declare -A FILES=(
  [validate]="src/validate.rs"
  [fmt]="src/fmt/**"
  [sheet]="src/sheet.rs"
  [load]="src/load/**"
  [mapping]="src/mapping/**"
  [render]="src/render/**"
  [fill]="src/fill/**"
  [import]="src/import/**"
  [write]="src/write.rs"
)
declare -A TESTS=(
  [validate]="validate:: check:: mapping:: build:: policy:: layouts:: fill:: examples:: workflow::"
  [fmt]="fmt:: workflow:: cli::"
  [sheet]="sheet:: build:: layouts:: print:: workbook_structure:: text:: examples:: limits:: mapping::"
  [load]="load:: yaml:: check:: files:: hostile:: limits:: build:: policy:: schema:: layouts:: mapping:: workflow::"
  [mapping]="mapping:: check:: build:: policy::"
  [render]="render:: build:: layouts:: print:: workbook_structure:: text:: examples:: i18n::"
  [fill]="fill:: hostile:: workflow::"
  [import]="import:: hostile:: workflow::"
  [write]="write:: writes:: build:: fmt:: init:: cli::"
)
ORDER=(validate fmt sheet load mapping render fill import write)

sample=""
if [[ "${1:-}" == "--sample" ]]; then
  sample="$2"
  shift 2
fi
areas=("$@")
if [[ ${#areas[@]} -eq 0 ]]; then
  areas=("${ORDER[@]}")
fi

if [[ -n "$(git status --porcelain)" ]]; then
  echo "mutants.sh: the work tree has changes; commit or stash them first (mutants are planted in place)" >&2
  exit 2
fi

for area in "${areas[@]}"; do
  if [[ -z "${FILES[$area]:-}" ]]; then
    echo "mutants.sh: unknown area '$area'; areas: ${ORDER[*]}" >&2
    exit 2
  fi
  shard=()
  if [[ -n "$sample" ]]; then
    shard=(--shard "0/$sample" --sharding round-robin)
  fi
  # shellcheck disable=SC2086 # the filters are separate words
  cargo mutants -f "${FILES[$area]}" "${shard[@]}" --in-place --timeout 240 \
    -o "mutants.out/$area" -- --lib --test testsuite -- ${TESTS[$area]}
done
