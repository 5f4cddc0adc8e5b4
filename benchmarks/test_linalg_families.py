"""Matrix functions of dual arrays against the float call, at n = 100: eigh and solve of a
DualArray with one direction (target: at most 6 times the float call), and of a
HyperDualArray (second order, reported).
Run: ``python -m pytest benchmarks/test_linalg_families.py``.
"""
import numpy as np
import pytest

import dualnum as dn
from conftest import measure

N = 100
_RNG = np.random.default_rng(0)
_M = _RNG.normal(size=(N, N))
SPD = _M @ _M.T + N * np.eye(N)
A = _M + N * np.eye(N)
RHS = _RNG.normal(size=N)
E = _RNG.normal(size=(N, N, 1))  # one direction
DUAL_SPD = dn.DualArray(SPD, E + np.swapaxes(E, 0, 1), directional=True)
DUAL_A = dn.DualArray(A, E, directional=True)
HYPER_SPD = dn.HyperDualArray(SPD, E + np.swapaxes(E, 0, 1), E + np.swapaxes(E, 0, 1),
                              np.zeros((N, N, 1, 1)), directional=True)


@pytest.mark.benchmark(group="eigh n=100")
def test_eigh_float(benchmark):
    measure(benchmark, np.linalg.eigh, SPD, baseline="test_eigh_float")


@pytest.mark.benchmark(group="eigh n=100")
def test_eigh_dual(benchmark):
    w, _ = measure(benchmark, np.linalg.eigh, DUAL_SPD, baseline="test_eigh_float", target=6.0)
    np.testing.assert_array_equal(w.real, np.linalg.eigh(SPD).eigenvalues)


@pytest.mark.benchmark(group="eigh n=100")
def test_eigh_hyperdual(benchmark):
    measure(benchmark, np.linalg.eigh, HYPER_SPD, baseline="test_eigh_float")


@pytest.mark.benchmark(group="solve n=100")
def test_solve_float(benchmark):
    measure(benchmark, np.linalg.solve, A, RHS, baseline="test_solve_float")


@pytest.mark.benchmark(group="solve n=100")
def test_solve_dual(benchmark):
    x = measure(benchmark, np.linalg.solve, DUAL_A, RHS, baseline="test_solve_float",
                target=6.0)
    np.testing.assert_allclose(x.real, np.linalg.solve(A, RHS), rtol=1e-12)
