// Command hraft runs a 3-node cluster of hashicorp/raft (Debian's golang-github-hashicorp-raft-dev 1.1) in one process
// on the library's in-memory transport, and traces it with the Specula Go kit: every RPC sent, received and answered
// (via a wrapping transport that also carries vector clocks), role and leader changes (via the library's observers),
// and every command applied by the FSM. Faults: the leader crashes (Shutdown) and restarts on its stores, or is cut
// off from the others and reconnected.
//
// A node's logged state is a shadow the tracer keeps, changed only together with the event that changes it, under the
// node's lock: the term, and the vote with its term, when raft persists them (a wrapped StableStore), the log (its
// entries' terms) and its last entry when raft stores or truncates it (a wrapped LogStore), role and leader when raft
// changes them (an observer's filter, which raft calls on its own goroutine before it goes on), the applied index when
// the FSM applies, and the votes granted to a candidate in its term when their answers come back (raft's tally: the
// quorum evidence of becoming leader, as the etcd raft example logs it). Reading raft.Stats() instead,
// from whatever goroutine emits, logged states the events had not caused yet (an entry stored before its Receive) or
// no longer (an applied index a batch ahead), so no spec could explain them.
//
// Unlike the etcd raft example this one is NOT reproducible from its seed: hashicorp/raft runs its own goroutines and
// timers. The seed chooses the workload's values and pauses; the interleaving is the Go scheduler's.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/raft"
	"specula.dev/trace"
)

// ---- transport wrapper: traces RPCs and carries clocks ----

type clocks struct {
	sync.Mutex
	requests  map[interface{}]trace.Clock // request args -> sender's clock
	responses map[interface{}]trace.Clock // request args -> responder's clock
}

type tracedTransport struct {
	inner    *raft.InmemTransport
	node     string
	tr       *trace.Writer
	cl       *clocks
	consumer chan raft.RPC
	n        *node
	done     chan struct{}
}

func newTracedTransport(inner *raft.InmemTransport, n *node, tr *trace.Writer, cl *clocks) *tracedTransport {
	t := &tracedTransport{inner: inner, node: n.name, tr: tr, cl: cl, consumer: make(chan raft.RPC), n: n, done: make(chan struct{})}
	go t.forward()
	return t
}

// forward passes incoming RPCs on to raft, tracing each and wrapping its reply channel to trace the answer.
func (t *tracedTransport) forward() {
	for {
		select {
		case rpc := <-t.inner.Consumer():
			t.cl.Lock()
			c := t.cl.requests[rpc.Command]
			t.cl.Unlock()
			t.tr.Merge(t.node, c)
			from := sender(rpc.Command)
			in := rpcArgs(rpc.Command)
			in["from"] = from
			t.n.emit("Receive", in, nil)
			orig := rpc.RespChan
			reply := make(chan raft.RPCResponse, 1)
			rpc.RespChan = reply
			select {
			case t.consumer <- rpc:
			case <-t.done:
				return
			}
			// Raft answers one RPC at a time; the answer is logged before the next RPC is taken, so a node's Receive and
			// Respond events pair up in order and the state logged with Respond is what handling the request left.
			var r raft.RPCResponse
			select {
			case r = <-reply:
			case <-t.done:
				return
			}
			args := rpcArgs(r.Response)
			args["request"] = kind(rpc.Command)
			args["to"] = from
			if r.Error != nil {
				args["error"] = r.Error.Error()
			}
			t.n.emit("Respond", args, nil)
			t.cl.Lock()
			t.cl.responses[rpc.Command] = t.tr.Stamp(t.node)
			t.cl.Unlock()
			orig <- r
		case <-t.done:
			return
		}
	}
}

