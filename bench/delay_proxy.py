#!/usr/bin/env python3
"""A loopback TCP proxy that adds a fixed delay to every HTTP request, like a distant AWS endpoint.

    delay_proxy.py --listen 127.0.0.1:0 --upstream 127.0.0.1:5000 --delay-ms 50 \
                   --port-file PORT_FILE [--stats-file STATS_FILE]

It does not parse HTTP: AWS SDKs send one request at a time per connection (no pipelining), so on each
connection a request is the first client->server bytes after the server last spoke (or after connect).
Those bytes are held for the delay before they are forwarded; the rest of the exchange is relayed as it
comes. Every request on every connection pays the delay once, independently, so N concurrent requests
over N connections take one delay, not N.

Writes the bound port to PORT_FILE once listening. On SIGTERM/SIGINT writes
{"requests": N, "connections": M, "delay_ms": D} to STATS_FILE (if given) and exits. Loopback only.
"""

from __future__ import annotations

import asyncio
import json
import sys

from loopback_server import argument_parser, close_quietly, parse_addr, serve_until_signalled

CHUNK = 256 * 1024


class Stats:
    requests = 0
    connections = 0


async def pipe_client_to_upstream(reader, writer, turn, delay, stats):
    try:
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            if turn["server_spoke"]:  # a new request starts
                turn["server_spoke"] = False
                stats.requests += 1
                if delay:
                    await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass


async def pipe_upstream_to_client(reader, writer, turn):
    try:
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            turn["server_spoke"] = True
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        close_quietly(writer)


async def handle(client_reader, client_writer, upstream, delay, stats):
    stats.connections += 1
    host, port = upstream
    try:
        up_reader, up_writer = await asyncio.open_connection(host, port)
    except OSError:
        client_writer.close()
        return
    turn = {"server_spoke": True}
    await asyncio.gather(
        pipe_client_to_upstream(client_reader, up_writer, turn, delay, stats),
        pipe_upstream_to_client(up_reader, client_writer, turn),
    )
    up_writer.close()


async def main_async(args) -> None:
    stats = Stats()
    upstream = parse_addr(args.upstream, "delay_proxy")
    delay = args.delay_ms / 1000.0
    await serve_until_signalled(
        lambda r, w: handle(r, w, upstream, delay, stats), args.listen, "delay_proxy", args.port_file
    )
    if args.stats_file:
        with open(args.stats_file, "w") as f:
            json.dump({"requests": stats.requests, "connections": stats.connections, "delay_ms": args.delay_ms}, f)


def main() -> int:
    args = argument_parser(__doc__, default_delay_ms=50.0).parse_args()
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
