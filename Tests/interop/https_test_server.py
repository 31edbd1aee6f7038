#!/usr/bin/env python3
"""A minimal HTTPS server on 127.0.0.1 for the HTTP client's TLS tests.

Usage: python3 Tests/interop/https_test_server.py CERT.pem KEY.pem PORT_FILE

Serves `{"ok": true}` to every GET with the given certificate, on a port chosen by the kernel, which it writes
to PORT_FILE once listening. Runs until terminated, and exits by itself after LIFETIME_SECONDS so that a test
that dies cannot leave it behind. The tests give it a self-signed certificate: a client that
verifies peers (ours always does) must refuse the connection.
"""
import http.server
import os
import signal
import ssl
import sys
import threading

LIFETIME_SECONDS = 120


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    cert, key, port_file = sys.argv[1:4]
    # The parent's thread may block SIGTERM; a blocked mask is inherited, so unblock it to stay stoppable.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Timer(LIFETIME_SECONDS, lambda: os._exit(0)).start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    temporary = port_file + ".tmp"
    with open(temporary, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(temporary, port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