func (t *tracedTransport) send(target raft.ServerAddress, args interface{}, call func() error, resp interface{}) error {
	a := rpcArgs(args)
	a["to"] = string(target)
	t.n.emit("Send", a, nil)
	t.cl.Lock()
	t.cl.requests[args] = t.tr.Stamp(t.node)
	t.cl.Unlock()
	err := call()
	t.cl.Lock()
	c, answered := t.cl.responses[args]
	delete(t.cl.requests, args)
	delete(t.cl.responses, args)
	t.cl.Unlock()
	if err != nil {
		// A failed call is the network's doing (a peer cut off or down), like a drop, and raft changes nothing it logs
		// on it, so it is the environment's event: logged by the node it would be a step whose guard is the state of
		// whichever goroutine made the request, and a vote request made in an older term can fail after the node moved
		// on. "peer", not "to": no message is in flight (the request may have been taken; its answer is lost).
		if !t.n.c.ended.Load() {
			t.tr.Emit("env", "SendFailed", map[string]interface{}{"node": t.node, "peer": string(target), "request": kind(args), "error": err.Error()}, nil)
		}
		return err
	}
	if answered {
		t.tr.Merge(t.node, c)
	}
	r := rpcArgs(resp)
	r["from"] = string(target)
	r["request"] = kind(args)
	t.n.emit("HandleResponse", r, func(st map[string]interface{}) {
		// A vote granted in the candidate's term counts once toward its quorum, as raft's tally in runCandidate.
		v, ok := resp.(*raft.RequestVoteResponse)
		if !ok || !v.Granted || st["role"] != "Candidate" || st["term"] != v.Term {
			return
		}
		votes := st["votes"].([]string)
		for _, x := range votes {
			if x == string(target) {
				return
			}
		}
		st["votes"] = append(append([]string{}, votes...), string(target))
	})
	return nil
}

func (t *tracedTransport) Consumer() <-chan raft.RPC          { return t.consumer }
func (t *tracedTransport) LocalAddr() raft.ServerAddress      { return t.inner.LocalAddr() }
func (t *tracedTransport) SetHeartbeatHandler(func(raft.RPC)) {}
func (t *tracedTransport) EncodePeer(id raft.ServerID, a raft.ServerAddress) []byte {
	return t.inner.EncodePeer(id, a)
}
func (t *tracedTransport) DecodePeer(b []byte) raft.ServerAddress { return t.inner.DecodePeer(b) }

// AppendEntriesPipeline is declined so every AppendEntries goes through AppendEntries below and is traced.
func (t *tracedTransport) AppendEntriesPipeline(raft.ServerID, raft.ServerAddress) (raft.AppendPipeline, error) {
	return nil, raft.ErrPipelineReplicationNotSupported
}
func (t *tracedTransport) AppendEntries(id raft.ServerID, target raft.ServerAddress, args *raft.AppendEntriesRequest, resp *raft.AppendEntriesResponse) error {
	return t.send(target, args, func() error { return t.inner.AppendEntries(id, target, args, resp) }, resp)
}
func (t *tracedTransport) RequestVote(id raft.ServerID, target raft.ServerAddress, args *raft.RequestVoteRequest, resp *raft.RequestVoteResponse) error {
	return t.send(target, args, func() error { return t.inner.RequestVote(id, target, args, resp) }, resp)
}
func (t *tracedTransport) InstallSnapshot(id raft.ServerID, target raft.ServerAddress, args *raft.InstallSnapshotRequest, resp *raft.InstallSnapshotResponse, data io.Reader) error {
	return t.send(target, args, func() error { return t.inner.InstallSnapshot(id, target, args, resp, data) }, resp)
}
func (t *tracedTransport) TimeoutNow(id raft.ServerID, target raft.ServerAddress, args *raft.TimeoutNowRequest, resp *raft.TimeoutNowResponse) error {
	return t.send(target, args, func() error { return t.inner.TimeoutNow(id, target, args, resp) }, resp)
}
func (t *tracedTransport) Close() error {
	select {
	case <-t.done:
	default:
		close(t.done)
	}
	return t.inner.Close()
}

func kind(v interface{}) string {
	switch v.(type) {
	case *raft.AppendEntriesRequest:
		return "AppendEntries"
	case *raft.RequestVoteRequest:
		return "RequestVote"
	case *raft.InstallSnapshotRequest:
		return "InstallSnapshot"
	case *raft.TimeoutNowRequest:
		return "TimeoutNow"
	}
	return fmt.Sprintf("%T", v)
}

// sender is the node that sent a request: the leader of an AppendEntries, the candidate of a RequestVote.
func sender(v interface{}) string {
	switch m := v.(type) {
	case *raft.AppendEntriesRequest:
		return string(m.Leader)
	case *raft.RequestVoteRequest:
		return string(m.Candidate)
	}
	return ""
}

