"""The scalar Taylor series (dualnum.Taylor, src/taylor_scalar.pxi): coefficients against
references from outside the code (mpmath.taylor at 50 digits, sympy's series), mixed
operands on both sides, the same bits as the series arrays' kernels (dualnum._taylor),
refused conversions and inputs, orders that differ, pickling and the NumPy protocol."""
import copy
import doctest
import math
import operator
import pickle
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy

import dualnum as dn
from dualnum import Dual, Taylor, _taylor
from dualnum._taylor import TaylorWarning

mpmath.mp.dps = 50


def reference(f, x, order):
    """The normalised Taylor coefficients of f at x to the order, by mpmath at 50 digits."""
    return [float(c) for c in mpmath.taylor(f, mpmath.mpf(x), order)]


def assert_series(got, want, rtol=1e-13):
    """got (a Taylor) against the coefficients want, each to rtol of the largest."""
    assert isinstance(got, Taylor)
    coefficients = got.coefficients
    assert coefficients.shape == (len(want),)
    scale = max(abs(w) for w in want)
    for k, (g, w) in enumerate(zip(coefficients, want)):
        assert abs(g - w) <= rtol * (abs(w) + scale), (k, g, w)


def series(x, order, *tail):
    """A Taylor of order ``order`` with general coefficients: x, then tail, then a pattern."""
    c = [x, *tail] + [(-1) ** k * 0.3 / (k + 1) for k in range(len(tail) + 1, order + 1)]
    return Taylor(c[:order + 1])


# --- values against independent references ---------------------------------------------

def test_worked_example_against_mpmath():
    t = Taylor.variable(0.3, 12)
    y = np.exp(np.sin(t)) * t ** 2 / (1 + t ** 2)
    assert y.order == 12
    want = reference(lambda s: mpmath.exp(mpmath.sin(s)) * s ** 2 / (1 + s ** 2), 0.3, 12)
    assert_series(y, want)


def test_textbook_eighth_derivative_of_exp_cos():
    # d^8/dx^8 exp(x) cos(x) at 0 = 2^4 cos(8 pi/4) = 16
    t = Taylor.variable(0.0, 9)
    y = np.exp(t) * np.cos(t)
    assert y.derivatives()[8] == pytest.approx(16.0, rel=1e-14)
    x = sympy.Symbol("x")
    poly = sympy.series(sympy.exp(x) * sympy.cos(x), x, 0, 10).removeO()
    want = [float(poly.coeff(x, k)) for k in range(10)]
    assert_series(y, want, rtol=1e-15)


def test_derivatives_are_factorials_times_coefficients():
    t = series(0.7, 6)
    assert np.array_equal(t.derivatives(),
                          t.coefficients * [math.factorial(k) for k in range(7)])


CONSTANTS = [2, 2.5, np.float64(-1.25), np.float32(0.75), np.int64(3), True, Fraction(3, 4)]
# (name, Taylor expression, mpmath expression) with the constant c and the variable s
MIXED = [
    ("t + c", lambda t, c: t + c, lambda s, c: s + c),
    ("c + t", lambda t, c: c + t, lambda s, c: c + s),
    ("t - c", lambda t, c: t - c, lambda s, c: s - c),
    ("c - t", lambda t, c: c - t, lambda s, c: c - s),
    ("t * c", lambda t, c: t * c, lambda s, c: s * c),
    ("c * t", lambda t, c: c * t, lambda s, c: c * s),
    ("t / c", lambda t, c: t / c, lambda s, c: s / c),
    ("c / t", lambda t, c: c / t, lambda s, c: c / s),
    ("t ** c", lambda t, c: t ** c, lambda s, c: s ** c),
    ("c ** t", lambda t, c: c ** t, lambda s, c: c ** s),
]


@pytest.mark.parametrize("c", CONSTANTS, ids=lambda c: "%s(%s)" % (type(c).__name__, c))
@pytest.mark.parametrize("name, op, ref", MIXED, ids=[m[0] for m in MIXED])
def test_mixed_operands_against_mpmath(name, op, ref, c):
    if name == "c ** t":
        c = abs(c)  # a positive base
    x = 1.3
    got = op(Taylor.variable(x, 8), c)
    assert got.order == 8
    k = mpmath.mpf(float(c))  # the constant as the library sees it
    assert_series(got, reference(lambda s: ref(s, k), x, 8))


def test_constants_touch_coefficient_zero_or_scale_all():
    t = series(0.5, 5, 2.0)
    c = t.coefficients
    assert np.array_equal((t + 2.0).coefficients, np.r_[c[0] + 2.0, c[1:]])
    assert np.array_equal((2.0 - t).coefficients, np.r_[2.0 - c[0], -c[1:]])
    assert np.array_equal((t * 3.0).coefficients, c * 3.0)
    assert np.array_equal((t / 3.0).coefficients, c / 3.0)
    assert np.array_equal((-t).coefficients, -c)
    assert +t is t


