"""NumPy function families on dual arrays against the float call on the same data.

Each dual call is gradient-free: a DualArray with one direction (k = 1), so the ratio is the
cost of carrying one derivative through the function, target 4x the float call (reductions,
products, elementwise and value-moving functions; the README's target). Run: ``python -m pytest benchmarks``.
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
DIVISORS = RNG.uniform(0.5, 2.0, SAMPLES.size)
INDICES = RNG.integers(0, SAMPLES.size, SAMPLES.size)
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
    "max 1e5": (lambda: np.max(SAMPLES), lambda: np.max(DS)),
    "flip 1e5": (lambda: np.flip(SAMPLES), lambda: np.flip(DS)),
    "roll 1e5": (lambda: np.roll(SAMPLES, 3), lambda: np.roll(DS, 3)),
    "take 1e5": (lambda: np.take(SAMPLES, INDICES), lambda: np.take(DS, INDICES)),
    "pad reflect 1e5": (lambda: np.pad(SAMPLES, 5, mode="reflect"),
                        lambda: np.pad(DS, 5, mode="reflect")),
    "tile 1e5": (lambda: np.tile(SAMPLES, 2), lambda: np.tile(DS, 2)),
    "repeat 1e5": (lambda: np.repeat(SAMPLES, 2), lambda: np.repeat(DS, 2)),
    "copysign 1e5": (lambda: np.copysign(SAMPLES, -1.0), lambda: np.copysign(DS, -1.0)),
    "fmax 1e5": (lambda: np.fmax(SAMPLES, 0.5), lambda: np.fmax(DS, 0.5)),
    "rint 1e5": (lambda: np.rint(SAMPLES), lambda: np.rint(DS)),
    "floor 1e5": (lambda: np.floor(SAMPLES), lambda: np.floor(DS)),
    "trunc 1e5": (lambda: np.trunc(SAMPLES), lambda: np.trunc(DS)),
    "round decimals=1 1e5": (lambda: np.round(SAMPLES, 1), lambda: np.round(DS, 1)),
    "frexp 1e5": (lambda: np.frexp(SAMPLES)[0], lambda: np.frexp(DS)[0]),
    "divide by an ndarray 1e5": (lambda: SAMPLES / DIVISORS, lambda: DS / DIVISORS),
    "median 1e5": (lambda: np.median(SAMPLES), lambda: np.median(DS)),
    "percentile 1e5": (lambda: np.percentile(SAMPLES, [10.0, 90.0]),
                       lambda: np.percentile(DS, [10.0, 90.0])),
    "quantile 1e5": (lambda: np.quantile(SAMPLES, 0.3, method="hazen"),
                     lambda: np.quantile(DS, 0.3, method="hazen")),
    "median axis=0": (lambda: np.median(A, axis=0), lambda: np.median(DA, axis=0)),
    "nanmedian axis=1": (lambda: np.nanmedian(A, axis=1), lambda: np.nanmedian(DA, axis=1)),
    "modf 1e5": (lambda: np.modf(SAMPLES)[0], lambda: np.modf(DS)[0]),
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