// rpcArgs logs a message's fields. Every message carries "reject" (false on requests), as etcd's messages do, so a
// response's answer is part of the message in flight and a spec can tie a granted vote to the voter's state.
func rpcArgs(v interface{}) map[string]interface{} {
	switch m := v.(type) {
	case *raft.AppendEntriesRequest:
		var es []interface{}
		for _, e := range m.Entries {
			es = append(es, map[string]interface{}{"index": e.Index, "term": e.Term, "type": logType(e.Type), "value": string(e.Data)})
		}
		return map[string]interface{}{"type": "AppendEntries", "term": m.Term, "leader": string(m.Leader), "prevLogIndex": m.PrevLogEntry,
			"prevLogTerm": m.PrevLogTerm, "leaderCommit": m.LeaderCommitIndex, "entries": es, "reject": false}
	case *raft.AppendEntriesResponse:
		return map[string]interface{}{"type": "AppendEntriesResponse", "term": m.Term, "lastLog": m.LastLog, "reject": !m.Success, "noRetryBackoff": m.NoRetryBackoff}
	case *raft.RequestVoteRequest:
		return map[string]interface{}{"type": "RequestVote", "term": m.Term, "candidate": string(m.Candidate), "lastLogIndex": m.LastLogIndex, "lastLogTerm": m.LastLogTerm, "reject": false}
	case *raft.RequestVoteResponse:
		return map[string]interface{}{"type": "RequestVoteResponse", "term": m.Term, "reject": !m.Granted}
	case *raft.InstallSnapshotRequest:
		return map[string]interface{}{"type": "InstallSnapshot", "term": m.Term, "lastLogIndex": m.LastLogIndex, "lastLogTerm": m.LastLogTerm}
	case *raft.InstallSnapshotResponse:
		return map[string]interface{}{"type": "InstallSnapshotResponse", "term": m.Term, "success": m.Success}
	case *raft.TimeoutNowRequest:
		return map[string]interface{}{"type": "TimeoutNow"}
	case *raft.TimeoutNowResponse:
		return map[string]interface{}{"type": "TimeoutNowResponse"}
	case nil:
		return map[string]interface{}{}
	}
	return map[string]interface{}{"type": fmt.Sprintf("%T", v)}
}

// ---- nodes ----

type fsm struct {
	n       *node
	mu      sync.Mutex
	applied []string
}

func (f *fsm) Apply(l *raft.Log) interface{} {
	f.mu.Lock()
	f.applied = append(f.applied, string(l.Data))
	f.mu.Unlock()
	f.n.emit("Apply", map[string]interface{}{"index": l.Index, "term": l.Term, "value": string(l.Data)}, func(st map[string]interface{}) {
		st["applied_index"] = l.Index
	})
	return nil
}
func (f *fsm) Snapshot() (raft.FSMSnapshot, error) { return nil, fmt.Errorf("snapshots are not used") }
func (f *fsm) Restore(io.ReadCloser) error         { return nil }

type node struct {
	c      *cluster
	name   string
	addr   raft.ServerAddress
	logs   *raft.InmemStore
	store  *tracedStore
	snaps  *raft.InmemSnapshotStore
	inner  *raft.InmemTransport
	trans  *tracedTransport
	r      *raft.Raft
	fsm    *fsm
	up     bool
	mu     sync.Mutex // guards shadow (and r, up)
	shadow map[string]interface{}
}

// emit logs an event of the node with its state after change (nil: the event changes nothing), both under the node's
// lock, so that the states logged on any goroutine follow the node's events in their order.
func (n *node) emit(event string, args map[string]interface{}, change func(st map[string]interface{})) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.c.ended.Load() {
		return
	}
	if change != nil {
		change(n.shadow)
	}
	st := make(map[string]interface{}, len(n.shadow))
	for k, v := range n.shadow {
		st[k] = v
	}
	n.c.tr.Emit(n.name, event, args, st)
}

// tracedStore is the node's log and stable store: each change raft makes to its term or log is an event, logged
// synchronously on raft's goroutine before the call returns.
type tracedStore struct {
	*raft.InmemStore
	n *node
}

func (s *tracedStore) SetUint64(key []byte, v uint64) error {
	if err := s.InmemStore.SetUint64(key, v); err != nil {
		return err
	}
	if string(key) == "CurrentTerm" {
		// A new term starts a new tally: the votes granted in the old one count no more.
		s.n.emit("PersistTerm", map[string]interface{}{"term": v}, func(st map[string]interface{}) { st["term"], st["votes"] = v, []string{} })
	}
	return nil
}

