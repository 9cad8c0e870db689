#!/usr/bin/env python3
"""Real traffic through a generated Nginx gateway (python3 standard library only).

Run by NginxTrafficTests with one argument, a JSON spec written by the Swift test: the nginx binary, a prepared
prefix with the generated configuration, the ports, the services' backend ports, and what to expect. This script
starts one small HTTP server per upstream (and a fake DNS server when the config resolves names), starts nginx in
the foreground, sends real requests, and prints one JSON object with every check and the measured figures.

Everything it starts is stopped in `finally`, on SIGTERM/SIGINT and at exit: nginx's process group gets QUIT, then
TERM, then KILL. Every request has a 5 s timeout and the whole run a 150 s deadline.
"""
import atexit
import base64
import hashlib
import http.client
import http.server
import json
import math
import os
import signal
import socket
import socketserver
import ssl
import struct
import subprocess
import sys
import threading
import time
import zlib

REQUEST_TIMEOUT = 5.0
DEADLINE = time.monotonic() + 150.0
CLEANUPS = []
CHECKS = []
FIGURES = {}


def check(ok, name, detail=""):
    CHECKS.append({"name": name, "ok": bool(ok), "detail": str(detail)})
    print(("PASS " if ok else "FAIL ") + name + (f"  [{detail}]" if detail else ""), file=sys.stderr)
    return ok


def time_left():
    left = DEADLINE - time.monotonic()
    if left <= 0:
        raise TimeoutError("the traffic test ran out of time")
    return left


def cleanup():
    while CLEANUPS:
        try:
            CLEANUPS.pop()()
        except Exception as error:  # keep stopping the rest
            print(f"cleanup error: {error!r}", file=sys.stderr)


def on_signal(number, _frame):
    cleanup()
    sys.exit(128 + number)


# ---------------------------------------------------------------------------------------------------- backends
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # headers and body go out in two writes: without TCP_NODELAY a reused connection waits for delayed ACKs
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.lock:
            self.server.connections += 1
            self.server.sockets.add(self.connection)

    def reply(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with self.server.lock:
            self.server.requests.append(self.path)
            self.server.methods.append(self.command)
        if self.server.failing:
            # a failing release: the status, as an application or its proxy answers it
            body = json.dumps({"backend": self.server.name, "failing": self.server.failing}).encode()
            self.send_response(self.server.failing)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.headers.get("Upgrade", "").lower() == "websocket":
            return self.websocket()
        if self.headers.get("Accept") == "text/event-stream":
            return self.events()
        body = json.dumps({"backend": self.server.name, "method": self.command, "path": self.path,
                           "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Frame-Options", "SAMEORIGIN")  # the gateway must replace it, not add a second one
        if "nocsp" not in self.path:  # the gateway hides it on API routes, passes it through on a frontend's
            self.send_header("Content-Security-Policy", application_policy(self.server.name))
        self.end_headers()
        self.wfile.write(body)

    def websocket(self):
        """The opening handshake (RFC 6455), then one frame echoed back, then a close."""
        key = self.headers.get("Sec-WebSocket-Key", "")
        accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        with self.server.lock:
            self.server.upgrades.append({k.lower(): v for k, v in self.headers.items()})
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        opcode, payload = read_frame(self.rfile)
        self.wfile.write(frame(opcode, b"echo: " + payload, mask=False))
        self.wfile.flush()
        self.close_connection = True

    def events(self):
        """Two server-sent events a second apart, in one response that ends when the connection closes."""
        with self.server.lock:
            self.server.event_streams += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"data: first\n\n")
        self.wfile.flush()
        time.sleep(1.0)
        self.wfile.write(b"data: second\n\n")
        self.wfile.flush()
        self.close_connection = True

    do_GET = do_POST = do_HEAD = do_OPTIONS = reply

    def log_message(self, *args):
        pass


WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def application_policy(name):
    return f"default-src 'self'; report-uri /csp/{name}"


def frame(opcode, payload, mask):
    """One final WebSocket frame; a client masks it, a server does not."""
    head = bytes([0x80 | opcode])
    size = len(payload)
    bit = 0x80 if mask else 0
    if size < 126:
        head += bytes([bit | size])
    else:
        head += bytes([bit | 126]) + struct.pack("!H", size)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(byte ^ key[index % 4] for index, byte in enumerate(payload))


def read_exactly(stream, size):
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise ConnectionError("the WebSocket closed mid-frame")
        data += chunk
    return data


def read_frame(stream):
    first, second = read_exactly(stream, 2)
    size = second & 0x7F
    if size == 126:
        size = struct.unpack("!H", read_exactly(stream, 2))[0]
    elif size == 127:
        size = struct.unpack("!Q", read_exactly(stream, 8))[0]
    key = read_exactly(stream, 4) if second & 0x80 else None
    payload = read_exactly(stream, size)
    if key:
        payload = bytes(byte ^ key[index % 4] for index, byte in enumerate(payload))
    return first & 0x0F, payload


class Backend(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, name, port):
        super().__init__(("127.0.0.1", port), Handler)
        self.name, self.lock, self.connections, self.requests = name, threading.Lock(), 0, []
        self.upgrades, self.event_streams = [], 0
        self.methods, self.sockets, self.failing = [], set(), None
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        CLEANUPS.append(self.stop)

    def stop(self):
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)

    def kill(self):
        """Down, as a crashed pod: the port refuses connections and every open connection is cut."""
        self.stop()
        with self.lock:
            for connection in self.sockets:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class FakeDNS:
    """A records with 127.0.0.1 for every name under the cluster domain; no AAAA; NXDOMAIN else."""

    def __init__(self, port, domain):
        self.domain, self.queries = "." + domain.lower().strip("."), []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        self.sock.settimeout(0.1)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()
        CLEANUPS.append(self.stop)

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()

    def loop(self):
        while not self.stopped.is_set():
            try:
                data, address = self.sock.recvfrom(2048)
            except (socket.timeout, OSError):
                continue
            answer = self.answer(data)
            if answer:
                self.sock.sendto(answer, address)

    def answer(self, query):
        if len(query) < 12:
            return None
        ident, flags, count = struct.unpack("!3H", query[:6])
        if count != 1 or flags & 0x8000:
            return None
        index, labels = 12, []
        while index < len(query) and query[index] != 0:
            size = query[index]
            labels.append(query[index + 1:index + 1 + size].decode("ascii", "replace"))
            index += 1 + size
        index += 1
        if index + 4 > len(query):
            return None
        qtype, _ = struct.unpack("!HH", query[index:index + 4])
        name = ".".join(labels).lower()
        self.queries.append(name)
        answers, ancount, rcode = b"", 0, 0
        if not name.endswith(self.domain):
            rcode = 3
        elif qtype == 1:
            answers = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 5, 4) + socket.inet_aton("127.0.0.1")
            ancount = 1
        header = struct.pack("!6H", ident, 0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | rcode, 1, ancount, 0, 0)
        return header + query[12:index + 4] + answers


