"""The NEP 13/18 registry of the array layer (dualnum.arrays._registry): every handled function
is one NumPy lets dual arrays override, and the dispatchers refuse any function or ufunc that
has no implementation with a TypeError naming it."""
import numpy as np
import pytest
import scipy.special as sp
from numpy.testing.overrides import (allows_array_function_override,
                                     get_overridable_numpy_array_functions)

from arrays_support import KINDS, sample
from dualnum.arrays import HANDLED_FUNCTIONS


# ---------------------------------------------------------------- NEP 13: ufuncs
@pytest.mark.parametrize("call, name", [
    (lambda x: np.heaviside(x, 0.5), "heaviside"), (lambda x: np.nextafter(x, 1.0), "nextafter"),
    (lambda x: np.ldexp(x, 2), "ldexp"), (lambda x: np.add.outer(x, x), "outer"),
    (lambda x: np.add.at(x, [0], 1.0), "at"), (lambda x: np.maximum.accumulate(x), "accumulate"),
    (lambda x: np.add.reduceat(x, [0, 2]), "reduceat"), (lambda x: np.floor_divide(x, 2.0),
                                                         "floor_divide"),
    (lambda x: sp.j0(x), r"scipy\.special\.j0 is not"),
    (lambda x: np.heaviside(x, 0.5, dtype=float), r"numpy\.heaviside on dual arrays takes")])
@pytest.mark.parametrize("T", KINDS)
def test_unsupported_ufuncs_raise(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))


# ---------------------------------------------------------------- NEP 18 registry
def test_handled_functions_are_overridable_numpy_functions():
    overridable = get_overridable_numpy_array_functions()
    for func in HANDLED_FUNCTIONS:
        assert allows_array_function_override(func), func
        assert func in overridable, func


@pytest.mark.parametrize("call, name", [
    (lambda x: np.sort(x), "sort"), (lambda x: np.fft.fft(x), "fft"),
    (lambda x: np.linalg.eig(np.outer(x, x)), "eig"), (lambda x: np.einsum("i,i", x, x), "einsum"),
    (lambda x: np.median(x), "median"), (lambda x: np.interp(x, [0.0, 1.0], [1.0, 2.0]), "interp"),
    (lambda x: np.linalg.svd(np.outer(x, x)), "svd"), (lambda x: np.sum(x, dtype=float), "dtype")])
@pytest.mark.parametrize("T", KINDS)
def test_unhandled_functions_raise_naming_them(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))
