"""HTTP front of the inventory service (stdlib http.server): POST /orders, GET /stock/<sku>, GET /reports/daily."""
import argparse
import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from inventory.orders import place_order
from inventory.reports import average_units
from inventory.stock import StockLedger

LOG_FORMAT = "%(asctime)s %(levelname)s [%(name)s] %(message)s"
log = logging.getLogger("inventory.service")

CATALOG = {"SKU-100": 40, "SKU-200": 12, "SKU-300": 5, "SKU-400": 80}


class InventoryState:
    def __init__(self, levels: dict[str, int]) -> None:
        self.ledger = StockLedger(levels)
        self.accepted: list[list[tuple[str, int]]] = []


def make_handler(state: InventoryState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
            log.info("%s %s", self.address_string(), format % args)

        def reply(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            if self.path != "/orders":
                self.reply(404, {"error": "not found"})
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            try:
                result = place_order(state.ledger, body)
            except Exception:
                log.exception("order failed request_id=%s", self.headers.get("X-Request-Id", "-"))
                self.reply(500, {"error": "internal error"})
                return
            if result.accepted:
                state.accepted.append(result.reserved)
                log.info("order accepted lines=%d", len(result.reserved))
                self.reply(201, {"reserved": result.reserved})
            else:
                log.warning("order rejected: %s", result.reason)
                self.reply(409, {"error": result.reason})

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith("/stock/"):
                sku = self.path.removeprefix("/stock/")
                self.reply(200, {"sku": sku, "on_hand": state.ledger.on_hand(sku)})
            elif self.path == "/reports/daily":
                try:
                    self.reply(200, {"average_units": average_units(state.accepted)})
                except Exception:
                    log.exception("daily report failed")
                    self.reply(500, {"error": "internal error"})
            else:
                self.reply(404, {"error": "not found"})

    return Handler


def serve(port: int, levels: dict[str, int] | None = None) -> ThreadingHTTPServer:
    state = InventoryState(CATALOG if levels is None else levels)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state))
    log.info("inventory-service listening port=%d", server.server_address[1])
    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    server = serve(args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