# ---------------------------------------------------------------------------------------------------- client
class SNIConnection(http.client.HTTPSConnection):
    def __init__(self, port, sni, context, **options):
        super().__init__("127.0.0.1", port, context=context, **options)
        self.sni = sni

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.sni)


class Client:
    """One keep-alive connection to the gateway, from a chosen loopback source address."""

    def __init__(self, spec, tls, source=None, host=None):
        self.spec, self.tls, self.source, self.host, self.connection = spec, tls, source, host or spec["host"], None

    def request(self, method, path, body=None, headers=None):
        time_left()
        all_headers = {"Host": self.host}
        all_headers.update(headers or {})
        if self.connection is None:
            source = (self.source, 0) if self.source else None
            if self.tls:
                self.connection = SNIConnection(self.spec["https_port"], self.host, CONTEXT,
                                                timeout=REQUEST_TIMEOUT, source_address=source)
            else:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.spec["http_port"],
                                                             timeout=REQUEST_TIMEOUT, source_address=source)
        self.connection.request(method, path, body=body, headers=all_headers)
        response = self.connection.getresponse()
        data = response.read()
        headers = {}
        for key, value in response.getheaders():
            headers.setdefault(key.lower(), []).append(value)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, headers, data

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def backend_of(data):
    try:
        return json.loads(data)
    except ValueError:
        return {}


def handshake(spec, sni, verify=True, minimum=None, maximum=None, ciphers=None, alpn=None):
    """A bare TLS handshake; returns (version, cipher, alpn) or the error text."""
    context = ssl.create_default_context(cafile=spec["certificate"]) if verify else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not verify:
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    if minimum:
        context.minimum_version = minimum
    if maximum:
        context.maximum_version = maximum
    if ciphers:
        context.set_ciphers(ciphers)
    if alpn:
        context.set_alpn_protocols(alpn)
    try:
        with socket.create_connection(("127.0.0.1", spec["https_port"]), timeout=REQUEST_TIMEOUT) as raw:
            with context.wrap_socket(raw, server_hostname=sni) as tls:
                return tls.version(), tls.cipher()[0], tls.selected_alpn_protocol()
    except (ssl.SSLError, OSError) as error:
        return f"refused: {error}"


