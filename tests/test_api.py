"""The differentiation API (derivative, second_derivative, derivatives, gradient, hessian,
jacobian, jvp, hvp) against derivatives computed symbolically by sympy, and what it takes
as input."""
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import scipy.optimize
import sympy

import dualnum as dn
from corpus import FIKE_ALONSO_X, fike_alonso, rosen, worked_example

RTOL = 1e-14


def sym_derivatives(f, a):
    """f(a), f'(a), f''(a) for f(t, module), from sympy at 40 digits at the exact float a."""
    t = sympy.Symbol("t", real=True)
    expr = f(t, sympy)
    return tuple(float(sympy.N(e.subs(t, sympy.Rational(a)), 40))
                 for e in (expr, sympy.diff(expr, t), sympy.diff(expr, t, 2)))


def sym_jet(f, point):
    """f(p), its Jacobian and (for a scalar f) Hessian at point, from sympy."""
    syms = sympy.symbols("p0:%d" % len(point), real=True)
    expr = sympy.Matrix(np.atleast_1d(np.array(f(syms, sympy), dtype=object)).tolist())
    at = {s: sympy.Rational(v) for s, v in zip(syms, point)}

    def ev(m):
        return np.array(sympy.N(m.subs(at), 40).tolist(), dtype=float)
    jac = ev(expr.jacobian(syms))
    hess = ev(sympy.hessian(expr[0], syms)) if len(expr) == 1 else None
    return ev(expr).ravel(), jac, hess


def assert_close(got, want, rtol=RTOL):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape
    scale = np.max(np.abs(want)) if want.size else 0.0
    assert np.all(np.abs(got - want) <= rtol * np.maximum(np.abs(want), 1e-3 * scale)), (got, want)


# Scalar functions written once for both sympy (m = sympy) and dualnum (m = dn).
SCALAR_CASES = {
    "polynomial": (lambda t, m: 3 * t ** 4 - 2 * t ** 3 + 5 * t - 7, [-1.5, 0.25, 2.0]),
    "product x^2 sin x": (lambda t, m: t ** 2 * m.sin(t), [-2.0, 0.3, 1.3]),
    "quotient x/(x^2+1)": (lambda t, m: t / (t ** 2 + 1), [-0.7, 0.5, 3.0]),
    "worked example": (worked_example, [0.7, 1.3, 2.9]),
    "Fike & Alonso": (fike_alonso, [0.2, 1.0, 1.5]),
}
SCALAR_POINTS = [(name, a) for name, (_, points) in SCALAR_CASES.items() for a in points]


@pytest.mark.parametrize("name, a", SCALAR_POINTS)
def test_scalar_derivatives_match_sympy(name, a):
    f = SCALAR_CASES[name][0]
    g = lambda t: f(t, dn)  # noqa: E731
    value, d1, d2 = sym_derivatives(f, a)
    assert_close(dn.derivative(g, a), d1)
    assert_close(dn.second_derivative(g, a), d2)
    assert_close(dn.derivatives(g, a), (value, d1, d2))


def test_polynomial_linearity():
    """(alpha f + beta g)' = alpha f' + beta g' for polynomials."""
    f, g = (lambda t: t ** 3 - 2 * t), (lambda t: 4 * t ** 2 + t)
    h = lambda t: 2 * f(t) - 3 * g(t)  # noqa: E731
    for a in (-3.0, 0.5, 2.0, 1.7):
        assert_close(dn.derivative(h, a), 2 * dn.derivative(f, a) - 3 * dn.derivative(g, a))
        assert_close(dn.derivative(h, a), 2 * (3 * a * a - 2) - 3 * (8 * a + 1))
        assert_close(dn.second_derivative(h, a), 2 * 6 * a - 3 * 8)


