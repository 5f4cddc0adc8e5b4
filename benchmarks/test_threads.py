"""The elementwise f' on several threads (``workers=``), f = exp(sin x) x^2/(1+x^2) + tanh x
(dualnum.bench.workloads.taylor_numpy) on 10^6 points of [-1, 1]:

- ``workers=2`` against ``workers=1`` (target: at most 0.6x, two threads doing the work of
  one in a little more than half its time) and against one plain NumPy evaluation of f;
- ``workers=None`` (every CPU this process may use) against the plain f and against
  ``workers=1``: the best JAX jit of f' measured on such a machine took 0.68x the plain f;
- ``workers=2`` with a new executor per call instead of the shared one
  (dualnum._threads), which is why the executor is shared;
- the control: the plain f on two threads, each on half of the points (NumPy's ufuncs
  release the GIL too), against the plain f on one: what two threads can gain on this
  machine at this moment (near 0.5x with two idle cores, 1.0x where other work holds the
  second core, and then no ratio of ``workers=2`` can be below it either).

The results of every candidate are the one-thread result, bit for bit, before any is timed.
Run: ``python -m pytest benchmarks/test_threads.py``.
"""
import contextlib
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import dualnum as dn
from conftest import measure
from dualnum import _threads
from dualnum.bench.workloads import PLAIN, taylor_numpy, taylor_points

N = 10 ** 6
X = taylor_points(N)
GROUP = "f' n=1e6 threads"
ONE, TWO, ALL = "workers=1", "workers=2", "all cores (%d)" % _threads.machine_workers()
PER_CALL, CONTROL = "workers=2, executor per call", "plain f, 2 threads"
_HALVES = ThreadPoolExecutor(2)


@contextlib.contextmanager
def executor_per_call():
    """Within: each threaded call takes a new executor, shut down after it."""
    shared = _threads._executor
    pools = []

    def fresh(threads):
        pools.append(ThreadPoolExecutor(threads))
        return pools[-1]
    _threads._executor = fresh
    try:
        yield
    finally:
        _threads._executor = shared
        for pool in pools:
            pool.shutdown()


def per_call(x):
    with executor_per_call():
        return dn.derivative(taylor_numpy, x, workers=2)


def plain_on_two_threads(x):
    halves = _HALVES.map(taylor_numpy, (x[:x.size // 2], x[x.size // 2:]))
    return np.concatenate(list(halves))


# candidate -> (function of x, baseline, further (baseline, target) pairs, target)
CANDIDATES = {
    PLAIN: (taylor_numpy, PLAIN, (), None),
    ONE: (lambda x: dn.derivative(taylor_numpy, x, workers=1), PLAIN, (), None),
    TWO: (lambda x: dn.derivative(taylor_numpy, x, workers=2), ONE, ((PLAIN, None),), 0.6),
    ALL: (lambda x: dn.derivative(taylor_numpy, x), PLAIN, ((ONE, None),), None),
    PER_CALL: (per_call, TWO, ((ONE, None),), None),
    CONTROL: (plain_on_two_threads, PLAIN, (), None),
}


def _full(name):
    return "test_threads[%s]" % name


@pytest.mark.benchmark(min_rounds=10)
@pytest.mark.parametrize("name", list(CANDIDATES))
def test_threads(benchmark, name):
    func, baseline, also, target = CANDIDATES[name]
    benchmark.group = GROUP
    if name not in (PLAIN, CONTROL):
        alone = dn.derivative(taylor_numpy, X, workers=1)
        assert np.array_equal(func(X).view(np.uint64), alone.view(np.uint64))
    measure(benchmark, func, X, baseline=_full(baseline), target=target,
            also=[(_full(b), t) for b, t in also])
