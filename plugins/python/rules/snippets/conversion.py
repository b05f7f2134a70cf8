"""Snippets for the invalid-conversion rules (run by runSnippet.ts)."""
import decimal
import enum
import uuid
from datetime import date, datetime


class Color(enum.Enum):
    RED = "red"


def int_of_word():
    return int("two")


def int_of_decimal_text():
    return int("3.5")


def int_of_hex_base():
    return int("zz", 16)


def float_of_word():
    return float("abc")


def float_of_empty():
    return float("")


def decimal_of_word():
    return decimal.Decimal("ten")


def decimal_of_empty():
    return decimal.Decimal("")


def strptime_mismatch():
    return datetime.strptime("2024/01/05", "%Y-%m-%d")


def strptime_unconverted():
    return datetime.strptime("2024-01-05 10:00", "%Y-%m-%d")


def iso_date():
    return date.fromisoformat("05/01/2024")


def iso_datetime():
    return datetime.fromisoformat("yesterday")


def enum_value():
    return Color("purple")


def enum_value_int():
    return Color(3)


def not_enough_values():
    first, second = "a,".split(",")[:1]
    return first, second


def too_many_values():
    key, value = "a=b=c".split("=")
    return key, value


def int_of_none():
    return int(None)


def int_of_list():
    return int([1])


def float_of_none():
    return float(None)


def uuid_bad():
    return uuid.UUID("not-a-uuid")


def uuid_short():
    return uuid.UUID("1234")


def int_too_large_for_float():
    return float(10**400)


def int_too_large_division():
    return 10**400 / 3


def decimal_invalid_operation():
    return decimal.Decimal("Infinity") - decimal.Decimal("Infinity")


def strptime_us_date():
    return datetime.strptime("13/25/2024", "%m/%d/%Y")


def strptime_trailing_zone():
    return datetime.strptime("2024-01-05Z", "%Y-%m-%d")


def float_of_list():
    return float(["1.5"])


def math_range_error():
    import math

    return math.exp(1000)
