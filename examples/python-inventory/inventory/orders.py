"""Order intake: parses an order body and reserves its lines."""
import json
from dataclasses import dataclass, field

from inventory.stock import StockLedger


@dataclass
class OrderResult:
    accepted: bool
    reserved: list[tuple[str, int]] = field(default_factory=list)
    reason: str = ""


def parse_lines(body: str) -> list[tuple[str, int]]:
    payload = json.loads(body)
    lines = []
    for line in payload["lines"]:
        quantity = int(line["quantity"])
        lines.append((line["sku"].strip().upper(), quantity))
    return lines


def place_order(ledger: StockLedger, body: str) -> OrderResult:
    lines = parse_lines(body)
    reserved = []
    for sku, quantity in lines:
        if not ledger.reserve(sku, quantity):
            for done_sku, done_quantity in reserved:
                ledger.restock(done_sku, done_quantity)
            return OrderResult(accepted=False, reason=f"insufficient stock for {sku}")
        reserved.append((sku, quantity))
    return OrderResult(accepted=True, reserved=reserved)
