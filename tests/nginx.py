"""Run the repo's deploy/nginx.conf with Debian's nginx, unprivileged.

deploy/nginx.conf is written for production (port 80, /srv/khabar, the
cache in /var/cache/nginx). :func:`render` swaps those few values for a
temporary directory and free ports, failing loudly if the file no longer
has them, and wraps it in a minimal main config; :func:`start` runs nginx in
the foreground with its pid and logs in that directory. Used by
tests/test_nginx.py and bench/pages.py.
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


def render_site(tmp, port, upstream, var_dir, valid=None):
    """deploy/nginx.conf for *port*, Khabar at *upstream* ('host:port') and
    its files in *var_dir*; *valid* overrides nginx's page freshness."""
    text = SITE.read_text()
    text = _swap(text, "listen 80;", f"listen 127.0.0.1:{port};")
    text = _swap(text, "server 127.0.0.1:8000;", f"server {upstream};")
    text = _swap(text, "/var/cache/nginx/khabar ", f"{tmp}/cache ")
    text = _swap(text, "/srv/khabar/var/static/", f"{var_dir}/static/")
    text = _swap(text, "/srv/khabar/var/media/", f"{var_dir}/media/")
    if valid:
        text = _swap(
            text, "proxy_cache_valid 200 5s;", f"proxy_cache_valid 200 {valid};"
        )
    return text


def write_main(tmp, servers, workers=1):
    tmp = Path(tmp)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
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
