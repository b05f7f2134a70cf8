"""Snippets for the concurrency rules (run by runSnippet.ts)."""
import asyncio
import collections
import threading


def dict_changed_size():
    sessions = {"a": 1, "b": 2}
    for key in sessions:
        sessions[key + "-copy"] = 0


def dict_changed_size_delete():
    cache = {"a": 1, "b": 2}
    for key, value in cache.items():
        if value == 1:
            del cache[key]


def set_changed_size():
    pending = {1, 2, 3}
    for item in pending:
        pending.discard(item)


def set_changed_size_add():
    seen = {1}
    for item in seen:
        seen.add(item + 1)


def deque_mutated():
    jobs = collections.deque([1, 2])
    for job in jobs:
        jobs.append(job)


def deque_mutated_pop():
    jobs = collections.deque([1, 2, 3])
    for _ in jobs:
        jobs.popleft()


def asyncio_run_nested():
    async def inner():
        return 1

    async def outer():
        coroutine = inner()
        try:
            return asyncio.run(coroutine)
        finally:
            coroutine.close()

    return asyncio.run(outer())


def asyncio_run_nested_handler():
    async def handler():
        coroutine = asyncio.sleep(0)
        try:
            asyncio.run(coroutine)
        finally:
            coroutine.close()

    asyncio.run(handler())


def release_unlocked():
    lock = threading.Lock()
    lock.release()


def release_unlocked_twice():
    lock = threading.Lock()
    lock.acquire()
    lock.release()
    lock.release()


def rlock_not_owned():
    lock = threading.RLock()
    lock.release()


def rlock_other_thread():
    lock = threading.RLock()
    worker = threading.Thread(target=lock.acquire)
    worker.start()
    worker.join()
    lock.release()


def thread_started_twice():
    worker = threading.Thread(target=lambda: None)
    worker.start()
    worker.join()
    worker.start()


def timer_started_twice():
    timer = threading.Timer(0, lambda: None)
    timer.start()
    timer.join()
    timer.start()