// Set logs the node's vote when raft persists it (persistVote stores the vote's term first, then the candidate): vote
// and vote_term are raft's LastVoteCand and LastVoteTerm, and a candidate's vote for itself joins its tally.
func (s *tracedStore) Set(key []byte, val []byte) error {
	if err := s.InmemStore.Set(key, val); err != nil {
		return err
	}
	if string(key) == "LastVoteCand" {
		term, _ := s.InmemStore.GetUint64([]byte("LastVoteTerm"))
		s.n.emit("Vote", map[string]interface{}{"for": string(val), "term": term}, func(st map[string]interface{}) {
			st["vote"], st["vote_term"] = string(val), term
			// electSelf asks the peers before it persists its own vote (it goes through the servers in order), so a
			// peer's vote can be counted first: the node's own joins the tally, it does not start it.
			if string(val) == s.n.name {
				st["votes"] = append(append([]string{}, st["votes"].([]string)...), s.n.name)
			}
		})
	}
	return nil
}

func (s *tracedStore) StoreLog(l *raft.Log) error { return s.StoreLogs([]*raft.Log{l}) }

// StoreLogs logs one StoreLog event per entry stored, in index order: the node's log (the terms of its entries) grows
// by one entry at a time, so a spec can say where each entry comes from (the leader's own term, or a peer's log).
func (s *tracedStore) StoreLogs(logs []*raft.Log) error {
	if err := s.InmemStore.StoreLogs(logs); err != nil {
		return err
	}
	for _, l := range logs {
		s.n.emit("StoreLog", map[string]interface{}{"index": l.Index, "term": l.Term}, func(st map[string]interface{}) {
			old := st["log"].([]uint64)
			if int(l.Index-1) < len(old) {
				old = old[:l.Index-1]
			}
			st["log"] = append(append([]uint64{}, old...), l.Term)
			st["last_log_index"], st["last_log_term"] = l.Index, l.Term
		})
	}
	return nil
}

func (s *tracedStore) DeleteRange(min, max uint64) error {
	if err := s.InmemStore.DeleteRange(min, max); err != nil {
		return err
	}
	index, term := lastEntry(s.InmemStore)
	s.n.emit("DeleteRange", map[string]interface{}{"from": min, "to": max, "last": index, "lastTerm": term}, func(st map[string]interface{}) {
		st["last_log_index"], st["last_log_term"] = index, term
		st["log"] = append([]uint64{}, st["log"].([]uint64)[:index]...)
	})
	return nil
}

// terms is the term of each entry of a store's log, from index 1 (bootstrapped logs start there; nothing compacts them).
func terms(s *raft.InmemStore) []uint64 {
	last, _ := s.LastIndex()
	ts := make([]uint64, 0, last)
	for i := uint64(1); i <= last; i++ {
		var l raft.Log
		if s.GetLog(i, &l) != nil {
			break
		}
		ts = append(ts, l.Term)
	}
	return ts
}

// lastEntry is the index and term of a store's last log entry (0, 0 when empty).
func lastEntry(s *raft.InmemStore) (uint64, uint64) {
	index, _ := s.LastIndex()
	var l raft.Log
	if index == 0 || s.GetLog(index, &l) != nil {
		return 0, 0
	}
	return index, l.Term
}

type cluster struct {
	ended atomic.Bool // the workload is over: tearing the cluster down is not the system's behaviour, so not traced
	tr    *trace.Writer
	cl    *clocks
	nodes []*node
	conf  raft.Configuration
}

