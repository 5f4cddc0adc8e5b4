"""Elementwise operations on DualArray and HyperDualArray (dualnum.arrays.elementwise):
arithmetic, comparisons and NumPy's and scipy.special's ufuncs with out= and where=, against
the same operations on object arrays of scalar duals, compared exactly."""
import operator
import warnings

import numpy as np
import pytest
import scipy.special as sp

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, assert_duals, objects, sample, seeded
from dualnum.arrays import elementwise


def zeros_like(T, shape):
    return T(*[np.zeros(shape) for _ in NAMES[T]])


# ---------------------------------------------------------------- arithmetic
OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]
OTHERS = {
    "float": lambda T: 2.5, "int": lambda T: 3, "numpy scalar": lambda T: np.float64(-1.5),
    "ndarray": lambda T: np.array([[0.5], [2.0], [-1.25]]),
    "ndarray of its shape": lambda T: np.array([0.5, -2.0, 4.0, 0.0]),
    "scalar dual": lambda T: SCALAR[T](1.5, *[0.25, -0.5, 2.0][:len(NAMES[T]) - 1]),
    "array": lambda T: sample(T, (4,), start=-0.9, step=0.6),
    "broadcast array": lambda T: sample(T, (3, 1), start=1.1),
}


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("other", list(OTHERS))
@pytest.mark.parametrize("T", KINDS)
def test_arithmetic_matches_scalars(T, other, op):
    x, y = sample(T, (4,)), OTHERS[other](T)
    ref_y = float(y) if isinstance(y, np.floating) else objects(y)
    with np.errstate(all="ignore"):
        for a, b, ra, rb in [(x, y, objects(x), ref_y), (y, x, ref_y, objects(x))]:
            assert_duals(op(a, b), op(ra, rb), T)
        assert_duals(-x, -objects(x), T)
        assert_duals(abs(x - 1.0), abs(objects(x) - 1.0), T)


@pytest.mark.parametrize("shape", [(), (7,), (4, 6)])
@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("T", KINDS)
def test_division_by_an_ndarray_of_its_shape_is_the_kernels(T, directional, shape,
                                                             monkeypatch):
    """x / y for a float64 ndarray y of x's shape takes NumPy's loops
    (elementwise.over_constant): the divide kernel's parts, at zeros, infinities, NaN and a
    subnormal y (whose 1/y overflows) too."""
    rng = np.random.default_rng(4)
    x = seeded(T, rng.uniform(-3.0, 3.0, int(np.prod(shape))), directional, rng).reshape(shape)
    y = rng.uniform(-2.0, 2.0, 24)
    y[:5] = [0.0, -0.0, np.inf, 5e-324, np.nan]
    y = y[::-1][:x.size].reshape(shape)
    with np.errstate(all="ignore"):
        want = elementwise.binary("divide", x, y)  # the kernel
        with monkeypatch.context() as patch:
            patch.setattr(elementwise, "binary", None)  # NumPy's loops are the path taken
            got = [x / y, np.divide(x, y)]
        for result in got:
            assert type(result) is T and result._directional == directional
            for p, q in zip(result._parts, want._parts):
                assert p.shape == q.shape
                np.testing.assert_array_equal(p, q)
    for other in (y.astype(np.float32), np.stack([y, y])):  # another dtype, another shape
        with np.errstate(all="ignore"), monkeypatch.context() as patch:
            patch.setattr(elementwise, "over_constant", None)  # the kernel's path
            x / other


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("T", KINDS)
def test_arithmetic_with_directions_is_each_direction(T, op):
    """A directional array combined with constants equals, direction by direction, the plain
    array with that direction's parts."""
    real = np.array([0.4, 1.3, 2.2])
    pert = [np.arange(6.0).reshape(3, 2) - 2, np.arange(9.0).reshape(3, 3) / 4,
            np.arange(18.0).reshape(3, 2, 3) - 8][:len(NAMES[T]) - 1]
    if T is dn.DualArray:
        pert = [pert[0]]
    x = T(real, *pert, directional=True)
    z = op(op(x, 1.5), x) + np.array([1.0, -2.0, 0.5])
    for a in range(2):
        for e in range(3 if T is dn.HyperDualArray else 1):
            p = [pert[0][:, a]] if T is dn.DualArray else [pert[0][:, a], pert[1][:, e],
                                                           pert[2][:, a, e]]
            plain = T(real, *p)
            w = op(op(plain, 1.5), plain) + np.array([1.0, -2.0, 0.5])
            idx = [(a,)] if T is dn.DualArray else [(a,), (e,), (a, e)]
            np.testing.assert_array_equal(z.real, w.real)
            for n, i in zip(NAMES[T][1:], idx):
                np.testing.assert_array_equal(getattr(z, n)[(Ellipsis,) + i], getattr(w, n))


