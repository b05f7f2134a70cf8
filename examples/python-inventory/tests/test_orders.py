import json
import unittest

from inventory.orders import place_order
from inventory.reports import average_units
from inventory.stock import StockLedger


def body(*lines):
    return json.dumps({"lines": [{"sku": sku, "quantity": quantity} for sku, quantity in lines]})


class PlaceOrderTest(unittest.TestCase):
    def test_accepts_and_reserves(self):
        ledger = StockLedger({"SKU-1": 5, "SKU-2": 1})
        result = place_order(ledger, body((" sku-1", 2), ("SKU-2", "1")))
        self.assertTrue(result.accepted)
        self.assertEqual(result.reserved, [("SKU-1", 2), ("SKU-2", 1)])
        self.assertEqual(ledger.on_hand("SKU-1"), 3)

    def test_rejects_and_rolls_back_when_a_line_is_short(self):
        ledger = StockLedger({"SKU-1": 5, "SKU-2": 1})
        result = place_order(ledger, body(("SKU-1", 2), ("SKU-2", 3)))
        self.assertFalse(result.accepted)
        self.assertEqual(result.reason, "insufficient stock for SKU-2")
        self.assertEqual(ledger.on_hand("SKU-1"), 5)


class ReportTest(unittest.TestCase):
    def test_average_units(self):
        self.assertEqual(average_units([[("A", 1), ("B", 2)], [("A", 3)]]), 3.0)


if __name__ == "__main__":
    unittest.main()
