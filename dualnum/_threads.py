"""The blocks of an elementwise derivative spread over threads: the ``workers=`` keyword of
``derivative``, ``second_derivative`` and ``derivatives`` (dualnum.api) of duals and
hyper-duals, and of their any-order variants (dualnum.higher: Taylor arithmetic).

The compiled kernels release the GIL, and an elementwise f over a large array is already
evaluated in independent blocks, each writing its own slice of the result; so the blocks
can run at once. The calling thread takes blocks too, and ``workers - 1`` threads of one
shared ``concurrent.futures.ThreadPoolExecutor`` (started on first use, grown where more
are asked for) take the others, each next block from one counter, so a thread that is
held up by other work takes fewer. Each runs in a copy of the caller's context (NumPy's
``errstate`` and allocator, dualnum's ``sized_as``: context variables) and installs the
caller's per-thread settings itself (``setting``). The caller also working means that a
call made from inside a pool thread (f itself taking a threaded derivative) never waits
for a pool thread that is busy waiting for it: blocks that no pool thread has taken are
the caller's. One executor for all calls rather than one per call: starting threads for
each call took 1.04-1.07x the time of f' on 10^6 points with two threads
(benchmarks/test_threads.py).

The count by which an elementwise f is found to need no probe (src/_storage.pyx: the
operations besides elementwise arithmetic, one count for the process) stays right under
threads: each block compares it before and after f, and the call probes where any block saw
it move. Another thread's operations can only move it more (a probe that was not needed,
never one skipped); a count per thread would miss the operations of threads that f starts
itself.
"""
import concurrent.futures
import contextvars
import numbers
import os
import threading

_POOL = None
_POOL_SIZE = 0
_POOL_LOCK = threading.Lock()


def machine_workers():
    """The CPUs this process may use: ``os.process_cpu_count()`` where Python has it
    (3.13 on), else the CPUs of its affinity mask, else ``os.cpu_count()`` (at least 1)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def checked_workers(workers):
    """``workers`` as None or a positive int; TypeError for another type (bool included),
    ValueError for 0 or less.

    >>> checked_workers(2), checked_workers(None)
    (2, None)
    >>> checked_workers(0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: workers must be None (the CPUs this process may use) or a positive int ...
    """
    if workers is None:
        return None
    if isinstance(workers, bool) or not isinstance(workers, numbers.Integral):
        raise TypeError("workers must be None (the CPUs this process may use) or a positive "
                        "int of threads, not %s %r" % (type(workers).__name__, workers))
    if workers < 1:
        raise ValueError("workers must be None (the CPUs this process may use) or a positive "
                         "int of threads, not %d" % workers)
    return int(workers)


def thread_count(workers, blocks):
    """The threads for ``blocks`` blocks with ``workers`` (checked: None or a positive
    int): never more than the blocks, and with None the CPUs this process may use."""
    return max(1, min(machine_workers() if workers is None else workers, blocks))


def _executor(threads):
    """The shared executor, with at least ``threads`` threads."""
    global _POOL, _POOL_SIZE
    with _POOL_LOCK:
        if _POOL is None or _POOL_SIZE < threads:
            old = _POOL
            _POOL = concurrent.futures.ThreadPoolExecutor(threads,
                                                          thread_name_prefix="dualnum")
            _POOL_SIZE = threads
            if old is not None:
                old.shutdown(wait=False)   # its threads end after their current task
        return _POOL


def _forget_executor():
    """In a child process after fork: the parent's pool threads do not exist there."""
    global _POOL, _POOL_SIZE, _POOL_LOCK
    _POOL, _POOL_SIZE, _POOL_LOCK = None, 0, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_executor)


def each_block(run, blocks, threads, setting):
    """``[run(j) for j in range(blocks)]``, the blocks spread over ``threads`` threads (the
    caller's one of them), each thread inside ``setting()`` (a context manager) while it
    takes blocks. Where a block raises, no further block is started, and the exception of
    the first block that raised (by position: the one a loop in order would have met) is
    raised once the threads are done.

    >>> import contextlib
    >>> each_block(lambda j: j * j, 5, 3, contextlib.nullcontext)
    [0, 1, 4, 9, 16]
    """
    results = [None] * blocks
    failures = {}
    lock = threading.Lock()
    handed = [0]

    def take():
        with setting():
            while not failures:
                with lock:
                    j = handed[0]
                    if j >= blocks:
                        return
                    handed[0] = j + 1
                try:
                    results[j] = run(j)
                except BaseException as err:   # (KeyboardInterrupt too: it stops the rest)
                    failures[j] = err
                    return

    context = contextvars.copy_context()
    futures = [_executor(threads - 1).submit(context.copy().run, take)
               for _ in range(threads - 1)]
    try:
        take()
    finally:
        failures.setdefault(blocks, None)   # (the caller interrupted: stop the others)
        for future in futures:
            future.cancel()   # not started: their blocks were the caller's
        concurrent.futures.wait(futures)
    first = min(failures)
    if first < blocks:
        raise failures[first]
    return results