def test_two_series_against_mpmath():
    a, b = Taylor.variable(0.8, 7), Taylor.variable(0.8, 7) * 2.0 + 1.0
    ref = {"+": (operator.add, lambda s: s + (2 * s + 1)),
           "-": (operator.sub, lambda s: s - (2 * s + 1)),
           "*": (operator.mul, lambda s: s * (2 * s + 1)),
           "/": (operator.truediv, lambda s: s / (2 * s + 1)),
           "**": (operator.pow, lambda s: s ** (2 * s + 1))}
    for name, (op, f) in ref.items():
        assert_series(op(a, b), reference(f, 0.8, 7))


# --- the same bits as the series arrays -------------------------------------------------

def column(t):
    """t's coefficients as a series array of one element."""
    return t.coefficients[:, None]


@pytest.mark.parametrize("order", [0, 1, 4, 11, 20])
def test_products_and_quotients_match_the_array_kernels(order):
    a, b = series(0.9, order, -1.7), series(-2.3, order, 0.4, 5.0)
    assert np.array_equal((a * b).coefficients, _taylor.mul(column(a), column(b))[:, 0])
    assert np.array_equal((a / b).coefficients, _taylor.div(column(a), column(b))[:, 0])
    # an element anywhere in a long array (blocks of 256) has the same bits
    many = np.repeat(column(b), 300, axis=1)
    assert np.array_equal(_taylor.div(np.repeat(column(a), 300, axis=1), many)[:, 299],
                          (a / b).coefficients)
    # c / a is the series of 1 / a times c
    one = np.zeros((order + 1, 1))
    one[0] = 1.0
    assert np.array_equal((2.5 / a).coefficients, _taylor.div(one, column(a))[:, 0] * 2.5)


def unary_rules_with_ufuncs():
    import scipy.special
    names = set(getattr(_taylor, "UNARY_RULES", ()))
    found = []
    for r in dn.rules.UNARY:
        if r.name in names and not r.params and (r.numpy or r.scipy):
            module, attr = (np, r.numpy) if r.numpy else (scipy.special, r.scipy)
            found.append((r.name, getattr(module, attr)))
    return found


@pytest.mark.skipif(not hasattr(_taylor, "unary"), reason="no rule kernels in dualnum._taylor")
def test_ufuncs_match_the_array_rule_kernels():
    rules = {r.name: r for r in dn.rules.UNARY}
    checked = 0
    for name, ufunc in unary_rules_with_ufuncs():
        x = rules[name].samples[1]
        t = series(x, 9, 0.5)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = ufunc(t).coefficients
            want = _taylor.unary(name, column(t))[0][:, 0]
        assert np.array_equal(got, want, equal_nan=True), name
        checked += 1
    assert checked >= 10
    t = series(1.4, 6, 0.5)
    for p in (2.0, 2.5, -3.0, 0.5):
        assert np.array_equal((t ** p).coefficients, _taylor.unary(
            "power_constant_exponent", column(t), p)[0][:, 0])
        assert np.array_equal((abs(p) ** t).coefficients, _taylor.unary(
            "power_constant_base", column(t), abs(p))[0][:, 0])
    assert np.array_equal((t ** t).coefficients,
                          _taylor.binary("power", column(t), column(t))[0][:, 0])


# --- NumPy's and SciPy's ufuncs ----------------------------------------------------------

def test_arithmetic_ufuncs_are_the_operators():
    t, u = series(1.1, 5, 0.3), series(-0.4, 5, 2.0)
    for ufunc, op in [(np.add, operator.add), (np.subtract, operator.sub),
                      (np.multiply, operator.mul), (np.divide, operator.truediv),
                      (np.power, operator.pow)]:
        assert np.array_equal(ufunc(t, u).coefficients, op(t, u).coefficients)
        assert np.array_equal(ufunc(t, 2.0).coefficients, op(t, 2.0).coefficients)
        assert np.array_equal(ufunc(3.0, t).coefficients, op(3.0, t).coefficients)
    assert np.array_equal(np.negative(t).coefficients, (-t).coefficients)
    assert np.array_equal((np.float64(2.0) * t).coefficients, (2.0 * t).coefficients)
    assert np.array_equal((t * np.array(2.0)).coefficients, (2.0 * t).coefficients)
    assert np.less(t, 2.0) and np.greater_equal(t, u) and not np.isnan(t)


def test_ufunc_without_a_rule_is_refused_by_name():
    import scipy.special
    t = Taylor.variable(0.5, 3)
    with pytest.raises(TypeError, match=r"numpy\.spacing"):
        np.spacing(t)
    with pytest.raises(TypeError, match=r"scipy\.special\.sindg"):
        scipy.special.sindg(t)
    with pytest.raises(TypeError, match="keywords"):
        np.add(t, 1.0, out=None, dtype=object)


