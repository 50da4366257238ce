#!/bin/sh
# eval.sh - `make eval`: planted manifests of each kind (fixed seeds), the shipped ruleset
# run over them, precision and recall against the ground truth, and hit rates per
# protected group. The generator plants what DOMAIN.md describes without knowing the
# scenarios; the scenarios must find it.
set -e
cd "$(dirname "$0")/.."
dir=out/eval
mkdir -p "$dir"
N=${EVAL_N:-200000}
./vigie gen traveller -n "$N" --seed 11 --plant 0.02 --truth "$dir/travellers.truth.csv" -o "$dir/travellers.csv"
./vigie gen shipment -n "$((N / 2))" --seed 12 --plant 0.03 --truth "$dir/shipments.truth.csv" -o "$dir/shipments.csv"
./vigie eval -s scenarios "$dir/travellers.csv" "$dir/travellers.truth.csv" "$dir/shipments.csv" "$dir/shipments.truth.csv"
