"""Snippets for the division-by-zero rules (run by runSnippet.ts)."""
import decimal


def average_of_nothing():
    totals = []
    return sum(totals) / len(totals)


def float_division():
    count = 0
    return 12.5 / count


def floor_division():
    per_page = 0
    return 100 // per_page


def modulo():
    shards = 0
    return 17 % shards


def float_modulo():
    return 5.5 % 0.0


def float_floor_division():
    return 5.5 // 0.0


def divmod_zero():
    return divmod(7, 0)


def decimal_division():
    return decimal.Decimal("10.00") / decimal.Decimal("0")


def decimal_division_int():
    return decimal.Decimal(3) / 0


def zero_negative_power():
    return 0.0 ** -1


def zero_negative_power_int():
    base = 0
    return base ** -2.0
