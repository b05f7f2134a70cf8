"""Inventory service: stock levels, order reservations and a daily report over http.server."""