func (c *cluster) start(n *node, event string) {
	_, inner := raft.NewInmemTransportWithTimeout(n.addr, 200*time.Millisecond)
	n.inner = inner
	n.trans = newTracedTransport(inner, n, c.tr, c.cl)
	n.store = &tracedStore{InmemStore: n.logs, n: n}
	for _, m := range c.nodes {
		if m != n && m.up {
			inner.Connect(m.addr, m.inner)
			m.inner.Connect(n.addr, inner)
		}
	}
	cfg := raft.DefaultConfig()
	cfg.LocalID = raft.ServerID(n.name)
	cfg.HeartbeatTimeout = 50 * time.Millisecond
	cfg.ElectionTimeout = 50 * time.Millisecond
	cfg.LeaderLeaseTimeout = 50 * time.Millisecond
	cfg.CommitTimeout = 5 * time.Millisecond
	cfg.LogOutput = ioutil.Discard
	cfg.LogLevel = "OFF"
	cfg.SnapshotThreshold = 1 << 30
	n.fsm = &fsm{n: n}
	if event == "Init" {
		// The bootstrap's configuration entry and first term are the initial state, not events: the raw stores take them.
		if err := raft.BootstrapCluster(cfg, n.logs, n.logs, n.snaps, n.trans, c.conf); err != nil {
			fail(err)
		}
	}
	// The state raft starts from: its stores (which survive a crash), no command applied, a follower with no leader.
	term, _ := n.logs.GetUint64([]byte("CurrentTerm"))
	voteTerm, _ := n.logs.GetUint64([]byte("LastVoteTerm"))
	vote, _ := n.logs.Get([]byte("LastVoteCand"))
	index, lastTerm := lastEntry(n.logs)
	n.emit(event, nil, func(st map[string]interface{}) {
		st["up"], st["term"], st["last_log_index"], st["last_log_term"] = true, term, index, lastTerm
		st["vote"], st["vote_term"], st["votes"], st["log"] = string(vote), voteTerm, []string{}, terms(n.logs)
		st["applied_index"], st["role"], st["leader"] = uint64(0), "Follower", ""
	})
	// Role and leader changes are logged by the observer's filter, which raft calls on its own goroutine as it makes
	// the change (the observer has no channel: nothing is queued, nothing logged late).
	observer := raft.NewObserver(nil, true, func(o *raft.Observation) bool {
		switch d := o.Data.(type) {
		case raft.RaftState:
			n.emit("Become"+d.String(), nil, func(st map[string]interface{}) { st["role"] = d.String() })
		case raft.LeaderObservation:
			n.emit("LeaderChange", map[string]interface{}{"leader": string(d.Leader)}, func(st map[string]interface{}) { st["leader"] = string(d.Leader) })
		}
		return false
	})
	r, err := raft.NewRaft(cfg, n.fsm, n.store, n.store, n.snaps, n.trans)
	if err != nil {
		fail(err)
	}
	r.RegisterObserver(observer)
	n.mu.Lock()
	n.r, n.up = r, true
	n.mu.Unlock()
}

func (c *cluster) crash(n *node) {
	n.emit("Crash", nil, func(st map[string]interface{}) { st["up"] = false })
	c.tr.Emit("env", "CrashNode", map[string]interface{}{"node": n.name}, nil)
	n.r.Shutdown().Error()
	n.trans.Close()
	for _, m := range c.nodes {
		if m != n {
			m.inner.Disconnect(n.addr)
		}
	}
	n.mu.Lock()
	n.up = false
	n.mu.Unlock()
}

func (c *cluster) setLink(a, b *node, connected bool) {
	if connected {
		a.inner.Connect(b.addr, b.inner)
		b.inner.Connect(a.addr, a.inner)
	} else {
		a.inner.Disconnect(b.addr)
		b.inner.Disconnect(a.addr)
	}
}

