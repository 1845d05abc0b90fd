#!/bin/sh
# Sends 1..15 to the server every 100 ms; a send during the server's restart fails and is retried.
mkdir -p "$SPECULA_OUT/traces"
t="$SPECULA_OUT/traces/driver.ndjson"
i=1; seq=0
while [ "$i" -le 15 ]; do
  if echo "$i" | nc -w 1 server 7000 2>/dev/null; then
    seq=$((seq + 1)); printf '{"tag":"trace","v":1,"seq":%d,"node":"driver","event":"Send","args":{"n":%d},"state":{},"clock":{"driver":%d}}\n' "$seq" "$i" "$seq" >> "$t"
    i=$((i + 1))
  fi
  usleep 100000
done
