"""Scalar operations against plain float code: a dual's arithmetic, dualnum's functions and
NumPy's ufuncs on scalar duals (f' and f'' at 1.3 are in test_workloads.py).

Run: ``python -m pytest benchmarks``; the ratio table follows pytest-benchmark's own.
"""
import math

import numpy as np
import pytest

import dualnum as dn
from conftest import measure
from dualnum.bench.workloads import X0, square_plus


@pytest.mark.benchmark(group="a*a + a")
def test_square_plus_float(benchmark):
    measure(benchmark, square_plus, X0, baseline="test_square_plus_float")


@pytest.mark.benchmark(group="a*a + a")
def test_square_plus_dual(benchmark):
    measure(benchmark, square_plus, dn.Dual(X0, 1.0), baseline="test_square_plus_float",
            target=1.5)


@pytest.mark.benchmark(group="a*a + a")
def test_square_plus_hyperdual(benchmark):
    measure(benchmark, square_plus, dn.HyperDual(X0, 1.0, 1.0, 0.0),
            baseline="test_square_plus_float")


@pytest.mark.benchmark(group="sin")
def test_sin_float(benchmark):
    measure(benchmark, math.sin, X0, baseline="test_sin_float")


@pytest.mark.benchmark(group="sin")
def test_sin_dual(benchmark):
    measure(benchmark, dn.sin, dn.Dual(X0, 1.0), baseline="test_sin_float", target=1.5)


@pytest.mark.benchmark(group="sin")
def test_sin_hyperdual(benchmark):
    measure(benchmark, dn.sin, dn.HyperDual(X0, 1.0, 1.0, 0.0), baseline="test_sin_float")


# NumPy's ufunc on a scalar dual: NumPy's dispatch to Dual.__array_ufunc__ (NEP 13), then the
# rule. The dispatch alone is timed on an object whose __array_ufunc__ does nothing.
@pytest.mark.benchmark(group="np.sin")
def test_numpy_sin_float(benchmark):
    measure(benchmark, np.sin, X0, baseline="test_numpy_sin_float")


class _DispatchOnly:
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return None


@pytest.mark.benchmark(group="np.sin")
def test_numpy_sin_dispatch_only(benchmark):
    measure(benchmark, np.sin, _DispatchOnly(), baseline="test_numpy_sin_float")


@pytest.mark.benchmark(group="np.sin")
def test_numpy_sin_dual(benchmark):
    measure(benchmark, np.sin, dn.Dual(X0, 1.0), baseline="test_numpy_sin_float", target=3.0)


@pytest.mark.benchmark(group="np.sin")
def test_numpy_sin_hyperdual(benchmark):
    measure(benchmark, np.sin, dn.HyperDual(X0, 1.0, 1.0, 0.0), baseline="test_numpy_sin_float")
