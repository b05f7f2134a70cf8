"""Snippets for the type-mismatch rules (run by runSnippet.ts)."""
import json
from datetime import datetime


def concat_str_int():
    count = 3
    return "items: " + count


def concat_str_float():
    return "total=" + 9.5


def add_str_int():
    return 5 + "5"


def subtract_str():
    return "10" - 3


def compare_str_int():
    return "10" < 5


def compare_datetime_str():
    return datetime(2024, 1, 1) >= "2024-01-01"


def int_not_subscriptable():
    quantity = 3
    return quantity[0]


def method_not_subscriptable():
    return "abc".upper["x"]


def int_not_callable():
    total = 10
    return total(2)


def str_not_callable():
    name = "report"
    return name()


def int_not_iterable():
    count = 5
    return [x for x in count]


def float_not_iterable():
    return list(2.5)


def too_many_positional():
    def price(amount, rate):
        return amount * rate

    return price(1, 2, 3)


def missing_positional():
    def price(amount, rate):
        return amount * rate

    return price(1)


def unexpected_keyword():
    def price(amount, rate):
        return amount * rate

    return price(1, tax=2)


def unexpected_keyword_method():
    class Cart:
        def add(self, sku):
            return sku

    return Cart().add(sku="A", qty=1)


def string_indices():
    order = "SKU-1"
    return order["sku"]


def string_indices_float():
    position = 1.0
    return "abc"[position]


def list_indices_str():
    items = [1, 2]
    return items["0"]


def list_indices_float():
    position = 0.5
    return [1, 2][position]


def json_not_serializable_datetime():
    return json.dumps({"at": datetime(2024, 1, 1)})


def json_not_serializable_set():
    return json.dumps({"tags": {"a"}})


def unhashable_list():
    seen = set()
    seen.add(["a"])


def unhashable_dict():
    return {{"id": 1}: True}


def tuple_item_assignment():
    point = (1, 2)
    point[0] = 5


def str_item_assignment():
    code = "abc"
    code[0] = "x"


def format_number_with_str():
    return "%d items" % "3"


def format_spec_on_str():
    return format("3", ".2f")


def len_of_int():
    count = 3
    return len(count)


def len_of_generator():
    lines = (line for line in ["a", "b"])
    return len(lines)


def format_float_with_str():
    return "%.2f" % "1.5"


def format_hex_with_str():
    return "%x" % "ff"


def format_spec_d_on_str():
    quantity = "3"
    return f"{quantity:d}"
