"""Specula tracing kit for Python: writes trace events as NDJSON, format version 1.

    {"tag":"trace","v":1,"seq":17,"node":"n2","event":"Receive","args":{...},"state":{...},"clock":{"n1":9,"n2":17}}

Each event is one os.write() on a file opened with O_APPEND: lines never interleave, and nothing is buffered in the
process, so a crash loses nothing already emitted. Clocks are vector clocks. Output is deterministic: keys sorted,
compact separators, no timestamps (the same bytes as the Go, C and C# kits for the same events).
"""

import json
import os
import threading

VERSION = 1


def _dump(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class TraceWriter:
    """Appends trace events to one file. Thread-safe."""

    def __init__(self, path, fsync=False):
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._fsync = fsync
        self._lock = threading.Lock()
        self._seq = {}
        self._clocks = {}
        self.events = 0

    def emit(self, node, event, args=None, state=None):
        """Writes one event of `node`; advances the node's clock first."""
        with self._lock:
            clock = self._clocks.setdefault(node, {})
            clock[node] = clock.get(node, 0) + 1
            self._seq[node] = self._seq.get(node, 0) + 1
            line = '{"tag":"trace","v":%d,"seq":%d,"node":%s,"event":%s,"args":%s,"state":%s,"clock":%s}\n' % (
                VERSION, self._seq[node], _dump(node), _dump(event), _dump(args or {}), _dump(state or {}), _dump(clock))
            os.write(self._fd, line.encode("utf-8"))  # one write: an atomic append
            if self._fsync:
                os.fsync(self._fd)
            self.events += 1

    def stamp(self, node):
        """A copy of `node`'s clock, to carry on an outgoing message."""
        with self._lock:
            return dict(self._clocks.get(node, {}))

    def merge(self, node, received):
        """Folds a received clock into `node`'s (entry-wise maximum); then emit the receive event."""
        with self._lock:
            clock = self._clocks.setdefault(node, {})
            for k in sorted(received):
                if received[k] > clock.get(k, 0):
                    clock[k] = received[k]

    def close(self):
        with self._lock:
            if self._fd >= 0:
                os.fsync(self._fd)
                os.close(self._fd)
                self._fd = -1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
