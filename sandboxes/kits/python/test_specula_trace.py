import json
import os
import tempfile
import threading
import unittest

from specula_trace import TraceWriter

# The same events as the Go kit's test: the kits agree byte for byte.
EXPECTED = (
    '{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Send","args":{"to":"n2"},"state":{"term":1},"clock":{"n1":1}}\n'
    '{"tag":"trace","v":1,"seq":1,"node":"n2","event":"Receive","args":{"from":"n1"},"state":{"term":1},"clock":{"n1":1,"n2":1}}\n'
)


class TraceWriterTest(unittest.TestCase):
    def test_lines_match_the_format_and_the_other_kits(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.ndjson")
            with TraceWriter(path) as w:
                w.emit("n1", "Send", {"to": "n2"}, {"term": 1})
                w.merge("n2", w.stamp("n1"))
                w.emit("n2", "Receive", {"from": "n1"}, {"term": 1})
            with open(path, encoding="utf-8") as f:
                self.assertEqual(EXPECTED, f.read())

    def test_threads_never_interleave_lines(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.ndjson")
            w = TraceWriter(path)
            threads = [threading.Thread(target=lambda n=n: [w.emit("n%d" % n, "E", {"i": i, "pad": "x" * 300}) for i in range(200)]) for n in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            w.close()
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
            self.assertEqual(1600, len(lines))
            for line in lines:
                self.assertEqual("trace", json.loads(line)["tag"])


if __name__ == "__main__":
    unittest.main()