def test_fike_alonso_reference_values():
    """Fike & Alonso's test function e^x / sqrt(sin^3 x + cos^3 x) at 1.5; the values are
    sympy's (40 digits, rounded to double), as quoted in their paper to 8 digits."""
    f = lambda t: fike_alonso(t, dn)  # noqa: E731
    assert_close(dn.derivatives(f, FIKE_ALONSO_X),
                 (4.497780053946162, 4.053427893898621, 9.463073681596603))


@pytest.mark.parametrize("x", [2, np.float64(2.0), np.int64(2), np.float32(2.0), True,
                               Fraction(3, 2), np.array(2.5), np.array(2)], ids=repr)
def test_non_float_scalar_inputs(x):
    f = lambda t: t ** 3 * dn.exp(-t)  # noqa: E731
    a = float(x)
    d1 = (3 * a ** 2 - a ** 3) * np.exp(-a)
    d2 = (6 * a - 6 * a ** 2 + a ** 3) * np.exp(-a)
    for got, want in [(dn.derivative(f, x), d1), (dn.second_derivative(f, x), d2)]:
        assert type(got) is float
        assert_close(got, want)
    assert_close(dn.derivatives(f, x), (a ** 3 * np.exp(-a), d1, d2))


@pytest.mark.parametrize("c", [3.0, 5, np.float64(-1.5)])
def test_constant_function_has_zero_derivatives(c):
    for x in (1.0, 2, np.float64(0.5)):
        assert dn.derivative(lambda t: c, x) == 0.0
        assert dn.second_derivative(lambda t: c, x) == 0.0
        assert dn.derivatives(lambda t: c, x) == (float(c), 0.0, 0.0)
    np.testing.assert_array_equal(dn.gradient(lambda p: c, [1.0, 2.0]), [0.0, 0.0])
    np.testing.assert_array_equal(dn.hessian(lambda p: c, [1.0, 2.0]), np.zeros((2, 2)))


@pytest.mark.parametrize("shape", [(5,), (2, 3)])
def test_elementwise_derivative_on_arrays(shape):
    x = np.linspace(0.3, 2.9, int(np.prod(shape))).reshape(shape)
    f = lambda t: t ** 2 * np.sin(t)  # noqa: E731  (NumPy ufuncs on object arrays of duals)
    d1 = dn.derivative(f, x)
    value, d1_again, d2 = dn.derivatives(f, x)
    for got in (d1, d1_again, d2, value, dn.second_derivative(f, x)):
        assert isinstance(got, np.ndarray) and got.shape == shape and got.dtype == np.float64
    assert_close(value, x ** 2 * np.sin(x))
    assert_close(d1, 2 * x * np.sin(x) + x ** 2 * np.cos(x))
    assert_close(d2, (2 - x ** 2) * np.sin(x) + 4 * x * np.cos(x))
    assert_close(dn.derivative(f, x.tolist()), d1)


# --- several variables ---------------------------------------------------------------

QUADRATIC = lambda p, m: p[0] ** 2 + 3 * p[0] * p[1] + p[1] ** 2  # noqa: E731
CUBIC = lambda p, m: p[0] ** 3 * p[1] ** 2 + 2 * p[0] * p[1] - p[1] ** 3  # noqa: E731
TRIG = lambda p, m: m.sin(p[0] * p[1]) + p[2] * m.exp(p[0]) / (1 + p[1] ** 2)  # noqa: E731
VECTOR = lambda p, m: [p[0] * p[1] * m.sin(p[2]), p[0] ** 2 + m.exp(p[1] * p[2])]  # noqa: E731


@pytest.mark.parametrize("f, point", [(QUADRATIC, [1.0, 2.0]), (QUADRATIC, [-0.5, 3.25]),
                                      (CUBIC, [1.5, -0.75]), (CUBIC, [-2.0, 0.6]),
                                      (TRIG, [0.4, -1.2, 2.5])])
def test_gradient_and_hessian_match_sympy(f, point):
    _, jac, hess = sym_jet(f, point)
    g = lambda p: f(p, dn)  # noqa: E731
    grad = dn.gradient(g, point)
    assert grad.shape == (len(point),)
    assert_close(grad, jac[0])
    H = dn.hessian(g, point)
    assert H.shape == (len(point),) * 2
    assert_close(H, hess)
    np.testing.assert_array_equal(H, H.T)


