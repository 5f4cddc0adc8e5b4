"""No memory is lost with use: about a million operations on the scalar types and some tens of
thousands on dual arrays (with and without directions: kernels, reductions, shapes, linear
algebra), the API and the buffer pool of block-wise evaluation leave the memory in use where
it was.

Two measures, each after a warm-up round (caches, free lists and NumPy's own buffers fill
once) and a garbage collection: tracemalloc's traced memory, which counts every Python object
and every NumPy array's data (NumPy reports its allocations to tracemalloc); and the resident
set size, for memory that C code takes from malloc itself (the buffer pool, src/pool.h),
which tracemalloc does not see. Measured, the traced memory moves by about 100 bytes over a
million scalar operations and by up to 25 kB over the array rounds (NumPy's small caches
filling), and the resident set by up to 128 kB.
"""
import gc
import os
import tracemalloc

import numpy as np
import pytest

import dualnum as dn
from dualnum import api, rules
from rule_calls import module_function

# A leak of one float (32 bytes traced) per thousand scalar operations adds 30 kB; of one
# array (at least 100 bytes) per array operation 1.6 MB; of one of the pool's buffers (a
# block of doubles, 128 kB) per block-wise evaluation 1.1 MB.
SCALAR_TRACED_SLACK = 16 * 1024
ARRAY_TRACED_SLACK = 64 * 1024
RSS_SLACK = 2 ** 20
pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/statm"),
                                reason="reads the resident set size from /proc (Linux)")
PUBLIC_UNARY = [module_function(r) for r in rules.UNARY if r.public]
PUBLIC_BINARY = [getattr(dn, r.name) for r in rules.BINARY if r.public]


def resident_bytes():
    """The resident set size (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def growth(work, rounds):
    """(traced bytes, resident bytes) gained over ``rounds`` calls of ``work`` after one
    warm-up call."""
    tracemalloc.start()
    try:
        work()
        gc.collect()
        traced, resident = tracemalloc.get_traced_memory()[0], resident_bytes()
        for _ in range(rounds):
            work()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - traced, resident_bytes() - resident
    finally:
        tracemalloc.stop()


def scalar_operations(x, y):
    """About 80 operations of one scalar type: every rule, the operators with numbers and
    with its own type, comparisons, conversions that raise."""
    out = [f(x) for f in PUBLIC_UNARY] + [f(x, y) for f in PUBLIC_BINARY]
    out += [x + y, x - 1.5, 2 - x, x * y, 3 * x, x / y, 1 / x, x ** 2, x ** 2.5, 2.0 ** x,
            x ** y, -x, +x, abs(x), x // 0.3, x % 0.3, divmod(x, y), x < y, x == 0.7,
            bool(x), hash(x), np.sin(x), dn.leaky_relu(x, 0.2)]
    for refused in (float, int, complex):
        with pytest.raises(TypeError):
            refused(x)
    return out


def test_scalar_types_lose_no_memory():
    pairs = [(dn.Dual(0.7, 1.0), dn.Dual(1.9, -0.5)),
             (dn.HyperDual(0.7, 1.0, 0.5, 0.25), dn.HyperDual(1.9, -0.5, 2.0, 1.0))]

    def work():  # 2 * 1500 * ~80 = 240 000 operations
        for x, y in pairs:
            for _ in range(1500):
                scalar_operations(x, y)
        with pytest.raises(TypeError):
            pairs[0][0] + pairs[1][0]  # Dual beside HyperDual
    traced, resident = growth(work, rounds=4)
    assert traced < SCALAR_TRACED_SLACK, traced
    assert resident < RSS_SLACK, resident


def array_operations(a, b, m):
    """About 70 operations on dual arrays a, b (shape (4,)) and m (shape (2, 2))."""
    out = [np.sin(a), np.exp(a), np.log(a), np.arctan2(a, b), np.maximum(a, b), dn.gelu(a),
           a + b, a - 1.0, 2.0 * a, a * b, a / b, 1.0 / a, a ** 2, a ** 1.5, a ** b,
           a * np.arange(4.0), a + b[0], -a, abs(a), a < b,
           np.sum(a), np.mean(a), np.prod(a), np.max(a), np.min(a), np.cumsum(a),
           np.cumprod(a), np.add.reduce(a), np.dot(a, b), np.inner(a, b), np.outer(a, b),
           np.diff(a), np.where(a.real > 1.0, a, b), np.clip(a, 0.5, 1.5),
           np.concatenate([a, b]), np.stack([a, b]), np.hstack([a, b]), np.vstack([a, b]),
           a.reshape(2, 2).T, np.moveaxis(m, 0, 1), np.squeeze(m[None]), np.expand_dims(a, 0),
           np.broadcast_to(a, (2, 4)), np.diag(m), np.trace(m), a[1:3], a[[0, 2]],
           a[a.real > 1.0], list(a), a.copy(), np.argmax(a),
           m @ m, np.linalg.solve(m, a[:2]), np.linalg.inv(m), np.linalg.det(m),
           np.linalg.norm(a)]
    c = a.copy()
    c[1] = b[2]
    c[2:] = 0.5
    out.append(c)
    with pytest.raises(TypeError):
        float(a)
    return out


def test_dual_arrays_lose_no_memory():
    x = np.linspace(0.5, 1.5, 4)
    arrays = []
    for T in (dn.DualArray, dn.HyperDualArray):
        arrays.append(T(x, *[np.cos(k + x) for k in range(len(T._names) - 1)]))
        arrays.append(T(x, np.eye(4), *([np.ones((4, 2)), np.zeros((4, 4, 2))]
                                        if T is dn.HyperDualArray else []), directional=True))

    def work():  # 4 * 20 * ~70 = 5600 operations
        for a in arrays:
            b = a[::-1] + 1.0
            m = a[:2] * a[2:].reshape(2, 1) + np.eye(2)
            for _ in range(20):
                array_operations(a, b, m)
    traced, resident = growth(work, rounds=3)
    assert traced < ARRAY_TRACED_SLACK, traced
    assert resident < RSS_SLACK, resident


def test_the_api_and_the_buffer_pool_lose_no_memory():
    def f(p):
        return np.sum(np.sin(p) * p ** 2) + p[0] * p[-1]
    p = np.linspace(0.5, 1.5, 4)
    large = np.linspace(0.5, 1.5, 3 * api.BLOCK)  # three blocks: the buffer pool

    def work():
        for _ in range(20):
            [dn.derivative(np.sin, p), dn.derivatives(np.exp, p), dn.gradient(f, p),
             dn.jacobian(np.sin, p), dn.hessian(f, p), dn.jvp(f, p, p), dn.hvp(f, p, p)]
        for _ in range(3):
            dn.derivatives(lambda t: np.exp(np.sin(t)) * t, large)
    traced, resident = growth(work, rounds=3)
    assert traced < ARRAY_TRACED_SLACK, traced
    assert resident < RSS_SLACK, resident
