"""NumPy function families on dual arrays against the float call on the same data.

Each dual call is gradient-free: a DualArray with one direction (k = 1), so the ratio is the
cost of carrying one derivative through the function, target 4x the float call (reductions
and products; the README's target). Run: ``python -m pytest benchmarks``.
"""
import numpy as np
import pytest

import dualnum as dn
from conftest import measure

RNG = np.random.default_rng(0)
N = 100


def one_direction(x):
    return dn.DualArray(x, RNG.uniform(-1.0, 1.0, x.shape + (1,)), directional=True)


A, B = RNG.uniform(-1.0, 1.0, (N, N)), RNG.uniform(-1.0, 1.0, (N, N))
DA, DB = one_direction(A), one_direction(B)
SAMPLES = RNG.uniform(0.0, 1.0, 100_000)
DS = one_direction(SAMPLES)
XP = np.linspace(0.0, 1.0, 1000)
FP = np.sin(6 * XP)
FAMILIES = {  # name: (float call, dual call)
    "einsum ij,jk->ik": (lambda: np.einsum("ij,jk->ik", A, B),
                         lambda: np.einsum("ij,jk->ik", DA, DB)),
    "einsum ij,ij->i": (lambda: np.einsum("ij,ij->i", A, B),
                        lambda: np.einsum("ij,ij->i", DA, DB)),
    "var axis=0": (lambda: np.var(A, axis=0), lambda: np.var(DA, axis=0)),
    "std 1e5": (lambda: np.std(SAMPLES), lambda: np.std(DS)),
    "interp 1e5": (lambda: np.interp(SAMPLES, XP, FP), lambda: np.interp(DS, XP, FP)),
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_float_call(benchmark, family):
    benchmark.group = family
    measure(benchmark, FAMILIES[family][0], baseline=benchmark.name)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_dual_call(benchmark, family):
    benchmark.group = family
    result = measure(benchmark, FAMILIES[family][1],
                     baseline="test_float_call[%s]" % family, target=4.0)
    np.testing.assert_array_equal(result.real, FAMILIES[family][0]())
