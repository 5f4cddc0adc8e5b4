"""Dual arithmetic in several threads at once gives, bit for bit, what it gives in one.

Four threads (released together by a barrier) each run every task a few times, in different
orders, while the others run theirs: the kernels of ``dualnum.ufuncs`` called directly (NumPy
runs them without the GIL, so they truly overlap), dual arrays (kernels, NumPy twins,
reductions, matrix products; their direct calls of a kernel's loop, without the GIL from
501 elements), and the API: ``derivative``/``derivatives`` over several
blocks (each evaluation installs the buffer pool of ``dualnum._pool`` in its own thread's
context while the pool's cache is shared by all), ``gradient``, ``hessian``, ``hvp``. Every
result must equal the single-threaded one to the bit (NaN payloads and signed zeros
included).
"""
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import dualnum as dn
from corpus import rosen, worked_example
from dualnum import api, ufuncs

THREADS = 4
REPEATS = 3
N = 2 * api.BLOCK + 7000  # three blocks of duals, nine of hyper-duals
X = np.linspace(0.1, 4.0, N)
B, C, D = np.cos(X), np.sin(3 * X), np.cos(5 * X)


def kernels():
    return (ufuncs.dual_sin(X, B[:, None]) + ufuncs.hyper_gamma(X, B[:, None], C[:, None],
                                                                 D[:, None, None])
            + ufuncs.jet_log(X))


def arrays():
    h = dn.HyperDualArray(X, B, C, D)
    y = np.exp(np.sin(h)) * h ** 2 / (1 + h ** 2) + dn.digamma(h) - np.tanh(h)  # twins, kernels
    m = dn.DualArray(X[:90].reshape(3, 30), B[:90].reshape(3, 30))
    return y.real, y.eps1, y.eps2, y.eps1eps2, np.sum(y).eps1eps2, (m @ m.T).dual


def direct_loops():
    # src/_storage.pyx calls a kernel's loop itself, with the GIL up to 500 elements and
    # without it from 501; a floating-point exception there (log at 0, whose flags are the
    # thread's own) sends the call to the ufunc instead
    out = []
    for n in (500, 501):
        x = dn.DualArray(X[:n], B[:n])
        y = np.sin(x) * x
        out += [y.real, y.dual]
    with np.errstate(divide="ignore"):
        y = np.log(dn.DualArray(np.concatenate([[0.0], X[:600]]), C[:601]))
    return tuple(out) + (y.real, y.dual)


def elementwise_api():
    return (dn.derivative(worked_example, X),) + dn.derivatives(np.arctan, X[::3])


def directions_api():
    p = X[:40]
    return dn.gradient(rosen, p), dn.hessian(rosen, p[:20]), dn.hvp(rosen, p, np.cos(p))


TASKS = [kernels, arrays, direct_loops, elementwise_api, directions_api]


def flat(result):
    """A task's result as one array of the bits of its doubles."""
    parts = result if isinstance(result, tuple) else (result,)
    return np.concatenate([np.ravel(p) for p in parts]).view(np.uint64)


def test_threads_give_the_single_threaded_results_bit_for_bit():
    assert X.size > 2 * api.BLOCK  # derivative goes block by block, through the pool
    alone = [flat(task()) for task in TASKS]
    start = threading.Barrier(THREADS)

    def worker(k):
        start.wait()
        order = TASKS[k:] + TASKS[:k]  # each thread starts elsewhere
        return [(TASKS.index(task), flat(task())) for _ in range(REPEATS) for task in order]
    with ThreadPoolExecutor(THREADS) as pool:
        runs = list(pool.map(worker, range(THREADS)))
    for results in runs:
        for i, got in results:
            assert np.array_equal(got, alone[i]), TASKS[i].__name__
