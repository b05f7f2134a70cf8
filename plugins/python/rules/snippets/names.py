"""Snippets for the undefined-name rules (run by runSnippet.ts)."""
import json


def undefined_module():
    return datetime.now()  # noqa: F821 - the missing import is the point


def undefined_helper():
    return calculate_tax(10)  # noqa: F821


def unbound_local():
    total = 0

    def add(amount):
        total += amount  # noqa: F823
        return total

    return add(5)


def unbound_local_branch():
    def label(flag):
        if flag:
            name = "on"
        return name

    return label(False)


def free_variable():
    def outer():
        def inner():
            return value  # noqa: F821

        result = inner()
        value = 1
        return result

    return outer()


def free_variable_late():
    def make():
        def read():
            return setting

        read_value = read()
        setting = "x"
        return read_value

    return make()


def module_attribute():
    return json.parse("{}")


def module_attribute_os():
    import os

    return os.getcwdu()


def object_attribute():
    return "abc".push("d")


def object_attribute_dict():
    order = {"id": 1}
    return order.id


def class_attribute():
    class Status:
        OPEN = "open"

    return Status.CLOSED



def class_attribute_builtin():
    return int.parse("3")
