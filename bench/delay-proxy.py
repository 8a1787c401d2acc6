#!/usr/bin/env python3
# A TCP proxy on loopback that holds every chunk it forwards for a while, both ways: a network between a gateway node
# and its database, on a machine whose kernel has no netem. Used by bench/on-postgres.sh when AVZ_BENCH_DELAY is set.
#
#   python3 bench/delay-proxy.py <listen port> <target port> <seconds per direction>
#
# asyncio's event loop waits in whole milliseconds, so a delay below 1 ms comes out at about 1 ms per direction:
# measure the round trip it gives (psql's \timing on SELECT 1) and quote that, not the setting.
import asyncio
import sys

listen, target, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])


async def pipe(reader, writer):
    loop = asyncio.get_running_loop()
    try:
        while data := await reader.read(65536):
            # Chunks scheduled with the same delay are passed on in the order they came.
            loop.call_later(delay, writer.write, data)
    finally:
        loop.call_later(delay * 2, writer.close)


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer), return_exceptions=True)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


asyncio.run(main())