func (c *cluster) leader(timeout time.Duration, exclude *node) *node {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for _, n := range c.nodes {
			if n.up && n != exclude && n.r.State() == raft.Leader {
				return n
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

func main() {
	seed := flag.Int64("seed", envInt("SPECULA_SEED", 1), "seed of the workload (values and pauses; not of the interleaving)")
	workload := flag.String("workload", envStr("SPECULA_WORKLOAD", "proposals"), "proposals | leader-crash | partition | follower-partition")
	proposals := flag.Int("proposals", 20, "values to apply")
	out := flag.String("out", envStr("SPECULA_OUT", "."), "output folder; the trace goes to <out>/traces/trace.ndjson")
	flag.Parse()
	rng := rand.New(rand.NewSource(*seed))
	if err := os.MkdirAll(filepath.Join(*out, "traces"), 0o755); err != nil {
		fail(err)
	}
	tr, err := trace.Open(filepath.Join(*out, "traces", "trace.ndjson"), false)
	if err != nil {
		fail(err)
	}
	c := &cluster{tr: tr, cl: &clocks{requests: map[interface{}]trace.Clock{}, responses: map[interface{}]trace.Clock{}}}
	for i := 1; i <= 3; i++ {
		n := &node{c: c, name: "n" + strconv.Itoa(i), addr: raft.ServerAddress("n" + strconv.Itoa(i)), logs: raft.NewInmemStore(), snaps: raft.NewInmemSnapshotStore(),
			shadow: map[string]interface{}{}}
		c.nodes = append(c.nodes, n)
		c.conf.Servers = append(c.conf.Servers, raft.Server{Suffrage: raft.Voter, ID: raft.ServerID(n.name), Address: n.addr})
	}
	for _, n := range c.nodes {
		c.start(n, "Init")
	}
	fmt.Printf("seed=%d workload=%s\n", *seed, *workload)

	crashAt, partitionAt, isolateFollower := -1, -1, false
	switch *workload {
	case "proposals":
	case "leader-crash":
		crashAt = *proposals / 3
	case "partition":
		partitionAt = *proposals / 2
	case "follower-partition":
		// A follower cut off falls behind and campaigns alone, raising its term; back, it unseats the leader, and once
		// another node wins it catches up entries of the older terms while in the newer one.
		partitionAt, isolateFollower = *proposals/2, true
	default:
		fail(fmt.Errorf("unknown workload %q", *workload))
	}
	var crashed, isolated *node
	for i := 1; i <= *proposals; i++ {
		leader := c.leader(5*time.Second, isolated)
		if leader == nil {
			fail(fmt.Errorf("no leader within 5s"))
		}
		if i == crashAt {
			crashed = leader
			c.crash(leader)
			if leader = c.leader(5*time.Second, nil); leader == nil {
				fail(fmt.Errorf("no new leader after the crash"))
			}
		}
		if i == partitionAt {
			isolated = leader
			if isolateFollower {
				var followers []*node
				for _, m := range c.nodes {
					if m != leader && m.up {
						followers = append(followers, m)
					}
				}
				isolated = followers[rng.Intn(len(followers))]
			}
			c.tr.Emit("env", "Partition", map[string]interface{}{"isolated": isolated.name}, nil)
			for _, m := range c.nodes {
				if m != isolated {
					c.setLink(isolated, m, false)
				}
			}
			if isolateFollower {
				// Long enough for the follower's election timer to fire a few times while the others go on.
				time.Sleep(time.Duration(150+rng.Intn(150)) * time.Millisecond)
			}
			if leader = c.leader(5*time.Second, isolated); leader == nil {
				fail(fmt.Errorf("no new leader in the majority"))
			}
		}
		if crashed != nil && i == crashAt+*proposals/3 {
			c.start(crashed, "Restart")
			c.tr.Emit("env", "RestartNode", map[string]interface{}{"node": crashed.name}, nil)
			crashed = nil
		}
		if isolated != nil && i == partitionAt+*proposals/4 {
			for _, m := range c.nodes {
				if m != isolated {
					c.setLink(isolated, m, true)
				}
			}
			c.tr.Emit("env", "Heal", nil, nil)
			isolated = nil
		}
		v := "v" + strconv.Itoa(i)
		leader.emit("ClientRequest", map[string]interface{}{"value": v}, nil)
		if err := leader.r.Apply([]byte(v), time.Second).Error(); err != nil {
			leader.emit("ClientRequestFailed", map[string]interface{}{"value": v, "error": err.Error()}, nil)
			i--
		}
		time.Sleep(time.Duration(rng.Intn(10)) * time.Millisecond)
	}
	// Let every node catch up, then stop.
	leader := c.leader(5*time.Second, nil)
	deadline := time.Now().Add(5 * time.Second)
	for leader != nil && time.Now().Before(deadline) {
		caught := true
		for _, n := range c.nodes {
			if n.up && n.r.AppliedIndex() < leader.r.LastIndex() {
				caught = false
			}
		}
		if caught {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	var summary []string
	for _, n := range c.nodes {
		if n.up {
			n.fsm.mu.Lock()
			summary = append(summary, fmt.Sprintf("%s:%d", n.name, len(n.fsm.applied)))
			n.fsm.mu.Unlock()
		}
	}
	// The observation ends with the workload: the final shutdown is the harness's, not the system's behaviour, and
	// its states (caught up by the wait above) would read as a law of when nodes shut down.
	c.ended.Store(true)
	for _, n := range c.nodes {
		if n.up {
			n.r.Shutdown().Error()
			n.trans.Close()
		}
	}
	tr.Close()
	fmt.Printf("events=%d applied=%s\n", tr.Events(), strings.Join(summary, ","))
}

func envInt(key string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(key), 10, 64); err == nil {
		return v
	}
	return def
}

func envStr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "hraft:", err)
	os.Exit(1)
}

func logType(t raft.LogType) string {
	switch t {
	case raft.LogCommand:
		return "Command"
	case raft.LogNoop:
		return "Noop"
	case raft.LogConfiguration:
		return "Configuration"
	case raft.LogBarrier:
		return "Barrier"
	}
	return "Other"
}
