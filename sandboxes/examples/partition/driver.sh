#!/bin/sh
# The driver: waits until a and b listen, then sends 1..30 to each of them (by name: /etc/hosts lists the pod's nodes),
# tracing every send as Sent or Lost. Each send waits at most a second, so a node cut off costs a second per send.
mkdir -p "$SPECULA_OUT/traces"
t="$SPECULA_OUT/traces/driver.ndjson"
seq=0
emit() {
  seq=$((seq + 1))
  printf '{"tag":"trace","v":1,"seq":%d,"node":"driver","event":"%s","args":{"to":"%s","n":%d},"state":{},"clock":{"driver":%d}}\n' \
    "$seq" "$1" "$2" "$3" "$seq" >> "$t"
}
for to in a b; do
  tries=0
  until nc -w 1 "$to" 7000 </dev/null 2>/dev/null || [ "$tries" -ge 50 ]; do tries=$((tries + 1)); usleep 100000; done
done
i=1
while [ "$i" -le 30 ]; do
  for to in a b; do
    if echo "$i" | nc -w 1 "$to" 7000 2>/dev/null; then emit Sent "$to" "$i"; else emit Lost "$to" "$i"; fi
  done
  i=$((i + 1))
  usleep 100000
done
