"""The Makefile's entry points a person types: `make serve PORT=N` serves on that port, and
a busy port ends in one line that names it and the fix, not a server's traceback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# make as a person types it: run by `make test`, the suite inherits MAKELEVEL, and a make
# that sees it prints "Entering directory" lines a person never sees.
TYPED = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_busy_port_is_named_in_one_line_with_the_fix():
    with socket.create_server(("127.0.0.1", 0)) as holder:
        port = holder.getsockname()[1]
        result = subprocess.run(
            ["make", "serve", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, timeout=60, env=TYPED
        )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port} is in use" in lines[0] and "make serve PORT=" in lines[0], result.stderr


def test_make_serve_serves_on_the_port_it_is_given():
    port = free_port()
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200 and b"ML Interview Prep" in response.read()
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, f"nothing answered on port {port} within 120 s"
                time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
