"""Plumbing shared by the benchmark's loopback servers (delay_proxy.py, replay_endpoint.py; stdlib only).

Both refuse any address but loopback: they exist to sit between a tool and a local emulator, never to
expose anything on the network.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def argument_parser(doc: str, default_delay_ms: float) -> argparse.ArgumentParser:
    """The options both servers take: where to listen, the upstream, the delay, the port and stats files."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--listen", default="127.0.0.1:0")
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--delay-ms", type=float, default=default_delay_ms)
    ap.add_argument("--port-file")
    ap.add_argument("--stats-file")
    return ap


def parse_addr(s: str, who: str) -> tuple[str, int]:
    """HOST:PORT on loopback, else exit naming `who`."""
    host, _, port = s.rpartition(":")
    if host not in LOOPBACK_HOSTS:
        sys.exit(f"{who}: refusing non-loopback address {s}")
    return host.strip("[]"), int(port)


async def serve_until_signalled(handle, listen: str, who: str, port_file: str | None, **server_options) -> None:
    """Serves `handle` on `listen` until SIGTERM/SIGINT; writes the bound port to `port_file` once listening."""
    host, port = parse_addr(listen, who)
    server = await asyncio.start_server(handle, host, port, backlog=1024, reuse_address=True, **server_options)
    if port_file:
        with open(port_file, "w") as f:
            f.write(f"{server.sockets[0].getsockname()[1]}\n")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def close_quietly(writer: asyncio.StreamWriter) -> None:
    """Closes a connection whose peer may already be gone."""
    try:
        writer.close()
    except (OSError, RuntimeError):
        pass
