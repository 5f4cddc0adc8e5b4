"""Outside a function's domain its derivatives are NaN, never numbers beside a NaN value.

src/chain.h (dn_defined): where g(a) or g'(a) is NaN and a is not, the function has no
derivative at a, so every derivative part that a perturbation reaches is NaN: in the scalar
types, the array kernels (every loop layout, with and without directions) and the NumPy
twins of large arrays (container._jet) alike. The reference is that analytic fact (log has
no derivative at -1; entr, -inf below 0 by SciPy's convention, has none there either).
A NaN argument keeps the parts it had (NaN, or 0 for floor), and a zero perturbation part
stays exactly 0 (a constant never turns into a NaN derivative).
"""
import numpy as np
import pytest
import scipy.special as sc

import dualnum as dn
from arrays_support import KINDS, NAMES, seeded
from dualnum import _jets
from dualnum.arrays import elementwise

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

# (name, function, a point outside the domain where the value is NaN or the derivative is)
OUTSIDE = [
    ("log", np.log, -1.0), ("log10", np.log10, -2.0), ("log2", np.log2, -0.5),
    ("log1p", np.log1p, -3.0), ("arctanh", np.arctanh, 2.0), ("arccosh", np.arccosh, 0.5),
    ("arcsin", np.arcsin, 1.5), ("arccos", np.arccos, -1.5), ("sqrt", np.sqrt, -1.0),
    ("logit", sc.logit, 1.5), ("entr", sc.entr, -1.0), ("ndtri", sc.ndtri, 1.5),
    ("erfinv", sc.erfinv, 2.0), ("power", lambda x: x ** 0.5, -2.0),
]
BINARY = [("xlogy", sc.xlogy, 2.0, -1.0), ("xlog1py", sc.xlog1py, 0.5, -3.0)]
PARTS = (0.7, -1.3, 0.4)  # b, c, d: all non-zero and different


def all_nan(values):
    return bool(np.all(np.isnan(np.asarray(values, dtype=float))))


@pytest.mark.parametrize("name, f, a", OUTSIDE, ids=[c[0] for c in OUTSIDE])
def test_the_api_gives_nan_derivatives(name, f, a):
    assert np.isnan(dn.derivative(f, a))
    assert np.isnan(dn.second_derivative(f, a))
    value, first, second = dn.derivatives(f, a)
    assert (np.isnan(value) or value == -np.inf) and np.isnan(first) and np.isnan(second)


@pytest.mark.parametrize("name, f, a", OUTSIDE, ids=[c[0] for c in OUTSIDE])
def test_scalar_duals(name, f, a):
    d = f(dn.Dual(a, PARTS[0]))
    h = f(dn.HyperDual(a, *PARTS))
    assert np.isnan(d.dual) and all_nan([h.eps1, h.eps2, h.eps1eps2])
    np.testing.assert_array_equal(d.real, h.real)
    assert np.isnan(d.real) or d.real == -np.inf
    constant = f(dn.HyperDual(a, 0.0, 0.0, 0.0))  # no perturbation: parts stay 0
    assert [constant.eps1, constant.eps2, constant.eps1eps2] == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("size", [7, elementwise.EVERY_TWIN + 5])  # kernel, twin
@pytest.mark.parametrize("name, f, a", OUTSIDE, ids=[c[0] for c in OUTSIDE])
def test_arrays_outside_and_inside(T, directional, size, name, f, a):
    """Elements outside the domain get NaN parts (where their parts are not 0); the others
    are those of the same elements evaluated alone."""
    inside = {"arccosh": 2.5, "arcsin": 0.3, "arccos": 0.3, "logit": 0.3, "ndtri": 0.3,
              "erfinv": 0.3, "arctanh": 0.3}.get(name, 0.8)
    x = np.where(np.arange(size) % 3 == 0, a, inside)
    arg = seeded(T, x, directional, np.random.default_rng(size))
    out = f(arg)
    alone = f(arg[x == inside])
    for part_name in NAMES[T][1:]:
        got, given = getattr(out, part_name), getattr(arg, part_name)
        np.testing.assert_array_equal(got[x == inside], getattr(alone, part_name))
        outside = got[x == a]
        moved = given[x == a] != 0.0
        if part_name == "eps1eps2":  # reached by d, or by b c
            b, c = arg.eps1[x == a], arg.eps2[x == a]
            if directional:
                moved = moved | ((b[:, :, None] != 0) & (c[:, None, :] != 0))
            else:
                moved = moved | ((b != 0) & (c != 0))
        assert all_nan(outside[moved]) and np.all(outside[~moved] == 0.0), part_name


