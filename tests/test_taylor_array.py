"""TaylorArray (dualnum.series): arithmetic against mpmath's and sympy's Taylor series,
broadcasting and block boundaries against single elements (same bits), NumPy's functions
against the Cauchy product of the coefficients computed with NumPy, the conversions that
would drop coefficients, the refusals, out= and the warning of coefficients set to NaN."""
import math
import operator
import warnings

import mpmath
import numpy as np
import pytest
import sympy

import dualnum as dn
from dualnum.series import HANDLED_FUNCTIONS, TaylorArray, TaylorWarning

mpmath.mp.dps = 50


def same_bits(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert np.array_equal(got.view(np.int64), want.view(np.int64)), (got, want)


def coefficients(x):
    return np.asarray(x.coefficients)


def element(t, index):
    """One element of t as a 0-d TaylorArray (its coefficients copied)."""
    return TaylorArray(coefficients(t)[(slice(None),) + index])


def random_series(shape, order, seed, low=0.5, high=2.0):
    rng = np.random.default_rng(seed)
    c = rng.uniform(-1.0, 1.0, (order + 1,) + shape)
    c[0] = rng.uniform(low, high, shape)
    return TaylorArray(c)


def check_series(got, want_mp, rel=1e-13):
    """Each coefficient within rel of mpmath's, relative to itself, or to its neighbours
    where it is tiny against them (a coefficient that cancels to nearly 0)."""
    want = np.array([float(w) for w in want_mp])
    for k in range(len(want)):
        scale = max(abs(want[max(k - 1, 0):k + 2]).max(), 1e-300)
        size = abs(want[k]) if abs(want[k]) > 1e-3 * scale else scale
        assert abs(got[k] - want[k]) <= rel * size, (k, got[k], want[k])


# ---------------------------------------------------------------- against mpmath, sympy
POINTS = (-1.3, 0.25, 0.9, 2.7)


@pytest.mark.parametrize("order", [0, 1, 5, 12])
def test_a_composite_against_mpmath(order):
    x = TaylorArray.variable(np.array(POINTS), order)
    got = np.exp(np.sin(x)) * x ** 2 / (1 + x ** 2)
    assert got.order == order and got.shape == (len(POINTS),)
    for i, p in enumerate(POINTS):
        want = mpmath.taylor(lambda t: mpmath.exp(mpmath.sin(t)) * t ** 2 / (1 + t ** 2),
                             mpmath.mpf(p), order)
        check_series(coefficients(got)[:, i], want)


T_ = sympy.Symbol("t")
SYMPY_CASES = {
    "c + x": (lambda x: 2.5 + x, lambda t: sympy.Rational(5, 2) + t),
    "x + c": (lambda x: x + 2.5, lambda t: t + sympy.Rational(5, 2)),
    "c - x": (lambda x: 2.5 - x, lambda t: sympy.Rational(5, 2) - t),
    "x - c": (lambda x: x - 2.5, lambda t: t - sympy.Rational(5, 2)),
    "c * x": (lambda x: 3.0 * (x * x), lambda t: 3 * t ** 2),
    "x * c": (lambda x: (x * x) * 3.0, lambda t: 3 * t ** 2),
    "x / c": (lambda x: np.exp(x) / 4.0, lambda t: sympy.exp(t) / 4),
    "c / x": (lambda x: 5.0 / x, lambda t: 5 / t),
    "x ** 2": (lambda x: x ** 2, lambda t: t ** 2),
    "x ** 2.5": (lambda x: x ** 2.5, lambda t: t ** sympy.Rational(5, 2)),
    "x ** -1.5": (lambda x: x ** -1.5, lambda t: t ** sympy.Rational(-3, 2)),
    "c ** x": (lambda x: 2.0 ** x, lambda t: 2 ** t),
    "x ** x": (lambda x: x ** x, lambda t: t ** t),
    "x / x**2": (lambda x: np.sin(x) / (x * x), lambda t: sympy.sin(t) / t ** 2),
    "-x": (lambda x: -np.log(x), lambda t: -sympy.log(t)),
    "+x": (lambda x: +np.sqrt(x), lambda t: sympy.sqrt(t)),
    "np.float64 c": (lambda x: np.float64(1.5) * x - np.float64(0.5) / x,
                     lambda t: sympy.Rational(3, 2) * t - sympy.Rational(1, 2) / t),
}


@pytest.mark.parametrize("name", sorted(SYMPY_CASES))
def test_operators_with_constants_against_sympy(name):
    f, expr = SYMPY_CASES[name]
    order, points = 7, (0.4, 1.3, 3.2)
    got = coefficients(f(TaylorArray.variable(np.array(points), order)))
    derivatives = [expr(T_)]
    for k in range(order):
        derivatives.append(sympy.diff(derivatives[-1], T_))
    for i, p in enumerate(points):
        at = sympy.Rational(p)  # the float's exact value
        want = [(d.subs(T_, at) / sympy.factorial(k)).evalf(40)
                for k, d in enumerate(derivatives)]
        check_series(got[:, i], [mpmath.mpf(str(w)) for w in want])


# ---------------------------------------------------------------- broadcasting, same bits
BINARY_OPS = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "**": operator.pow, "maximum": np.maximum, "hypot": np.hypot, "arctan2": np.arctan2,
}


