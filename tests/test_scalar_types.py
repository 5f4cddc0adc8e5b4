"""Dual and HyperDual as Python numbers: construction, protocol methods, operators against
sympy's derivatives, mixing rules, comparisons, conversions and NumPy/SciPy integration."""
import copy
import math
import operator
import pickle
import re
from fractions import Fraction

import numpy as np
import pytest
import scipy.special
import sympy

import dualnum as dn
from dualnum import Dual, HyperDual

TYPES = [Dual, HyperDual]
PARTS = {Dual: ("real", "dual"), HyperDual: ("real", "eps1", "eps2", "eps1eps2")}
# Two seeds per type, with general (non-unit) perturbation parts.
SEEDS = {Dual: [(1.3, 0.7), (0.6, -1.9)],
         HyperDual: [(1.3, 0.7, -1.1, 0.45), (0.6, -1.9, 0.35, 1.25)]}


def parts(z):
    return tuple(getattr(z, p) for p in PARTS[type(z)])


def make(T, i=0):
    return T(*SEEDS[T][i])


def sympy_jet(expr_fn, point):
    """Value, gradient and Hessian of expr_fn(*symbols) at point, from sympy at 40 digits."""
    syms = sympy.symbols("u0:%d" % len(point), real=True)
    expr = expr_fn(*syms)
    at = {s: sympy.Rational(p) for s, p in zip(syms, point)}

    def ev(e):
        return float(sympy.N(sympy.sympify(e).subs(at), 40))
    grad = [ev(sympy.diff(expr, s)) for s in syms]
    hess = [[ev(sympy.diff(expr, s, t)) for t in syms] for s in syms]
    return ev(expr), grad, hess


def expected_parts(T, expr_fn, seeds):
    """The parts of expr_fn(T(*seed) ...) by the definition of dual/hyper-dual numbers."""
    val, g, H = sympy_jet(expr_fn, [s[0] for s in seeds])
    n = range(len(seeds))
    b = [s[1] for s in seeds]
    if T is Dual:
        return (val, sum(g[i] * b[i] for i in n))
    c, d = [s[2] for s in seeds], [s[3] for s in seeds]
    return (val, sum(g[i] * b[i] for i in n), sum(g[i] * c[i] for i in n),
            sum(g[i] * d[i] for i in n) + sum(H[i][j] * b[i] * c[j] for i in n for j in n))


def assert_parts_close(got, want, rtol=1e-14):
    got = parts(got) if isinstance(got, (Dual, HyperDual)) else got
    scale = max(abs(w) for w in want)
    for g, w in zip(got, want, strict=True):
        assert abs(g - w) <= rtol * abs(w) + 1e-15 * scale, (got, want)


# --- construction and the Python object protocol -------------------------------------

@pytest.mark.parametrize("T", TYPES)
def test_construction_defaults_and_attributes(T):
    z = T(2)
    assert parts(z) == (2.0,) + (0.0,) * (len(PARTS[T]) - 1)
    assert all(type(p) is float for p in parts(z))
    ints = range(1, len(PARTS[T]) + 1)
    assert parts(T(*ints)) == tuple(map(float, ints))
    last = PARTS[T][-1]  # keywords are the part names
    assert parts(T(real=1.5, **{last: -4.0})) == (1.5,) + (0.0,) * (len(PARTS[T]) - 2) + (-4.0,)
    with pytest.raises(TypeError):
        T()
    with pytest.raises(TypeError):
        T("1.0")


@pytest.mark.parametrize("T", TYPES)
def test_immutable(T):
    z = make(T)
    for name in PARTS[T]:
        with pytest.raises(AttributeError):
            setattr(z, name, 5.0)
    with pytest.raises(AttributeError):
        z.other = 1.0
    assert parts(z) == SEEDS[T][0]


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("values", [(0.1, -2.0 / 3.0, 1e-300, -1.2345678901234567e100),
                                    (-0.0, 5e-324, 3.0, 1.7976931348623157e308)])
def test_repr_shows_all_parts_and_round_trips(T, values):
    z = T(*values[:len(PARTS[T])])
    text = repr(z)
    assert text.startswith(T.__name__ + "(")
    for v in parts(z):
        assert repr(v) in text
    back = eval(text, {"Dual": Dual, "HyperDual": HyperDual})
    assert type(back) is T
    assert [p.hex() for p in parts(back)] == [p.hex() for p in parts(z)]


@pytest.mark.parametrize("T", TYPES)
def test_copy_deepcopy_pickle(T):
    z = make(T)
    copies = [copy.copy(z), copy.deepcopy(z), copy.deepcopy([z])[0]]
    copies += [pickle.loads(pickle.dumps(z, protocol=p))
               for p in range(pickle.HIGHEST_PROTOCOL + 1)]
    for c in copies:
        assert type(c) is T and parts(c) == parts(z)


