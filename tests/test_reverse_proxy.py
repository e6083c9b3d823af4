"""Behind a real nginx on loopback, `heard serve` in production mode: no redirect loop, HSTS,
the real client IP reaches the login throttle, and X-Forwarded-* from anyone but the trusted
proxy changes nothing.

Loopback has a whole /8, so each actor gets its own address: nginx talks to Heard from
127.0.0.2 (the trusted proxy), people reach nginx from 127.0.0.3 and 127.0.0.4, and an
untrusted client talks to Heard directly from 127.0.0.1.

SECURITY.md promise 18."""

from __future__ import annotations

import datetime
import http.client
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROXY_ADDR = "127.0.0.2"
PERSON_A = "127.0.0.3"
PERSON_B = "127.0.0.4"
NGINX_CONF = """
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{https_port} ssl;
    ssl_certificate {tmp}/cert.pem;
    ssl_certificate_key {tmp}/key.pem;
    location / {{
      proxy_pass http://127.0.0.1:{app_port};
      proxy_bind {proxy_addr};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
"""


def _nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is required for the reverse-proxy test under CI=true.")
        pytest.skip("nginx not installed; the reverse-proxy test runs in CI.")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited early:\n{log.read_text()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listened on {port}:\n{log.read_text()}")


def _self_signed(tmp: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (tmp / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


@dataclass
class Stack:
    https_port: int
    app_port: int
    database: Path


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    nginx = _nginx()
    tmp = tmp_path_factory.mktemp("proxy")
    app_port, https_port = _free_port(), _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HEARD_", "SECRET_KEY", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        {
            "HEARD_ENV": "production",
            "HEARD_DATA_DIR": str(tmp / "data"),
            "SECRET_KEY": "proxy-test-" + "s3cr3t-" * 8,
            "HEARD_ENCRYPTION_KEYS": "Z2VuZXJhdGVkLWZvci10ZXN0cy1vbmx5LTAxMjM0NTY=",
            "ALLOWED_HOSTS": "localhost",
            "HEARD_BEHIND_PROXY": "true",
            "HEARD_TRUSTED_PROXIES": PROXY_ADDR,
            "HEARD_LOGIN_FAILURE_LIMIT": "3",
        }
    )
    heard = [sys.executable, "-m", "heard.cli"]
    subprocess.run([*heard, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    app_log = tmp / "heard.log"
    with app_log.open("wb") as out:
        app = subprocess.Popen(
            [*heard, "serve", "--host", "127.0.0.1", "--port", str(app_port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    _self_signed(tmp)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / folder).mkdir()
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(tmp=tmp, https_port=https_port, app_port=app_port, proxy_addr=PROXY_ADDR)
    )
    nginx_log = tmp / "nginx-error.log"
    nginx_log.touch()
    proxy = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(conf)], stderr=subprocess.STDOUT)
    try:
        _wait_for_port(app_port, app, app_log)
        _wait_for_port(https_port, proxy, nginx_log)
        yield Stack(
            https_port=https_port, app_port=app_port, database=tmp / "data" / "heard.sqlite3"
        )
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(timeout=20)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str


def _request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: str | None = None,
) -> Reply:
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return Reply(response.status, response.headers, response.read().decode())


def _via_proxy(stack: Stack, source: str) -> http.client.HTTPSConnection:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection(
        "localhost", stack.https_port, source_address=(source, 0), context=context, timeout=30
    )


def _direct(stack: Stack) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(
        "127.0.0.1", stack.app_port, source_address=("127.0.0.1", 0), timeout=30
    )


def _failed_login(
    conn: http.client.HTTPConnection, host: str, extra: dict[str, str] | None = None
) -> int:
    """One wrong password for `alice`, with a fresh CSRF token; returns the status."""
    page = _request(conn, "GET", "/account/login/", {"Host": host, **(extra or {})})
    assert page.status == 200, (page.status, page.headers.get("Location"))
    cookie = SimpleCookie(page.headers.get("Set-Cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    assert token is not None and "csrftoken" in cookie
    scheme = "https" if isinstance(conn, http.client.HTTPSConnection) else "http"
    answer = _request(
        conn,
        "POST",
        "/account/login/",
        {
            "Host": host,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie['csrftoken'].value}",
            "Referer": f"{scheme}://{host}/account/login/",
            "Origin": f"{scheme}://{host}",
            **(extra or {}),
        },
        f"username=alice&password=wrong&csrfmiddlewaretoken={token.group(1)}",
    )
    return answer.status


def _throttled_ips(stack: Stack) -> set[str]:
    with sqlite3.connect(stack.database) as db:
        return {row[0] for row in db.execute("SELECT ip FROM accounts_loginthrottle")}


def test_pages_load_through_the_proxy_without_a_redirect_loop_and_with_hsts(stack: Stack) -> None:
    conn = _via_proxy(stack, PERSON_A)
    host = f"localhost:{stack.https_port}"
    for path in ("/", "/help/"):
        assert _request(conn, "GET", path, {"Host": host}).status == 200, path
    login = _request(conn, "GET", "/account/login/", {"Host": host})
    assert login.status == 200
    assert "max-age=31536000" in login.headers["Strict-Transport-Security"]


def test_the_real_client_ip_reaches_the_login_throttle_and_spoofing_changes_nothing(
    stack: Stack,
) -> None:
    host = f"localhost:{stack.https_port}"
    a = _via_proxy(stack, PERSON_A)
    # A spoofed X-Forwarded-For sent to the proxy is kept to the left of the real address,
    # and Heard trusts only the one hop its proxy added.
    spoof = {"X-Forwarded-For": "203.0.113.9"}
    assert [_failed_login(a, host, spoof) for _ in range(3)] == [400, 400, 400]
    assert _throttled_ips(stack) == {PERSON_A}
    assert _failed_login(a, host) == 429
    assert _failed_login(a, host, {"X-Forwarded-For": "198.51.100.1"}) == 429
    # Someone else at another address is not locked out of the same account.
    assert _failed_login(_via_proxy(stack, PERSON_B), host) == 400
    assert _throttled_ips(stack) == {PERSON_A, PERSON_B}


def test_forwarded_headers_from_an_untrusted_client_are_ignored(stack: Stack) -> None:
    direct = _direct(stack)
    host = "localhost"
    # It claims HTTPS and another address: Heard still sees plain HTTP and sends it to HTTPS.
    claimed = _request(
        direct,
        "GET",
        "/account/login/",
        {"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-For": PERSON_B},
    )
    assert claimed.status == 301
    assert claimed.headers["Location"] == "https://localhost/account/login/"
    # Health checks are exempt from the HTTPS redirect and answer directly.
    assert _request(direct, "GET", "/healthz", {"Host": host}).status == 200
