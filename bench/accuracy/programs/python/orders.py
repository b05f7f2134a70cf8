RATES = {"FR": 4, "DE": 5}


# @shift
def shipping_cost(country):
    # Bug: countries without a rate raise KeyError.
    return RATES[country] * 2


def average_price(count):
    total = 120
    # Bug: an empty order has count 0.
    return total / int(count)
