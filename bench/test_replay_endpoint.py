#!/usr/bin/env python3
"""Self-test of bench/replay_endpoint.py (stdlib only; run by scripts/test.sh, about two seconds):

    python3 bench/test_replay_endpoint.py

An upstream that numbers its responses stands in for moto, so a replayed response can be told apart from a
fresh one. The latency figures in README "Performance" are only as good as these properties.
"""

from __future__ import annotations

import http.client
import http.server
import json
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


class NumberingUpstream(http.server.BaseHTTPRequestHandler):
    """Answers every request with its own serial number and what it saw; HTTP/1.0, so it closes each
    connection like moto's werkzeug server."""

    served = 0
    lock = threading.Lock()

    def answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with NumberingUpstream.lock:
            NumberingUpstream.served += 1
            n = NumberingUpstream.served
        text = json.dumps({"n": n, "path": self.path, "body": body.decode(), "auth": self.headers.get("Authorization")})
        data = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = answer
    do_POST = answer

    def log_message(self, *args) -> None:  # quiet
        pass


def sigv4(region: str, service: str, signature: str) -> str:
    return (f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/{region}/{service}/aws4_request, "
            f"SignedHeaders=host;x-amz-date, Signature={signature}")


class ReplayEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NumberingUpstream)
        threading.Thread(target=cls.upstream.serve_forever, daemon=True).start()
        cls.tmp = tempfile.TemporaryDirectory()
        port_file = Path(cls.tmp.name) / "port"
        cls.proc = subprocess.Popen([
            sys.executable, str(HERE / "replay_endpoint.py"), "--upstream",
            f"127.0.0.1:{cls.upstream.server_address[1]}", "--mode", "record", "--port-file", str(port_file),
        ])
        deadline = time.monotonic() + 20
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or cls.proc.poll() is not None:
                raise RuntimeError("replay_endpoint.py did not start")
            time.sleep(0.05)
        cls.port = int(port_file.read_text())

    @classmethod
    def tearDownClass(cls) -> None:
        cls.proc.terminate()
        cls.proc.wait(10)
        cls.upstream.shutdown()
        cls.tmp.cleanup()

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body or None, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def control(self, **cmd) -> dict:
        status, body = self.request("POST", "/__replay__/mode", json.dumps(cmd).encode())
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def test_record_then_replay(self) -> None:
        query_body = b"Action=DescribeSecurityGroups&Version=2016-11-15"
        kms = {"Authorization": sigv4("us-east-1", "kms", "c")}
        calls = [
            ("GET", "/bucket-a?policy", b"", {}),
            # The same query-protocol body in two regions: only the SigV4 scope tells them apart.
            ("POST", "/", query_body, {"Authorization": sigv4("us-east-1", "ec2", "aa")}),
            ("POST", "/", query_body, {"Authorization": sigv4("eu-west-1", "ec2", "bb")}),
            # JSON-protocol calls with the same body and scope: the target header tells them apart.
            ("POST", "/", b"{}", {"X-Amz-Target": "TrentService.ListKeys", **kms}),
            ("POST", "/", b"{}", {"X-Amz-Target": "TrentService.ListAliases", **kms}),
            # Asked twice (a report polled until ready): replayed in recorded order.
            ("GET", "/poll", b"", {}),
            ("GET", "/poll", b"", {}),
        ]
        recorded = [self.request(*c) for c in calls]
        numbers = [json.loads(body)["n"] for _, body in recorded]
        self.assertEqual(len(set(numbers)), len(calls), "every recorded call reached the upstream")

        self.control(mode="replay", delay_ms=5)
        # A signature that changes per request must not change the key.
        resigned = [
            (method, path, body, {k: v.replace("Signature=", "Signature=ff") for k, v in headers.items()})
            for method, path, body, headers in calls
        ]
        # Out of recorded order, so that a key missing a distinction (region, target) would hand one call
        # the other's response; the repeated /poll keeps its order.
        order = [4, 3, 2, 1, 0, 5, 6]
        replayed = [self.request(*resigned[i]) for i in order]
        self.assertEqual(replayed, [recorded[i] for i in order], "replayed bytes differ from the recording")
        # Past the end of a repeated key's recordings, the last one repeats.
        self.assertEqual(self.request("GET", "/poll"), recorded[-1])
        served_before = NumberingUpstream.served
        status, _ = self.request("GET", "/never-recorded")
        stats = json.loads(self.request("GET", "/__replay__/stats")[1])
        self.assertEqual(stats["hits"], len(calls) + 1)
        self.assertEqual(stats["misses"], 1)
        self.assertEqual(NumberingUpstream.served, served_before + 1, "a miss is forwarded to the upstream")
        self.assertEqual(status, 200)

    def test_replayed_requests_wait_in_parallel(self) -> None:
        self.control(mode="record", delay_ms=0, tape="parallel")
        paths = [f"/object-{i}" for i in range(16)]
        recorded = {p: self.request("GET", p) for p in paths}
        # A long delay, so that requests started together are certainly waiting together.
        self.control(mode="replay", delay_ms=400, tape="parallel")
        results: dict[str, tuple[int, bytes]] = {}

        def fetch(p: str) -> None:
            results[p] = self.request("GET", p)

        threads = [threading.Thread(target=fetch, args=(p,)) for p in paths]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        self.assertEqual(results, recorded)
        stats = json.loads(self.request("GET", "/__replay__/stats")[1])
        self.assertEqual((stats["hits"], stats["misses"]), (16, 0))
        # Not a performance bound: the property under test is that the delays overlap. Serially the 16
        # delays alone take 6.4 s; overlapping, about one delay. Half the serial time leaves an 8x margin.
        self.assertLess(elapsed, 16 * 0.4 / 2, f"16 replayed requests took {elapsed:.1f} s: delays did not overlap")

    def test_refuses_non_loopback_addresses(self) -> None:
        for args in (["--listen", "0.0.0.0:0", "--upstream", "127.0.0.1:1"], ["--upstream", "10.0.0.1:80"]):
            run = subprocess.run([sys.executable, str(HERE / "replay_endpoint.py"), *args],
                                 capture_output=True, text=True, timeout=30)
            self.assertNotEqual(run.returncode, 0)
            self.assertIn("refusing non-loopback address", run.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
