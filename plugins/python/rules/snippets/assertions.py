"""Snippets for the assertion rules (run by runSnippet.ts)."""


def assert_bare():
    stock = -1
    assert stock >= 0


def assert_bare_call():
    def reserved():
        return []

    assert reserved()


def assert_with_message():
    stock = -1
    assert stock >= 0, f"stock went negative: {stock}"


def assert_with_message_state():
    state = "shipped"
    assert state == "pending", "only pending orders can be cancelled"


def unittest_equal():
    import unittest

    unittest.TestCase().assertEqual(1, 2)
