"""A reverse proxy adding a fixed delay to every request: a high-latency link on loopback.

Usage: python delay_proxy.py LISTEN_PORT UPSTREAM_PORT DELAY_SECONDS

HTTP/1.1 with keep-alive towards the client; one upstream connection per request. Prints
"ready" once it listens on 127.0.0.1:LISTEN_PORT. Used by Scripts/bench/remote.sh.
"""

import asyncio
import sys


async def relay_one(reader, writer, upstream_port, delay):
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    await asyncio.sleep(delay)
    up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    up_writer.write(head + body)
    await up_writer.drain()
    reply_head = await up_reader.readuntil(b"\r\n\r\n")
    reply_length = 0
    for line in reply_head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            reply_length = int(line.split(b":", 1)[1])
    reply_body = await up_reader.readexactly(reply_length) if reply_length and not head.startswith(b"HEAD") else b""
    up_writer.close()
    writer.write(reply_head + reply_body)
    await writer.drain()


async def handle(reader, writer, upstream_port, delay):
    try:
        while True:
            await relay_one(reader, writer, upstream_port, delay)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    listen, upstream, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    server = await asyncio.start_server(lambda r, w: handle(r, w, upstream, delay), "127.0.0.1", listen, backlog=1024)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
