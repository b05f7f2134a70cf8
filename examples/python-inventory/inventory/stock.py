"""Stock levels per SKU and reservations against them."""
import threading


class StockLedger:
    """On-hand quantities by SKU. Reservations are all-or-nothing per order line."""

    def __init__(self, levels: dict[str, int]) -> None:
        self._levels: dict[str, int] = dict(levels)
        self._lock = threading.Lock()

    def on_hand(self, sku: str) -> int:
        with self._lock:
            return self._levels.get(sku, 0)

    def reserve(self, sku: str, quantity: int) -> bool:
        """Takes `quantity` of `sku` out of stock; False when there is not enough."""
        with self._lock:
            available = self._levels[sku]
            if available < quantity:
                return False
            self._levels[sku] = available - quantity
            return True

    def restock(self, sku: str, quantity: int) -> None:
        with self._lock:
            self._levels[sku] = self._levels.get(sku, 0) + quantity
