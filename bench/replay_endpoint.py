#!/usr/bin/env python3
"""A loopback HTTP/1.1 endpoint that records an emulator's responses, then replays them in parallel.

    replay_endpoint.py --upstream 127.0.0.1:5000 [--listen 127.0.0.1:0] [--mode record|replay]
                       [--delay-ms 0] [--tape NAME] --port-file PORT_FILE [--stats-file STATS_FILE]

Why: moto serves one request at a time (about 7-8 ms of Python each), so behind bench/delay_proxy.py a
scan's wall time is the emulator's serial service time, not the latency. A real regional endpoint answers
in parallel: it adds latency, not serialisation. This endpoint models that: one untimed scan in *record*
mode fills a tape, then timed scans in *replay* mode get the recorded responses after a fixed delay that
every request pays on its own (N concurrent requests take one delay, not N).

- record: each request is forwarded to the upstream (on a fresh connection) and the complete response
  bytes are stored under the request's key, then returned.
- replay: a request whose key is on the tape is answered from it after --delay-ms; a miss is forwarded to
  the upstream (after the delay too) and counted, not recorded. A key recorded several times (e.g. a
  credential report polled until it is ready) replays its responses in recorded order, then repeats the
  last one. Each switch to replay rewinds the tape, so every replay pass sees the same sequence.

The key is what the emulator distinguishes: method, path + query string, SHA-256 of the body, the
X-Amz-Target header (JSON protocols), the region and service of the SigV4 credential scope in
Authorization (EC2/IAM query bodies are the same in every region; the scope is what differs), and the
Host name without its port. Headers that change per request (dates, signatures, invocation ids, user
agents) are left out. Requests are parsed properly (Content-Length and chunked bodies, Expect:
100-continue, several requests per connection). Responses are replayed byte for byte as the upstream sent
them, with the upstream's connection semantics: where it closed the connection after a response (moto's
werkzeug sends `Connection: close`), so does the replay.

Recordings live in memory, in this one long-running process; the mode is switched over HTTP on the same
port (the /__replay__/ prefix cannot collide with AWS paths, which never start with an underscore):

    POST /__replay__/mode   {"mode": "replay", "delay_ms": 50, "tape": "argus"}   -> stats of the phase
                                                                                  that just ended (JSON)
    GET  /__replay__/stats                                                        -> current phase (JSON)

Tapes are independent recordings (e.g. one per tool), so one tool's repeated calls never shift another's.
Writes the bound port to PORT_FILE once listening. On SIGTERM/SIGINT writes every phase's stats
(requests, hits, misses, repeats, connections, delay, mean and max requests in flight, ...) and the
totals to STATS_FILE (if given) and exits.
Loopback only: non-loopback listen or upstream addresses are refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field

from loopback_server import argument_parser, close_quietly, parse_addr, serve_until_signalled

CONTROL_PREFIX = "/__replay__/"
STREAM_LIMIT = 1 << 20  # longest header block / chunk-size line accepted
CREDENTIAL_SCOPE = re.compile(r"Credential=[^/,\s]+/[^/,\s]+/([^/,\s]+)/([^/,\s]+)/aws4_request")
MISS_SAMPLES = 20


class BadMessage(Exception):
    pass


@dataclass
class Request:
    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), "")

    def wants_close(self) -> bool:
        conn = self.header("connection").lower()
        return "close" in conn or (self.version == "HTTP/1.0" and "keep-alive" not in conn)

    def key(self) -> tuple[str, ...]:
        scope = CREDENTIAL_SCOPE.search(self.header("authorization"))
        region, service = scope.groups() if scope else ("", "")
        host = re.sub(r":\d+$", "", self.header("host").lower())
        return (self.method, host, self.target, self.header("x-amz-target"), region, service,
                hashlib.sha256(self.body).hexdigest())

    def to_upstream(self) -> bytes:
        """The request re-framed with Content-Length: the body is already de-chunked, and we answered any
        Expect: 100-continue ourselves."""
        drop = {"transfer-encoding", "content-length", "expect"}
        lines = [f"{self.method} {self.target} {self.version}"]
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() not in drop]
        if self.body or self.header("content-length") or self.header("transfer-encoding"):
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


@dataclass
class Response:
    raw: bytes  # status line, headers and body exactly as the upstream sent them
    close: bool  # the upstream ended the connection after it


@dataclass
class Phase:
    mode: str
    tape: str
    delay_ms: float
    started: float = field(default_factory=time.monotonic)
    requests: int = 0
    hits: int = 0
    misses: int = 0
    repeats: int = 0  # replay hits past the recorded count for their key (answered with the last one)
    recorded: int = 0
    upstream_requests: int = 0
    upstream_errors: int = 0
    connections: int = 0
    miss_samples: list = field(default_factory=list)
    # Requests in flight, time-weighted from the first arrival to the last answer: shows how much of the
    # client's concurrency was in use (a client that keeps C requests in flight gets C).
    in_flight: int = 0
    max_in_flight: int = 0
    first_arrival: float | None = None
    last_change: float = 0.0
    in_flight_area: float = 0.0

    def track(self, delta: int) -> None:
        now = time.monotonic()
        if self.first_arrival is None:
            self.first_arrival = now
        else:
            self.in_flight_area += self.in_flight * (now - self.last_change)
        self.in_flight += delta
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.last_change = now

    def as_dict(self, state: State) -> dict:
        internal = ("started", "in_flight", "first_arrival", "last_change", "in_flight_area")
        d = {k: v for k, v in self.__dict__.items() if k not in internal}
        d["seconds"] = round(time.monotonic() - self.started, 3)
        active = self.last_change - self.first_arrival if self.first_arrival is not None else 0.0
        d["active_s"] = round(active, 3)  # first request in to last response out
        d["mean_in_flight"] = round(self.in_flight_area / active, 2) if active else 0.0
        tape = state.tapes.get(self.tape, {})
        d["tape_keys"] = len(tape)
        d["tape_responses"] = sum(len(v) for v in tape.values())
        return d


class State:
    def __init__(self, upstream: tuple[str, int], mode: str, delay_ms: float, tape: str):
        self.upstream = upstream
        self.tapes: dict[str, dict[tuple, list[Response]]] = {}
        self.cursors: dict[tuple, int] = {}
        self.phase = Phase(mode, tape, delay_ms)
        self.ended: list[dict] = []

    def switch(self, mode: str, delay_ms: float, tape: str) -> dict:
        if mode not in ("record", "replay"):
            raise BadMessage(f"unknown mode {mode!r}")
        ended = self.phase.as_dict(self)
        self.ended.append(ended)
        self.phase = Phase(mode, tape, delay_ms)
        self.cursors = {}  # rewind: each replay pass sees the recorded sequence from the start
        return ended

    def summary(self) -> dict:
        phases = [*self.ended, self.phase.as_dict(self)]
        totals = {k: sum(p[k] for p in phases) for k in ("requests", "hits", "misses", "connections")}
        return {**totals, "delay_ms": self.phase.delay_ms, "phases": phases}


async def read_head(reader: asyncio.StreamReader) -> list[str] | None:
    """Start line and header lines of a message; None at a clean end of stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as e:
        if not e.partial.strip():
            return None
        raise BadMessage("connection closed inside a message head") from e
    except asyncio.LimitOverrunError as e:
        raise BadMessage("message head too long") from e
    return head[:-4].decode("latin-1").split("\r\n")


