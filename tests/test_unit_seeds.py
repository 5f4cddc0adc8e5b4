"""The loops of a unit seed against the general loops.

The API seeds x with perturbation parts that view the read-only ones and zeros of
dualnum.arrays._util (dual part 1; eps1 and eps2 1, eps1eps2 0). The first operation on such
a plain array calls its rule's unit loop (``ufuncs.dual_unit_NAME``, ``hyper_unit_NAME``,
and the vector loops' ``vector_dual_unit_NAME``, ...), which takes x alone: the chain rules
with those constants, so the same bits as the general loop given the parts, at every value
(NaN, infinities, signed zeros, outside the domain), for every rule without parameters.
"""
import numpy as np
import pytest

import dualnum as dn
from dualnum import api, rules, ufuncs
from dualnum.arrays import _registry, elementwise, operands
from dualnum.arrays._util import ONES, ZEROS

UNIT_RULES = sorted(r.name for r in rules.UNARY if not r.params)
SPECIAL = [np.nan, np.inf, -np.inf, -0.0, 0.0, 5e-324, -5e-324, 1e-300, 40.0, 800.0, -800.0,
           -3.0, 0.5, -0.5, 1.0, -1.0, 2.0, 3.7, -2.25, 1e300]


def general_parts(n, hyper):
    """The unit seed's parts in memory of their own."""
    if hyper:
        return [np.ones((n, 1)), np.ones((n, 1)), np.zeros((n, 1, 1))]
    return [np.ones((n, 1))]


def same_bits(got, want):
    """The same numbers to the last bit (the sign of a zero too), NaN at the same places (a
    NaN's sign bit is not a value: the compiler may turn 0 + (-g) into 0 - g)."""
    for g, w in zip(got, want):
        g, w = np.asarray(g).reshape(-1), np.asarray(w).reshape(-1)
        nan = np.isnan(w)
        np.testing.assert_array_equal(np.isnan(g), nan)
        assert g[~nan].tobytes() == w[~nan].tobytes()


LOOPS = [("", name) for name in UNIT_RULES] + [("vector_", name)
                                               for name in sorted(ufuncs.VECTOR)]


@pytest.mark.parametrize("hyper", [False, True], ids=["dual", "hyper"])
@pytest.mark.parametrize("prefix, name", LOOPS, ids=["%s%s" % loop for loop in LOOPS])
def test_the_unit_loop_gives_the_general_loops_bits(prefix, name, hyper):
    """The kernel's unit loop against the kernel, and the vector loop's against the vector
    loop (past a block of DN_WIDTH elements), contiguous and strided."""
    x = np.concatenate([SPECIAL * 3, np.linspace(-3.0, 3.0, 1003 if prefix else 0)])
    kind = "hyper" if hyper else "dual"
    unit = getattr(ufuncs, "%s%s_unit_%s" % (prefix, kind, name))
    with np.errstate(all="ignore"):
        got = unit(x)
        want = getattr(ufuncs, "%s%s_%s" % (prefix, kind, name))(x, *general_parts(x.size, hyper))
        strided = unit(x[::3])
    same_bits(got, want)
    same_bits(strided, [p[::3] for p in got])


@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray], ids=lambda T: T.__name__)
@pytest.mark.parametrize("n", [10, elementwise.SIMD_MIN_SIZE, 5000])
def test_the_apis_seeds_take_the_unit_loops(T, n, monkeypatch):
    """np.exp and np.sqrt of the API's seed (its parts viewing the ones and zeros) look up
    the unit loop, of the kernel below SIMD_MIN_SIZE and of the vector loop from there on
    (exp; sqrt has none), with the same parts as a seed whose parts are arrays of their own,
    which takes the general loop. A new subclass, so that no loop is cached for it yet; T
    stays the array type of its scalars (a subclass registers itself as theirs)."""
    monkeypatch.setitem(operands.ARRAY_TYPES, T._scalar, T)
    monkeypatch.setattr(_registry.DUAL, "operand_types", list(_registry.DUAL.operand_types))

    class Spied(T):
        __slots__ = ()
    looked_up = []
    for finder in ("direct_kernel", "vector_kernel"):
        original = getattr(_registry, finder)
        monkeypatch.setattr(_registry, finder, lambda cls, name, unit, _f=original, _k=finder:
                            looked_up.append((_k, name, unit)) or _f(cls, name, unit))
    x = np.linspace(0.1, 2.0, n)
    units = (1.0,) if T is dn.DualArray else (1.0, 1.0)
    parts = api._unit_parts(x.shape, units)
    assert parts[0].base is ONES and parts[-1].base is (ONES if T is dn.DualArray else ZEROS)
    seed = Spied._wrap((x,) + parts, False, 0)
    general = Spied._wrap((x,) + tuple(p.copy() for p in parts), False, 0)
    for ufunc, name in ((np.exp, "exp"), (np.sqrt, "sqrt")):
        vector = name in ufuncs.VECTOR and n >= elementwise.SIMD_MIN_SIZE
        finder = "vector_kernel" if vector else "direct_kernel"
        got = ufunc(seed)
        assert looked_up[-1] == (finder, name, True)
        want = ufunc(general)
        assert looked_up[-1] == (finder, name, False)
        same_bits(got._parts, want._parts)
        assert not any(np.shares_memory(p, q) for i, p in enumerate(got._parts)
                       for q in got._parts[i + 1:])
