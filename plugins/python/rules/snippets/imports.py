"""Snippets for the missing-dependency rules (run by runSnippet.ts)."""
import importlib


def module_not_found():
    import requestz  # noqa: F401 - a dependency that is not installed

    return requestz


def submodule_not_found():
    return importlib.import_module("json.fastparse")


def cannot_import_name():
    from sys import getcwdu  # noqa: F401 - sys is built in: no file path in the message

    return getcwdu


def cannot_import_name_os():
    from builtins import unicode  # noqa: F401

    return unicode


def relative_import_no_parent():
    exec("from . import models", {"__name__": "standalone", "__package__": ""})


def relative_import_beyond_top():
    exec("from .. import models", {"__name__": "orders", "__package__": "orders"})