@pytest.mark.parametrize("T", TYPES)
def test_hash_consistent_with_equality_on_the_real_part(T):
    a, b = T(2.0, 1.0), T(2.0, -3.0)
    assert a == b and hash(a) == hash(b) == hash(2.0) == hash(2)
    assert a == 2 and 2.0 == a
    assert len({a, b, T(2.5, 1.0)}) == 2
    assert {a: "x"}[2.0] == "x"


# --- arithmetic against sympy ---------------------------------------------------------

CONSTANTS = [3, 2.5, True, np.float64(1.75), np.float32(0.5), np.int64(3), Fraction(3, 4)]
OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("c", CONSTANTS, ids=lambda c: type(c).__name__)
@pytest.mark.parametrize("left", [False, True], ids=["x_op_c", "c_op_x"])
def test_operator_with_constant(T, op, c, left):
    """x op c and c op x for every kind of real constant, against sympy's derivatives."""
    k = sympy.Rational(float(c))  # the constant as the library sees it, exactly
    h = (lambda u, k: op(k, u)) if left else (lambda u, k: op(u, k))
    got = h(make(T), c)
    assert type(got) is T
    assert_parts_close(got, expected_parts(T, lambda u: h(u, k), [SEEDS[T][0]]))


EXPRESSIONS = {
    "3/u": lambda u: 3 / u, "2**u": lambda u: 2 ** u, "2.0**u": lambda u: 2.0 ** u,
    "u**u": lambda u: u ** u, "u**0": lambda u: u ** 0, "u**1": lambda u: u ** 1,
    "u**2": lambda u: u ** 2, "u**-2": lambda u: u ** -2, "u**3.7": lambda u: u ** 3.7,
    "-u": lambda u: -u, "+u": lambda u: +u, "abs(u)": abs, "abs(-u)": lambda u: abs(-u),
    "(u*u-1)/(u+2)": lambda u: (u * u - 1) / (u + 2), "1/(1+u**-0.5)": lambda u: 1 / (1 + u ** -0.5),
}


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("name", EXPRESSIONS)
@pytest.mark.parametrize("a", [1.3, 0.4, 2.75])
def test_expression_of_one_variable(T, name, a):
    seed = (a,) + SEEDS[T][0][1:]
    assert_parts_close(EXPRESSIONS[name](T(*seed)), expected_parts(T, EXPRESSIONS[name], [seed]))