@pytest.mark.parametrize("name", sorted(BINARY_OPS))
def test_broadcasting_is_elementwise(name):
    op = BINARY_OPS[name]
    a, b = random_series((3, 1), 6, 1), random_series((4,), 6, 2)
    got = op(a, b)
    assert got.shape == (3, 4) and got.order == 6
    for i in range(3):
        for j in range(4):
            same_bits(coefficients(got)[:, i, j],
                      coefficients(op(element(a, (i, 0)), element(b, (j,)))))


@pytest.mark.parametrize("name", ["+", "-", "*", "/", "**"])
def test_broadcasting_with_constant_arrays_is_elementwise(name):
    op = BINARY_OPS[name]
    a = random_series((3, 1), 4, 3)
    c = np.array([0.5, 1.5, 2.5, 3.5])
    for got, single in ((op(a, c), lambda i, j: op(element(a, (i, 0)), c[j])),
                        (op(c, a), lambda i, j: op(c[j], element(a, (i, 0))))):
        assert got.shape == (3, 4)
        for i in range(3):
            for j in range(4):
                same_bits(coefficients(got)[:, i, j], coefficients(single(i, j)))


def test_constants_touch_the_coefficients_the_rules_say():
    x = random_series((5,), 3, 4)
    c = coefficients(x)
    same_bits(coefficients(x + 2.0)[1:], c[1:])
    same_bits(coefficients(x + 2.0)[0], c[0] + 2.0)
    same_bits(coefficients(2.0 - x)[1:], -c[1:])
    same_bits(coefficients(2.0 - x)[0], 2.0 - c[0])
    same_bits(coefficients(x * 3.0), c * 3.0)
    same_bits(coefficients(x / 3.0), c / 3.0)
    same_bits(coefficients(-x), -c)
    same_bits(coefficients(+x), c)


BLOCK_SIZES = [1, 255, 256, 257, 1000]
UNARY_BLOCK = {
    "exp": np.exp, "log": np.log, "sin": np.sin, "cos": np.cos, "sqrt": np.sqrt,
    "x ** 2.5": lambda x: x ** 2.5, "2 ** x": lambda x: 2.0 ** x,
    "1 / x": lambda x: 1.0 / x, "x * y": lambda x: x * np.exp(x),
    "x / y": lambda x: x / np.exp(x), "x ** y": lambda x: x ** np.sin(x),
}


