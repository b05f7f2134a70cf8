"""Snippets for the file-not-found and permission-denied rules (run by runSnippet.ts)."""
import os
import shutil


def _drop_root():
    # Permission checks do not apply to root: snippets that need them run as `nobody` (uid 65534).
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)


def open_missing_config():
    with open("/etc/inventory/settings.ini") as handle:
        return handle.read()


def open_missing_relative():
    with open("data/prices.csv") as handle:
        return handle.read()


def listdir_missing():
    return os.listdir("/var/lib/inventory-does-not-exist")


def open_directory():
    with open("/etc") as handle:
        return handle.read()


def open_directory_tmp():
    with open("/tmp", "w") as handle:
        return handle.write("x")


def listdir_of_file():
    return os.listdir("/etc/hostname/x")


def open_under_file():
    with open("/etc/passwd/extra") as handle:
        return handle.read()


def read_shadow():
    _drop_root()
    with open("/etc/shadow") as handle:
        return handle.read()


def write_etc():
    _drop_root()
    with open("/etc/inventory.lock", "w") as handle:
        return handle.write("1")


def kill_init():
    _drop_root()
    os.kill(1, 0)


def remove_missing():
    os.remove("/tmp/homeostasis-no-such-file.lock")


def copy_missing():
    shutil.copy("/nonexistent/source.txt", "/tmp/")



def chown_as_nobody():
    _drop_root()
    os.chown("/tmp", 0, 0)
