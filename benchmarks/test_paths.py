"""The paths of one rule on one plain array, side by side: the C kernel, the NumPy twin and
its chain rule, and the vector loop (where the build has it), each against the plain NumPy
call of the function on the same points.

The API's seeds (parts viewing the read-only ones and zeros, so the unit loops) and
general parts, on dual and hyper-dual arrays of 1 000 and 100 000 elements: the before and
after of each path the arrays choose from (dualnum.arrays.elementwise: vector_from,
twin_from). Run: ``python -m pytest benchmarks/test_paths.py``.
"""
import numpy as np
import pytest

import dualnum as dn
from conftest import measure
from dualnum import api, ufuncs
from dualnum.arrays import elementwise

RULES = ("exp", "log", "sin", "tanh", "arcsinh", "cosh")
SIZES = (1000, 100_000)


def seed(T, x, unit):
    units = (1.0,) if T is dn.DualArray else (1.0, 1.0)
    parts = api._unit_parts(x.shape, units)
    if not unit:
        parts = tuple(p.copy() for p in parts)
    return T._wrap((x,) + parts, False, 0)


def paths(name, T, a):
    """The calls that evaluate rule ``name`` on the array a by each path."""
    ufunc = getattr(np, name)
    found = {"kernel": lambda: elementwise.kernel(T, name)(*a._parts),
             "twin": lambda: ufunc(a)}  # timed without the vector loops (test_path)
    if name in ufuncs.VECTOR:
        found["vector loop"] = lambda: ufunc(a)
    return found


def _cases():
    for name in RULES:
        for n in SIZES:
            for T in (dn.DualArray, dn.HyperDualArray):
                for unit in (True, False):
                    group = "%s n=%d %s %s" % (name, n, T.__name__, "seed" if unit else "parts")
                    yield pytest.param(name, n, T, unit, group, id=group)


@pytest.mark.benchmark(max_time=0.05, min_rounds=3)
@pytest.mark.parametrize("path", ["plain", "kernel", "twin", "vector loop"])
@pytest.mark.parametrize("name, n, T, unit, group", list(_cases()))
def test_path(benchmark, name, n, T, unit, group, path):
    x = np.linspace(0.1, 0.9, n)
    a = seed(T, x, unit)
    calls = paths(name, T, a)
    if name == "sin" and path == "twin":
        pytest.skip("sin has no twin: its kernel serves arrays without vector loops")
    if path != "plain" and path not in calls:
        pytest.skip("a build without vector loops")
    benchmark.group = group
    call = calls.get(path, lambda: getattr(np, name)(x))
    with elementwise.vector_loops(path != "twin"):
        result = measure(benchmark, call, baseline="test_path[%s-plain]" % group)
    if path != "plain":  # every path gives the kernel's value, to the twins' ulp bound
        real = result[0] if isinstance(result, tuple) else result._parts[0]
        np.testing.assert_array_max_ulp(real, calls["kernel"]()[0], maxulp=16)
