"""Array derivatives against finite differences and plain NumPy evaluation.

f as in the scalar benchmarks, written with NumPy, on x = linspace(0.1, 10, 1e6); the
Rosenbrock function written with NumPy on linspace(-1, 1, n).
Run: ``python -m pytest benchmarks``; the ratio table follows pytest-benchmark's own.
"""
import numpy as np
import pytest

import dualnum as dn
from conftest import measure

X = np.linspace(0.1, 10, 1_000_000)
H1 = 2.0 ** -17   # central-difference step (power of two: exact x +- h)
H2 = 2.0 ** -13   # second-difference step


def f_numpy(x):
    return np.exp(np.sin(x)) * x ** 2 / (1 + x ** 2) + np.sqrt(x) * np.log(x) + np.tanh(x)


def central(x):
    return (f_numpy(x + H1) - f_numpy(x - H1)) / (2 * H1)


def second(x):
    return (f_numpy(x + H2) - 2.0 * f_numpy(x) + f_numpy(x - H2)) / (H2 * H2)


def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2.0) ** 2.0 + (1 - x[:-1]) ** 2.0)


@pytest.mark.benchmark(group="f' on 1e6 points")
def test_array_central_difference(benchmark):
    measure(benchmark, central, X, baseline="test_array_central_difference")


@pytest.mark.benchmark(group="f' on 1e6 points")
def test_array_plain_f(benchmark):
    measure(benchmark, f_numpy, X, baseline="test_array_central_difference")


@pytest.mark.benchmark(group="f' on 1e6 points")
def test_array_dualnum_derivative(benchmark):
    d = measure(benchmark, dn.derivative, f_numpy, X,
                baseline="test_array_central_difference", target=1.0)
    assert np.max(np.abs(d - central(X)) / np.maximum(1.0, np.abs(d))) < 1e-7


@pytest.mark.benchmark(group="f'' on 1e6 points")
def test_array_second_difference(benchmark):
    measure(benchmark, second, X, baseline="test_array_second_difference")


@pytest.mark.benchmark(group="f'' on 1e6 points")
def test_array_dualnum_second_derivative(benchmark):
    d2 = measure(benchmark, dn.second_derivative, f_numpy, X,
                 baseline="test_array_second_difference", target=1.0)
    assert np.max(np.abs(d2 - second(X)) / np.maximum(1.0, np.abs(d2))) < 1e-4


@pytest.mark.parametrize("n, gradient_target, hessian_target", [(10, 3.0, 6.0),
                                                                 (100, 12.0, 1000.0)])
@pytest.mark.benchmark(group="Rosenbrock")
def test_rosenbrock(benchmark, n, gradient_target, hessian_target):
    benchmark.group = "Rosenbrock n=%d" % n
    x = np.linspace(-1, 1, n)
    measure(benchmark, rosen, x, baseline=benchmark.name)


@pytest.mark.parametrize("n, target", [(10, 3.0), (100, 12.0)])
def test_rosenbrock_gradient(benchmark, n, target):
    from scipy.optimize import rosen_der
    benchmark.group = "Rosenbrock n=%d" % n
    x = np.linspace(-1, 1, n)
    g = measure(benchmark, dn.gradient, rosen, x,
                baseline="test_rosenbrock[%d-%s-%s]" % (n, target, {10: 6.0, 100: 1000.0}[n]),
                target=target)
    np.testing.assert_allclose(g, rosen_der(x), rtol=1e-13)


@pytest.mark.parametrize("n, target", [(10, 6.0), (100, 1000.0)])
def test_rosenbrock_hessian(benchmark, n, target):
    from scipy.optimize import rosen_hess
    benchmark.group = "Rosenbrock n=%d" % n
    x = np.linspace(-1, 1, n)
    h = measure(benchmark, dn.hessian, rosen, x,
                baseline="test_rosenbrock[%d-%s-%s]" % (n, {10: 3.0, 100: 12.0}[n], target),
                target=target)
    np.testing.assert_allclose(h, rosen_hess(x), rtol=1e-13, atol=1e-12)
