"""Triggers the most frequent error of logs/crash.log (an order for an unknown SKU) against this folder's code.

Starts the service from the current folder, sends two orders for SKUs the catalog does not hold, stops it and
prints everything the service logged. It gives no verdict: on the buggy code the output holds two KeyError
tracebacks, on a fixed copy two `order rejected` warnings. Exits non-zero only when the service does not start.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from traffic import post_order, start_service  # noqa: E402


def main() -> None:
    with tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False) as log_file:
        process, port = start_service(os.getcwd(), log_file)
        try:
            statuses = [
                post_order(port, [{"sku": "SKU-999", "quantity": 1}], "repro-1"),
                post_order(port, [{"sku": "SKU-100", "quantity": 1}, {"sku": "sku-404", "quantity": 2}], "repro-2"),
            ]
        finally:
            process.terminate()
            process.wait(timeout=10)
    with open(log_file.name) as handle:
        sys.stdout.write(handle.read())
    os.unlink(log_file.name)
    print(f"statuses: {statuses}", file=sys.stderr)


if __name__ == "__main__":
    main()
