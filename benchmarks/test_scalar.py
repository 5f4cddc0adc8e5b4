"""Scalar derivatives against finite differences and plain float code.

Run: ``python -m pytest benchmarks``; the ratio table follows pytest-benchmark's own.
"""
import math

import numpy as np
import pytest

import dualnum as dn
from conftest import measure
from workloads import X0, central_difference, f_dual, f_math, second_difference, square_plus


@pytest.mark.benchmark(group="f'(1.3)")
def test_first_central_difference(benchmark):
    measure(benchmark, central_difference, f_math, X0, baseline="test_first_central_difference")


@pytest.mark.benchmark(group="f'(1.3)")
def test_first_plain_f(benchmark):
    measure(benchmark, f_math, X0, baseline="test_first_central_difference")


@pytest.mark.benchmark(group="f'(1.3)")
def test_first_dualnum_derivative(benchmark):
    result = measure(benchmark, dn.derivative, f_dual, X0,
                     baseline="test_first_central_difference", target=1.0)
    assert abs(result - central_difference(f_math, X0)) < 1e-8


@pytest.mark.benchmark(group="f''(1.3)")
def test_second_difference(benchmark):
    measure(benchmark, second_difference, f_math, X0, baseline="test_second_difference")


@pytest.mark.benchmark(group="f''(1.3)")
def test_second_dualnum(benchmark):
    result = measure(benchmark, dn.second_derivative, f_dual, X0,
                     baseline="test_second_difference", target=1.0)
    assert abs(result - second_difference(f_math, X0)) < 1e-5


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