# ---------------------------------------------------------------------------------------------------- nginx
class Nginx:
    def __init__(self, spec):
        self.spec, self.process = spec, None
        # nginx.conf logs to stdout (access, JSON) and stderr (errors): both captured into files
        self.error_log = open(os.path.join(spec["prefix"], "logs", "nginx-stderr.log"), "wb")
        self.access_log = open(os.path.join(spec["prefix"], "logs", "nginx-stdout.log"), "wb")

    def start(self):
        self.process = subprocess.Popen(
            [self.spec["nginx"], "-e", "stderr", "-p", self.spec["prefix"], "-c", self.spec["config"],
             "-g", "daemon off;"],
            stdin=subprocess.DEVNULL, stdout=self.access_log, stderr=self.error_log, start_new_session=True)
        CLEANUPS.append(self.stop)
        for _ in range(100):  # at most 10 s
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}")
            try:
                status, _, _ = Client(self.spec, tls=False).request("GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("nginx did not answer /healthz within 10 s")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            for sig, wait in ((signal.SIGQUIT, 5), (signal.SIGTERM, 3), (signal.SIGKILL, 3)):
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.error_log.close()
        self.access_log.close()


# ---------------------------------------------------------------------------------------------------- checks
def security_headers_once(spec, headers, tls, what):
    expected = dict(spec["headers"])
    if spec["hsts"] and tls:
        expected["strict-transport-security"] = spec["hsts"]
    wrong = {name: headers.get(name) for name, value in expected.items() if headers.get(name) != [value]}
    if not (spec["hsts"] and tls) and "strict-transport-security" in headers:
        wrong["strict-transport-security"] = headers["strict-transport-security"]
    return check(not wrong, f"security headers exactly once on {what}", wrong or ", ".join(sorted(expected)))


class GRPCEcho:
    """A gRPC server (grpcio, from .venv-tools) whose one method answers its request with "echo: " in front, and
    keeps the metadata each call arrived with."""

    def __init__(self, spec, port):
        import grpc  # only the gRPC check needs it
        from concurrent import futures
        self.calls = []
        service, method = spec["path"].strip("/").split("/")

        def echo(request, context):
            self.calls.append(dict(context.invocation_metadata()))
            return b"echo: " + request

        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        self.server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
            service, {method: grpc.unary_unary_rpc_method_handler(echo)}),))
        self.server.add_insecure_port(f"127.0.0.1:{port}")
        self.server.start()
        CLEANUPS.append(lambda: self.server.stop(0))


def grpc_call(spec, server):
    """One unary call through the gateway over TLS and HTTP/2, with a spoofed X-Forwarded-For and X-Request-ID."""
    import grpc
    with open(spec["certificate"], "rb") as file:
        credentials = grpc.ssl_channel_credentials(root_certificates=file.read())
    options = [("grpc.ssl_target_name_override", spec["host"]), ("grpc.default_authority", spec["host"])]
    started = time.monotonic()
    detail, ok = "", False
    with grpc.secure_channel(f"127.0.0.1:{spec['https_port']}", credentials, options=options) as channel:
        call = channel.unary_unary(spec["grpc"]["path"])
        try:
            response = call(b"hello over grpc_pass", timeout=REQUEST_TIMEOUT,
                            metadata=[("x-forwarded-for", "203.0.113.9"), ("x-request-id", "client-id")])
            seen = server.calls[-1] if server.calls else {}
            ok = (response == b"echo: hello over grpc_pass" and seen.get("x-real-ip") == "127.0.0.1"
                  and seen.get("x-forwarded-for") == "127.0.0.1" and seen.get("x-forwarded-proto") == "https"
                  and len(seen.get("x-request-id", "")) == 32)
            detail = f"{response!r}, upstream metadata " + str({key: seen.get(key) for key in (
                "x-real-ip", "x-forwarded-for", "x-forwarded-proto", "x-request-id")})
        except grpc.RpcError as error:
            detail = f"{error.code()}: {error.details()}"
    check(ok, f"a gRPC call to {spec['grpc']['path']} passes grpc_pass over HTTP/2 with the forwarded headers", detail)
    FIGURES["grpc_seconds"] = round(time.monotonic() - started, 3)


def raw_connection(spec, tls):
    """A socket to the gateway (TLS with the host's SNI, HTTP/1.1 only), for what http.client cannot do."""
    raw = socket.create_connection(("127.0.0.1", spec["https_port"] if tls else spec["http_port"]),
                                   timeout=REQUEST_TIMEOUT)
    if not tls:
        return raw
    context = ssl.create_default_context(cafile=spec["certificate"])
    context.set_alpn_protocols(["http/1.1"])
    return context.wrap_socket(raw, server_hostname=spec["host"])