@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.truediv,
                                operator.pow, np.maximum, np.arctan2])
@pytest.mark.parametrize("array_first", [False, True])
def test_real_arrays_beside_a_scalar_give_taylor_arrays(op, array_first):
    """t op array: a Taylor array whose element i is t op array[i] (the scalar arithmetic,
    an independent path), either operand first, a non-unit direction and general
    coefficients; NumPy scalars and 0-d arrays stay scalars."""
    from dualnum.series import TaylorArray
    t = Taylor([0.7, -1.3, 0.4, 2.1])
    values = np.linspace(0.5, 2.5, 70)
    got = op(values, t) if array_first else op(t, values)
    assert isinstance(got, TaylorArray) and got.shape == values.shape
    for i, v in enumerate(values):
        want = op(float(v), t) if array_first else op(t, float(v))
        np.testing.assert_array_equal(got.coefficients[:, i], want.coefficients)
    assert isinstance(op(t, np.float64(1.5)), Taylor)
    assert isinstance(op(np.array(1.5), t), Taylor)


def test_comparisons_with_real_arrays_read_coefficient_0():
    t = Taylor([1.0, 5.0, -2.0])
    values = np.array([0.0, 1.0, 2.0])
    np.testing.assert_array_equal(t < values, 1.0 < values)
    np.testing.assert_array_equal(values >= t, values >= 1.0)


def test_foreign_arrays_beside_a_scalar_are_left_to_their_types():
    t = Taylor.variable(0.5, 3)
    with pytest.raises(TypeError):
        dn.DualArray(np.ones(2), 1.0) * t
    with pytest.raises(TypeError):
        np.array(["a", "b"]) + t


def test_no_taylor_series_warns():
    with pytest.warns(TaylorWarning, match=r"sqrt.*no Taylor series.*Fix") as record:
        y = np.sqrt(Taylor.variable(0.0, 3))
    assert isinstance(record[0].message, RuntimeWarning)
    assert record[0].message.orders == 0
    assert record[0].filename == __file__  # the caller's line
    assert np.isnan(y.coefficients).any()


# --- the Python object protocol ----------------------------------------------------------

def test_construction_and_attributes():
    t = Taylor([1, 2.5, Fraction(1, 4), np.float32(0.5), True])
    assert t.order == 4 and t.real == 1.0 and type(t.real) is float
    c = t.coefficients
    assert c.dtype == np.float64 and c.tolist() == [1.0, 2.5, 0.25, 0.5, 1.0]
    c[0] = 99.0  # a copy
    assert t.real == 1.0
    assert Taylor(np.arange(3)).coefficients.tolist() == [0.0, 1.0, 2.0]
    assert Taylor((7.0,)).order == 0
    v = Taylor.variable(np.float64(2.0), 3)
    assert v.coefficients.tolist() == [2.0, 1.0, 0.0, 0.0]
    assert Taylor.variable(2, 0).coefficients.tolist() == [2.0]
    assert repr(v) == "Taylor([2.0, 1.0, 0.0, 0.0])"
    assert eval(repr(v), {"Taylor": Taylor}).coefficients.tolist() == v.coefficients.tolist()
    assert format(v, ".2f") == "Taylor([2.00, 1.00, 0.00, 0.00])"


@pytest.mark.parametrize("bad, error", [
    ([], ValueError), ([[1.0, 2.0]], ValueError), ([[1.0], [2.0, 3.0]], ValueError),
    (np.zeros((2, 2)), ValueError), (1.0, TypeError), (np.float64(1.0), TypeError),
    ("12", TypeError), (["a", "b"], TypeError), ([1.0, 1j], TypeError), (None, TypeError),
    ([1.0, Dual(1.0, 1.0)], TypeError), ([1.0, None], TypeError), ({1.0: 2.0}, TypeError),
    ([1.0, Taylor([1.0])], TypeError)])
def test_bad_coefficients_are_refused(bad, error):
    with pytest.raises(error, match="Taylor|coefficient"):
        Taylor(bad)


def test_bad_variables_are_refused():
    with pytest.raises(TypeError):
        Taylor()
    with pytest.raises(TypeError, match="real number"):
        Taylor.variable("1.0", 3)
    with pytest.raises(TypeError):
        Taylor.variable(1.0, 2.5)
    with pytest.raises(ValueError, match="-1"):
        Taylor.variable(1.0, -1)


def test_conversions_are_refused():
    t = Taylor.variable(0.5, 2)
    for convert in (float, int, complex, math.sin, operator.index, np.float64,
                    lambda z: np.array([z], dtype=float), lambda z: 1j * z):
        with pytest.raises(TypeError):
            convert(t)
    with pytest.raises(TypeError, match="cannot convert a Taylor to float.*coefficients"):
        float(t)


