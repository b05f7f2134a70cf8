import unittest

from inventory.stock import StockLedger


class StockLedgerTest(unittest.TestCase):
    def test_reserve_takes_stock(self):
        ledger = StockLedger({"SKU-1": 5})
        self.assertTrue(ledger.reserve("SKU-1", 3))
        self.assertEqual(ledger.on_hand("SKU-1"), 2)

    def test_reserve_refuses_more_than_on_hand(self):
        ledger = StockLedger({"SKU-1": 2})
        self.assertFalse(ledger.reserve("SKU-1", 3))
        self.assertEqual(ledger.on_hand("SKU-1"), 2)

    def test_restock_adds(self):
        ledger = StockLedger({"SKU-1": 1})
        ledger.restock("SKU-1", 4)
        ledger.restock("SKU-2", 1)
        self.assertEqual(ledger.on_hand("SKU-1"), 5)
        self.assertEqual(ledger.on_hand("SKU-2"), 1)


if __name__ == "__main__":
    unittest.main()