def route_kinds(spec, tls, backends, serving):
    """Per-route Content-Security-Policy, method restrictions, one budget per path, WebSocket and SSE."""
    for item in spec.get("csp", []):
        status, headers, body = serving.request("GET", item["path"])
        expected = item["policy"] if item["policy"] != "application" else application_policy(item["service"])
        seen = headers.get("content-security-policy")
        check(status == 200 and backend_of(body).get("backend") == item["service"] and seen == [expected],
              f"GET {item['path']} carries {item['what']} Content-Security-Policy, once", f"{status} {seen}")
    for item in spec.get("csp_none", []):
        status, headers, _ = serving.request("GET", item["path"])
        seen = headers.get("content-security-policy")
        check(status == 200 and seen is None,
              f"GET {item['path']}: a frontend that sends no Content-Security-Policy gets none", f"{status} {seen}")

    methods = spec.get("methods")
    if methods:
        sides = [backends[name] for name in (methods["service"], methods["service"] + "-canary") if name in backends]
        before = sum(len(side.requests) for side in sides)
        status, headers, _ = serving.request(methods["refused"], methods["path"])
        reached = sum(len(side.requests) for side in sides) - before
        check(status == 405 and headers.get("allow") == [methods["allow"]] and reached == 0,
              f"{methods['refused']} {methods['path']} answers 405 with Allow: {methods['allow']}, at the gateway",
              f"{status} allow={headers.get('allow')}, {methods['service']} saw {reached}")
        status, headers, body = serving.request(methods["allowed"], methods["path"], body=b"{}",
                                                headers={"Content-Type": "application/json"})
        seen = backend_of(body)
        check(status == 200 and seen.get("method") == methods["allowed"] and "allow" not in headers,
              f"{methods['allowed']} {methods['path']} passes, with no Allow header",
              f"{status} {seen.get('backend')} {seen.get('method')} allow={headers.get('allow')}")

    budget = spec.get("shared_budget")
    if budget:
        client = Client(spec, tls=tls, source="127.0.9.10")
        statuses, started = [], time.monotonic()
        total = 2 * (budget["burst"] + 1)
        for index in range(total):
            method, path = budget["requests"][index % len(budget["requests"])]
            status, _, _ = client.request(method, path, body=b"{}" if method == "POST" else None)
            statuses.append(status)
        elapsed = time.monotonic() - started
        client.close()
        accepted = statuses.count(200)
        allowed = budget["burst"] + 1 + math.ceil(elapsed * budget["rate"])
        first = statuses.index(429) + 1 if 429 in statuses else None
        check(set(statuses) <= {200, 429} and first is not None and accepted <= allowed < total,
              f"{total} requests spread over {' and '.join(m + ' ' + p for m, p in budget['requests'])} share one budget "
              f"(burst {budget['burst']}, {budget['rate']} r/s)",
              f"{accepted} x 200, {statuses.count(429)} x 429 in {elapsed:.3f} s, first 429 at #{first}, "
              f"one budget allows at most {allowed}, two would allow {total}")
        FIGURES["shared_budget"] = {"requests": total, "accepted": accepted, "first_429": first,
                                    "seconds": round(elapsed, 3), "one_budget_allows": allowed}

    socket_spec = spec.get("websocket")
    if socket_spec:
        backend = backends[socket_spec["service"]]
        started = time.monotonic()
        detail = ""
        try:
            with raw_connection(spec, tls) as conn:
                key = base64.b64encode(os.urandom(16)).decode()
                conn.sendall((f"GET {socket_spec['path']} HTTP/1.1\r\nHost: {spec['host']}\r\nUpgrade: websocket\r\n"
                              f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                             .encode())
                stream = conn.makefile("rb")
                status_line = stream.readline().decode().strip()
                response_headers = {}
                while True:
                    line = stream.readline().decode().strip()
                    if not line:
                        break
                    name, _, value = line.partition(":")
                    response_headers[name.strip().lower()] = value.strip()
                expected = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
                message = b"hello through the gateway"
                conn.sendall(frame(0x1, message, mask=True))
                opcode, payload = read_frame(stream)
                upstream = backend.upgrades[-1] if backend.upgrades else {}
                ok = (status_line.startswith("HTTP/1.1 101") and response_headers.get("sec-websocket-accept") == expected
                      and opcode == 0x1 and payload == b"echo: " + message
                      and upstream.get("upgrade", "").lower() == "websocket"
                      and upstream.get("connection", "").lower() == "upgrade")
                detail = (f"{status_line}, accept ok={response_headers.get('sec-websocket-accept') == expected}, "
                          f"echo {payload!r}, upstream Upgrade={upstream.get('upgrade')} "
                          f"Connection={upstream.get('connection')}")
        except (OSError, ValueError, ConnectionError) as error:
            ok, detail = False, repr(error)
        check(ok, f"a WebSocket upgrade on {socket_spec['path']} gets 101 and a frame echoed by {socket_spec['service']}",
              detail)
        FIGURES["websocket_seconds"] = round(time.monotonic() - started, 3)

    events = spec.get("events")
    if events:
        arrivals = {}
        try:
            with raw_connection(spec, tls) as conn:
                started = time.monotonic()
                conn.sendall((f"GET {events['path']} HTTP/1.1\r\nHost: {spec['host']}\r\nAccept: text/event-stream\r\n"
                              f"Connection: close\r\n\r\n").encode())
                stream = conn.makefile("rb")
                while True:
                    line = stream.readline()
                    if not line:
                        break
                    for name in (b"first", b"second"):
                        if line.strip().endswith(b"data: " + name) and name not in arrivals:
                            arrivals[name] = time.monotonic() - started
        except OSError as error:
            arrivals["error"] = repr(error)
        first, second = arrivals.get(b"first"), arrivals.get(b"second")
        check(first is not None and second is not None and first < 0.5 and second >= 0.9,
              f"server-sent events on {events['path']} arrive as sent, unbuffered (the second a second later)",
              f"first at {first and round(first, 3)} s, second at {second and round(second, 3)} s")
        FIGURES["events"] = {"first": first and round(first, 3), "second": second and round(second, 3)}


def run(spec):
    tls = spec["tls"]
    grpc_spec = spec.get("grpc")
    backends = {name: Backend(name, port) for name, port in spec["backends"].items()
                if not grpc_spec or name != grpc_spec["service"]}
    grpc_server = GRPCEcho(grpc_spec, spec["backends"][grpc_spec["service"]]) if grpc_spec else None
    dns = FakeDNS(spec["dns"]["port"], spec["dns"]["domain"]) if spec.get("dns") else None
    nginx = Nginx(spec)
    nginx.start()
    serving = Client(spec, tls=tls)

    # health and catch-all
    status, headers, body = Client(spec, tls=False).request("GET", "/healthz")
    check(status == 200 and body == b"ok\n", "GET /healthz on HTTP answers 200 ok", status)
    status, _, _ = Client(spec, tls=False, host="10.1.2.3").request("GET", "/healthz")
    check(status == 200, "the catch-all answers /healthz for a probe with the pod IP as Host", status)
    try:
        status, _, _ = Client(spec, tls=False, host="unknown.example.org").request("GET", "/api/orders/1")
        check(False, "an unknown Host is dropped (444)", f"got {status}")
    except (http.client.RemoteDisconnected, ConnectionResetError):
        check(True, "an unknown Host is dropped (444)")

    if tls:
        status, headers, _ = Client(spec, tls=False).request("GET", "/api/orders/1?x=1")
        location = headers.get("location", [""])[0]
        check(status == 308 and location == spec["redirect_origin"] + "/api/orders/1?x=1",
              "HTTP redirects to HTTPS with path and query (308)", f"{status} {location}")
        security_headers_once(spec, headers, False, "the redirect (no HSTS over HTTP)")
        # a POST over HTTP: 308, and the client repeats it, as a POST with its body, where Location points
        post = next(route for route in spec["routes"] if route["method"] == "POST")
        payload = b'{"items": [1, 2]}'
        status, headers, _ = Client(spec, tls=False).request(
            "POST", post["path"], body=payload, headers={"Content-Type": "application/json"})
        location = headers.get("location", [""])[0]
        moved = status == 308 and location == spec["redirect_origin"] + post["path"]
        if moved:
            # http.client follows nothing: repeat the request as a client does after a 308
            status, _, body = Client(spec, tls=True).request(
                "POST", location[len(spec["redirect_origin"]):], body=payload,
                headers={"Content-Type": "application/json"})
            seen = backend_of(body)
        else:
            seen = {}
        check(moved and status == 200 and seen.get("method") == "POST" and seen.get("path") == post["upstream_path"],
              f"a POST {post['path']} over HTTP gets 308 and arrives at {post['service']} as a POST",
              f"{status} {location} {seen.get('method')} {seen.get('path')}")
        result = handshake(spec, spec["host"], alpn=["h2", "http/1.1"])
        check(isinstance(result, tuple) and result[2] == "h2", "the certificate verifies for the host; ALPN h2", result)
        FIGURES["tls"] = list(result) if isinstance(result, tuple) else result
        result = handshake(spec, spec["host"], minimum=ssl.TLSVersion.TLSv1_3)
        check(isinstance(result, tuple) and result[0] == "TLSv1.3", "TLS 1.3 is accepted", result)
        result = handshake(spec, spec["host"], maximum=ssl.TLSVersion.TLSv1_2, ciphers="ECDHE-RSA-AES128-GCM-SHA256")
        check(isinstance(result, tuple) and result[0] == "TLSv1.2", "TLS 1.2 with ECDHE-RSA-AES128-GCM is accepted", result)
        result = handshake(spec, spec["host"], maximum=ssl.TLSVersion.TLSv1_2,
                           ciphers="ECDHE-RSA-AES128-SHA:AES128-GCM-SHA256:@SECLEVEL=0")
        # the server's alert, not a client that offered nothing
        check(isinstance(result, str) and "handshake failure" in result.lower(),
              "TLS 1.2 with CBC or without ECDHE is refused by the server", result)
        result = handshake(spec, spec["host"], minimum=ssl.TLSVersion.TLSv1_1, maximum=ssl.TLSVersion.TLSv1_1,
                           ciphers="DEFAULT:@SECLEVEL=0")
        check(isinstance(result, str) and "protocol version" in result.lower(), "TLS 1.1 is refused by the server",
              result)
        result = handshake(spec, "unknown.example.org", verify=False)
        check(isinstance(result, str) and "unrecognized name" in result.lower(),
              "a handshake for an unknown name is refused", result)

    # every route reaches its service (or that service's canary), with the forwarded headers
    for route in spec["routes"]:
        # without RealIP the client's X-Forwarded-For and X-Request-ID never reach the service; with RealIP
        # trusting this (loopback) peer, the header's address is the client and the request id is kept
        status, headers, body = serving.request(route["method"], route["path"],
                                                headers={"X-Forwarded-For": "203.0.113.9", "X-Request-ID": "lb-id-1"})
        seen = backend_of(body)
        allowed = [route["service"]] + ([route["service"] + "-canary"] if spec["canary"] else [])
        forwarded = seen.get("headers", {})
        real_ip = spec.get("real_ip")
        ok = (status == 200 and seen.get("backend") in allowed and seen.get("path") == route["upstream_path"]
              and forwarded.get("host") == spec["host"]
              and forwarded.get("x-real-ip") == ("203.0.113.9" if real_ip else "127.0.0.1")
              and forwarded.get("x-forwarded-for") == ("203.0.113.9, 127.0.0.1" if real_ip else "127.0.0.1")
              and forwarded.get("x-forwarded-proto") == ("https" if tls else "http")
              and (forwarded.get("x-request-id") == "lb-id-1" if real_ip
                   else len(forwarded.get("x-request-id", "")) == 32)
              and "connection" not in forwarded)
        check(ok, f"{route['method']} {route['path']} reaches {route['service']} as {route['upstream_path']}",
              f"{status} {seen.get('backend')} {seen.get('path')} {forwarded}")
    # a prefix route matches whole path segments: /api/orders-admin is not /api/orders
    for path, service in spec.get("not_routed", []):
        sides = [backends[name] for name in (service, service + "-canary") if name in backends]
        before = sum(len(side.requests) for side in sides)
        status, _, body = serving.request("GET", path)
        reached = sum(len(side.requests) for side in sides) - before
        check(status == 404 and reached == 0, f"{path} does not reach {service} (404)",
              f"{status} {backend_of(body).get('backend')}, {service} saw {reached}")
    # the services' health checks and metrics: 404 at the gateway, never the service's answer
    for path, service in spec.get("private_paths", []):
        sides = [backends[name] for name in (service, service + "-canary") if name in backends]
        before = sum(len(side.requests) for side in sides)
        status, _, body = serving.request("GET", path)
        reached = sum(len(side.requests) for side in sides) - before
        check(status == 404 and reached == 0, f"{path} (a health or metrics path of {service}) answers 404",
              f"{status} {backend_of(body).get('backend')}, {service} saw {reached}")
    status, headers, _ = serving.request("GET", spec["routes"][0]["path"])
    security_headers_once(spec, headers, tls, "a proxied response (the service's X-Frame-Options replaced)")
    if not spec.get("serves_root"):  # a route on / takes every other path
        status, headers, _ = serving.request("GET", "/not-routed")
        check(status == 404, "an unrouted path answers 404", status)
        security_headers_once(spec, headers, tls, "a 404")

    if spec.get("static"):
        static = spec["static"]
        status, headers, body = serving.request("GET", static["path"], headers={"Accept-Encoding": "gzip"})
        plain = zlib.decompress(body, 16 + zlib.MAX_WBITS) if headers.get("content-encoding") == ["gzip"] else body
        check(status == 200 and headers.get("cache-control") == [f"max-age={static['max_age']}"]
              and "expires" in headers and headers.get("content-encoding") == ["gzip"] and len(plain) == static["size"],
              "a static file is served with cache headers, gzip-compressed",
              f"{status} {headers.get('cache-control')} {headers.get('content-encoding')} {len(plain)}")
        security_headers_once(spec, headers, tls, "a static file")
        status, _, _ = serving.request("GET", static["missing"])
        check(status == 404, "a missing static file answers 404", status)

    route_kinds(spec, tls, backends, serving)
    if grpc_server:
        grpc_call(spec, grpc_server)

    limit = spec["body_limit"]
    status, _, _ = serving.request("POST", limit["path"], body=b"x" * (limit["bytes"] + 1),
                                   headers={"Content-Type": "application/octet-stream"})
    check(status == 413, f"a body above {limit['bytes']} bytes on {limit['path']} answers 413", status)
    serving.close()

    # rate limit: a burst from one fresh client address over one connection (when a route has one)
    if spec.get("rate_limit"):
        rate = spec["rate_limit"]
        # the service's requests, on either side of a canary
        sides = [backends[name] for name in (rate["service"], rate["service"] + "-canary") if name in backends]

        def served():
            return sum(len(side.requests) for side in sides)

        before = served()
        client = Client(spec, tls=tls, source="127.0.9.9")
        statuses, started = [], time.monotonic()
        for index in range(rate["burst"] + 20):
            status, headers, _ = client.request("GET", f"{rate['path']}?burst={index}",
                                                headers={"X-Forwarded-For": "198.51.100.7"})
            statuses.append(status)
            if status == 429 and statuses.count(429) == 1:
                security_headers_once(spec, headers, tls, "a 429")
        elapsed = time.monotonic() - started
        accepted = statuses.count(200)
        first = statuses.index(429) + 1 if 429 in statuses else None
        allowed = rate["burst"] + 1 + math.ceil(elapsed * rate["rate"])
        reached = served() - before
        check(first is not None and first > rate["burst"] and rate["burst"] + 1 <= accepted <= allowed
              and set(statuses) <= {200, 429} and reached == accepted,
              f"the rate limit ({rate['rate']} r/s, burst {rate['burst']}) answers 429 and holds the excess back",
              f"{len(statuses)} requests in {elapsed:.3f} s: {accepted} x 200, {statuses.count(429)} x 429, "
              f"first 429 at #{first}, the service saw {reached}")
        FIGURES["rate_limit"] = {"requests": len(statuses), "seconds": round(elapsed, 3), "accepted": accepted,
                                 "rejected": statuses.count(429), "first_429": first, "reached_service": reached}
        # the limit's key: with RealIP the header's address (another one has its own budget), else the connection's
        # (a client cannot escape its limit by sending another X-Forwarded-For)
        other, _, _ = client.request("GET", f"{rate['path']}?other=1", headers={"X-Forwarded-For": "198.51.100.8"})
        client.close()
        check(other == (200 if spec.get("real_ip") else 429),
              "the rate limit keys on " + ("the X-Forwarded-For address (RealIP)" if spec.get("real_ip")
                                           else "the connection's address, whatever X-Forwarded-For says"), other)

    canary = spec.get("canary")
    if canary:
        service = canary["service"]
        counts = {service: 0, service + "-canary": 0}
        cookies = {}
        requests, per_client = canary["requests"], 5
        started = time.monotonic()
        for index in range(requests // per_client):
            client = Client(spec, tls=tls, source=f"127.0.{1 + index // 250}.{1 + index % 250}")
            for _ in range(per_client):
                status, headers, body = client.request("GET", canary["path"])
                name = backend_of(body).get("backend")
                if status == 200 and name in counts:
                    counts[name] += 1
                    for cookie in headers.get("set-cookie", []):
                        if cookie.startswith(canary["cookie"] + "="):
                            cookies.setdefault(name, cookie.split(";")[0])
            client.close()
        elapsed = time.monotonic() - started
        share = 100.0 * counts[service + "-canary"] / requests
        p = canary["share"] / 100.0
        sigma = 100.0 * math.sqrt(p * (1 - p) / requests)
        check(sum(counts.values()) == requests and abs(share - canary["share"]) <= 4 * sigma,
              f"the canary gets about {canary['share']} % of {requests} requests (within 4 sigma = {4 * sigma:.2f} %)",
              f"{counts[service + '-canary']}/{requests} = {share:.1f} % in {elapsed:.2f} s")
        FIGURES["canary"] = {"requests": requests, "canary": counts[service + "-canary"], "share": round(share, 2),
                             "expected": canary["share"], "sigma": round(sigma, 2), "seconds": round(elapsed, 2)}
        # stickiness: a client that keeps its cookie stays on its side, for every service, from any address
        for name, cookie in sorted(cookies.items()):
            side = "-canary" if name.endswith("-canary") else ""
            seen = set()
            for index in range(20):
                client = Client(spec, tls=tls, source=f"127.0.200.{1 + index}")
                for path, other, *only in canary["all_paths"]:
                    # a service without a canary ("stable") serves both sides
                    _, _, body = client.request("GET", path, headers={"Cookie": cookie})
                    seen.add((backend_of(body).get("backend"), other + ("" if only else side)))
                client.close()
            check(all(actual == expected for actual, expected in seen),
                  f"a client with a {'canary' if side else 'stable'} cookie stays on that side for every service",
                  sorted(seen))
        check(len(cookies) == 2, "both sides handed out the cookie", sorted(cookies))

    if spec.get("canary_fallback"):
        canary_fallback(spec, backends, tls)

    if spec["keepalive"]:
        # the stream routes' connections (a WebSocket, an event stream) are not reused by design
        for index in range(30 if spec.get("keepalive_path") else 0):
            serving.request("GET", f"{spec['keepalive_path']}?request={index}")
        serving.close()
        streams = sum(len(b.upgrades) + b.event_streams for b in backends.values())
        connections = sum(b.connections for b in backends.values()) - streams
        total = sum(len(b.requests) for b in backends.values()) - streams
        check(connections * 10 <= total, "upstream connections are kept alive and reused",
              f"{connections} connections for {total} requests")
        FIGURES["upstream_connections"] = {"connections": connections, "requests": total}
    if dns:
        check(len(dns.queries) > 0 and all(q.endswith(spec["dns"]["domain"]) for q in dns.queries),
              "service names were resolved through the configured resolver, fully qualified",
              f"{len(dns.queries)} queries, e.g. {dns.queries[:1]}")
        FIGURES["dns_queries"] = len(dns.queries)

    nginx.stop()
    with open(os.path.join(spec["prefix"], "logs", "nginx-stdout.log"), encoding="utf-8") as log:
        lines = [line for line in log.read().splitlines() if line]
    broken = [line for line in lines if not isinstance(json.loads(line), dict)] if lines else ["(empty)"]
    check(lines and not broken, "every line on stdout is a JSON access log object", f"{len(lines)} lines")
    with open(os.path.join(spec["prefix"], "logs", "nginx-stderr.log"), encoding="utf-8", errors="replace") as log:
        severe = [line for line in log if any(f"[{level}]" in line for level in ("emerg", "alert", "crit"))]
    check(not severe, "stderr (the error log) has no emerg, alert or crit line", severe[:2])
    written = sorted(name for name in os.listdir(os.path.join(spec["prefix"], "logs")) if not name.startswith("nginx-std"))
    check(not written, "nginx writes no log file of its own in the prefix", written)
    FIGURES["access_log_lines"] = len(lines)


def canary_fallback(spec, backends, tls):
    """The canary fails safe: an idempotent request the canary fails reaches the stable Service; any other request
    is never sent twice. First with the canary answering 503, then with it down (connections refused)."""
    fallback = spec["canary_fallback"]
    service, cookie_name = fallback["service"], fallback["cookie"]
    stable, canary = backends[service], backends[service + "-canary"]

    def sides():
        return len(stable.requests), len(canary.requests)

    # a cookie that puts a client on the canary side, as a response hands it out
    cookie = None
    for index in range(400):
        client = Client(spec, tls=tls, source=f"127.0.150.{1 + index % 250}")
        status, headers, body = client.request("GET", fallback["get_path"])
        client.close()
        if backend_of(body).get("backend") == service + "-canary":
            cookie = next((c.split(";")[0] for c in headers.get("set-cookie", []) if c.startswith(cookie_name + "=")),
                          None)
            break
    check(cookie is not None, "a response from the canary sets the cookie that keeps the client there", cookie)
    if cookie is None:
        return
    max_age = next((c for c in headers.get("set-cookie", []) if c.startswith(cookie_name + "=")), "")
    check(f"Max-Age={fallback['max_age']}" in max_age, f"the cookie is kept {fallback['max_age']} s", max_age)
    on_canary = {"Cookie": cookie}
    payload = b'{"items": [1]}'
    post_headers = {"Cookie": cookie, "Content-Type": "application/json"}

    # the canary answers 503 (a failing release): GETs reach stable; a POST gets the canary's 503 and is not resent
    canary.failing = 503
    client = Client(spec, tls=tls, source="127.0.151.1")
    # first, before upstream blocks count the canary's failures (max_fails) and stop trying it
    before = sides()
    status, _, body = client.request("POST", fallback["post_path"], body=payload, headers=post_headers)
    after = sides()
    check(status == 503 and backend_of(body).get("backend") == service + "-canary"
          and after == (before[0], before[1] + 1),
          "a POST the canary answers 503 gets that answer, and is not sent to the stable Service",
          f"{status} stable +{after[0] - before[0]}, canary +{after[1] - before[1]}")
    before = sides()
    statuses = [client.request("GET", fallback["get_path"], headers=on_canary)[0] for _ in range(20)]
    after = sides()
    check(statuses == [200] * 20 and after[0] - before[0] == 20 and after[1] - before[1] >= 1,
          "with the canary answering 503, 20 GETs of a canary client get 200 from the stable Service",
          f"{sorted(set(statuses))}, stable +{after[0] - before[0]}, canary +{after[1] - before[1]}")
    client.close()
    canary.failing = None

    # the canary is down: 200 GETs (new clients, and clients holding the canary cookie) give no error
    canary.kill()
    before = sides()
    statuses, served = [], {}
    for index in range(fallback["requests"]):
        client = Client(spec, tls=tls, source=f"127.0.152.{1 + index % 250}")
        headers = on_canary if index % 4 == 0 else {}
        status, _, body = client.request("GET", fallback["get_path"], headers=headers)
        client.close()
        statuses.append(status)
        name = backend_of(body).get("backend")
        served[name] = served.get(name, 0) + 1
    after = sides()
    errors = len([s for s in statuses if s != 200])
    check(errors == 0 and served.get(service) == fallback["requests"],
          f"with the canary down, {fallback['requests']} GETs (1 in 4 with the canary cookie) give 0 errors",
          f"{errors} errors, served by {served}")
    FIGURES["canary_down"] = {"requests": len(statuses), "errors": errors, "stable": after[0] - before[0]}
    # a POST of a canary client: never sent twice. Names resolved per request: 502, as nginx cannot tell there
    # whether a request it could not finish was sent; upstream blocks: the stable backup, since the canary never
    # received it (the connection was refused).
    before = sides()
    client = Client(spec, tls=tls, source="127.0.153.1")
    status, _, body = client.request("POST", fallback["post_path"], body=payload, headers=post_headers)
    client.close()
    after = sides()
    received = after[0] - before[0]
    if fallback["mode"] == "backup":
        ok, outcome = status == 200 and received == 1, "goes once to the stable backup (the canary never received it)"
    else:
        ok, outcome = status == 502 and received == 0, "answers 502 and is not sent to the stable Service"
    check(ok, f"a POST of a canary client with the canary down {outcome}", f"{status}, stable +{received}")
    FIGURES["canary_down_post"] = {"status": status, "stable_received": received}


CONTEXT = None

if __name__ == "__main__":
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, on_signal)
    atexit.register(cleanup)
    with open(sys.argv[1], encoding="utf-8") as file:
        SPEC = json.load(file)
    if SPEC["tls"]:
        CONTEXT = ssl.create_default_context(cafile=SPEC["certificate"])
    started = time.monotonic()
    error = None
    try:
        run(SPEC)
    except Exception as exception:  # reported as a failed check, after cleaning up
        error = f"{type(exception).__name__}: {exception}"
        check(False, "the traffic test ran to the end", error)
    finally:
        cleanup()
    FIGURES["seconds"] = round(time.monotonic() - started, 2)
    print(json.dumps({"checks": CHECKS, "figures": FIGURES}))
    sys.exit(0 if all(c["ok"] for c in CHECKS) else 1)
