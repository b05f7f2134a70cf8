"""Snippets for the connection-error and timeout rules, against servers on loopback (run by runSnippet.ts)."""
import asyncio
import http.client
import socket
import struct
import subprocess
import threading
import urllib.request


def _closed_port():
    # A port that was just free: nothing listens on it, so connecting is refused.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def _silent_server(on_accept):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve():
        conn, _ = server.accept()
        on_accept(conn)

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


def _reset(conn):
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _hold(conn):
    threading.Event().wait(5)


def connect_refused():
    socket.create_connection(("127.0.0.1", _closed_port()), timeout=2)


def http_refused():
    http.client.HTTPConnection("127.0.0.1", _closed_port(), timeout=2).request("GET", "/health")


def urlopen_refused():
    urllib.request.urlopen(f"http://127.0.0.1:{_closed_port()}/orders", timeout=2)


def urlopen_refused_stock():
    urllib.request.urlopen(f"http://127.0.0.1:{_closed_port()}/stock/SKU-1", timeout=2)


def connection_reset():
    port = _silent_server(_reset)
    client = socket.create_connection(("127.0.0.1", port), timeout=2)
    client.sendall(b"GET / HTTP/1.1\r\n\r\n")
    threading.Event().wait(0.2)
    client.recv(1024)


def connection_reset_http():
    port = _silent_server(_reset)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    conn.request("GET", "/")
    threading.Event().wait(0.2)
    conn.getresponse()


def remote_disconnected():
    port = _silent_server(lambda conn: (conn.recv(1024), conn.close()))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    conn.request("GET", "/stock")
    conn.getresponse()


def remote_disconnected_urlopen():
    port = _silent_server(lambda conn: (conn.recv(1024), conn.close()))
    urllib.request.urlopen(f"http://127.0.0.1:{port}/stock", timeout=2)


def socket_timeout():
    port = _silent_server(_hold)
    client = socket.create_connection(("127.0.0.1", port), timeout=0.2)
    client.recv(1024)


def http_read_timeout():
    port = _silent_server(_hold)
    urllib.request.urlopen(f"http://127.0.0.1:{port}/slow", timeout=0.2)


def _wait_for(command, seconds):
    # Popen.wait reports the timeout it was given (run() reports the time that was left, which varies).
    process = subprocess.Popen(command)
    try:
        process.wait(timeout=seconds)
    finally:
        process.kill()
        process.wait()


def subprocess_timeout():
    _wait_for(["sleep", "5"], 0.2)


def subprocess_timeout_shell():
    _wait_for(["sh", "-c", "sleep 5"], 0.5)


def asyncio_wait_for():
    async def main():
        await asyncio.wait_for(asyncio.sleep(5), timeout=0.05)

    asyncio.run(main())


def asyncio_timeout_block():
    async def main():
        async with asyncio.timeout(0.05):
            await asyncio.sleep(5)

    asyncio.run(main())
