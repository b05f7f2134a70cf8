"""Regenerates logs/crash.log by really running the service with its bugs.

Copies this folder (without logs/ and caches) to `<mkdtemp>/app/inventory-service`, so the traceback paths look
like a deployment (`/tmp/tmpXXXX/app/inventory-service/inventory/stock.py`), starts it there with its own logging
(`%(asctime)s %(levelname)s [%(name)s] %(message)s`, tracebacks from `log.exception`), sends a seeded mix of
ordinary and bad requests, asks for the daily report of an empty service, and writes everything it logged to
logs/crash.log. Nothing in the log is written by hand.

    python3 scripts/generate_crash_log.py
"""
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from traffic import get, post_order, start_service  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKUS = ["SKU-100", "SKU-200", "SKU-300", "SKU-400"]
UNKNOWN_SKUS = ["SKU-999", "sku-1OO", "SKU-5000", "SKU-O42", "SKU-777", "SKU-123"]


def traffic(rng: random.Random) -> list:
    """Ordinary orders with the bad ones shuffled in: 6 unknown SKUs, 2 malformed bodies, 2 bad quantities."""
    requests = [[{"sku": rng.choice(SKUS), "quantity": rng.randint(1, 3)}] for _ in range(20)]
    requests += [[{"sku": sku, "quantity": 1}] for sku in UNKNOWN_SKUS]
    requests += ['{"lines": [{"sku": "SKU-100", "quantity": 1}', "sku=SKU-100&quantity=1"]
    requests += [[{"sku": "SKU-200", "quantity": "two"}], [{"sku": "SKU-300", "quantity": "1.5"}]]
    rng.shuffle(requests)
    return requests


def main() -> None:
    app = os.path.join(tempfile.mkdtemp(), "app", "inventory-service")
    shutil.copytree(HERE, app, ignore=shutil.ignore_patterns("logs", "__pycache__", "*.pyc"))
    # A fresh, empty service first: its daily report divides by zero orders.
    os.makedirs(os.path.join(HERE, "logs"), exist_ok=True)
    log_path = os.path.join(HERE, "logs", "crash.log")
    with open(log_path, "w") as log_file:
        process, port = start_service(app, log_file)
        try:
            get(port, "/reports/daily")
            rng = random.Random(20240611)
            statuses = [post_order(port, body, f"req-{i:04d}") for i, body in enumerate(traffic(rng))]
            get(port, "/stock/SKU-100")
            get(port, "/reports/daily")
        finally:
            process.terminate()
            process.wait(timeout=10)
    shutil.rmtree(os.path.dirname(os.path.dirname(app)))
    print(f"wrote {log_path}: {len(statuses)} orders, statuses {sorted(set(statuses))}")


if __name__ == "__main__":
    main()