def test_comparisons_bool_and_hash_see_coefficient_zero():
    t, u = Taylor([1.5, 2.0]), Taylor([1.5, -7.0])
    assert t == u and t == 1.5 and 1.5 == t and not (t != u) and hash(t) == hash(1.5)
    assert t < 2 and 2 > t and t <= u and t >= Fraction(3, 2) and np.float64(1.0) < t
    assert Taylor([1.5, 2.0, 3.0]) == t  # the orders need not agree where only values count
    assert bool(t) and not bool(Taylor([0.0, 1.0]))
    assert (t == "1.5") is False
    with pytest.raises(TypeError):
        t < "x"


@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.truediv,
                                operator.pow, divmod, np.power, np.add])
def test_orders_must_agree(op):
    with pytest.raises(ValueError, match=r"orders 3 and 5"):
        op(Taylor.variable(0.5, 3), Taylor.variable(0.5, 5))


def test_pickling_and_copies():
    for t in (series(0.3, 0), series(-1.25, 12, 0.5, 1e-300)):
        back = pickle.loads(pickle.dumps(t))
        assert type(back) is Taylor and back.coefficients.tolist() == t.coefficients.tolist()
        assert copy.copy(t) is t and copy.deepcopy(t) is t


def test_in_place_operators_build_new_values():
    t = Taylor.variable(0.5, 3)
    s = t
    s += 1.0
    s *= t
    assert t.coefficients.tolist() == [0.5, 1.0, 0.0, 0.0] and s is not t


def test_floor_division_and_remainder():
    t = series(7.5, 4, 3.0)
    q, r = divmod(t, 2.0)
    assert q.coefficients.tolist() == [3.0, 0.0, 0.0, 0.0, 0.0]
    assert r.real == 1.5 and np.array_equal(r.coefficients[1:], t.coefficients[1:])
    assert np.array_equal((t // 2.0).coefficients, q.coefficients)
    assert np.array_equal((t % 2.0).coefficients, r.coefficients)
    assert (10.0 % t).real == 2.5 and (10.0 // t).real == 1.0


def test_compiled_docstring_examples_run():
    if "exp" not in getattr(_taylor, "UNARY_RULES", ()):
        pytest.skip("no exp rule kernel")
    result = doctest.testmod(_taylor, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_rules_as_methods_serve_object_arrays():
    t, u = series(0.4, 6, 0.5), series(1.2, 6, -0.3)
    assert np.array_equal(t.exp().coefficients, np.exp(t).coefficients)
    got = np.sin(np.array([t, u], dtype=object))
    assert [g.coefficients.tolist() for g in got] == \
        [np.sin(t).coefficients.tolist(), np.sin(u).coefficients.tolist()]
    with pytest.raises(AttributeError, match="no_such_rule"):
        t.no_such_rule()
    assert not hasattr(t, "__array_interface__")


RULE_KERNELS = pytest.mark.skipif(not hasattr(_taylor, "binary"),
                                  reason="no rule kernels in dualnum._taylor")


@RULE_KERNELS
def test_scipy_ufuncs_with_parameters_and_binary_rules_against_mpmath():
    import scipy.special
    t = Taylor.variable(1.7, 6)
    if "jv" in _taylor.UNARY_RULES:
        assert_series(scipy.special.jv(1.5, t),
                      reference(lambda s: mpmath.besselj(1.5, s), 1.7, 6), rtol=1e-12)
    if "erf" in _taylor.UNARY_RULES:
        assert_series(scipy.special.erf(t), reference(mpmath.erf, 1.7, 6))
    if "arctan2" in _taylor.BINARY_RULES:
        assert_series(np.arctan2(t, 2.0), reference(lambda s: mpmath.atan2(s, 2), 1.7, 6))
        assert_series(np.arctan2(0.5, t), reference(lambda s: mpmath.atan2(0.5, s), 1.7, 6))


@RULE_KERNELS
def test_missing_orders_warn_and_name_the_fix():
    # sqrt(t^4 + t^5) = t^2 sqrt(1 + t): coefficient k needs the input to order k + 2
    u = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0]
    with pytest.warns(TaylorWarning, match=r"sqrt.*more input orders.*Fix.*order 7") as record:
        y = np.sqrt(Taylor(u))
    assert record[0].message.orders == 2
    want = reference(lambda s: s ** 2 * mpmath.sqrt(1 + s), 0.0, 5)
    assert np.isnan(y.coefficients[4:]).all()
    assert np.allclose(y.coefficients[:4], want[:4], rtol=1e-15, atol=1e-15)
    with pytest.warns(TaylorWarning, match="top 2"):  # the fix the warning names
        longer = np.sqrt(Taylor(u + [0.0, 0.0]))
    assert np.allclose(longer.coefficients[:6], want, rtol=1e-15, atol=1e-15)