@pytest.mark.parametrize("name", sorted(UNARY_BLOCK))
@pytest.mark.parametrize("n", BLOCK_SIZES)
def test_block_boundaries_give_an_elements_bits(name, n):
    f = UNARY_BLOCK[name]
    x = random_series((n,), 9, n)
    got = coefficients(f(x))
    for i in sorted({0, n // 2, max(n - 2, 0), n - 1} | set(range(250, min(n, 260)))):
        same_bits(got[:, i], coefficients(f(element(x, (i,)))))


# ---------------------------------------------------------------- orders and conversions
def test_different_orders_are_refused():
    a, b = random_series((2,), 3, 5), random_series((2,), 5, 6)
    for op in (operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
               np.hypot, operator.matmul):
        with pytest.raises(ValueError, match=r"orders 3 and 5.*one order.*truncate"):
            op(a, b)
    with pytest.raises(ValueError, match="orders 3 and 5"):
        np.concatenate([a, b])
    with pytest.raises(ValueError, match="orders 3 and 5"):
        a[0] = b[0]


@pytest.mark.parametrize("convert", [
    float, int, complex, operator.index, lambda x: np.asarray(x, dtype=float),
    lambda x: x.__array__(np.float64), lambda x: x.astype(np.float32),
    lambda x: x.astype(int), lambda x: np.array([x, x], dtype=float), math.floor,
])
def test_conversions_that_drop_coefficients_are_refused(convert):
    x = random_series((), 3, 7)
    with pytest.raises(TypeError, match=r"coefficients|\.real|float64"):
        convert(x)


@pytest.mark.parametrize("convert", [np.asarray, np.array, lambda x: x.__array__(),
                                     lambda x: np.asarray(x, dtype=object)])
def test_asarray_gives_scalar_taylor_numbers_as_the_dual_arrays_do(convert):
    x = random_series((2, 3), 4, 11)
    got = convert(x)
    assert got.dtype == object and got.shape == (2, 3)
    for index in np.ndindex(2, 3):
        assert isinstance(got[index], dn.Taylor)
        same_bits(np.asarray(got[index].coefficients), coefficients(x)[(slice(None),) + index])


def test_scipy_code_that_calls_asarray_runs_exactly():
    """scipy.optimize.rosen calls np.asarray on its input: on a Taylor array it runs on the
    object array of scalar Taylor numbers; coefficients 1 and 2 of rosen(x + t v) are
    rosen_der(x) . v and v' rosen_hess(x) v / 2 (SciPy's own, independent of dualnum)."""
    from scipy.optimize import rosen, rosen_der, rosen_hess
    x, v = np.array([0.5, -1.0, 2.0, 1.5]), np.array([1.0, 2.0, -1.0, 0.5])
    got = rosen(TaylorArray.variable(x, 4, v))
    assert isinstance(got, dn.Taylor)
    c = np.asarray(got.coefficients)
    np.testing.assert_allclose(c[:3], [rosen(x), rosen_der(x) @ v, v @ rosen_hess(x) @ v / 2],
                               rtol=1e-14)
    np.testing.assert_allclose(dn.directional_derivatives(rosen, x, v, 2)[2],
                               v @ rosen_hess(x) @ v, rtol=1e-14)


def test_scipy_functions_that_cannot_run_on_objects_are_refused():
    from scipy import fft
    with pytest.raises(TypeError):
        fft.fft(random_series((4,), 2, 3))


def test_bool_and_astype_as_numpy():
    assert bool(TaylorArray([[1.0], [0.0]])) and not bool(TaylorArray([0.0, 1.0]))
    with pytest.raises(ValueError, match="ambiguous"):
        bool(random_series((2,), 1, 0))
    x = random_series((2,), 2, 0)
    y = x.astype(np.float64)
    assert y is not x
    same_bits(coefficients(y), coefficients(x))


def test_construction_and_properties():
    x = TaylorArray.variable([1.0, 2.0], 3, direction=[0.5, -1.0])
    same_bits(coefficients(x), [[1.0, 2.0], [0.5, -1.0], [0.0, 0.0], [0.0, 0.0]])
    assert (x.order, x.shape, x.ndim, x.size, len(x)) == (3, (2,), 1, 2, 2)
    same_bits(x.real, [1.0, 2.0])
    assert not x.coefficients.flags.writeable and x.coefficients.flags.c_contiguous
    c = TaylorArray.constant(np.ones((2, 3)), 4)
    assert c.shape == (2, 3) and not coefficients(c)[1:].any()
    y = np.exp(TaylorArray.variable(0.0, 6))
    np.testing.assert_allclose(y.derivatives(), np.ones(7), rtol=1e-15)  # exp^(k)(0) = 1
    assert TaylorArray.variable(3.0, 0).order == 0
    with pytest.raises(ValueError):
        TaylorArray(np.float64(1.0))
    with pytest.raises(TypeError):
        TaylorArray([1j, 2.0])
    raw = np.arange(6.0).reshape(3, 2)
    z = TaylorArray(raw)
    raw[0, 0] = 99.0
    assert z.real[0] == 0.0  # a copy
    assert eval(repr(z), {"TaylorArray": TaylorArray, "array": np.array}).shape == z.shape


def test_indexing_and_writing():
    x = random_series((4, 3), 3, 8)
    c = coefficients(x)
    for key in [1, (1, 2), slice(1, 3), (Ellipsis, 0), (slice(None), [0, 2]),
                ([0, 3], [1, 2]), (x.real > 1.0), (None, 1), ([1, 2], slice(None))]:
        same_bits(np.asarray(x[key].coefficients), np.stack([ck[key] for ck in c]))
    y = x.copy()
    y[1] = 5.0
    assert (coefficients(y)[0, 1] == 5.0).all() and not coefficients(y)[1:, 1].any()
    y[:, 0] = x[:, 1]
    same_bits(coefficients(y)[:, :, 0], c[:, :, 1])
    y[x.real > 1.0] = x[x.real > 1.0] * 2.0
    with pytest.raises(IndexError):
        x[x]
    rows = list(x)
    assert len(rows) == 4 and all(r.shape == (3,) for r in rows)
    scalars = list(x[0])
    assert len(scalars) == 3
    same_bits(np.asarray(scalars[1].coefficients), c[:, 0, 1])


def test_in_place_operators_write_into_the_array():
    x = random_series((3,), 4, 9)
    want = coefficients((x * 2.0 + x) / x - 1.5)
    y = x.copy()
    alias = y
    y *= 2.0
    y += x
    y /= x
    y -= 1.5
    assert y is alias
    same_bits(coefficients(y), want)
    with pytest.raises(ValueError):
        z = random_series((3,), 4, 1)
        z += random_series((2, 3), 4, 2)


def test_comparisons_read_coefficient_0():
    x = TaylorArray(np.array([[1.0, 2.0, np.nan], [5.0, -5.0, 1.0]]))
    for op in (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne):
        same_bits(np.asarray(op(x, 1.5), dtype=float),
                  np.asarray(op(np.array([1.0, 2.0, np.nan]), 1.5), dtype=float))
        assert op(x, x).dtype == bool
    same_bits(np.isnan(x).astype(float), [0.0, 0.0, 1.0])
    same_bits(np.isfinite(x).astype(float), [1.0, 1.0, 0.0])
    same_bits(np.signbit(-x).astype(float), np.signbit(-np.array([1.0, 2.0, np.nan])) * 1.0)


# ---------------------------------------------------------------- NEP 13
def test_the_warning_names_the_orders_to_add():
    x = TaylorArray.variable(np.array([0.0, 0.0, 1.0]), 5)
    with pytest.warns(TaylorWarning, match=r"numpy\.sqrt.*2 more input orders.*Fix") as caught:
        y = np.sqrt(x * x * x * x * (1 + x))  # t^4 (1 + t): sqrt is t^2 (1 + t)^(1/2)
    assert [w.message.orders for w in caught] == [2]
    want = mpmath.taylor(lambda t: t ** 2 * mpmath.sqrt(1 + t), 0, 7)
    c = coefficients(y)
    assert np.isnan(c[-2:, :2]).all() and not np.isnan(c[:-2]).any()
    check_series(c[:-2, 0], want[:4])
    higher = TaylorArray.variable(np.zeros(3), 7)
    with pytest.warns(TaylorWarning) as caught:
        again = coefficients(np.sqrt(higher * higher * higher * higher * (1 + higher)))
    assert caught[0].message.orders == 2
    check_series(again[:6, 0], want[:6])  # the orders the shorter evaluation lacked
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.sqrt(TaylorArray.variable(np.ones(3), 5))


def test_the_warning_of_no_taylor_series():
    x = TaylorArray.variable(np.array([0.0, 1.0]), 4)
    with pytest.warns(TaylorWarning, match=r"numpy\.sqrt.*no Taylor series") as caught:
        y = np.sqrt(x * x * (1 + x))  # |t| (1 + t)^(1/2): a kink at 0
    assert caught[0].message.orders == 0
    assert np.isnan(coefficients(y)[:, 0]).any() and not np.isnan(coefficients(y)[:, 1]).any()
    with pytest.warns(TaylorWarning, match=r"abs|absolute"):
        abs(x)


@pytest.mark.parametrize("ufunc, reference", [
    (np.tanh, mpmath.tanh), (np.arctan, mpmath.atan), (np.log1p, mpmath.log1p),
    (np.cbrt, mpmath.cbrt), (np.expm1, mpmath.expm1), (np.arcsinh, mpmath.asinh)])
def test_rule_ufuncs_against_mpmath(ufunc, reference):
    x = TaylorArray.variable(np.array([0.3, 1.7]), 8)
    got = coefficients(ufunc(x))
    for i, p in enumerate((0.3, 1.7)):
        check_series(got[:, i], mpmath.taylor(reference, mpmath.mpf(p), 8), 1e-12)


def test_scipy_special_rules_with_parameters_first():
    sp = pytest.importorskip("scipy.special")
    x = TaylorArray.variable(np.array([0.5, 2.0]), 5)
    got = coefficients(sp.erf(x))
    check_series(got[:, 0], mpmath.taylor(mpmath.erf, 0.5, 5), 1e-12)
    v = np.array([0.0, 1.5])
    jv = sp.jv(v, x)
    for i in range(2):
        same_bits(coefficients(jv)[:, i], coefficients(sp.jv(v[i], element(x, (i,)))))
    with pytest.raises(TypeError, match="constant"):
        sp.jv(x, x)


def test_ufunc_keywords_are_honoured_or_refused():
    x = random_series((3,), 3, 10)
    out = TaylorArray(np.zeros((4, 3)))
    got = np.exp(x, out=out)
    assert got is out
    same_bits(coefficients(out), coefficients(np.exp(x)))
    out2 = TaylorArray(np.zeros((4, 3)))
    np.add(x, 1.0, out=(out2,), where=np.array([True, False, True]))
    same_bits(coefficients(out2)[:, 0], coefficients(x + 1.0)[:, 0])
    assert not coefficients(out2)[:, 1].any()
    np.multiply(x, 2.0, out=out2, dtype=np.float64, casting="same_kind", order="K")
    with pytest.raises(TypeError, match=r"numpy\.exp on Taylor arrays does not take dtype"):
        np.exp(x, dtype=np.float32)
    with pytest.raises(TypeError, match="casting"):
        np.add(x, x, casting="unsafe")
    with pytest.raises(TypeError, match=r"out= a ndarray.*lose its coefficients"):
        np.exp(x, out=np.zeros(3))
    with pytest.raises(TypeError, match="where= on Taylor arrays needs out="):
        np.exp(x, where=np.array([True, False, True]))
    with pytest.raises(TypeError, match="axes"):
        np.matmul(x, x, axes=[(0,), (0,), ()])
    with pytest.raises(ValueError, match="orders"):
        np.exp(x, out=TaylorArray(np.zeros((2, 3))))


@pytest.mark.parametrize("call, name", [
    (lambda x: np.gcd(x, 2), r"numpy\.gcd is not supported on Taylor arrays"),
    (lambda x: np.heaviside(x, 0.5), r"numpy\.heaviside is not supported"),
    (lambda x: np.nextafter(x, 2.0), r"numpy\.nextafter"),
    (lambda x: np.ldexp(x, 2), r"numpy\.ldexp"),
    (lambda x: np.maximum.accumulate(x), r"maximum\.accumulate is not supported"),
    (lambda x: np.fft.fft(x), r"numpy\.fft\.fft is not supported on Taylor arrays"),
    (lambda x: np.median(x), r"numpy\.median is not supported on Taylor arrays"),
    (lambda x: np.allclose(x, x), r"numpy\.allclose.*compares values"),
    (lambda x: np.sum(x, dtype=np.float32), "dtype"),
    (lambda x: np.clip(x, 0, 1, casting="unsafe"), "casting"),
    (lambda x: np.where(x, 1.0, 2.0), "condition of bools"),
    (lambda x: np.zeros_like(x, dtype=int), "dtype"),
])
def test_unsupported_calls_raise_naming_them(call, name):
    with pytest.raises(TypeError, match=name):
        call(random_series((3,), 2, 11))


def test_foreign_arrays_are_not_taken():
    x = random_series((2,), 1, 12)
    d = dn.DualArray(np.ones(2), 1.0)
    with pytest.raises(TypeError):
        x + d
    with pytest.raises(TypeError):
        np.concatenate([x, d])


def test_ufunc_methods():
    x = random_series((3, 2), 3, 13)
    same_bits(coefficients(np.add.reduce(x)), coefficients(x).sum(axis=1))
    same_bits(coefficients(np.add.accumulate(x, axis=1)), np.cumsum(coefficients(x), axis=2))
    same_bits(coefficients(np.multiply.reduce(x)), coefficients(x[0] * x[1] * x[2]))
    outer = np.add.outer(x[:, 0], x[:, 1])
    same_bits(coefficients(outer)[:, 1, 2], coefficients(x[1, 0] + x[2, 1]))


# ---------------------------------------------------------------- NEP 18
def cauchy(op, a, b):
    """The Cauchy product of coefficient arrays: c_k = sum_j op(a_j, b_(k-j))."""
    return np.stack([sum(op(a[j], b[k - j]) for j in range(k + 1)) for k in range(len(a))])


BILINEAR = {
    "dot": (np.dot, (3, 4), (4, 2)), "matmul": (np.matmul, (2, 3, 4), (4, 5)),
    "@": (operator.matmul, (3, 4), (4,)), "inner": (np.inner, (3, 4), (2, 4)),
    "outer": (np.outer, (3,), (2, 2)),
    "tensordot": (lambda a, b: np.tensordot(a, b, axes=([1, 2], [0, 1])), (2, 3, 4),
                  (3, 4, 2)),
}


@pytest.mark.parametrize("name", sorted(BILINEAR))
def test_bilinear_functions_are_cauchy_products(name):
    op, sa, sb = BILINEAR[name]
    a, b = random_series(sa, 4, 14), random_series(sb, 4, 15)
    ca, cb = coefficients(a), coefficients(b)
    np.testing.assert_allclose(coefficients(op(a, b)), cauchy(op, ca, cb),
                               rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(coefficients(op(a, cb[0])),
                               np.stack([op(ak, cb[0]) for ak in ca]), rtol=1e-15)
    np.testing.assert_allclose(coefficients(op(ca[0], b)),
                               np.stack([op(ca[0], bk) for bk in cb]), rtol=1e-15)


def test_dot_of_series_vectors_is_the_product_rule():
    x = TaylorArray.variable(np.array([0.5, 1.5]), 3)
    got = np.dot(x, x)  # sum of (p + t)^2 = sum p^2 + 2 sum p t + 2 t^2
    same_bits(coefficients(got), [2.5, 4.0, 2.0, 0.0])


def per_coefficient(f, x):
    return np.stack([f(ck) for ck in coefficients(x)])


LINEAR = {
    "sum": lambda a: np.sum(a), "sum axis": lambda a: np.sum(a, axis=(0, 2), keepdims=True),
    "mean": lambda a: np.mean(a, axis=1), "cumsum": lambda a: np.cumsum(a, axis=-1),
    "cumsum flat": lambda a: np.cumsum(a), "diff": lambda a: np.diff(a, 2, axis=1),
    "reshape": lambda a: np.reshape(a, (4, -1)),
    "reshape F": lambda a: np.reshape(a, (6, 4), order="F"),
    "ravel": lambda a: np.ravel(a), "transpose": lambda a: np.transpose(a, (2, 0, 1)),
    "moveaxis": lambda a: np.moveaxis(a, 0, -1), "expand_dims": lambda a: np.expand_dims(a, 1),
    "squeeze": lambda a: np.squeeze(np.expand_dims(a, 0)),
    "broadcast_to": lambda a: np.broadcast_to(a, (2, 2, 3, 4)),
    "take": lambda a: np.take(a, [2, 0], axis=2), "take flat": lambda a: np.take(a, [5, 1]),
    "copy": lambda a: np.copy(a), "swap via T": lambda a: a.T if hasattr(a, "T") else a,
}


@pytest.mark.parametrize("name", sorted(LINEAR))
def test_linear_functions_act_on_every_coefficient(name):
    f = LINEAR[name]
    x = random_series((2, 3, 4), 3, 16)
    same_bits(coefficients(f(x)), per_coefficient(f, x))


def test_joining_and_selection_per_coefficient():
    a, b = random_series((2, 3), 2, 17), random_series((2, 3), 2, 18)
    ca, cb = coefficients(a), coefficients(b)
    k = np.full((2, 3), 7.0)
    ck = np.stack([k, 0 * k, 0 * k])
    for f in (lambda p, q: np.concatenate([p, q], axis=1), lambda p, q: np.stack([p, q], -1),
              lambda p, q: np.hstack([p, q]), lambda p, q: np.vstack([p, q]),
              lambda p, q: np.concatenate([p, q], axis=None)):
        same_bits(coefficients(f(a, b)), np.stack([f(p, q) for p, q in zip(ca, cb)]))
        same_bits(coefficients(f(a, k)), np.stack([f(p, q) for p, q in zip(ca, ck)]))
    cond = np.array([True, False, True])
    same_bits(coefficients(np.where(cond, a, b)), np.where(cond, ca, cb))
    same_bits(coefficients(np.where(cond, a, 7.0)), np.where(cond, ca, ck))
    same_bits(coefficients(np.diff(a, prepend=0.0, axis=1)),
              np.diff(np.concatenate([np.zeros((3, 2, 1)), ca], axis=2), axis=2))


def test_clip_goes_through_maximum_and_minimum():
    x = TaylorArray.variable(np.array([-2.0, 0.5, 3.0]), 3)
    got = coefficients(np.clip(x, -1.0, 1.0))
    same_bits(got, [[-1.0, 0.5, 1.0], [0.0, 1.0, 0.0], [0.0] * 3, [0.0] * 3])
    same_bits(coefficients(x.clip(max=1.0))[:, 1], coefficients(x)[:, 1])


def test_prod_is_successive_products():
    x = random_series((3, 2), 4, 19)
    same_bits(coefficients(np.prod(x, axis=0)), coefficients(x[0] * x[1] * x[2]))
    same_bits(coefficients(np.prod(x)),
              coefficients(x[0, 0] * x[0, 1] * x[1, 0] * x[1, 1] * x[2, 0] * x[2, 1]))
    same_bits(coefficients(np.prod(x, axis=1, keepdims=True))[:, :, 0],
              coefficients(np.prod(x, axis=1)))
    w = np.array([[True, False], [True, True], [False, True]])
    same_bits(coefficients(np.prod(x, axis=0, where=w))[:, 0],
              coefficients(x[0, 0] * x[1, 0] * 1.0))


def test_reductions_with_keywords():
    x = random_series((3, 2), 2, 20)
    c = coefficients(x)
    out = TaylorArray(np.zeros((3, 2)))
    assert np.sum(x, axis=0, out=out) is out
    same_bits(coefficients(out), c.sum(axis=1))
    got = coefficients(np.sum(x, axis=1, initial=5.0, where=np.array([True, False])))
    same_bits(got[0], c[0, :, 0] + 5.0)
    same_bits(got[1:], c[1:, :, 0])
    same_bits(coefficients(x.mean(axis=0)), c.mean(axis=1))
    with pytest.raises(TypeError, match="out= a ndarray"):
        np.sum(x, axis=0, out=np.zeros(2))


def test_constant_arrays_of_the_order():
    x = random_series((2, 3), 4, 21)
    for f, value in ((np.zeros_like, 0.0), (np.ones_like, 1.0), (np.empty_like, 0.0),
                     (lambda a: np.full_like(a, 2.5), 2.5)):
        y = f(x)
        assert isinstance(y, TaylorArray) and y.order == 4 and y.shape == (2, 3)
        same_bits(coefficients(y), coefficients(TaylorArray.constant(np.full((2, 3), value),
                                                                     4)))
    assert np.zeros_like(x, shape=(5,)).shape == (5,)
    assert np.shape(x) == (2, 3) and np.ndim(x) == 2 and np.size(x) == 6
    assert np.size(x, 1) == 3


def test_every_handled_function_is_a_numpy_function():
    from numpy.testing.overrides import get_overridable_numpy_array_functions
    assert set(HANDLED_FUNCTIONS) <= get_overridable_numpy_array_functions()


def test_the_package_is_exported_lazily():
    assert dn.TaylorArray is TaylorArray and dn.TaylorWarning is TaylorWarning
    assert issubclass(TaylorWarning, RuntimeWarning)


# ---------------------------------------------------------------- elements and scalars
def scalar_of(t, i):
    return dn.Taylor(coefficients(t)[:, i])


NUMPY_RULES = [r for r in dn.rules.UNARY if r.numpy]


@pytest.mark.parametrize("rule", NUMPY_RULES, ids=[r.name for r in NUMPY_RULES])
def test_numpy_rule_ufuncs_give_the_scalar_types_bits(rule):
    ufunc = getattr(np, rule.numpy)
    c = np.zeros((7, len(rule.samples)))
    c[0], c[1], c[2] = rule.samples, 1.0, -0.25
    x = TaylorArray(c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TaylorWarning)
        got = coefficients(ufunc(x))
        for i in range(len(rule.samples)):
            same_bits(got[:, i], ufunc(scalar_of(x, i)).coefficients)


SCIPY_RULES = [r for r in dn.rules.UNARY if r.scipy and r.scipy not in dn.rules.SCIPY_FUNCTIONS]


@pytest.mark.parametrize("rule", SCIPY_RULES, ids=[r.name for r in SCIPY_RULES])
def test_scipy_rule_ufuncs_give_the_scalar_types_bits(rule):
    sp = pytest.importorskip("scipy.special")
    ufunc = getattr(sp, rule.scipy)
    params = [default for _, default in rule.params]
    x = TaylorArray.variable(np.array(rule.samples), 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TaylorWarning)
        got = coefficients(ufunc(*params, x))
        for i in range(len(rule.samples)):
            same_bits(got[:, i], ufunc(*params, scalar_of(x, i)).coefficients)


OPERATORS = {
    "t + u": operator.add, "t - u": operator.sub, "t * u": operator.mul,
    "t / u": operator.truediv, "t ** u": operator.pow, "t // u": operator.floordiv,
    "t % u": operator.mod, "divmod": lambda a, b: divmod(a, b)[1],
    "t + c": lambda a, b: a + 1.5, "c - t": lambda a, b: 1.5 - a, "t * c": lambda a, b: a * 3.0,
    "t / c": lambda a, b: a / 3.0, "c / t": lambda a, b: 3.0 / a,
    "t ** c": lambda a, b: a ** 2.5, "t ** 2": lambda a, b: a ** 2, "c ** t": lambda a, b: 2.0 ** a,
    "t % c": lambda a, b: a % 0.75, "-t": lambda a, b: -a, "abs": lambda a, b: abs(a - 1.0),
}


@pytest.mark.parametrize("name", sorted(OPERATORS))
def test_operators_give_the_scalar_types_bits(name):
    op = OPERATORS[name]
    a, b = random_series((300,), 6, 30), random_series((300,), 6, 31)
    got = coefficients(op(a, b))
    for i in (0, 1, 255, 256, 299):
        same_bits(got[:, i], op(scalar_of(a, i), scalar_of(b, i)).coefficients)


def test_scalar_series_mix_with_arrays():
    x = TaylorArray.variable(np.array([0.5, 1.5]), 3)
    s = dn.Taylor.variable(2.0, 3)
    for op in (operator.add, operator.sub, operator.mul, operator.truediv, operator.pow):
        for got in (op(x, s), op(s, x)):
            assert isinstance(got, TaylorArray) and got.shape == (2,)
        same_bits(coefficients(op(s, x))[:, 1], op(s, scalar_of(x, 1)).coefficients)
    both = np.concatenate([x, [s, 1.0]])
    same_bits(coefficients(both)[:, 2], s.coefficients)
    same_bits(coefficients(both)[:, 3], [1.0, 0.0, 0.0, 0.0])
    assert TaylorArray([[s, 2.0]]).shape == (1, 2)
    assert [type(e) for e in x] == [dn.Taylor, dn.Taylor]
    with pytest.raises(ValueError, match="orders 3 and 4"):
        x + dn.Taylor.variable(1.0, 4)


def test_docstring_examples_run():
    import doctest

    from dualnum.series import container
    result = doctest.testmod(container, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted and not result.failed


def test_the_taylor_package_sits_above_the_layers_it_uses():
    """dualnum.series imports the array registry, a leaf helper, the rule table and the
    compiled kernels, and its modules only those before them; the layers below it (the
    array package, the rule table) do not import it."""
    import ast
    import pathlib
    root = pathlib.Path(dn.__file__).parent
    order = ["kernels", "container", "elementwise", "linear", "products"]
    allowed = {"..arrays._registry", "..arrays._util", "..rules", ".._taylor"}
    for i, name in enumerate(order):
        for node in ast.walk(ast.parse((root / "series" / (name + ".py")).read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                module = "." * node.level + (node.module or "")
                if node.level == 1:
                    assert module.lstrip(".") in order[:i], (name, module)
                else:
                    for alias in node.names:
                        full = module + ("" if module.endswith(".") else ".") + alias.name
                        assert module in allowed or full in allowed, (name, full)
    for path in [root / "rules.py", *(root / "arrays").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n == "series" or n.endswith(".series") or ".series." in n
                               for n in names), path