def test_jacobian_of_a_vector_function():
    point = [0.7, -1.1, 2.3]
    _, jac, _ = sym_jet(VECTOR, point)
    J = dn.jacobian(lambda p: VECTOR(p, dn), point)
    assert J.shape == (2, 3)
    assert_close(J, jac)


@pytest.mark.parametrize("v", [[1.0, 0.0, 0.0], [0.5, -2.0, 1.25]])
def test_jvp_and_hvp(v):
    point = np.array([0.7, -1.1, 2.3])
    vec = lambda p: VECTOR(p, dn)  # noqa: E731
    scalar = lambda p: TRIG(p, dn)  # noqa: E731
    jv = dn.jvp(vec, point, v)
    assert np.shape(jv) == (2,)
    assert_close(jv, dn.jacobian(vec, point) @ v)
    assert_close(dn.jvp(scalar, point, v), dn.gradient(scalar, point) @ v)
    hv = dn.hvp(scalar, point, v)
    assert hv.shape == (3,)
    assert_close(hv, dn.hessian(scalar, point) @ v)
    assert_close(hv, sym_jet(TRIG, point)[2] @ v)


@pytest.mark.parametrize("convert", [list, tuple, np.array], ids=["list", "tuple", "array"])
def test_list_and_array_inputs(convert):
    point = [1.5, -0.75]
    g = lambda p: CUBIC(p, dn)  # noqa: E731
    _, jac, hess = sym_jet(CUBIC, point)
    assert_close(dn.gradient(g, convert(point)), jac[0])
    assert_close(dn.hessian(g, convert(point)), hess)
    assert_close(dn.jacobian(lambda p: VECTOR(p, dn), convert([0.7, -1.1, 2.3])),
                 sym_jet(VECTOR, [0.7, -1.1, 2.3])[1])


@pytest.mark.parametrize("point", [[1.3, 0.7], [-1.2, 1.0], [0.5, -0.3],
                                   [0.3, -0.8, 1.1, 0.5, 2.0], [-1.5, 2.0, 0.25, 1.75, -0.4]])
def test_rosenbrock_against_scipy(point):
    x = np.array(point)
    assert_close(rosen(x), scipy.optimize.rosen(x), rtol=1e-15)
    assert_close(dn.gradient(rosen, x), scipy.optimize.rosen_der(x), rtol=1e-12)
    assert_close(dn.hessian(rosen, x), scipy.optimize.rosen_hess(x), rtol=1e-12)


# --- misuse gets a pointer to the right function ------------------------------------------

def test_gradient_of_a_vector_function_points_to_jacobian():
    with pytest.raises(ValueError, match="jacobian"):
        dn.gradient(lambda p: VECTOR(p, dn), [0.7, -1.1, 2.3])


@pytest.mark.parametrize("func", [dn.hessian, lambda f, x: dn.hvp(f, x, [1.0, 0.0, 0.0])])
def test_hessian_of_a_vector_function_raises(func):
    with pytest.raises(ValueError, match="scalar-valued"):
        func(lambda p: VECTOR(p, dn), [0.7, -1.1, 2.3])


@pytest.mark.parametrize("outer", [dn.derivative, dn.second_derivative])
def test_nested_derivatives_are_refused(outer):
    f = lambda t: t ** 3  # noqa: E731
    with pytest.raises(TypeError, match="second_derivative") as info:
        outer(lambda x: dn.derivative(f, x), 1.0)
    assert "hessian" in str(info.value)
    with pytest.raises(TypeError, match="hessian"):
        dn.gradient(lambda p: dn.gradient(lambda q: q[0] * q[1], p)[0], [1.0, 2.0])


# --- inputs: what is taken, and a clear error for the rest ----------------------------------

