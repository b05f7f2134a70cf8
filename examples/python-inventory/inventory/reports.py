"""Daily figures over the orders accepted so far."""


def average_units(orders: list[list[tuple[str, int]]]) -> float:
    """Average number of units per accepted order."""
    units = [sum(quantity for _, quantity in lines) for lines in orders]
    return round(sum(units) / len(units), 2)
