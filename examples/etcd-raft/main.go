// Command raftcluster runs a 3-node cluster of the etcd raft library (go.etcd.io/etcd/raft, as Debian packages it) in one
// process: RawNode + MemoryStorage per node, messages carried by an in-process network under a seeded scheduler
// (delays, reordering, drops, partitions, crashes), so a run is reproducible from its seed. Every state change the
// library makes visible (role, term, vote, log appends, commits, applies, messages sent and received, crashes and
// restarts) is written as a Specula trace event with the Go kit.
//
// Each event's state is the node's state as the events so far have shown it: a received message changes nothing
// but the votes the node has been granted, and the changes the library makes while stepping it surface one at a time
// through Ready (soft state, term, vote, each log entry, commit, applies), each in its own event, so every event
// shows the one change its code path makes. Ready is processed after every step, so a node's shown state is the
// library's between events. The state carries the log as the sequence of its entries' terms (index 1 is the
// bootstrap snapshot) and the votes granted to the node in its current term (itself first when it campaigns).
//
// The library's own election timer is randomized from an unseeded global source, so it is kept out of play
// (ElectionTick is far beyond the length of a run) and replaced by a seeded timer in the scheduler that calls
// Campaign() when a node has not heard from a leader for its (seeded) timeout.
package main

import (
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.etcd.io/etcd/raft"
	pb "go.etcd.io/etcd/raft/raftpb"
	"specula.dev/trace"
)

const (
	electionTick  = 1 << 20 // never reached: elections are started by the seeded timer below
	heartbeatTick = 3
)

type envelope struct {
	m         pb.Message
	clock     trace.Clock
	deliverAt int
	id        int
}

type node struct {
	id        uint64
	name      string
	storage   *raft.MemoryStorage
	rn        *raft.RawNode
	up        bool
	soft      raft.SoftState
	hard      pb.HardState
	applied   []string // values applied, in order
	quiet     int      // rounds without hearing from a leader
	timeout   int      // seeded election timeout, in rounds
	shown     shown    // the state the events have shown so far
}

// shown is a node's state as its events have revealed it (see the package comment).
type shown struct {
	term, vote, lead, commit uint64
	role                     raft.StateType
	log                      []uint64 // log[i-1] is the term of the entry at index i
	votes                    []uint64 // granted to the node in its current term, in the order they came
}

type cluster struct {
	rng        *rand.Rand
	tr         *trace.Writer
	nodes      []*node
	net        []*envelope
	nextID     int
	round      int
	faults     map[string]bool
	partition  map[uint64]int // node -> side; empty when healed
	dropRate   float64
	maxDelay   int
	violations []string
	pace       time.Duration
}

func main() {
	seed := flag.Int64("seed", envInt("SPECULA_SEED", 1), "seed of the scheduler")
	workload := flag.String("workload", envStr("SPECULA_WORKLOAD", "proposals"), "proposals | leader-crash | partition")
	faults := flag.String("faults", os.Getenv("SPECULA_FAULTS"), "comma-separated: drop, reorder, delay, crash-leader, partition")
	proposals := flag.Int("proposals", 20, "values to propose")
	pace := flag.Duration("pace", 0, "wall-clock pause per round (slows the run down for outside faults; does not change the trace)")
	out := flag.String("out", envStr("SPECULA_OUT", "."), "output folder; the trace goes to <out>/traces/trace.ndjson")
	flag.Parse()

	raft.SetLogger(&raft.DefaultLogger{Logger: log.New(ioutil.Discard, "", 0)})
	if err := os.MkdirAll(filepath.Join(*out, "traces"), 0o755); err != nil {
		fail(err)
	}
	tr, err := trace.Open(filepath.Join(*out, "traces", "trace.ndjson"), false)
	if err != nil {
		fail(err)
	}
	defer tr.Close()

	c := newCluster(*seed, tr, *faults)
	c.pace = *pace
	fmt.Printf("seed=%d workload=%s faults=%s\n", *seed, *workload, strings.Join(c.faultList(), ","))
	c.run(*workload, *proposals)
	tr.Close()

	fmt.Printf("rounds=%d events=%d leader=%s applied=%s\n", c.round, tr.Events(), c.leaderName(), c.appliedSummary())
	if len(c.violations) > 0 {
		for _, v := range c.violations {
			fmt.Fprintln(os.Stderr, "SAFETY VIOLATION:", v)
		}
		os.Exit(2)
	}
}

