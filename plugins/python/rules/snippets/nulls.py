"""Snippets for the null-reference rules: each function raises what a real service raises (run by runSnippet.ts)."""

CUSTOMERS = {"c-1": {"tier": "gold"}}


def _find_customer(customer_id):
    return CUSTOMERS.get(customer_id)


class Order:
    def __init__(self, sku=None):
        self.sku = sku
        self.lines = None


def attribute_of_missing_lookup():
    import re

    match = re.match(r"(\d+)-(\d+)", "not-a-range")
    return match.group(1)


def attribute_of_none_field():
    order = Order()
    return order.sku.upper()


def attribute_of_none_result():
    class Repo:
        def get(self, key):
            return None

    product = Repo().get("SKU-1")
    return product.price


def subscript_of_none():
    customer = _find_customer("c-404")
    return customer["tier"]


def subscript_of_none_field():
    order = Order()
    return order.lines[0]


def iterate_none():
    order = Order()
    return [line for line in order.lines]


def iterate_none_in_for():
    total = 0
    for amount in _find_customer("c-404"):
        total += amount
    return total


def unpack_none():
    def split_name(full_name):
        if " " in full_name:
            return full_name.split(" ", 1)
        return None

    first, last = split_name("Prince")
    return first, last


def call_none():
    handlers = {"created": print}
    handler = handlers.get("deleted")
    return handler("order-1")


def call_none_callback():
    class Job:
        on_done = None

    return Job().on_done()


def add_none_left():
    discount = _find_customer("c-404")
    return discount + 5


def add_none_right():
    quantity = None
    return 10 * quantity


def compare_none():
    scores = [3, None, 1]
    return sorted(scores)


def compare_none_threshold():
    limit = _find_customer("c-404")
    return limit > 10


def len_of_none():
    order = Order()
    return len(order.lines)


def len_of_none_lookup():
    return len(_find_customer("c-404"))


def assign_item_on_none():
    order = Order()
    order.lines["SKU-1"] = 2


def assign_item_on_none_lookup():
    customer = _find_customer("c-404")
    customer["tier"] = "silver"


def unpack_none_lookup():
    ranges = {"weekday": (9, 17)}
    opens, closes = ranges.get("sunday")
    return opens, closes
