"""Snippets for the resource-exhausted rules (run by runSnippet.ts)."""
import resource
import sys


def huge_allocation():
    return bytearray(2**62)


def huge_list():
    return [0] * (2**60)


def recursion_depth():
    def walk(node):
        return walk(node + 1)

    return walk(0)


def recursion_in_repr():
    items = []
    node = items
    for _ in range(sys.getrecursionlimit() * 2):
        node.append([])
        node = node[0]
    return repr(items)


def recursion_in_comparison():
    a = []
    b = []
    node_a, node_b = a, b
    for _ in range(sys.getrecursionlimit() * 2):
        node_a.append([])
        node_b.append([])
        node_a, node_b = node_a[0], node_b[0]
    return a == b


def too_many_open_files():
    resource.setrlimit(resource.RLIMIT_NOFILE, (16, 16))
    handles = [open("/dev/null") for _ in range(64)]
    return handles


def too_many_sockets():
    import socket

    resource.setrlimit(resource.RLIMIT_NOFILE, (16, 16))
    return [socket.socket() for _ in range(64)]


def bad_file_descriptor():
    import os

    return os.read(987, 1)
