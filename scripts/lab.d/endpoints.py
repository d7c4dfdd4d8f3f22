#!/usr/bin/python3
"""wscheck lab: the "internet" side endpoints, all in one process.

Started by scripts/lab inside the wscl-inet namespace. Every listener is bound
to one specific address, never to 0.0.0.0: a UDP reply must leave from the
address the client sent to, or a connected client socket discards it and the
lab would show a PASS as a DROP.

  ADDR:PORT is an IPv4 address and port, or [V6]:PORT.
  --https ADDR:PORT   TLS server with --cert/--key. GET /ping -> 200 "healthy",
                      any other request -> 200 with a short text body.
  --tcp   ADDR:PORT   TCP listener that echoes whatever it receives.
  --udp   ADDR:PORT   UDP responder: answers every datagram to its sender with
                      the same payload (or "pong" for an empty datagram).

Standard library only. Logs one line per event to stderr.
"""

import argparse
import http.server
import signal
import socket
import socketserver
import ssl
import sys
import threading
import time

IO_TIMEOUT = 30.0


def log(fmt, *args):
    stamp = time.strftime("%H:%M:%S")
    sys.stderr.write("%s endpoints: %s\n" % (stamp, fmt % args))
    sys.stderr.flush()


def split_addr(text):
    host, _, port = text.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]  # [2001:db8::10]:443
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected ADDR:PORT or [V6]:PORT, got %r" % text)
    return host, int(port)


def family(addr):
    return socket.AF_INET6 if ":" in addr[0] else socket.AF_INET


class LabHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "wscheck-lab"
    sys_version = ""
    # The handler writes the headers and the body separately: with Nagle's algorithm the body waited
    # for the client's delayed ACK (40 ms), so every request took ~3 round trips at 50 ms RTT where
    # a real web server answers in one. TCP_NODELAY, as production servers set it.
    disable_nagle_algorithm = True

    def _answer(self, with_body):
        path = self.path.split("?", 1)[0]
        if path == "/ping":
            body = b"healthy"
        else:
            host = self.headers.get("Host", "-")
            body = ("wscheck-lab ok %s %s\n" % (host, path)).encode("utf-8", "replace")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _drain_body(self):
        length = self.headers.get("Content-Length")
        if length and length.isdigit():
            remaining = int(length)
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)

    def do_GET(self):
        self._answer(True)

    def do_HEAD(self):
        self._answer(False)

    def do_POST(self):
        self._drain_body()
        self._answer(True)

    do_PUT = do_POST
    do_OPTIONS = do_GET

    def log_message(self, fmt, *args):
        log("https %s %s", self.client_address[0], fmt % args)


class TlsHttpServer(http.server.ThreadingHTTPServer):
    """HTTPS server that does the TLS handshake in the worker thread, so a
    client that stalls mid-handshake never blocks the accept loop."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default accept queue holds 5 connections: a client that opens dozens at once
    # (blackbox_exporter scraped for every target, or a check's TLS and HTTPS steps) had SYNs
    # dropped and retried a second later, a cost no real endpoint has. The kernel caps it at somaxconn.
    request_queue_size = 1024

    def __init__(self, addr, context):
        self.tls_context = context
        self.address_family = family(addr)
        super().__init__(addr, LabHandler)

    def finish_request(self, request, client_address):
        request.settimeout(IO_TIMEOUT)
        try:
            tls = self.tls_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            log("https %s handshake failed: %s", client_address[0], exc)
            return
        try:
            super().finish_request(tls, client_address)
        finally:
            try:
                tls.close()
            except OSError:
                pass


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(IO_TIMEOUT)
        local = self.request.getsockname()
        log("tcp %s:%d <- %s", local[0], local[1], self.client_address[0])
        try:
            while True:
                data = self.request.recv(65536)
                if not data:
                    return
                self.request.sendall(data)
        except OSError:
            return


class EchoServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # as TlsHttpServer's: no dropped SYNs when many connect at once

    def __init__(self, addr, handler):
        self.address_family = family(addr)
        super().__init__(addr, handler)


def udp_loop(sock):
    local = sock.getsockname()
    while True:
        try:
            data, peer = sock.recvfrom(65535)
        except OSError as exc:
            log("udp %s:%d recv error: %s", local[0], local[1], exc)
            continue
        reply = data if data else b"pong"
        try:
            sock.sendto(reply, peer)
        except OSError as exc:
            log("udp %s:%d send error to %s: %s", local[0], local[1], peer[0], exc)
            continue
        log("udp %s:%d <- %s:%d (%d bytes, replied)", local[0], local[1], peer[0], peer[1], len(data))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cert", help="PEM certificate (chain) for --https")
    parser.add_argument("--key", help="PEM private key for --https")
    parser.add_argument("--https", action="append", default=[], type=split_addr)
    parser.add_argument("--tcp", action="append", default=[], type=split_addr)
    parser.add_argument("--udp", action="append", default=[], type=split_addr)
    opts = parser.parse_args()

    if opts.https and not (opts.cert and opts.key):
        parser.error("--https needs --cert and --key")

    threads = []

    def spawn(target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        threads.append(thread)

    if opts.https:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(opts.cert, opts.key)
        for addr in opts.https:
            server = TlsHttpServer(addr, context)
            spawn(server.serve_forever)
            log("https listening on %s:%d", *addr)

    for addr in opts.tcp:
        server = EchoServer(addr, EchoHandler)
        spawn(server.serve_forever)
        log("tcp echo listening on %s:%d", *addr)

    for addr in opts.udp:
        sock = socket.socket(family(addr), socket.SOCK_DGRAM)
        sock.bind(addr)
        spawn(udp_loop, sock)
        log("udp responder bound to %s:%d", *addr)

    if not threads:
        parser.error("nothing to serve")

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    log("ready")
    stop.wait()
    log("stopping")


if __name__ == "__main__":
    main()