def perturbed(T, real, rng):
    """An array with directions whose perturbation parts are all non-zero."""
    n = real.size
    shapes = [(n, 3)] if T is dn.DualArray else [(n, 3), (n, 2), (n, 3, 2)]
    return T(real, *[rng.uniform(0.5, 1.5, s) for s in shapes], directional=True)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("name, f, x, y", BINARY, ids=[c[0] for c in BINARY])
def test_two_argument_rules(T, name, f, x, y):
    h = f(dn.HyperDual(x, 0.5, 0.3, 0.2), dn.HyperDual(y, *PARTS))
    assert np.isnan(h.real) and all_nan([h.eps1, h.eps2, h.eps1eps2])
    d = f(x, dn.Dual(y, PARTS[0]))  # a constant x
    assert np.isnan(d.real) and np.isnan(d.dual)
    rng = np.random.default_rng(1)
    ys = perturbed(T, np.array([y, 0.6, y, 1.7]), rng)  # elements 0 and 2 outside
    for xs in (perturbed(T, np.full(4, x), rng), x):  # both dual, or x a number
        out = f(xs, ys)
        for part_name in NAMES[T][1:]:
            got = getattr(out, part_name)
            assert all_nan(got[[0, 2]]) and np.all(np.isfinite(got[[1, 3]])), part_name


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("size", [3, elementwise.EVERY_TWIN + 1])
def test_entr_below_zero_alike_on_scalars_and_arrays(T, size):
    """entr is -inf below 0 (SciPy's convention), with no derivatives: the same on scalar
    duals, small arrays (kernels) and large ones."""
    parts = (0.7, -1.3, 0.0)[:len(NAMES[T]) - 1]  # d = 0: eps1eps2 is g'' b c alone
    out = sc.entr(T(np.full(size, -1.0), *[np.full(size, p) for p in parts]))
    scalar = sc.entr(T._scalar(-1.0, *parts))
    assert np.all(out.real == -np.inf) and scalar.real == -np.inf
    for part_name in NAMES[T][1:]:
        assert all_nan(getattr(out, part_name)) and np.isnan(getattr(scalar, part_name))
    assert all_nan(dn.derivatives(sc.entr, np.array([-1.0, -2.0]))[1:])


@pytest.mark.parametrize("size", [3, elementwise.EVERY_TWIN + 1])
def test_a_nan_argument_keeps_its_parts(size):
    """A NaN argument: NaN parts where perturbed, as before; floor's derivative stays 0."""
    x = dn.HyperDualArray(np.full(size, np.nan), *PARTS)
    for f in (np.log, np.sqrt, np.exp):
        out = f(x)
        assert all_nan(out.real) and all_nan(out.eps1) and all_nan(out.eps1eps2)
    out = np.floor(x)
    assert all_nan(out.real) and not np.any(out.eps1) and not np.any(out.eps1eps2)
    scalar = np.floor(dn.HyperDual(np.nan, *PARTS))
    assert [scalar.eps1, scalar.eps2, scalar.eps1eps2] == [0.0, 0.0, 0.0]


SPECIAL = np.array([np.nan, np.inf, -np.inf, -1e300, -3.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0,
                    2.0, 1e300, 5e-324])


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("name", sorted(_jets.JETS))
def test_twins_outside_the_domain(T, name):
    """At NaN, +-inf and points outside every domain, a twin's parts are NaN exactly where
    the kernel's are: the rules of all real x, whose twins go unguarded, are NaN only at a
    NaN argument or where their derivatives are NaN too."""
    n = elementwise.twin_from(name)
    x = np.resize(SPECIAL, n)
    arg = seeded(T, x, False, np.random.default_rng(2))
    twin = getattr(np, name)(arg)
    kernel = arg._with_parts(elementwise.kernel(T, name)(*arg._parts))
    for part_name in NAMES[T]:
        np.testing.assert_array_equal(np.isnan(getattr(twin, part_name)),
                                      np.isnan(getattr(kernel, part_name)),
                                      err_msg=part_name)
