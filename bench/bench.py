#!/usr/bin/env python3
"""argus vs Prowler on the same seeded emulator state (driven by bench/run.sh; stdlib only).

Starts moto on loopback, seeds bench/seed_scale.py, then runs argus and Prowler alternately, each under
/usr/bin/time -v, and prints wall time, CPU time, peak RSS, API calls (argus's own count and the
emulator's request log for both), emulator CPU, and findings by status, with argus/Prowler ratios.

With --latency-ms it also times argus against an endpoint that adds that delay to every request and
compares its wall time with the floor (API calls x delay / concurrency). --latency-backend picks the
endpoint:
  replay (default)  bench/replay_endpoint.py: one untimed argus scan records moto's responses (no delay),
                    then the timed scans get them replayed after the delay, every request in parallel, as
                    a real regional endpoint would; misses (requests not on the tape) go to moto and are
                    reported, and each scan's findings are compared with the direct scan's.
  moto              bench/delay_proxy.py in front of moto: the delay is added, but moto still serves one
                    request at a time (~7-8 ms each), so its serial service time, not the latency, bounds
                    the wall time. This was the only latency mode before the replay backend.
  both              both of the above, side by side.
With --latency-prowler Prowler gets the same treatment: on the replay backend its own untimed record pass
(its own tape, so its repeated calls never shift argus's) and one timed replay scan.
Writes everything to <out>/results.json (results["latency"]["backend"] says which backend was used).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["us-east-1", "eu-west-1"]
# argus's service names -> Prowler's.
PROWLER_SERVICES = ["iam", "s3", "ec2", "rds", "awslambda", "secretsmanager", "kms", "cloudtrail"]
# werkzeug's request log line; 4xx/5xx lines are wrapped in ANSI colour codes.
REQUEST_LINE = re.compile(r'"(?:\x1b\[[0-9;]*m)?(GET|POST|PUT|HEAD|DELETE|PATCH) [^"]* HTTP/1\.[01]')


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"bench: {what} exited before answering")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.2)
    sys.exit(f"bench: {what} did not answer within {timeout:.0f} s")


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of a live process (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class Moto:
    def __init__(self, out: Path, attach: str | None = None):
        if attach:  # PORT:PID:LOG of a moto started and seeded earlier (bench.py --attach)
            port, pid, log_path = attach.split(":", 2)
            self.port, self.endpoint, self.log_path = int(port), f"http://127.0.0.1:{port}", Path(log_path)
            self.log_file = open(os.devnull, "w")
            self.proc = None
            self.pid = int(pid)
            return
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log_path = out / "moto.log"
        env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true", MOTO_EC2_LOAD_DEFAULT_AMIS="false")
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/moto/bin/moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
        wait_http(self.endpoint + "/moto-api/", self.proc, "moto")
        self.pid = self.proc.pid

    def requests(self) -> int:
        self.log_file.flush()
        with open(self.log_path, errors="replace") as f:
            return sum(1 for line in f if REQUEST_LINE.search(line))

    def cpu(self) -> float:
        return proc_cpu_seconds(self.pid)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log_file.close()


class Proxy:
    """bench/delay_proxy.py in front of moto."""

    def __init__(self, out: Path, upstream_port: int, delay_ms: float):
        self.start(out, "delay_proxy", upstream_port, ["--delay-ms", str(delay_ms)])

    def start(self, out: Path, script: str, upstream_port: int, extra: list[str]) -> None:
        self.port_file = out / f"{script}.port"
        self.stats_file = out / f"{script}.stats.json"
        self.port_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / f"bench/{script}.py"), "--upstream", f"127.0.0.1:{upstream_port}", *extra,
             "--port-file", str(self.port_file), "--stats-file", str(self.stats_file)],
        )
        deadline = time.monotonic() + 20
        while not self.port_file.exists() or not self.port_file.read_text().strip():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                sys.exit(f"bench: bench/{script}.py did not start")
            time.sleep(0.05)
        self.endpoint = f"http://127.0.0.1:{int(self.port_file.read_text())}"

    def cpu(self) -> float:
        return proc_cpu_seconds(self.proc.pid)

    def stop(self) -> dict:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(10)
        return json.loads(self.stats_file.read_text()) if self.stats_file.exists() else {}


class ReplayEndpoint(Proxy):
    """bench/replay_endpoint.py in front of moto, started in record mode without delay; one process for
    the whole latency mode, since its recordings live in memory."""

    def __init__(self, out: Path, upstream_port: int, tape: str):
        self.start(out, "replay_endpoint", upstream_port, ["--mode", "record", "--delay-ms", "0", "--tape", tape])

    def switch(self, mode: str, delay_ms: float, tape: str) -> dict:
        """Start a new phase (a switch to replay rewinds the tape); returns the stats of the one that ended."""
        body = json.dumps({"mode": mode, "delay_ms": delay_ms, "tape": tape}).encode()
        req = urllib.request.Request(self.endpoint + "/__replay__/mode", data=body, method="POST")
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def stats(self) -> dict:
        with urllib.request.urlopen(self.endpoint + "/__replay__/stats", timeout=10) as resp:
            return json.loads(resp.read())


def parse_time_v(path: Path) -> dict:
    text = path.read_text(errors="replace")

    def field(name: str) -> str:
        m = re.search(rf"^\s*{re.escape(name)}: (.*)$", text, re.M)
        return m.group(1).strip() if m else ""

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part or 0)
    return {
        "wall_s": secs,
        "user_s": float(field("User time (seconds)") or 0),
        "sys_s": float(field("System time (seconds)") or 0),
        "cpu_s": float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0),
        "peak_rss_mib": int(field("Maximum resident set size (kbytes)") or 0) / 1024,
        "exit": int(field("Exit status") or 0),
    }


def timed(cmd: list[str], env: dict, out: Path, name: str, moto: Moto, proxy: Proxy | None = None) -> dict:
    time_file = out / f"{name}.time"
    before_req, before_cpu = moto.requests(), moto.cpu()
    proxy_cpu = proxy.cpu() if proxy else 0.0
    with open(out / f"{name}.stdout", "w") as so, open(out / f"{name}.stderr", "w") as se:
        subprocess.run(["/usr/bin/time", "-v", "-o", str(time_file), *cmd], env=env, stdout=so, stderr=se)
    time.sleep(0.5)  # let moto write its last request lines
    r = parse_time_v(time_file)
    r["emulator_requests"] = moto.requests() - before_req
    r["emulator_cpu_s"] = round(moto.cpu() - before_cpu, 2)
    if proxy:
        r["proxy_cpu_s"] = round(proxy.cpu() - proxy_cpu, 2)
    return r


def aws_env(endpoint: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_ENDPOINT_URL=endpoint,
    )
    return env


def run_argus(args, endpoint: str, out: Path, name: str, moto: Moto, proxy: Proxy | None = None) -> dict:
    d = out / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    # The services Prowler runs (argus calls Lambda `lambda`, Prowler `awslambda`): the same scope, so the
    # request counts compare like for like.
    services = ",".join("lambda" if s == "awslambda" else s for s in PROWLER_SERVICES)
    cmd = [args.argus, "scan", "--endpoint-url", endpoint, "--regions", ",".join(REGIONS), "--quiet",
           "--services", services, "--concurrency", str(args.concurrency), "--output-dir", str(d)]
    r = timed(cmd, aws_env(endpoint), out, name, moto, proxy)
    files = sorted(d.glob("*.findings.json"))
    if not files:
        log(f"{name}: no findings file (exit {r['exit']}); see {out / (name + '.stderr')}")
        r["findings"] = {}
        return r
    r["findings_file"] = str(files[0])
    data = json.loads(files[0].read_text())
    r["api_calls"] = data.get("api_calls")
    r["retries"] = data.get("retries")
    r["collection_errors"] = len(data.get("collection_errors", []))
    counts: dict[str, int] = {}
    for f in data.get("findings", []):
        counts[f["status"]] = counts.get(f["status"], 0) + 1
    r["findings"] = counts
    r["checks_run"] = len({f["check_id"] for f in data.get("findings", [])})
    return r


def same_findings(a: dict, b: dict) -> dict:
    """Whether two argus scans reported the same findings and collection errors (order and the scan's
    timestamp aside)."""
    if not a.get("findings_file") or not b.get("findings_file"):
        return {}
    da, db = (json.loads(Path(r["findings_file"]).read_text()) for r in (a, b))

    def canon(items: list) -> list[str]:
        return sorted(json.dumps(x, sort_keys=True) for x in items)

    return {
        "findings": canon(da.get("findings", [])) == canon(db.get("findings", [])),
        "collection_errors": canon(da.get("collection_errors", [])) == canon(db.get("collection_errors", [])),
    }


def prowler_checks(args) -> list[str]:
    """argus's check ids that Prowler also has (argus uses Prowler's ids): 'the same checks'."""
    argus_ids = {p.stem for p in (ROOT / "checks").glob("*/*.toml")}  # one metadata file per check
    res = subprocess.run(
        [str(ROOT / ".venv/prowler/bin/prowler"), "aws", "--list-checks-json", "--service", *PROWLER_SERVICES],
        capture_output=True, text=True, env=aws_env("http://127.0.0.1:9"),
    )
    try:
        listed = json.loads(res.stdout[res.stdout.index("{"):])
        prowler_ids = {c for ids in listed.values() for c in ids} if isinstance(listed, dict) else set(listed)
    except ValueError:
        log("could not list Prowler's checks; running its whole services")
        return []
    return sorted(argus_ids & prowler_ids)


def run_prowler(args, endpoint: str, out: Path, name: str, moto: Moto, checks: list[str], proxy=None) -> dict:
    d = out / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    cmd = [str(ROOT / ".venv/prowler/bin/prowler"), "aws", "--region", *REGIONS, "--output-formats", "json-ocsf",
           "--output-directory", str(d), "--output-filename", "prowler", "--no-banner", "--ignore-exit-code-3"]
    cmd += ["--checks", *checks] if checks else ["--service", *PROWLER_SERVICES]
    r = timed(cmd, aws_env(endpoint), out, name, moto, proxy)
    files = sorted(d.glob("*.ocsf.json")) or sorted(d.glob("*.json"))
    counts: dict[str, int] = {}
    ids = set()
    for path in files:
        try:
            items = json.loads(path.read_text() or "[]")
        except ValueError:
            continue
        for f in items:
            status = (f.get("status_code") or "UNKNOWN").upper()
            counts[status] = counts.get(status, 0) + 1
            ids.add(((f.get("metadata") or {}).get("event_code")) or f.get("finding_info", {}).get("title"))
    r["findings"] = counts
    r["checks_run"] = len(ids)
    errors = (out / f"{name}.stderr").read_text(errors="replace") + (out / f"{name}.stdout").read_text(errors="replace")
    r["error_lines"] = sum(1 for line in errors.splitlines() if " ERROR" in line or "[ERROR]" in line)
    return r


def med(runs: list[dict], key: str) -> float | None:
    vals = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    return statistics.median(vals) if vals else None


def fmt(v, unit="") -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.2f}{unit}"
    return f"{v:,}{unit}"


def summary_table(results: dict) -> str:
    a, p = results["argus"], results.get("prowler", [])
    rows = [
        ("wall time (s)", "wall_s"),
        ("CPU time (s)", "cpu_s"),
        ("peak RSS (MiB)", "peak_rss_mib"),
        ("API calls (own count)", "api_calls"),
        ("emulator requests", "emulator_requests"),
        ("emulator CPU (s)", "emulator_cpu_s"),
    ]
    lines = [f"{'median of ' + str(len(a)) + ' run(s)':<26}{'argus':>14}{'Prowler':>14}{'argus/Prowler':>16}"]
    for label, key in rows:
        va, vp = med(a, key), med(p, key)
        ratio = f"{va / vp:.3f}" if va is not None and vp else "-"
        lines.append(f"{label:<26}{fmt(va):>14}{fmt(vp):>14}{ratio:>16}")
    for label, runs in (("argus", a), ("Prowler", p)):
        if runs:
            last = runs[-1]
            f = ", ".join(f"{k} {v:,}" for k, v in sorted(last.get("findings", {}).items())) or "none"
            lines.append(f"{label} findings (last run): {f}; checks with findings: {last.get('checks_run', '-')}")
    res = results.get("resources")
    if res and a and p and med(a, "emulator_requests") and med(p, "emulator_requests"):
        lines.append(
            f"emulator requests per resource: argus {med(a, 'emulator_requests') / res:.2f}, "
            f"Prowler {med(p, 'emulator_requests') / res:.2f}"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--resources", type=int, required=True)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--argus", required=True)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--latency-ms", type=float, default=0)
    ap.add_argument("--latency-runs", type=int, default=1)
    ap.add_argument("--latency-backend", choices=["replay", "moto", "both"], default="replay",
                    help="replay: moto's recorded responses served in parallel after the delay (default); "
                         "moto: moto itself behind bench/delay_proxy.py; both")
    ap.add_argument("--latency-prowler", action="store_true", help="also run Prowler in the latency mode")
    ap.add_argument("--no-prowler", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--attach", help="PORT:PID:LOG of a moto already started and seeded (skips both)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    results: dict = {"resources": args.resources, "regions": REGIONS, "concurrency": args.concurrency,
                     "argus": [], "machine": machine()}
    moto = Moto(out, args.attach)
    try:
        log(f"moto on {moto.endpoint}; seeding {args.resources} resources across {', '.join(REGIONS)}")
        seed = subprocess.run(
            ["true"], capture_output=True, text=True
        ) if args.attach else subprocess.run(
            [str(ROOT / ".venv/moto/bin/python"), str(ROOT / "bench/seed_scale.py"), "--endpoint-url", moto.endpoint,
             "--resources", str(args.resources), "--regions", ",".join(REGIONS)],
            capture_output=True, text=True,
        )
        sys.stderr.write(seed.stdout + seed.stderr)
        if seed.returncode != 0:
            log("seeding reported failures (see above); measuring what was created")
        results["seed"] = next((json.loads(l[8:]) for l in seed.stdout.splitlines() if l.startswith("seeded: ")), {})
        checks: list[str] = []
        if not args.no_prowler:
            results["prowler"] = []
            checks = prowler_checks(args)
            results["prowler_checks"] = checks
            log(f"Prowler runs the {len(checks)} checks argus also has" if checks else "Prowler runs whole services")
        # Warm-up: one untimed argus scan (moto builds lazy state, e.g. the credential report).
        run_argus(args, moto.endpoint, out, "warmup-argus", moto)
        for i in range(args.runs):
            order = ["argus", "prowler"] if i % 2 == 0 else ["prowler", "argus"]
            for tool in order:
                if tool == "argus":
                    r = run_argus(args, moto.endpoint, out, f"argus-{i + 1}", moto)
                    results["argus"].append(r)
                elif not args.no_prowler:
                    r = run_prowler(args, moto.endpoint, out, f"prowler-{i + 1}", moto, checks)
                    results["prowler"].append(r)
                else:
                    continue
                log(f"run {i + 1} {tool}: wall {r['wall_s']:.2f} s, cpu {r['cpu_s']:.2f} s, "
                    f"rss {r['peak_rss_mib']:.0f} MiB, emulator requests {r['emulator_requests']}, "
                    f"findings {r.get('findings')}")
        if args.latency_ms:
            results["latency"] = latency(args, out, moto, results["argus"][-1] if results["argus"] else None)
    finally:
        moto.stop()
    (out / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\n== {args.resources} resources, {len(REGIONS)} regions, argus --concurrency {args.concurrency} ==")
    print(summary_table(results))
    if "latency" in results:
        print(latency_table(results, args))
    print(f"\nraw results: {out / 'results.json'}")
    return 0


def latency(args, out: Path, moto: Moto, direct: dict | None) -> dict:
    backends = ["replay", "moto"] if args.latency_backend == "both" else [args.latency_backend]
    res: dict = {"delay_ms": args.latency_ms, "backend": args.latency_backend}
    for backend in backends:
        res[backend] = (latency_replay if backend == "replay" else latency_moto)(args, out, moto)
        for r in res[backend]["argus"]:
            r["floor_s"] = (r.get("api_calls") or 0) * args.latency_ms / 1000 / args.concurrency
            r["wall_over_floor"] = round(r["wall_s"] / r["floor_s"], 3) if r["floor_s"] else None
            if direct:
                r["same_as_direct"] = same_findings(r, direct)
            log(f"latency ({backend}) {r['name']}: argus wall {r['wall_s']:.2f} s, floor {r['floor_s']:.2f} s, "
                f"misses {r.get('misses', '-')}, same findings as the direct scan: {r.get('same_as_direct')}")
    return res


def latency_moto(args, out: Path, moto: Moto) -> dict:
    """moto behind bench/delay_proxy.py: a fresh proxy per scan."""
    res: dict = {"argus": []}
    for i in range(args.latency_runs):
        proxy = Proxy(out, moto.port, args.latency_ms)
        try:
            r = run_argus(args, proxy.endpoint, out, f"latency-moto-argus-{i + 1}", moto, proxy)
        finally:
            stats = proxy.stop()
        r.update(name=f"run {i + 1}", endpoint_requests=stats.get("requests"), connections=stats.get("connections"))
        res["argus"].append(r)
    if args.latency_prowler and not args.no_prowler:
        proxy = Proxy(out, moto.port, args.latency_ms)
        try:
            r = run_prowler(args, proxy.endpoint, out, "latency-moto-prowler-1", moto, prowler_checks(args), proxy)
        finally:
            stats = proxy.stop()
        r.update(name="run 1", endpoint_requests=stats.get("requests"), connections=stats.get("connections"))
        res["prowler"] = [r]
    return res


def endpoint_counts(stats: dict) -> dict:
    keys = ("requests", "hits", "misses", "repeats", "connections", "upstream_errors", "miss_samples",
            "active_s", "mean_in_flight", "max_in_flight")
    return {("endpoint_requests" if k == "requests" else k): stats.get(k) for k in keys}


def latency_replay(args, out: Path, moto: Moto) -> dict:
    """Record one untimed scan per tool (no delay), then time scans replayed with the delay."""
    ep = ReplayEndpoint(out, moto.port, tape="argus")
    res: dict = {"argus": []}
    try:
        rec = run_argus(args, ep.endpoint, out, "record-argus", moto, ep)
        for i in range(args.latency_runs):
            ended = ep.switch("replay", args.latency_ms, "argus")  # rewinds the tape for every run
            if i == 0:
                res["record_argus"] = {
                    "wall_s": rec["wall_s"], "api_calls": rec.get("api_calls"),
                    "emulator_requests": rec["emulator_requests"], **endpoint_counts(ended),
                    "tape_keys": ended.get("tape_keys"), "tape_responses": ended.get("tape_responses"),
                }
                log(f"recorded argus: {ended.get('tape_responses')} responses under {ended.get('tape_keys')} keys "
                    f"({rec.get('api_calls')} API calls)")
            r = run_argus(args, ep.endpoint, out, f"latency-replay-argus-{i + 1}", moto, ep)
            r.update(name=f"run {i + 1}", **endpoint_counts(ep.stats()))
            res["argus"].append(r)
        if args.latency_prowler and not args.no_prowler:
            checks = prowler_checks(args)
            ep.switch("record", 0, "prowler")
            run_prowler(args, ep.endpoint, out, "record-prowler", moto, checks, ep)
            ended = ep.switch("replay", args.latency_ms, "prowler")
            res["record_prowler"] = {**endpoint_counts(ended), "tape_keys": ended.get("tape_keys")}
            r = run_prowler(args, ep.endpoint, out, "latency-replay-prowler-1", moto, checks, ep)
            r.update(name="run 1", **endpoint_counts(ep.stats()))
            res["prowler"] = [r]
    finally:
        ep.stop()
    return res


def latency_table(results: dict, args) -> str:
    lat = results["latency"]
    lines = [f"\n== latency mode: +{lat['delay_ms']:g} ms per request; floor = API calls x {lat['delay_ms']:g} ms / "
             f"{args.concurrency} (argus --concurrency) =="]
    if "replay" in lat:
        rec = lat["replay"].get("record_argus", {})
        lines.append(f"replay: bench/replay_endpoint.py answers from moto's responses recorded in an untimed scan "
                     f"({fmt(rec.get('tape_responses'))} responses under {fmt(rec.get('tape_keys'))} keys), "
                     f"in parallel, after the delay; misses go to moto")
    if "moto" in lat:
        lines.append("moto: bench/delay_proxy.py adds the delay in front of moto, which still serves one request "
                     "at a time")
    head = ("backend", "tool", "wall (s)", "floor (s)", "wall/floor", "API calls", "requests", "misses",
            "emulator req", "findings = direct")
    widths = (9, 9, 10, 11, 12, 11, 10, 8, 14, 19)
    lines.append("".join(f"{h:<{w}}" if j < 2 else f"{h:>{w}}" for j, (h, w) in enumerate(zip(head, widths))))
    for backend in ("replay", "moto"):
        for tool, label in (("argus", "argus"), ("prowler", "Prowler")):
            for r in lat.get(backend, {}).get(tool, []):
                same = r.get("same_as_direct") or {}
                cells = (backend, label, fmt(r["wall_s"]), fmt(r.get("floor_s")), fmt(r.get("wall_over_floor")),
                         fmt(r.get("api_calls")), fmt(r.get("endpoint_requests")), fmt(r.get("misses")),
                         fmt(r.get("emulator_requests")),
                         ("yes" if all(same.values()) else f"NO {same}") if same else "-")
                lines.append("".join(f"{c:<{w}}" if j < 2 else f"{c:>{w}}"
                                     for j, (c, w) in enumerate(zip(cells, widths))))
    base = med(results["argus"], "wall_s")
    for r in lat.get("moto", {}).get("argus", []):
        if base and r.get("floor_s"):
            # moto serves one request at a time, so its own service time (the scan without latency) is a
            # second floor that the delay cannot hide; what the delay *added* is the part argus controls.
            lines.append(f"moto {r['name']}: without latency the same scan took {base:.2f} s (the emulator's serial "
                         f"service time); the delay added {r['wall_s'] - base:.2f} s = "
                         f"{(r['wall_s'] - base) / r['floor_s']:.2f} x the floor; proxy CPU "
                         f"{r.get('proxy_cpu_s', 0):.2f} s")
    for r in lat.get("replay", {}).get("argus", []):
        # floor / wall = mean in flight / concurrency: the in-flight figures show where the gap is.
        lines.append(f"replay {r['name']}: {r.get('mean_in_flight', '-')} requests in flight on average "
                     f"(max {r.get('max_in_flight', '-')}) over {r.get('active_s', '-')} s from first request "
                     f"to last response; {fmt(r.get('connections'))} connections; CPU: argus {r['cpu_s']:.2f} s, "
                     f"endpoint {r.get('proxy_cpu_s', 0):.2f} s")
        if r.get("misses"):
            lines.append(f"replay {r['name']}: {r['misses']} misses (first: {r.get('miss_samples', [])[:3]})")
    return "\n".join(lines)


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem_kib = 0
    try:
        mem_kib = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
    except (OSError, StopIteration):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gib": round(mem_kib / 1024 / 1024, 1)}


if __name__ == "__main__":
    sys.exit(main())