@pytest.mark.parametrize("op", [operator.lt, operator.le, operator.gt, operator.ge,
                                operator.eq, operator.ne])
@pytest.mark.parametrize("T", KINDS)
def test_comparisons_give_bool_arrays_of_real_parts(T, op):
    x = sample(T, (4,))
    other = T(np.array([0.3, 1.0, 1.04, 5.0]), 7.0)  # equal real parts at 0 and 2
    for y in (1.04, np.array([0.3, 0.0, 1.04, 2.0]), other):
        got = op(x, y)
        assert isinstance(got, np.ndarray) and got.dtype == bool
        np.testing.assert_array_equal(got, op(x.real, getattr(y, "real", y)))
    other_type = [t for t in KINDS if t is not T][0]
    for y in (sample(other_type, (4,)), SCALAR[other_type](1.0)):
        with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
            op(x, y)


# ---------------------------------------------------------------- ufuncs
UFUNCS = {
    "sin": (np.sin, dn.sin), "exp": (np.exp, dn.exp), "sqrt": (np.sqrt, dn.sqrt),
    "abs": (np.abs, dn.absolute), "erf": (sp.erf, dn.erf), "gamma": (sp.gamma, dn.gamma),
    "expit": (sp.expit, dn.sigmoid), "arctan2": (np.arctan2, dn.arctan2),
    "hypot": (np.hypot, dn.hypot), "maximum": (np.maximum, dn.maximum),
    "minimum": (np.minimum, dn.minimum), "power": (np.power, operator.pow),
    "logaddexp": (np.logaddexp, dn.logaddexp),
}


@pytest.mark.parametrize("name", list(UFUNCS))
@pytest.mark.parametrize("T", KINDS)
def test_numpy_ufuncs_match_scalars(T, name):
    ufunc, scalar = UFUNCS[name]
    x = sample(T, (2, 3)) - 1.0
    if ufunc.nin == 1:
        operands = [[x if name not in ("sqrt", "gamma") else x + 1.0]]
    else:  # ties with x at two elements, constants on either side, broadcasting
        tie = np.array([[x.real[0, 0], x.real[1, 1], 3.0]])  # equal real parts at 2 places
        y = T(tie, *[np.array([0.1, -0.2, 0.3]) * (j + 1) for j in range(len(NAMES[T]) - 1)])
        operands = [[x, y], [y, x], [x, 2.0], [0.5, x], [x, np.array([[1.2], [0.0]])]]
    for args in operands:
        with np.errstate(all="ignore"):
            got = ufunc(*args)
            want = np.frompyfunc(scalar, len(args), 1)(*[objects(a) for a in args])
        assert_duals(got, want, T)


@pytest.mark.parametrize("T", KINDS)
def test_ufunc_out_and_where(T):
    x = sample(T, (2, 3))
    out = zeros_like(T, (2, 3))
    assert np.sin(x, out=out) is out
    assert_duals(out, objects(np.sin(x)), T)
    out = sample(T, (2, 3), start=-5.0)
    ref = objects(out)
    mask = np.array([True, False, True])
    assert np.exp(x, out=out, where=mask) is out
    ref[:, mask] = objects(np.exp(x))[:, mask]
    assert_duals(out, ref, T)
    with pytest.raises(TypeError):
        np.exp(x, where=mask)


# ---------------------------------------------------------------- operands that are not real
NOT_REAL = {
    "complex ndarray": (np.array([1j, 2.0, 3.0]), "complex128.*np\\.real"),
    "complex list": ([1.0, 2.0 + 0j, 3.0], "complex128.*np\\.real"),
    "None": (None, "NoneType"),
    "None in a list": ([None, 1.0, 2.0], "NoneType"),
    "text": ("1.0", "str"),
    "text array": (np.array(["1", "2", "3"]), "<U1"),
    "datetime": (np.array(["2026-01-01"] * 3, dtype="datetime64[D]"), "datetime64"),
}
OPERATORS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
             "**": operator.pow, "maximum": np.maximum, "hypot": np.hypot}


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("op", list(OPERATORS))
@pytest.mark.parametrize("name", list(NOT_REAL))
@pytest.mark.parametrize("T", KINDS)
def test_operands_that_are_not_real_are_refused(T, name, op, side):
    """Never a NaN from None, a parsed string or a dropped imaginary part."""
    x = sample(T, (3,))
    value, message = NOT_REAL[name]
    call = OPERATORS[op]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ComplexWarning standing in for an error
        with pytest.raises(TypeError, match=message):
            call(x, value) if side == "left" else call(value, x)