def test_abs_of_a_negative_number_flips_the_derivative():
    assert_parts_close(abs(HyperDual(-1.3, 0.7, -1.1, 0.45)),
                       expected_parts(HyperDual, abs, [(-1.3, 0.7, -1.1, 0.45)]))


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
def test_operator_with_same_type(T, op):
    x, y = make(T, 0), make(T, 1)
    assert_parts_close(op(x, y), expected_parts(T, op, SEEDS[T]))
    assert_parts_close(op(y, x), expected_parts(T, lambda u, v: op(v, u), SEEDS[T]))
    assert_parts_close(op(x, x), expected_parts(T, lambda u: op(u, u), SEEDS[T][:1]))


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("c", CONSTANTS + [0.7], ids=repr)
def test_floordiv_and_mod(T, c):
    """// is piecewise constant; x % c = x - q c and c % x = c - q x with q integral."""
    x = make(T)
    a, cf, zero = x.real, float(c), (0.0,) * (len(PARTS[T]) - 1)
    q_right, q_left = a // cf, cf // a
    assert parts(x // c) == (q_right,) + zero
    assert parts(c // x) == (q_left,) + zero
    assert_parts_close(x % c, (a % cf,) + parts(x)[1:])
    assert_parts_close(c % x, (cf % a,) + tuple(-q_left * p for p in parts(x)[1:]))
    assert (x % c).real == a % cf and (c % x).real == cf % a


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("a, c", [(1.3, -2.5), (-1.3, 2.5), (-7.5, -2.0), (1.0, 0.1),
                                  (0.5, 0.1), (5.0, 3.0)])
def test_floordiv_and_mod_follow_python_floats(T, a, c):
    """The real parts of // and % are Python's float // and % (sign of the divisor; q and r
    with q * c + r == a), whatever the signs."""
    x = T(a, 1.0)
    assert ((x // c).real, (x % c).real) == divmod(a, c)
    assert ((c // x).real, (c % x).real) == divmod(c, a)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("c", CONSTANTS + [-2.5, 0.7], ids=repr)
def test_divmod(T, c):
    """divmod(x, c) == (x // c, x % c), on either side (for NumPy scalars too, as // and %
    work with them)."""
    x = make(T)
    for pair, (q, r) in [(divmod(x, c), (x // c, x % c)), (divmod(c, x), (c // x, c % x))]:
        assert parts(pair[0]) == parts(q) and parts(pair[1]) == parts(r)


@pytest.mark.parametrize("T", TYPES)
def test_negation_keeps_the_sign_of_zero(T):
    """-x must negate the real part like float negation: -(0.0) is -0.0, which decides
    e.g. arctan2's branch (atan2(-0.0, -1) = -pi)."""
    z = -T(0.0, 1.0)
    assert math.copysign(1.0, z.real) == -1.0
    assert dn.arctan2(z, -1.0).real == math.atan2(-0.0, -1.0)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("c", CONSTANTS + [-1.25], ids=repr)
def test_operator_symmetry(T, c):
    x = make(T)
    assert parts(x + c) == parts(c + x)
    assert parts(x * c) == parts(c * x)
    assert parts(c - x) == parts(-(x - c))
    assert_parts_close(c / x, parts(c * (1 / x)), rtol=1e-15)


# --- mixing types and unsupported operands ---------------------------------------------

MIXED = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
         operator.floordiv, operator.mod, divmod, operator.lt, operator.ge, operator.eq,
         operator.ne, dn.arctan2, dn.hypot, dn.maximum, dn.minimum, dn.logaddexp]


@pytest.mark.parametrize("f", MIXED, ids=lambda f: f.__name__)
@pytest.mark.parametrize("swap", [False, True])
def test_mixing_dual_and_hyperdual_raises(f, swap):
    args = (make(Dual), make(HyperDual))
    with pytest.raises(TypeError) as info:
        f(*(args[::-1] if swap else args))
    assert re.search(r"\bDual\b", str(info.value)) and "HyperDual" in str(info.value)


@pytest.mark.parametrize("perturbation", [0.0, 1.0])
def test_a_dual_built_by_hand_beside_an_api_hyperdual_is_a_type_mix(perturbation):
    """Not perturbation confusion: the hand-built Dual (tag 0) only has the other type; the
    message says to seed one type, or to write a constant as its real part."""
    with pytest.raises(TypeError, match=r"cannot mix Dual and HyperDual.*x\.real"):
        dn.second_derivative(lambda t: t * Dual(1.0, perturbation), 1.0)
    with pytest.raises(TypeError, match="perturbation confusion"):   # two API calls: still
        dn.second_derivative(lambda t: t * dn.derivative(lambda u: u * t, 1.0), 1.0)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("other", ["a", None, 1j], ids=repr)
@pytest.mark.parametrize("op", OPS + [operator.floordiv, operator.mod, divmod, operator.lt],
                         ids=lambda f: f.__name__)
def test_unsupported_operands_raise(T, other, op):
    with pytest.raises(TypeError):
        op(make(T), other)
    with pytest.raises(TypeError):
        op(other, make(T))


# --- comparisons, bool, conversions ----------------------------------------------------

@pytest.mark.parametrize("T", TYPES)
def test_comparisons_use_the_real_part(T):
    lo, hi = T(1.0, 50.0), T(2.0, -50.0)
    assert lo < hi and lo <= hi and hi > lo and hi >= lo and lo != hi
    assert not (lo > hi or lo >= hi or hi < lo or lo == hi)
    assert T(2.0, 1.0) == T(2.0, 9.0) and T(2.0, 1.0) <= T(2.0, 9.0)
    for c in (1.5, 3, np.float64(1.5), np.int64(3), Fraction(3, 2)):
        assert (lo < c) == (1.0 < c) and (c > hi) == (c > 2.0) and (c <= lo) == (c <= 1.0)
        assert (hi >= c) == (2.0 >= c) and (hi == c) == (2.0 == c) and (c != lo) == (c != 1.0)


@pytest.mark.parametrize("T", TYPES)
def test_bool_uses_the_real_part(T):
    assert not T(0.0, 1.0) and not T(-0.0, 3.0)
    assert T(1e-300) and T(-2.0, 0.0)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("convert", [float, int, complex, math.sin, math.exp, math.sqrt,
                                     np.float64, lambda z: np.array([z], dtype=float)],
                         ids=["float", "int", "complex", "math.sin", "math.exp", "math.sqrt",
                              "np.float64", "np.array_float"])
def test_conversion_to_plain_numbers_raises(T, convert):
    with pytest.raises(TypeError) as info:
        convert(make(T))
    assert "dualnum.sin" in str(info.value) or "numpy.sin" in str(info.value)


# --- NumPy and SciPy integration ------------------------------------------------------

@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("ufunc, func, args", [
    (np.sin, dn.sin, lambda z: (z,)), (np.exp, dn.exp, lambda z: (z,)),
    (np.sqrt, dn.sqrt, lambda z: (z,)), (np.arctan2, dn.arctan2, lambda z: (z, 2.0)),
    (np.hypot, dn.hypot, lambda z: (2.0, z)), (np.maximum, dn.maximum, lambda z: (z, 1.0)),
    (np.power, dn.power, lambda z: (1.5, z)), (np.multiply, operator.mul, lambda z: (z, z)),
], ids=lambda v: getattr(v, "__name__", ""))
def test_numpy_ufunc_on_scalars(T, ufunc, func, args):
    got, want = ufunc(*args(make(T))), func(*args(make(T)))
    assert type(got) is T and parts(got) == parts(want)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("name, func", [("erf", dn.erf), ("erfc", dn.erfc),
                                        ("gamma", dn.gamma), ("gammaln", dn.lgamma),
                                        ("digamma", dn.digamma), ("expit", dn.sigmoid)])
def test_scipy_special_on_scalars(T, name, func):
    got = getattr(scipy.special, name)(make(T))
    assert type(got) is T and parts(got) == parts(func(make(T)))


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("call, name", [(lambda z: np.gcd(z, 2), "gcd.*integers"),
                                        (lambda z: np.bitwise_and(z, 3), "bitwise_and"),
                                        (np.isnat, "isnat.*datetimes"),
                                        (lambda z: np.ldexp(2, z), "ldexp.*integer exponent"),
                                        (lambda z: np.maximum.reduceat(z, [0]),
                                         r"maximum\.reduceat")])
def test_unsupported_ufunc_raises(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(make(T))


def duals(T, n):
    return [T(0.3 + 0.4 * i, *(0.5 - 0.25 * i + 0.1 * k for k in range(len(PARTS[T]) - 1)))
            for i in range(n)]


@pytest.mark.parametrize("T", TYPES)
def test_object_arrays(T):
    xs = duals(T, 3)
    arr, w = np.array(xs, dtype=object), np.array([1.5, -2.0, 0.25])
    for got, x in zip(np.sin(arr), xs):
        assert type(got) is T and parts(got) == parts(dn.sin(x))
    for got, x, wi in zip(arr * w, xs, w):
        assert parts(got) == parts(x * wi)
    for got, x, wi in zip(w / arr, xs, w):
        assert parts(got) == parts(wi / x)
    columns = np.array([parts(x) for x in xs])
    assert_parts_close(np.sum(arr), tuple(columns.sum(axis=0)))
    assert_parts_close(np.dot(arr, w), tuple(w @ columns))


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("f", [operator.add, operator.mul, operator.truediv, np.arctan2,
                               np.hypot], ids=lambda f: f.__name__)
def test_object_array_broadcasting(T, f):
    col = np.array(duals(T, 3), dtype=object).reshape(3, 1)
    row = np.array([[0.5, -1.0, 2.0, 4.0]])
    out = f(col, row)
    assert out.shape == (3, 4)
    for i in range(3):
        for j in range(4):
            assert parts(out[i, j]) == parts(f(col[i, 0], row[0, j]))


@pytest.mark.parametrize("name", ["sin", "exp", "sqrt", "log", "arctan", "tanh", "cbrt",
                                  "log1p", "expm1", "arcsinh"])
def test_module_functions_on_float_arrays(name):
    xs = [[0.1, 0.5, 1.3], [2.0, 7.5, 30.0]]
    for arg in (xs, np.array(xs), xs[0]):
        got = getattr(dn, name)(arg)
        assert isinstance(got, np.ndarray) and got.dtype == np.float64
        np.testing.assert_allclose(got, getattr(np, name)(np.array(arg)), rtol=1e-15, atol=0)


@pytest.mark.parametrize("name", ["arctan2", "hypot", "logaddexp", "maximum", "minimum"])
def test_binary_module_functions_on_float_arrays(name):
    a, b = np.array([[0.5], [-2.0]]), [1.5, -0.25, 3.0]
    got = getattr(dn, name)(a, b)
    assert got.dtype == np.float64 and got.shape == (2, 3)
    np.testing.assert_allclose(got, getattr(np, name)(a, b), rtol=1e-15, atol=0)


@pytest.mark.parametrize("call, name", [(lambda: dn.sin("a"), "sin"), (lambda: dn.sin(None), "sin"),
                                        (lambda: dn.exp({}), "exp"),
                                        (lambda: dn.arctan2("a", 1.0), "arctan2"),
                                        (lambda: dn.hypot(None, 1.0), "hypot")])
def test_module_functions_reject_bad_input(call, name):
    with pytest.raises(TypeError, match=r"dualnum\.%s\b" % name):
        call()