CUBE = lambda t: t ** 3  # noqa: E731
SUM_OF_CUBES = lambda p: np.sum(p ** 3)  # noqa: E731
V = [0.5, -1.0]
API = {  # every entry point, with an f it can take and the analytic result at a point a
    "derivative": (lambda f, x: dn.derivative(f, x), CUBE, lambda a: 3 * a ** 2),
    "second_derivative": (lambda f, x: dn.second_derivative(f, x), CUBE, lambda a: 6 * a),
    "derivatives": (lambda f, x: dn.derivatives(f, x), CUBE,
                    lambda a: (a ** 3, 3 * a ** 2, 6 * a)),
    "gradient": (lambda f, x: dn.gradient(f, x), SUM_OF_CUBES, lambda a: 3 * a ** 2),
    "jacobian": (lambda f, x: dn.jacobian(f, x), CUBE, lambda a: np.diag(3 * a ** 2)),
    "hessian": (lambda f, x: dn.hessian(f, x), SUM_OF_CUBES, lambda a: np.diag(6 * a)),
    "jvp": (lambda f, x: dn.jvp(f, x, V), CUBE, lambda a: 3 * a ** 2 * V),
    "hvp": (lambda f, x: dn.hvp(f, x, V), SUM_OF_CUBES, lambda a: 6 * a * V),
}

# Two-element points in every form that is taken, each read as [1.5, -2.0] or [1, 0].
ACCEPTED = [
    ([1.5, -2.0], [1.5, -2.0]), ((1.5, -2), [1.5, -2.0]),
    ([Fraction(3, 2), -2], [1.5, -2.0]), ([np.float32(1.5), np.int64(-2)], [1.5, -2.0]),
    (np.array([1.5, -2.0], dtype=np.float32), [1.5, -2.0]),
    (np.array([3, -4], dtype=np.int8) / np.int8(2), [1.5, -2.0]),
    (np.array([1, 0], dtype=np.uint16), [1.0, 0.0]), (np.array([True, False]), [1.0, 0.0]),
    (np.array([1.5, 7.0, -2.0])[::2], [1.5, -2.0]),
    (np.array([Fraction(3, 2), -2], dtype=object), [1.5, -2.0]), (range(1, -1, -1), [1, 0]),
]


