#!/bin/sh
# A node: receives numbers on port 7000 (a persistent listener, one handler per connection)
# and traces them in $SPECULA_OUT/traces/$SPECULA_NODE.ndjson.
mkdir -p "$SPECULA_OUT/traces"
t="$SPECULA_OUT/traces/$SPECULA_NODE.ndjson"
emit() {
  seq=$(( $( [ -f "$t" ] && wc -l < "$t" || echo 0 ) + 1 ))
  printf '{"tag":"trace","v":1,"seq":%d,"node":"%s","event":"%s","args":{%s},"state":{},"clock":{"%s":%d}}\n' \
    "$seq" "$SPECULA_NODE" "$1" "$2" "$SPECULA_NODE" "$seq" >> "$t"
}
if [ "${1:-}" = conn ]; then
  read -r n && emit Receive "\"n\":$n"
  exit 0
fi
emit Start "\"peers\":\"$SPECULA_PEERS\""
exec nc -ll -p 7000 -e sh "$0" conn
