"""Snippets for the missing-key and index-out-of-range rules (run by runSnippet.ts)."""
import collections

STOCK = {"SKU-1": 4, "SKU-2": 0}
REGION_TAX = {1: 0.2, 2: 0.07}


def dict_missing_string_key():
    return STOCK["SKU-404"]


def dict_missing_config_key():
    config = {"host": "localhost"}
    return config["port"]


def dict_missing_int_key():
    return REGION_TAX[3]


def dict_missing_tuple_key():
    prices = {("SKU-1", "EUR"): 10}
    return prices[("SKU-1", "USD")]


def dict_missing_negative_key():
    return REGION_TAX[-1]


def pop_empty_set():
    pending = set()
    return pending.pop()


def popitem_empty_dict():
    cache = {}
    return cache.popitem()



def list_index():
    items = ["a", "b"]
    return items[2]


def list_index_empty():
    orders = []
    return orders[0]


def tuple_index():
    point = (1, 2)
    return point[2]


def tuple_index_row():
    row = ("SKU-1",)
    return row[1]


def string_index():
    code = ""
    return code[0]


def string_index_past_end():
    sku = "AB"
    return sku[5]


def pop_empty_list():
    queue = []
    return queue.pop()


def pop_index_list():
    queue = [1]
    return queue.pop(3)


def deque_pop_empty():
    jobs = collections.deque()
    return jobs.popleft()


def deque_pop_right_empty():
    jobs = collections.deque()
    return jobs.pop()


def list_assignment_index():
    slots = [None, None]
    slots[2] = "x"


def list_assignment_index_empty():
    slots = []
    slots[0] = "x"


def next_on_exhausted():
    return next(iter([]))


def next_on_empty_generator():
    return next(x for x in [1, 2] if x > 5)


def generator_finished_with_value():
    def batches():
        yield [1]
        return "done"

    source = batches()
    next(source)
    return next(source)
