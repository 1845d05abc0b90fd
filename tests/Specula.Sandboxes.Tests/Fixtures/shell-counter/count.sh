#!/bin/sh
# A minimal target: counts to 3 + seed, tracing each step in the trace format.
set -eu
mkdir -p "$SPECULA_OUT/traces"
out="$SPECULA_OUT/traces/trace.ndjson"
echo "counting with seed $SPECULA_SEED, faults '$SPECULA_FAULTS'"
i=1
n=$((3 + SPECULA_SEED))
while [ "$i" -le "$n" ]; do
  printf '{"tag":"trace","v":1,"seq":%d,"node":"n1","event":"Inc","args":{"seed":%s},"state":{"x":%d},"clock":{"n1":%d}}\n' "$i" "$SPECULA_SEED" "$i" "$i" >> "$out"
  i=$((i + 1))
done
