"""Sparse Jacobians against SciPy's sparse finite differences.

A tridiagonal residual (dualnum's banded test residual) at n = 10⁵: dualnum's
``jacobian(f, x, sparsity=colouring)`` with the colouring reused (an optimisation loop
computes it once), and with ``"auto"`` (detection and colouring at every call), against
SciPy's grouped forward differences (``scipy.optimize._numdiff.approx_derivative`` with the
pattern: what ``least_squares(jac_sparsity=...)`` calls, the one public route to it being a
whole solve). Target: the reused colouring at most 0.1x SciPy's finite differences.
Run: ``python -m pytest benchmarks/test_sparse.py``.
"""
import numpy as np
import pytest
from scipy.optimize._numdiff import approx_derivative

import dualnum as dn
from conftest import measure

N = 10 ** 5


def residual(t):
    """r_i = t_{i-1} - 2 t_i + t_{i+1} + t_i^3 inside, the ends fixed."""
    inner = t[:-2] - 2.0 * t[1:-1] + t[2:] + t[1:-1] ** 3
    return np.concatenate([t[:1] - 1.0, inner, t[-1:] ** 2])


X = np.linspace(0.1, 1.0, N)
PATTERN = dn.jacobian_sparsity(residual, X)
COLOURING = dn.colour(PATTERN)
CANDIDATES = {
    "scipy sparse finite differences": lambda: approx_derivative(residual, X,
                                                                 sparsity=PATTERN),
    "dualnum, colouring reused": lambda: dn.jacobian(residual, X, sparsity=COLOURING),
    "dualnum, sparsity='auto'": lambda: dn.jacobian(residual, X, sparsity="auto"),
}
TARGETS = {"dualnum, colouring reused": 0.1}


@pytest.mark.benchmark(max_time=0.5, min_rounds=3)
@pytest.mark.parametrize("name", list(CANDIDATES))
def test_sparse_jacobian(benchmark, name):
    benchmark.group = "sparse Jacobian, tridiagonal residual, n = %d" % N
    result = measure(benchmark, CANDIDATES[name],
                     baseline="test_sparse_jacobian[scipy sparse finite differences]",
                     target=TARGETS.get(name))
    # every candidate agrees with the finite differences to their error
    reference = approx_derivative(residual, X, sparsity=PATTERN)
    assert abs(result - reference).max() < 1e-6
