"""Helpers both scripts share: start the service from a folder, send it requests."""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request


def start_service(root: str, log_file) -> tuple[subprocess.Popen, int]:
    """Runs `python3 -m inventory.service --port 0` in `root`, output to `log_file`; returns it and its port."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "inventory.service", "--port", "0"],
        cwd=root,
        env=env,
        stdout=log_file,
        stderr=log_file,
    )
    return process, _wait_for_port(log_file.name, process)


def _wait_for_port(path: str, process: subprocess.Popen) -> int:
    import time

    for _ in range(200):  # 10 s: start-up takes well under 1 s
        with open(path) as handle:
            for line in handle:
                if "inventory-service listening port=" in line:
                    return int(line.rsplit("port=", 1)[1])
        if process.poll() is not None:
            raise SystemExit(f"the service exited with {process.returncode} before listening")
        time.sleep(0.05)
    raise SystemExit("the service did not start listening")


def post_order(port: int, lines: list[dict] | str, request_id: str) -> int:
    data = lines if isinstance(lines, str) else json.dumps({"lines": lines})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/orders",
        data=data.encode(),
        headers={"Content-Type": "application/json", "X-Request-Id": request_id},
        method="POST",
    )
    return _status(request)


def get(port: int, path: str) -> int:
    return _status(urllib.request.Request(f"http://127.0.0.1:{port}{path}"))


def _status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
