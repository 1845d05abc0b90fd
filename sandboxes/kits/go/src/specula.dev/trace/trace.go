// Package trace writes Specula trace events: NDJSON, one event a line, in the format
//
//	{"tag":"trace","v":1,"seq":17,"node":"n2","event":"HandleAppendEntries","args":{...},"state":{...},"clock":{"n1":9,"n2":17}}
//
// Every event is one write(2) on a file opened with O_APPEND, so lines from several writers never interleave and
// nothing is lost when the process crashes (the kernel holds what was written). Clocks are vector clocks: Emit
// advances the node's own entry, Stamp copies a node's clock onto an outgoing message, Merge folds a received one in.
// Output is deterministic: keys of args, state and clock are written sorted.
package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
)

// Version is the trace format version written in every line.
const Version = 1

// Clock is a vector clock: node name to counter.
type Clock map[string]uint64

// Copy returns an independent copy.
func (c Clock) Copy() Clock {
	out := make(Clock, len(c))
	for k, v := range c {
		out[k] = v
	}
	return out
}

// Writer appends trace events to one file. It is safe for concurrent use.
type Writer struct {
	mu     sync.Mutex
	f      *os.File
	sync   bool
	seq    map[string]uint64
	clocks map[string]Clock
	events int
}

// Open creates (or appends to) the trace file at path. With syncEach, every event is also fsync'ed
// (survives a machine crash, not just a process crash).
func Open(path string, syncEach bool) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &Writer{f: f, sync: syncEach, seq: map[string]uint64{}, clocks: map[string]Clock{}}, nil
}

type line struct {
	Tag   string                 `json:"tag"`
	V     int                    `json:"v"`
	Seq   uint64                 `json:"seq"`
	Node  string                 `json:"node"`
	Event string                 `json:"event"`
	Args  map[string]interface{} `json:"args"`
	State map[string]interface{} `json:"state"`
	Clock Clock                  `json:"clock"`
}

// Emit writes one event of node: it advances the node's clock, then appends the line.
// args describe the event (message fields, proposal values); state holds the node's observed variables after it.
func (w *Writer) Emit(node, event string, args, state map[string]interface{}) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.clock(node)
	c[node]++
	w.seq[node]++
	if args == nil {
		args = map[string]interface{}{}
	}
	if state == nil {
		state = map[string]interface{}{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // encoding/json writes map keys sorted: the output is deterministic
	enc.SetEscapeHTML(false)
	if err := enc.Encode(line{Tag: "trace", V: Version, Seq: w.seq[node], Node: node, Event: event, Args: args, State: state, Clock: c}); err != nil {
		return fmt.Errorf("trace: encoding %s/%s: %w", node, event, err)
	}
	if _, err := w.f.Write(buf.Bytes()); err != nil { // one write per line: atomic append
		return err
	}
	w.events++
	if w.sync {
		return w.f.Sync()
	}
	return nil
}

// Stamp returns a copy of node's clock to carry on an outgoing message.
func (w *Writer) Stamp(node string) Clock {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.clock(node).Copy()
}

// Merge folds a received clock into node's clock (entry-wise maximum); the receive event itself is then Emit'ed.
func (w *Writer) Merge(node string, received Clock) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.clock(node)
	keys := make([]string, 0, len(received))
	for k := range received {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if received[k] > c[k] {
			c[k] = received[k]
		}
	}
}

// Events returns how many events were written.
func (w *Writer) Events() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.events
}

// Close syncs and closes the file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.f.Sync(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}

func (w *Writer) clock(node string) Clock {
	c, ok := w.clocks[node]
	if !ok {
		c = Clock{}
		w.clocks[node] = c
	}
	return c
}