def parse_headers(lines: list[str]) -> list[tuple[str, str]]:
    headers = []
    for line in lines:
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise BadMessage(f"bad header line {line!r}")
        headers.append((name, value.strip()))
    return headers


def is_chunked(headers: list[tuple[str, str]]) -> bool:
    codings = ",".join(v for k, v in headers if k.lower() == "transfer-encoding")
    return codings.replace(" ", "").lower().split(",")[-1] == "chunked"


def content_length(headers: list[tuple[str, str]]) -> int | None:
    values = {v for k, v in headers if k.lower() == "content-length"}
    if not values:
        return None
    if len(values) != 1 or not next(iter(values)).isdigit():
        raise BadMessage(f"bad Content-Length {values}")
    return int(next(iter(values)))


async def read_chunked(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """(decoded body, raw bytes as framed on the wire), trailers included in the raw bytes."""
    body, raw = bytearray(), bytearray()
    while True:
        line = await reader.readuntil(b"\r\n")
        raw += line
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError as e:
            raise BadMessage(f"bad chunk size line {line!r}") from e
        if size == 0:
            while True:  # trailer section, ended by an empty line
                trailer = await reader.readuntil(b"\r\n")
                raw += trailer
                if trailer == b"\r\n":
                    return bytes(body), bytes(raw)
        data = await reader.readexactly(size + 2)
        if data[-2:] != b"\r\n":
            raise BadMessage("chunk not followed by CRLF")
        body += data[:-2]
        raw += data


async def read_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> Request | None:
    lines = await read_head(reader)
    if lines is None:
        return None
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadMessage(f"bad request line {lines[0]!r}")
    method, target, version = parts
    headers = parse_headers(lines[1:])
    req = Request(method, target, version, headers, b"")
    chunked, length = is_chunked(headers), content_length(headers)
    if (chunked or length) and "100-continue" in req.header("expect").lower():
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")  # the client waits for this before its body
        await writer.drain()
    if chunked:
        req.body, _ = await read_chunked(reader)
    elif length:
        req.body = await reader.readexactly(length)
    return req


async def read_response(reader: asyncio.StreamReader, method: str) -> Response:
    while True:
        lines = await read_head(reader)
        if lines is None:
            raise BadMessage("upstream closed the connection without answering")
        status_line = lines[0].split(" ", 2)
        if len(status_line) < 2 or not status_line[1].isdigit():
            raise BadMessage(f"bad status line {lines[0]!r}")
        status = int(status_line[1])
        if status >= 200 or status == 101:
            break  # 1xx interim responses are not the answer
    headers = parse_headers(lines[1:])
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    conn = ",".join(v for k, v in headers if k.lower() == "connection").lower()
    close = "close" in conn or (status_line[0] == "HTTP/1.0" and "keep-alive" not in conn)
    if method == "HEAD" or status in (204, 304):
        body = b""
    elif is_chunked(headers):
        _, body = await read_chunked(reader)
    elif (length := content_length(headers)) is not None:
        body = await reader.readexactly(length)
    else:  # no framing: the body runs until the upstream closes
        body, close = await reader.read(), True
    return Response(head + body, close)


async def forward(state: State, req: Request) -> Response:
    """One request on a fresh upstream connection (moto closes after every response anyway)."""
    state.phase.upstream_requests += 1
    up_reader, up_writer = await asyncio.open_connection(*state.upstream, limit=STREAM_LIMIT)
    try:
        up_writer.write(req.to_upstream())
        await up_writer.drain()
        return await read_response(up_reader, req.method)
    finally:
        up_writer.close()


def plain_response(status: str, body: bytes, content_type: str = "text/plain") -> Response:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return Response(head.encode("latin-1") + body, False)


def control(state: State, req: Request) -> Response:
    path = req.target.split("?", 1)[0]
    if req.method == "GET" and path == CONTROL_PREFIX + "stats":
        result = state.phase.as_dict(state)
    elif req.method == "POST" and path == CONTROL_PREFIX + "mode":
        try:
            cmd = json.loads(req.body or b"{}")
            result = state.switch(cmd["mode"], float(cmd.get("delay_ms", 0)), str(cmd.get("tape", "default")))
        except (ValueError, KeyError, TypeError, BadMessage) as e:
            return plain_response("400 Bad Request", f"{e}\n".encode())
    else:
        return plain_response("404 Not Found", b"control paths: POST /__replay__/mode, GET /__replay__/stats\n")
    return plain_response("200 OK", json.dumps(result).encode(), "application/json")


async def serve(state: State, req: Request) -> Response:
    phase = state.phase  # a mode switch mid-request must not move this request's counts
    phase.requests += 1
    phase.track(+1)
    try:
        return await answer(state, phase, req)
    finally:
        phase.track(-1)


async def answer(state: State, phase: Phase, req: Request) -> Response:
    key = req.key()
    tape = state.tapes.setdefault(phase.tape, {})
    if phase.delay_ms:
        await asyncio.sleep(phase.delay_ms / 1000)  # per request, so concurrent requests overlap
    if phase.mode == "replay":
        recorded = tape.get(key)
        if recorded:
            phase.hits += 1
            i = state.cursors.get(key, 0)
            state.cursors[key] = i + 1
            if i >= len(recorded):
                phase.repeats += 1
            return recorded[min(i, len(recorded) - 1)]
        phase.misses += 1
        if len(phase.miss_samples) < MISS_SAMPLES:
            phase.miss_samples.append(list(key[:6]))
    resp = await forward(state, req)
    if phase.mode == "record":
        tape.setdefault(key, []).append(resp)
        phase.recorded += 1
    return resp


async def handle(state: State, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    counted = False  # connections that only talk to the control paths are not the scan's
    try:
        while True:
            req = await read_request(reader, writer)
            if req is None:
                break
            if req.target.startswith(CONTROL_PREFIX):
                resp = control(state, req)
            else:
                if not counted:
                    state.phase.connections += 1
                    counted = True
                try:
                    resp = await serve(state, req)
                except (OSError, BadMessage, asyncio.IncompleteReadError) as e:
                    state.phase.upstream_errors += 1
                    resp = plain_response("502 Bad Gateway", f"upstream: {e}\n".encode())
                    resp.close = True
            writer.write(resp.raw)
            await writer.drain()
            if resp.close or req.wants_close():
                break
    except (BadMessage, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        pass  # malformed or truncated request: drop the connection, as a server would
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        close_quietly(writer)


async def main_async(args) -> None:
    state = State(parse_addr(args.upstream, "replay_endpoint"), args.mode, args.delay_ms, args.tape)
    await serve_until_signalled(
        lambda r, w: handle(state, r, w), args.listen, "replay_endpoint", args.port_file, limit=STREAM_LIMIT
    )
    if args.stats_file:
        with open(args.stats_file, "w") as f:
            json.dump(state.summary(), f, indent=1)


def main() -> int:
    ap = argument_parser(__doc__, default_delay_ms=0.0)
    ap.add_argument("--mode", choices=["record", "replay"], default="record")
    ap.add_argument("--tape", default="default")
    args = ap.parse_args()
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