func newCluster(seed int64, tr *trace.Writer, faults string) *cluster {
	c := &cluster{rng: rand.New(rand.NewSource(seed)), tr: tr, faults: map[string]bool{}, partition: map[uint64]int{}, maxDelay: 1}
	for _, f := range strings.Split(faults, ",") {
		if f = strings.TrimSpace(f); f != "" {
			c.faults[f] = true
		}
	}
	if c.faults["drop"] {
		c.dropRate = 0.05
	}
	if c.faults["delay"] {
		c.maxDelay = 4
	}
	peers := []uint64{1, 2, 3}
	for _, id := range peers {
		n := &node{id: id, name: name(id), storage: raft.NewMemoryStorage()}
		// The cluster configuration as a snapshot at index 1 (how etcd's own tests bootstrap a RawNode).
		n.storage.ApplySnapshot(pb.Snapshot{Metadata: pb.SnapshotMetadata{Index: 1, Term: 1, ConfState: pb.ConfState{Voters: peers}}})
		c.nodes = append(c.nodes, n)
		c.start(n, "Init")
	}
	return c
}

func (c *cluster) faultList() []string {
	var fs []string
	for f := range c.faults {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	return fs
}

// start creates the node's RawNode from its storage: at boot, and on restart after a crash (storage is the durable part).
func (c *cluster) start(n *node, event string) {
	rn, err := raft.NewRawNode(&raft.Config{
		ID: n.id, ElectionTick: electionTick, HeartbeatTick: heartbeatTick, Storage: n.storage,
		MaxSizePerMsg: 1 << 16, MaxInflightMsgs: 64, CheckQuorum: false, PreVote: false,
	})
	if err != nil {
		fail(err)
	}
	n.rn, n.up, n.applied, n.quiet = rn, true, nil, 0
	n.timeout = 10 + c.rng.Intn(10)
	st := rn.BasicStatus()
	n.soft, n.hard = st.SoftState, st.HardState
	n.shown = shown{term: st.Term, vote: st.Vote, lead: st.Lead, commit: st.Commit, role: st.RaftState, log: storedTerms(n.storage)}
	c.emit(n, event, map[string]interface{}{"electionTimeout": n.timeout})
}

func (c *cluster) run(workload string, proposals int) {
	crashAt, partitionAt := -1, -1
	switch workload {
	case "proposals":
	case "leader-crash":
		c.faults["crash-leader"] = true
	case "partition":
		c.faults["partition"] = true
	default:
		fail(fmt.Errorf("unknown workload %q", workload))
	}
	if c.faults["crash-leader"] {
		crashAt = proposals / 3
	}
	if c.faults["partition"] {
		partitionAt = proposals / 2
	}
	proposed, crashed, restartAt, healAt := 0, (*node)(nil), -1, -1
	var pending []*request
	const maxRounds = 3000
	for c.round = 1; c.round <= maxRounds; c.round++ {
		leader := c.leader()
		// Faults, at points of progress rather than wall time, so they land in the same place for a seed.
		if crashAt >= 0 && proposed >= crashAt && crashed == nil && leader != nil {
			crashed = leader
			c.crash(leader)
			restartAt = c.round + 25 + c.rng.Intn(15)
			crashAt = -1
		}
		if crashed != nil && c.round == restartAt {
			c.start(crashed, "Restart")
			c.emitEnv("RestartNode", map[string]interface{}{"node": crashed.name})
			crashed = nil
		}
		if partitionAt >= 0 && proposed >= partitionAt && leader != nil && len(c.partition) == 0 && healAt < 0 {
			c.isolate(leader)
			healAt = c.round + 30 + c.rng.Intn(20)
			partitionAt = -1
		}
		if c.round == healAt {
			c.partition = map[uint64]int{}
			c.emitEnv("Heal", nil)
		}
		// Workload: propose at the leader, now and then; a client retries a value not committed within 40 rounds.
		if leader = c.leader(); leader != nil {
			if proposed < proposals && c.rng.Intn(3) == 0 {
				proposed++
				v := "v" + strconv.Itoa(proposed)
				pending = append(pending, &request{value: v, at: c.round})
				c.propose(leader, v, false)
			}
			for _, r := range pending {
				if !c.committed(r.value) && c.round-r.at > 40 {
					r.at = c.round
					c.propose(leader, r.value, true)
				}
			}
		}
		// Time passes.
		for _, n := range c.nodes {
			if n.up {
				n.rn.Tick()
				n.quiet++
				if n.soft.RaftState != raft.StateLeader && n.quiet > n.timeout {
					n.quiet = 0
					n.timeout = 10 + c.rng.Intn(10)
					c.emit(n, "Timeout", map[string]interface{}{"electionTimeout": n.timeout})
					n.rn.Campaign()
				}
			}
		}
		c.processReady()
		c.deliver()
		c.processReady()
		c.checkSafety()
		if c.pace > 0 {
			time.Sleep(c.pace)
		}
		if proposed == proposals && crashed == nil && len(c.partition) == 0 && c.converged(pending) {
			break
		}
	}
}

// processReady persists, sends and applies what each live node has ready, tracing each step.
func (c *cluster) processReady() {
	for _, n := range c.nodes {
		c.processReadyOf(n)
	}
}

// processReadyOf handles one node's Ready until it has none, one event per change: the soft state first (a deposed
// leader is a follower before it moves to the new term) unless the node campaigns (then the new term, its own vote and
// then the candidacy), the entries one at a time, the commit, the messages, the applies.
func (c *cluster) processReadyOf(n *node) {
	for n.up && n.rn.HasReady() {
		rd := n.rn.Ready()
		hs := rd.HardState
		role, lead := n.shown.role, n.shown.lead
		if rd.SoftState != nil {
			n.soft = *rd.SoftState
			role, lead = rd.SoftState.RaftState, rd.SoftState.Lead
		}
		termChanged := !raft.IsEmptyHardState(hs) && hs.Term != n.shown.term
		campaign := role == raft.StateCandidate && (role != n.shown.role || termChanged)
		if !campaign && (role != n.shown.role || lead != n.shown.lead) {
			n.shown.role, n.shown.lead = role, lead
			c.emit(n, "Become"+roleName(role), map[string]interface{}{"term": n.shown.term, "leader": name(lead)})
		}
		if termChanged {
			n.shown.term, n.shown.vote, n.shown.votes = hs.Term, 0, nil
			c.emit(n, "UpdateTerm", map[string]interface{}{"term": hs.Term})
		}
		if !raft.IsEmptyHardState(hs) && hs.Vote != n.shown.vote && hs.Vote != 0 {
			n.shown.vote = hs.Vote
			c.emit(n, "Vote", map[string]interface{}{"for": name(hs.Vote), "term": hs.Term})
		}
		if campaign {
			// The candidate polls itself first (raft's campaign).
			n.shown.role, n.shown.lead, n.shown.votes = role, lead, []uint64{n.id}
			c.emit(n, "BecomeCandidate", map[string]interface{}{"term": n.shown.term, "leader": name(lead)})
		}
		if !raft.IsEmptyHardState(hs) {
			n.storage.SetHardState(hs)
		}
		if len(rd.Entries) > 0 {
			n.storage.Append(rd.Entries)
			// MemoryStorage.Append drops what follows the first entry's index: entry by entry, the same.
			for _, e := range rd.Entries {
				n.shown.log = append(n.shown.log[:e.Index-1:e.Index-1], e.Term)
				c.emit(n, "AppendEntries", map[string]interface{}{"index": e.Index, "term": e.Term})
			}
		}
		if !raft.IsEmptyHardState(hs) {
			n.hard = hs
			if hs.Commit != n.shown.commit {
				n.shown.commit = hs.Commit
				c.emit(n, "AdvanceCommitIndex", map[string]interface{}{"commitIndex": hs.Commit})
			}
		}
		for _, m := range rd.Messages {
			c.send(n, m)
		}
		for _, e := range rd.CommittedEntries {
			if e.Type == pb.EntryNormal && len(e.Data) > 0 {
				n.applied = append(n.applied, string(e.Data))
				c.emit(n, "Apply", map[string]interface{}{"index": e.Index, "term": e.Term, "value": string(e.Data)})
			}
		}
		n.rn.Advance(rd)
	}
}

// storedTerms: the terms of the stored log's entries, index 1 (the bootstrap snapshot) first.
func storedTerms(s *raft.MemoryStorage) []uint64 {
	last, _ := s.LastIndex()
	terms := make([]uint64, 0, last)
	for i := uint64(1); i <= last; i++ {
		t, err := s.Term(i)
		if err != nil {
			fail(err)
		}
		terms = append(terms, t)
	}
	return terms
}

func (c *cluster) send(from *node, m pb.Message) {
	c.emit(from, "Send", msgArgs(m))
	c.nextID++
	delay := 0
	if c.maxDelay > 1 {
		delay = c.rng.Intn(c.maxDelay)
	}
	c.net = append(c.net, &envelope{m: m, clock: c.tr.Stamp(from.name), deliverAt: c.round + delay, id: c.nextID})
}

// deliver hands due messages to their receivers in an order chosen by the seed (FIFO unless reordering is on).
func (c *cluster) deliver() {
	var due, later []*envelope
	for _, e := range c.net {
		if e.deliverAt <= c.round {
			due = append(due, e)
		} else {
			later = append(later, e)
		}
	}
	c.net = later
	if c.faults["reorder"] {
		c.rng.Shuffle(len(due), func(i, j int) { due[i], due[j] = due[j], due[i] })
	}
	for _, e := range due {
		to := c.nodes[e.m.To-1]
		switch {
		case !to.up:
			c.emitEnv("Drop", map[string]interface{}{"reason": "receiver down", "msg": msgArgs(e.m)})
		case c.cut(e.m.From, e.m.To):
			c.emitEnv("Drop", map[string]interface{}{"reason": "partition", "msg": msgArgs(e.m)})
		case c.dropRate > 0 && c.rng.Float64() < c.dropRate:
			c.emitEnv("Drop", map[string]interface{}{"reason": "lossy network", "msg": msgArgs(e.m)})
		default:
			c.tr.Merge(to.name, e.clock)
			before := to.rn.BasicStatus() // what the node has shown: its Ready is processed after every step
			to.rn.Step(e.m)
			after := to.rn.BasicStatus()
			// Like raft's own timer: only the current leader's messages hold an election off (a stale leader's do not),
			// and granting a vote does too.
			if (e.m.Type == pb.MsgApp || e.m.Type == pb.MsgHeartbeat || e.m.Type == pb.MsgSnap) && after.Lead == e.m.From {
				to.quiet = 0
			}
			if e.m.Type == pb.MsgVote && after.Vote == e.m.From && after.Term == e.m.Term {
				to.quiet = 0
			}
			// A vote granted in the node's term counts once (raft's poll).
			if e.m.Type == pb.MsgVoteResp && !e.m.Reject && e.m.Term == before.Term && !contains(to.shown.votes, e.m.From) {
				to.shown.votes = append(to.shown.votes, e.m.From)
			}
			c.emit(to, "Receive", msgArgs(e.m))
			c.processReadyOf(to)
		}
	}
}

func (c *cluster) crash(n *node) {
	n.up = false
	c.emit(n, "Crash", nil)
	c.emitEnv("CrashNode", map[string]interface{}{"node": n.name})
	// Messages in flight from a crashed node are lost with it.
	var keep []*envelope
	for _, e := range c.net {
		if e.m.From != n.id {
			keep = append(keep, e)
		}
	}
	c.net = keep
}

func (c *cluster) isolate(n *node) {
	for _, m := range c.nodes {
		c.partition[m.id] = 0
	}
	c.partition[n.id] = 1
	c.emitEnv("Partition", map[string]interface{}{"isolated": n.name})
}

func (c *cluster) cut(a, b uint64) bool {
	return len(c.partition) > 0 && c.partition[a] != c.partition[b]
}

func (c *cluster) leader() *node {
	var best *node
	for _, n := range c.nodes {
		if n.up && n.soft.RaftState == raft.StateLeader && (best == nil || n.hard.Term > best.hard.Term) {
			best = n
		}
	}
	return best
}

func (c *cluster) leaderName() string {
	if l := c.leader(); l != nil {
		return l.name
	}
	return "none"
}

type request struct {
	value string
	at    int
}

func (c *cluster) propose(leader *node, v string, retry bool) {
	if err := leader.rn.Propose([]byte(v)); err == nil {
		c.emit(leader, "ClientRequest", map[string]interface{}{"value": v, "retry": retry})
	}
}

// committed: some node applied v (so it is committed).
func (c *cluster) committed(v string) bool {
	for _, n := range c.nodes {
		for _, a := range n.applied {
			if a == v {
				return true
			}
		}
	}
	return false
}

// converged: every request is committed, every node is up and has applied the same log.
func (c *cluster) converged(pending []*request) bool {
	for _, r := range pending {
		if !c.committed(r.value) {
			return false
		}
	}
	for _, n := range c.nodes {
		if !n.up || len(n.applied) != len(c.nodes[0].applied) || n.hard.Commit != c.nodes[0].hard.Commit {
			return false
		}
	}
	return true
}

func (c *cluster) appliedSummary() string {
	var parts []string
	for _, n := range c.nodes {
		parts = append(parts, fmt.Sprintf("%s:%d", n.name, len(n.applied)))
	}
	return strings.Join(parts, ",")
}

// checkSafety: applied sequences are prefixes of one another (state machine safety).
func (c *cluster) checkSafety() {
	for _, a := range c.nodes {
		for _, b := range c.nodes {
			for i := 0; i < len(a.applied) && i < len(b.applied); i++ {
				if a.applied[i] != b.applied[i] {
					c.violations = append(c.violations, fmt.Sprintf("round %d: %s applied %s at %d, %s applied %s", c.round, a.name, a.applied[i], i+1, b.name, b.applied[i]))
					return
				}
			}
		}
	}
}

func (c *cluster) emit(n *node, event string, args map[string]interface{}) {
	if err := c.tr.Emit(n.name, event, args, c.state(n)); err != nil {
		fail(err)
	}
}

func (c *cluster) emitEnv(event string, args map[string]interface{}) {
	if err := c.tr.Emit("env", event, args, map[string]interface{}{"round": c.round}); err != nil {
		fail(err)
	}
}

func (c *cluster) state(n *node) map[string]interface{} {
	s := n.shown
	votes := make([]string, 0, len(s.votes))
	for _, v := range s.votes {
		votes = append(votes, name(v))
	}
	return map[string]interface{}{
		"up": n.up, "term": s.term, "vote": name(s.vote), "role": roleName(s.role), "leader": name(s.lead), "commitIndex": s.commit,
		"applied": len(n.applied), "lastIndex": len(s.log), "log": append([]uint64{}, s.log...), "votes": votes,
	}
}

func contains(ids []uint64, id uint64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// msgArgs: every message carries reject (false where the type has no answer to give), so a receive can tell a granted
// vote from a refused one.
func msgArgs(m pb.Message) map[string]interface{} {
	a := map[string]interface{}{"type": m.Type.String(), "from": name(m.From), "to": name(m.To), "term": m.Term, "reject": m.Reject}
	switch m.Type {
	case pb.MsgApp:
		a["index"], a["logTerm"], a["commit"], a["entries"] = m.Index, m.LogTerm, m.Commit, entries(m.Entries)
	case pb.MsgAppResp:
		a["index"] = m.Index
		if m.Reject {
			a["rejectHint"] = m.RejectHint
		}
	case pb.MsgVote, pb.MsgPreVote:
		a["index"], a["logTerm"] = m.Index, m.LogTerm
	case pb.MsgHeartbeat:
		a["commit"] = m.Commit
	case pb.MsgProp:
		a["entries"] = entries(m.Entries)
	}
	return a
}

func entries(es []pb.Entry) []interface{} {
	out := make([]interface{}, 0, len(es))
	for _, e := range es {
		out = append(out, map[string]interface{}{"index": e.Index, "term": e.Term, "value": string(e.Data)})
	}
	return out
}

func roleName(s raft.StateType) string {
	switch s {
	case raft.StateLeader:
		return "Leader"
	case raft.StateCandidate:
		return "Candidate"
	case raft.StatePreCandidate:
		return "PreCandidate"
	default:
		return "Follower"
	}
}

func name(id uint64) string {
	if id == 0 {
		return ""
	}
	return "n" + strconv.FormatUint(id, 10)
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
	fmt.Fprintln(os.Stderr, "raftcluster:", err)
	os.Exit(1)
}
