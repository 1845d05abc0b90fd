"""Two-phase commit: a coordinator and three resource managers exchanging messages over an in-process network under
a seeded scheduler (delays, reordering, a coordinator crash with recovery from its log), so a run is reproducible from
its seed. Every step is traced with the Specula Python kit (specula_trace on PYTHONPATH).

    python3 twopc.py --seed 3 --workload coordinator-crash --out /tmp/x
"""

import argparse
import os
import random
import sys

from specula_trace import TraceWriter

RMS = ["rm1", "rm2", "rm3"]


class Sim:
    def __init__(self, seed, faults, trace, transactions):
        self.rng = random.Random(seed)
        self.faults = faults
        self.t = trace
        self.round = 0
        self.net = []  # (deliver_at, order, msg)
        self.order = 0
        self.transactions = transactions
        self.tm = {"up": True, "state": "init", "tx": 0, "prepared": [], "log": []}  # log survives a crash
        self.rm = {r: {"state": "working", "tx": 0} for r in RMS}
        self.decided = {}  # tx -> decision, as seen by each RM: for the safety check
        self.violations = []

    # ---- tracing ----
    def tm_state(self):
        return {"up": self.tm["up"], "state": self.tm["state"], "tx": self.tm["tx"], "prepared": sorted(self.tm["prepared"]), "logLength": len(self.tm["log"])}

    def emit(self, node, event, args=None):
        state = self.tm_state() if node == "tm" else dict(self.rm[node]) if node in self.rm else {"round": self.round}
        self.t.emit(node, event, args or {}, state)

    # ---- network ----
    def send(self, frm, to, kind, **body):
        msg = dict(body, type=kind, frm=frm, to=to)
        self.emit(frm, "Send", {k: v for k, v in msg.items() if k != "frm"})
        delay = self.rng.randrange(4) if "delay" in self.faults else 0
        self.order += 1
        self.net.append((self.round + delay, self.order, msg, self.t.stamp(frm)))

    def deliver(self):
        due = [m for m in self.net if m[0] <= self.round]
        self.net = [m for m in self.net if m[0] > self.round]
        due.sort(key=lambda m: m[1])
        if "reorder" in self.faults:
            self.rng.shuffle(due)
        for _, _, msg, clock in due:
            to = msg["to"]
            if to == "tm" and not self.tm["up"]:
                self.emit("env", "Drop", {"reason": "receiver down", "type": msg["type"], "from": msg["frm"]})
                continue
            self.t.merge(to, clock)
            self.emit(to, "Receive", {k: v for k, v in msg.items() if k != "to"})
            (self.tm_receive if to == "tm" else self.rm_receive)(to, msg)

    # ---- transaction manager ----
    def tm_begin(self):
        self.tm["tx"] += 1
        self.tm["state"] = "preparing"
        self.tm["prepared"] = []
        self.emit("tm", "Begin", {"tx": self.tm["tx"]})
        for r in RMS:
            self.send("tm", r, "Prepare", tx=self.tm["tx"])

    def tm_decide(self, decision):
        self.tm["log"].append({"tx": self.tm["tx"], "decision": decision})  # forced to the log before anyone is told
        self.tm["state"] = decision
        self.emit("tm", "Decide", {"tx": self.tm["tx"], "decision": decision})
        for r in RMS:
            self.send("tm", r, decision.capitalize(), tx=self.tm["tx"])

    def tm_receive(self, _, msg):
        if msg["tx"] != self.tm["tx"] or self.tm["state"] != "preparing":
            return
        if msg["type"] == "Prepared" and msg["frm"] not in self.tm["prepared"]:
            self.tm["prepared"].append(msg["frm"])
            if len(self.tm["prepared"]) == len(RMS):
                self.tm_decide("commit")
        elif msg["type"] == "Aborted":
            self.tm_decide("abort")

    # ---- resource managers ----
    def rm_receive(self, r, msg):
        st = self.rm[r]
        if msg["type"] == "Prepare":
            # A delayed Prepare of a finished transaction (an older one, or the one just finished, the RM now idle):
            # taking it up would go back in time.
            if msg["tx"] < st["tx"] or msg["tx"] == st["tx"] and st["state"] == "idle":
                return
            if st["tx"] == msg["tx"] and st["state"] not in ("working", "idle"):
                if st["state"] == "prepared":  # a resent Prepare: answer again
                    self.send(r, "tm", "Prepared", tx=msg["tx"])
                return
            st["tx"] = msg["tx"]
            if "refuse" in self.faults and self.rng.random() < 0.2:
                st["state"] = "aborted"
                self.emit(r, "Refuse", {"tx": msg["tx"]})
                self.send(r, "tm", "Aborted", tx=msg["tx"])
            else:
                st["state"] = "prepared"
                self.emit(r, "Prepare", {"tx": msg["tx"]})
                self.send(r, "tm", "Prepared", tx=msg["tx"])
        elif msg["type"] == "Abort" and (st["tx"] == msg["tx"] and st["state"] == "prepared" or st["tx"] < msg["tx"] and st["state"] in ("working", "idle")) or \
                msg["type"] == "Commit" and st["tx"] == msg["tx"] and st["state"] == "prepared":
            st["tx"] = msg["tx"]
            decision = "committed" if msg["type"] == "Commit" else "aborted"
            if st["state"] == "aborted" and decision == "committed":
                self.violations.append("round %d: %s refused tx %d, which committed" % (self.round, r, msg["tx"]))
            st["state"] = decision
            self.emit(r, decision.capitalize(), {"tx": msg["tx"]})
            seen = self.decided.setdefault(msg["tx"], decision)
            if seen != decision:
                self.violations.append("round %d: tx %d both committed and aborted" % (self.round, msg["tx"]))

    # ---- run ----
    def run(self, workload):
        crash_at = 2 if workload == "coordinator-crash" or "crash-coordinator" in self.faults else -1
        restart_round = -1
        done = 0
        self.tm_begin()
        for self.round in range(1, 2000):
            if self.tm["up"] and self.tm["tx"] == crash_at and self.tm["state"] in ("commit", "abort") and restart_round < 0:
                self.tm["up"] = False
                self.emit("tm", "Crash")
                self.emit("env", "CrashCoordinator")
                restart_round = self.round + 10 + self.rng.randrange(10)
            if not self.tm["up"] and self.round == restart_round:
                # Recovery: volatile state is lost; the log says what was decided, so the decision is resent.
                last = self.tm["log"][-1]
                self.tm.update(up=True, state=last["decision"], tx=last["tx"], prepared=[])
                self.emit("tm", "Recover", {"tx": last["tx"], "decision": last["decision"]})
                self.emit("env", "RestartCoordinator")
                for r in RMS:
                    self.send("tm", r, last["decision"].capitalize(), tx=last["tx"])
            if self.tm["up"] and self.tm["state"] == "preparing" and self.round % 15 == 0:
                for r in RMS:  # resend Prepare to the silent
                    if r not in self.tm["prepared"]:
                        self.send("tm", r, "Prepare", tx=self.tm["tx"])
            self.deliver()
            finished = self.tm["up"] and self.tm["state"] in ("commit", "abort") and all(
                self.rm[r]["tx"] == self.tm["tx"] and self.rm[r]["state"] in ("committed", "aborted") for r in RMS)
            if finished:
                done += 1
                if done == self.transactions:
                    return True
                for r in RMS:
                    # The RMs forget the finished transaction: a state change like any other, so it is an event.
                    self.rm[r] = {"state": "idle", "tx": self.tm["tx"]}
                    self.emit(r, "Forget", {"tx": self.tm["tx"]})
                self.tm_begin()
        return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=int(os.environ.get("SPECULA_SEED", "1")))
    p.add_argument("--workload", default=os.environ.get("SPECULA_WORKLOAD", "commit"))
    p.add_argument("--faults", default=os.environ.get("SPECULA_FAULTS", ""))
    p.add_argument("--transactions", type=int, default=5)
    p.add_argument("--out", default=os.environ.get("SPECULA_OUT", "."))
    a = p.parse_args()
    os.makedirs(os.path.join(a.out, "traces"), exist_ok=True)
    faults = set(f for f in a.faults.split(",") if f)
    with TraceWriter(os.path.join(a.out, "traces", "trace.ndjson")) as t:
        sim = Sim(a.seed, faults, t, a.transactions)
        ok = sim.run(a.workload)
        print("seed=%d workload=%s rounds=%d events=%d ok=%s" % (a.seed, a.workload, sim.round, t.events, ok))
    for v in sim.violations:
        print("SAFETY VIOLATION:", v, file=sys.stderr)
    sys.exit(0 if ok and not sim.violations else 2)


if __name__ == "__main__":
    main()
