"""Runs buggy functions for the accuracy benchmark: `python3 app.py <mode> <cases-json>`.

logged   - each case in try/except, reported with logging.exception (the logging module formats the traceback)
uncaught - the first case only, not caught: Python prints its traceback on stderr
clean    - INFO/WARN lines that mention errors, and a handled error logged at WARNING with its traceback
A line `@@case <n>` on stdout opens the output of case n.
"""

import json
import logging
import sys

import orders
import users

BUGS = {
    "shipping_cost": orders.shipping_cost,
    "average_price": orders.average_price,
    "role_of": users.role_of,
    "email_domain": users.email_domain,
}

logging.basicConfig(
    stream=sys.stdout, level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s"
)
log = logging.getLogger("shop.api")


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "clean"
    cases = json.loads(sys.argv[2]) if len(sys.argv) > 2 else []
    if mode == "clean":
        log.info("server started, error budget 0.1%")
        log.warning("request_id=r-100 retrying after error: upstream reset")
        log.info("errors in the last hour: 0")
        try:
            json.loads("{cached")
        except ValueError:
            # A handled error logged at WARNING with its traceback: not an error to heal.
            log.warning("request_id=r-102 cache entry unreadable, error ignored", exc_info=True)
    elif mode == "uncaught":
        BUGS[cases[0]["bug"]](cases[0]["input"])
    else:
        for n, case in enumerate(cases):
            print(f"@@case {n}", flush=True)
            log.info("request_id=%s request received", case["requestId"])
            try:
                BUGS[case["bug"]](case["input"])
            except Exception:
                log.exception("request_id=%s request failed", case["requestId"])


main()
