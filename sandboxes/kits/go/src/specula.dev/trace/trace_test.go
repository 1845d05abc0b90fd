package trace

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestEventsAreLinesWithSeqAndVectorClocks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.ndjson")
	w, err := Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	w.Emit("n1", "Send", map[string]interface{}{"to": "n2"}, map[string]interface{}{"term": 1})
	stamp := w.Stamp("n1")
	w.Merge("n2", stamp)
	w.Emit("n2", "Receive", map[string]interface{}{"from": "n1"}, map[string]interface{}{"term": 1})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	want := `{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Send","args":{"to":"n2"},"state":{"term":1},"clock":{"n1":1}}
{"tag":"trace","v":1,"seq":1,"node":"n2","event":"Receive","args":{"from":"n1"},"state":{"term":1},"clock":{"n1":1,"n2":1}}
`
	if string(data) != want {
		t.Fatalf("got\n%s\nwant\n%s", data, want)
	}
}

func TestConcurrentWritersNeverInterleaveLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.ndjson")
	w, _ := Open(path, false)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			node := string(rune('a' + g))
			for i := 0; i < 200; i++ {
				w.Emit(node, "E", map[string]interface{}{"i": i, "pad": string(make([]byte, 300))}, nil)
			}
		}(g)
	}
	wg.Wait()
	w.Close()
	f, _ := os.Open(path)
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for s.Scan() {
		var v map[string]interface{}
		if err := json.Unmarshal(s.Bytes(), &v); err != nil {
			t.Fatalf("line %d is not JSON: %v", n+1, err)
		}
		n++
	}
	if n != 1600 {
		t.Fatalf("got %d lines, want 1600", n)
	}
}
