"""Bench: view beacons per second, beside nginx answering 204, in one run.

Starts Debian's nginx on a free port with a config whose only location is
``return 204;`` (two worker processes, as many as the server below), then
``khabar serve --workers 2`` on a temporary SQLite site, once with the
embedded store and once with Redis (``--redis-url``, database 13 by
default, keys under a unique prefix and deleted afterwards). Each is loaded
by ``wrk`` for the same time with the same connections, sending
``POST /v/<id>`` from 100,000 different readers (X-Forwarded-For, with
127.0.0.1 as the trusted proxy). The ratio is Khabar's rate over nginx's.
Everything runs on this machine: wrk, nginx, granian and Redis share its
cores. After each Khabar run the server is stopped with SIGTERM and the
stored total is printed, to show the counted views reached the database.

    .venv/bin/python bench/views.py [--seconds 10] [--connections 32]
"""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sites  # noqa: E402
from bench.sites import wait_until_up  # noqa: E402
from tests.services import free_port  # noqa: E402

NGINX = "/usr/sbin/nginx"
WRK_SCRIPT = """
-- Each wrk thread has its own Lua state: give each its own readers.
local threads = 0
setup = function(thread)
  thread:set("offset", threads * 50000)
  threads = threads + 1
end
counter = 0
request = function()
  counter = counter + 1
  local reader = (offset + counter) % 100000
  local address = "10." .. math.floor(reader / 65536) .. "."
    .. (math.floor(reader / 256) % 256) .. "." .. (reader % 256)
  return wrk.format("POST", "/v/" .. (counter % 10 + 1), {
    ["User-Agent"] = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 "
      .. "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
    ["X-Forwarded-For"] = address,
    ["Content-Length"] = "0",
  })
end
"""
NGINX_CONF = """
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}; proxy_temp_path {dir}; fastcgi_temp_path {dir};
  uwsgi_temp_path {dir}; scgi_temp_path {dir};
  server {{
    listen 127.0.0.1:{port};
    location / {{ return 204; }}
  }}
}}
daemon off;
"""


def run_wrk(url, seconds, connections, script):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
        check=True,
        capture_output=True,
        text=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{result.stdout}")
    return rate


def nginx_rate(tmp, seconds, connections, script):
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=tmp, port=port))
    server = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/")
        return run_wrk(f"http://127.0.0.1:{port}/v/1", seconds, connections, script)
    finally:
        server.terminate()
        server.wait(timeout=10)


def khabar_rate(tmp, seconds, connections, script, redis_url=None):
    var = Path(tempfile.mkdtemp(dir=tmp))
    env = sites.embedded_env(
        var,
        KHABAR_TRUSTED_PROXIES="127.0.0.1",
        KHABAR_CACHE_PREFIX=f"bench-views-{os.getpid()}",
    )
    if redis_url:
        env["KHABAR_VIEWS_REDIS_URL"] = redis_url
    sites.run(env, "migrate", "-v0")
    sites.run(env, "collectstatic", "--no-input", "-v0")
    make = (
        "from django.utils import timezone; from khabar.newsroom.models import "
        "Article, Section; s = Section.objects.create(name='سياسة');"
        "[Article.objects.create(title=f'خبر {n}', section=s, live=True,"
        " first_published_at=timezone.now()) for n in range(10)]"
    )
    sites.run(env, "shell", "-c", make)
    sites.run(env, "flush-views", "--once")
    port = free_port()
    with sites.serving(env, port, ready_path="/v/1.gif") as base:
        rate = run_wrk(f"{base}/v/1", seconds, connections, script)
    with sqlite3.connect(var / "khabar.sqlite3") as conn:
        (stored,) = conn.execute(
            "SELECT SUM(view_count) FROM newsroom_article"
        ).fetchone()
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(f"{env['KHABAR_CACHE_PREFIX']}:*"))
        if keys:
            client.delete(*keys)
        client.close()
    return rate, stored


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--no-redis", action="store_true")
    options = parser.parse_args()
    if not shutil.which("wrk") or not os.path.exists(NGINX):
        raise SystemExit("needs wrk and nginx: apt-get install wrk nginx")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        script = tmp / "beacon.lua"
        script.write_text(WRK_SCRIPT)
        args = (options.seconds, options.connections, str(script))
        baseline = nginx_rate(tmp, *args)
        rows = [("nginx `return 204;` (baseline)", baseline, None)]
        rate, stored = khabar_rate(tmp, *args)
        rows.append(("Khabar beacon, embedded store", rate, stored))
        if not options.no_redis:
            rate, stored = khabar_rate(tmp, *args, redis_url=options.redis_url)
            rows.append(("Khabar beacon, Redis store", rate, stored))
    setup = f"{options.seconds} s each, {options.connections} connections, wrk -t2"
    print(f"{os.cpu_count()} cores, {setup}")  # noqa: T201
    print("| | requests/s | ratio to nginx | views stored after SIGTERM |")  # noqa: T201
    print("| --- | --- | --- | --- |")  # noqa: T201
    for name, rate, stored in rows:
        stored = "—" if stored is None else f"{stored:,}"
        print(f"| {name} | {rate:,.0f} | {rate / baseline:.3f} | {stored} |")  # noqa: T201


if __name__ == "__main__":
    main()
