#!/bin/sh
# Receives numbers on port 7000 (the driver finds it as "server"), one connection each, tracing them; seq continues from the file (also after a restart).
mkdir -p "$SPECULA_OUT/traces"
t="$SPECULA_OUT/traces/server.ndjson"
emit() {
  seq=$(( $( [ -f "$t" ] && wc -l < "$t" || echo 0 ) + 1 ))
  printf '{"tag":"trace","v":1,"seq":%d,"node":"server","event":"%s","args":{%s},"state":{},"clock":{"server":%d}}\n' "$seq" "$1" "$2" "$seq" >> "$t"
}
if [ "${1:-}" = conn ]; then
  read -r n && emit Receive "\"n\":$n"
  exit 0
fi
emit Start ""
while true; do
  nc -l -p 7000 -e sh "$0" conn
done
