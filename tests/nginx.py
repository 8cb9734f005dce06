"""Run the repo's deploy/nginx.conf with Debian's nginx, unprivileged.

deploy/nginx.conf is written for production (ports 80 and 443, /srv/khabar,
the cache in /var/cache/nginx, certbot's certificate). :func:`render_site`
swaps those few values for a temporary directory, free ports on 127.0.0.1
and a self-signed certificate (:func:`certificate`), failing loudly if the
file no longer has them; :func:`write_main` wraps it in a minimal main
config; :func:`start` runs nginx in the foreground with its pid and logs in
that directory. Used by tests/test_nginx.py and bench/pages.py.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx.conf"

MAIN = """\
worker_processes {workers};
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{servers}
}}
"""


def _swap(text, old, new):
    if text.count(old) != 1:
        raise AssertionError(
            f"deploy/nginx.conf should contain {old!r} exactly once; "
            "update tests/nginx.py with the file"
        )
    return text.replace(old, new)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def certificate(tmp):
    """A self-signed certificate for 127.0.0.1 in *tmp*: (cert, key) paths."""
    cert, key = Path(tmp) / "tls.crt", Path(tmp) / "tls.key"
    if not cert.exists():
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
                *("-days", "2", "-subj", "/CN=127.0.0.1"),
                *("-addext", "subjectAltName=IP:127.0.0.1"),
                *("-keyout", str(key), "-out", str(cert)),
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


def swap_production_paths(text, tmp, var_dir):
    """*text* (deploy/nginx.conf) with its files in *tmp* and *var_dir*."""
    cert, key = certificate(tmp)
    text = _swap(text, "/etc/letsencrypt/live/news.example/fullchain.pem", str(cert))
    text = _swap(text, "/etc/letsencrypt/live/news.example/privkey.pem", str(key))
    text = _swap(text, "/var/www/acme;", f"{tmp}/acme;")
    text = _swap(text, "/var/cache/nginx/khabar ", f"{tmp}/cache ")
    text = _swap(text, "/srv/khabar/var/static/", f"{var_dir}/static/")
    text = _swap(text, "/srv/khabar/var/media/", f"{var_dir}/media/")
    return text


def render_site(
    tmp, port, upstream, var_dir, valid=None, tls_port=None, http_port=None
):
    """deploy/nginx.conf for Khabar at *upstream* ('host:port') with its
    files in *var_dir*; *valid* overrides nginx's page freshness.

    Every listener is on 127.0.0.1: *port* is the purge hook's plain http
    one (which serves pages as the https server does), *tls_port* the https
    one and *http_port* the one that redirects to https (free ports when
    not given).
    """
    text = SITE.read_text()
    text = _swap(text, "listen 127.0.0.1:80;", f"listen 127.0.0.1:{port};")
    text = _swap(
        text,
        "listen 443 ssl http2;",
        f"listen 127.0.0.1:{tls_port or _free_port()} ssl http2;",
    )
    text = _swap(text, "listen 80;", f"listen 127.0.0.1:{http_port or _free_port()};")
    # The test machine may have no IPv6.
    text = _swap(text, "listen [::]:443 ssl http2;", "")
    text = _swap(text, "listen [::]:80;", "")
    text = _swap(text, "server 127.0.0.1:8000;", f"server {upstream};")
    text = swap_production_paths(text, tmp, var_dir)
    if valid:
        text = _swap(
            text, "proxy_cache_valid 200 5s;", f"proxy_cache_valid 200 {valid};"
        )
    return text


def write_main(tmp, servers, workers=1):
    tmp = Path(tmp)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache", "acme"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    # Run as root (CI), nginx's workers would become "nobody" and could not
    # read a private temporary directory.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(MAIN.format(tmp=tmp, workers=workers, user=user, servers=servers))
    return conf


def start(tmp, conf, port, timeout=10):
    """Start nginx with *conf* in the foreground; wait for *port*."""
    process = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(tmp),
            "-c",
            str(conf),
            "-g",
            f"daemon off; pid {tmp}/nginx.pid;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx failed: {process.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nginx did not listen on {port} in {timeout} s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