@pytest.mark.parametrize("x, a", ACCEPTED, ids=lambda v: repr(v)[:40])
@pytest.mark.parametrize("name", API)
def test_every_real_input_is_read_as_float64(name, x, a):
    call, f, want = API[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is lost with a warning
        got = call(f, x)
    assert_close(got, want(np.array(a, dtype=np.float64)))


RAGGED = [[1.0, 2.0], [3.0]]


def matrix(rows):
    """np.matrix without its PendingDeprecationWarning (users still pass them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(rows)


# Inputs that are refused, the error and what its message says (the argument, the problem,
# the fix).
REFUSED = [
    (None, TypeError, r"x must be a real number .*, not None: pass real numbers"),
    ("1.0", TypeError, r"x must .*, not text: convert it to numbers with float\(\)"),
    (b"1.0", TypeError, r"not bytes: convert them"),
    (1 + 0j, TypeError, r"not complex numbers: complex inputs are not supported, even with "
                        r"a zero imaginary part \(pass x.real"),
    (np.complex128(2.0), TypeError, "not complex numbers"),
    (np.array([1.0, 2.0], dtype=complex), TypeError, "not complex numbers"),
    ([1.0, 2j], TypeError, "not complex numbers"),
    ([1.0, None], TypeError, "not None"),
    ([Fraction(1, 2), "2"], TypeError, "not text"),
    (np.array([1.0, object()], dtype=object), TypeError, "not object: pass real numbers"),
    (np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"), TypeError,
     "not datetimes: convert them to numbers"),
    (np.array([5, 6], dtype="timedelta64[s]"), TypeError, "not time differences"),
    (np.zeros(2, dtype=[("a", float)]), TypeError, r"not an array of dtype \[\('a'"),
    ({"a": 1.0}, TypeError, "not dict"),
    (Decimal("1.5"), TypeError, "not Decimal"),
    (RAGGED, ValueError, "x is a ragged nested sequence .*: its rows must have equal "
                         "lengths"),
    # subclasses whose meaning np.asarray would drop: f would see another function
    (matrix([[1.5, -2.0]]), TypeError, r"x is a numpy.matrix, whose \* is the matrix "
                                          r"product.*pass np.asarray\(x\) and write matrix "
                                          r"products with @"),
    (np.ma.array([1.5, -2.0], mask=[0, 1]), TypeError, r"x is a numpy.ma.MaskedArray: a dual "
     r"array has no mask.*pass x.filled\(value\) or x.compressed\(\).*np.asarray\(x\)"),
    (np.zeros(2).view(type("Units", (np.ndarray,), {})), TypeError,
     r"x is a Units, an ndarray subclass whose behaviour a dual array does not keep; pass "
     r"np.asarray\(x\) if a plain array is meant"),
]


@pytest.mark.parametrize("x, error, message", REFUSED, ids=lambda v: repr(v)[:30])
@pytest.mark.parametrize("name", API)
def test_every_entry_point_refuses_inputs_that_are_not_real_numbers(name, x, error,
                                                                    message):
    """None is not read as NaN, text not parsed, an imaginary part not dropped."""
    call, f, _ = API[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=message):
            call(f, x)


def test_subclasses_are_refused_as_reported():
    """np.matrix's * and a mask were silently dropped: the gradients were [[2, 0]] and
    [2, 4], of another function than f (true: [[2, 4]] and [2, 0])."""
    with pytest.raises(TypeError, match="numpy.matrix"):
        dn.gradient(lambda m: (m * m.T)[0, 0], matrix([[1.0, 2.0]]))
    with pytest.raises(TypeError, match="numpy.ma.MaskedArray"):
        dn.gradient(lambda p: np.sum(p ** 2), np.ma.array([1.0, 2.0], mask=[0, 1]))


@pytest.mark.parametrize("product", [dn.jvp, dn.hvp])
def test_a_masked_direction_is_refused(product):
    with pytest.raises(TypeError, match=r"v is a numpy.ma.MaskedArray.*v.filled"):
        product(SUM_OF_CUBES, [1.5, -2.0], np.ma.array(V, mask=[0, 1]))


@pytest.mark.parametrize("name", API)
def test_a_memmap_is_a_plain_array(name, tmp_path):
    """np.memmap keeps an ndarray's elements and operators: taken as the ndarray it is."""
    x = np.memmap(tmp_path / "x", dtype=np.float64, mode="w+", shape=(2,))
    x[:] = [1.5, -2.0]
    call, f, want = API[name]
    assert_close(call(f, x), want(np.array([1.5, -2.0])))


@pytest.mark.parametrize("f", [3.0, None, "sin", np.array([1.0])], ids=repr)
@pytest.mark.parametrize("name", API)
def test_a_function_that_is_not_callable_is_named(name, f):
    """Also with the arguments swapped (a function as x), and on the float fast paths."""
    call, g, _ = API[name]
    for x in (g, 1.5, [1.5, -2.0]):
        with pytest.raises(TypeError, match=r"f must be the function to differentiate, a "
                                            r"callable given first \(as in derivative\(f, "
                                            r"x\)\), not %s" % type(f).__name__) as info:
            call(f, x)
        assert info.value.__suppress_context__  # Python's own "not callable" adds nothing


def test_an_error_that_f_raises_itself_is_left_alone():
    def f(t):
        raise TypeError("from f")
    for call in (dn.derivative, dn.second_derivative):
        with pytest.raises(TypeError, match="^from f$"):
            call(f, 1.5)


@pytest.mark.parametrize("v, error, message", [
    ([1.0], ValueError, r"v must have x's shape \(2,\) \(one direction: an entry per "
                        r"element of x\), not \(1,\)"),
    (1.0, ValueError, r"not \(\)"),
    (np.ones((2, 2)), ValueError, r"not \(2, 2\); for several directions call once per "
                                  r"direction, or use jacobian or hessian"),
    ([[1.0], [2.0]], ValueError, r"not \(2, 1\)"),
    (None, TypeError, "v must be a real number .*, not None"),
    (["1", "2"], TypeError, "v must .*not text"),
    ([1.0, 1j], TypeError, r"v must .*not complex numbers.*\(pass v.real"),
    (RAGGED, ValueError, "v is a ragged nested sequence"),
], ids=lambda v: repr(v)[:30])
@pytest.mark.parametrize("product", [dn.jvp, dn.hvp])
def test_the_direction_v_must_have_the_shape_of_x(product, v, error, message):
    """v is not broadcast: a v of another shape is refused, a number too (unless x is one)."""
    with pytest.raises(error, match=message):
        product(SUM_OF_CUBES, [1.5, -2.0], v)


def test_a_number_is_the_direction_at_a_number():
    assert dn.jvp(CUBE, 1.5, 2.0) == 2.0 * 3 * 1.5 ** 2
    assert dn.hvp(CUBE, 1.5, 2.0) == 2.0 * 6 * 1.5
    with pytest.raises(ValueError, match=r"v must have x's shape \(\)"):
        dn.jvp(CUBE, 1.5, [2.0])


# README, Conventions: scalars in give floats out, on every route of the API
SCALAR_ROUTES = [
    (lambda: dn.derivative(lambda x: np.where(x > 0, x * x, 0.0), 1.5), 3.0),
    (lambda: dn.derivative(lambda x: np.where(x > 0, 1.0, 0.0), 1.5), 0.0),
    (lambda: dn.derivative(lambda x: np.array(5.0), 1.5), 0.0),
    (lambda: dn.second_derivative(lambda x: np.array(5.0), 1.5), 0.0),
    (lambda: dn.derivatives(lambda x: np.array(5.0), 1.5)[0], 5.0),
    (lambda: dn.jvp(lambda p: p ** 2, 1.5, 2.0), 6.0),
    (lambda: dn.jacobian(lambda p: p ** 3, 1.5), 6.75),
    (lambda: dn.gradient(lambda p: p ** 3, 1.5), 6.75),
    (lambda: dn.hvp(lambda p: p ** 3, 1.5, 2.0), 18.0),
    (lambda: dn.hessian(lambda p: p ** 3, 1.5), 9.0),
]


@pytest.mark.parametrize("call, want", SCALAR_ROUTES)
def test_scalars_in_give_floats_out(call, want):
    got = call()
    assert type(got) is float and got == want


@pytest.mark.parametrize("call, want", [
    (lambda: dn.hessian(lambda p: 1e200 * p[0] ** 2, [1.0]), [[2e200]]),
    (lambda: dn.hvp(lambda p: 1e200 * np.sum(p ** 2), [1.0, 2.0], [1.0, 1.0]), [2e200, 2e200]),
    (lambda: dn.derivatives(np.exp, 709.5)[2], np.exp(709.5)),
    (lambda: dn.derivatives(np.exp, [709.5, 1.0])[2], np.exp([709.5, 1.0])),
    (lambda: dn.second_derivative(lambda t: 1e300 * t ** 2, [1.0, 2.0]), [2e300, 2e300]),
])
def test_large_second_derivatives_do_not_warn(call, want):
    """The NaN check of second-order results squared them (a dot product) and warned of an
    overflow from entries of 1.3e154 on; the values are exact."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_allclose(call(), want, rtol=1e-15)


def test_a_nan_second_derivative_beside_a_huge_one_still_warns():
    with pytest.warns(RuntimeWarning, match="NaN at 1 of 4 entries"):
        h = dn.hessian(lambda p: 1e200 * p[0] ** 2 + abs(p[1]), [1.0, 0.0])
    assert h[0, 0] == 2e200 and np.isnan(h[1, 1])
