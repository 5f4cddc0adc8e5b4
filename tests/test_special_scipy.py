"""The scipy.special rules (ndtr ndtri erfinv erfcinv logit log_expit entr i0 i1 iv j0 j1
y0 y1 xlogy xlog1py rgamma log_ndtr beta betaln, and gammainc gammaincc betainc in x) through
every way users reach them, against mpmath; the dispatch of SciPy's ufuncs and numpy.i0 on
dual arrays and scalar duals; SciPy's kernels loaded on first use, and the ImportError
without SciPy.

References: the mpmath functions of tests/references.py, differentiated by mpmath.diff at 50
digits; the expected parts of a dual input follow from the truncated expansion of f(a + b e)
(f(a), f' b) and of the hyper-dual one (f, f' b, f' c, f' d + f'' b c). The whole-range
accuracy of every rule is tests/test_rules_range.py's.
"""
import math
import subprocess
import sys

import mpmath
import numpy as np
import pytest
import scipy.special as sp
from mpmath import mpf

import dualnum as dn
from dualnum import ufuncs
from references import BINARY as REF2
from references import UNARY as REF1

REL = 1e-13
UNARY_POINTS = {
    "ndtr": (-7.5, -0.3, 0.8, 4.0), "ndtri": (1e-30, 0.02, 0.5, 0.97),
    "erfinv": (-0.999, -0.2, 0.35, 0.9), "erfcinv": (1e-30, 0.3, 1.2, 1.97),
    "logit": (1e-4, 0.3, 0.55, 0.999), "log_expit": (-40.0, -0.3, 0.8, 20.0),
    "entr": (1e-5, 0.36, 0.9, 7.0), "i0": (-12.0, -0.3, 1e-3, 30.0),
    "i1": (-12.0, -0.3, 1e-3, 30.0),
    "rgamma": (-165.3, -2.0, -0.3, 0.3, 4.5, 171.2), "log_ndtr": (-50.0, -3.0, 0.4, 9.0),
    "j0": (-12.0, -0.3, 1e-3, 30.0, 1e5), "j1": (-12.0, -0.3, 1e-3, 30.0, 1e5),
    "y0": (0.3, 2.0, 7.25, 30.0, 1e5), "y1": (0.3, 2.0, 7.25, 30.0, 1e5),
}
BINARY_POINTS = {"xlogy": ((0.4, 2.5), (-1.7, 0.6), (3.0, 1.3)),
                 "xlog1py": ((0.4, 2.5), (-1.7, -0.6), (3.0, 1e-9)),
                 "beta": ((0.4, 2.5), (-1.7, 0.6), (3.0, 1e-9), (-0.5, -0.5), (200.5, 3.25)),
                 "betaln": ((0.4, 2.5), (-1.7, 0.6), (3.0, 1e-9), (-2.25, 0.75), (200.5, 3.25))}
SCIPY_NAMES = {"ndtr": "ndtr", "ndtri": "ndtri", "erfinv": "erfinv", "erfcinv": "erfcinv",
               "logit": "logit", "log_expit": "log_expit", "entr": "entr", "i0": "i0",
               "i1": "i1", "rgamma": "rgamma", "log_ndtr": "log_ndtr", "j0": "j0", "j1": "j1",
               "y0": "y0", "y1": "y1"}
B, C, D = 0.7, -1.3, 0.45   # general perturbation parts


def jet(name, a, ps=()):
    """(f, f', f'') of rule name at the float a (its parameters ps), from mpmath; at 150
    digits for the incomplete functions, whose derivatives may be 1e-80 of their value
    (Q(50, 3) = 1, Q' = -1e-41), beyond the differences of 50 digits."""
    with mpmath.workdps(150 if ps else 50):
        return tuple(mpmath.diff(lambda t: REF1[name](t, *map(mpf, ps)), mpf(a), k)
                     for k in range(3))


def expected(name, a, T, ps=()):
    f0, f1, f2 = jet(name, a, ps)
    if T in (dn.Dual, dn.DualArray):
        return [f0, f1 * B]
    return [f0, f1 * B, f1 * C, f1 * D + f2 * B * C]


def assert_close(got, want, label):
    for g, w in zip(got, want):
        assert abs(mpf(float(g)) - w) <= REL * abs(w), "%s: got %r, want %s" % (
            label, float(g), mpmath.nstr(w, 17))


def scalar(T, a):
    return dn.Dual(a, B) if T is dn.Dual else dn.HyperDual(a, B, C, D)


def parts(z):
    names = ("real", "dual") if isinstance(z, (dn.Dual, dn.DualArray)) else (
        "real", "eps1", "eps2", "eps1eps2")
    return [getattr(z, n) for n in names]


@pytest.mark.parametrize("name", list(UNARY_POINTS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_scalar_function_method_and_scipy_ufunc(T, name):
    ufunc = getattr(sp, SCIPY_NAMES[name])
    for a in UNARY_POINTS[name]:
        x = scalar(T, a)
        want = expected(name, a, T)
        for how, got in (("dn", getattr(dn, name)(x)), ("method", getattr(x, name)()),
                         ("scipy", ufunc(x))):
            assert type(got) is T, how
            assert_close(parts(got), want, "%s %s(%r)" % (how, name, a))
        assert_close([getattr(dn, name)(a)], want[:1], "float %s(%r)" % (name, a))


def two_directions(T, a):
    """A dual array of T at the points a, seeded B (and C, D) times j + 1 in direction j."""
    k = np.array([1.0, 2.0])
    if T is dn.DualArray:
        return T(a, B * np.ones((a.size, 1)) * k, directional=True)
    return T(a, B * np.ones((a.size, 1)) * k, C * np.ones((a.size, 1)),
             D * np.ones((a.size, 2, 1)) * k[:, None], directional=True)


@pytest.mark.parametrize("name", list(UNARY_POINTS))
@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray])
def test_arrays_with_directions_and_scipy_ufunc(T, name):
    """Two directions at once: the parts of direction j are those of the seeds times j+1."""
    a = np.array(UNARY_POINTS[name])
    x = two_directions(T, a)
    for got in (getattr(dn, name)(x), getattr(sp, SCIPY_NAMES[name])(x)):
        for i, t in enumerate(a):
            want = expected(name, t, T)
            got_parts = [p[i] for p in parts(got)]
            assert_close([got_parts[0]], want[:1], "%s(%r) value" % (name, t))
            for j in range(2):
                scaled = [want[1] * (j + 1)]
                pieces = [got_parts[1][j]]
                if T is dn.HyperDualArray:
                    scaled += [want[2], want[3] * (j + 1)]
                    pieces += [got_parts[2][0], got_parts[3][j, 0]]
                assert_close(pieces, scaled, "%s(%r) direction %d" % (name, t, j))


# The regularised incomplete gamma and beta functions, in SciPy's order (parameters first):
# {name: [(parameters, points)]}, on both sides of x = a + 1 (series, continued fraction),
# and SciPy's values of P and Q above a = 1000 and of Q where 1 - P would cancel (a = 0.001)
INCOMPLETE = {
    "gammainc": [((0.5,), (1e-5, 0.3, 2.0)), ((3.5,), (1.7, 4.5, 12.0)),
                 ((50.0,), (40.0, 51.0, 70.0)), ((2000.0,), (1900.0, 2000.5, 2100.0))],
    "gammaincc": [((0.5,), (1e-5, 0.3, 2.0)), ((3.5,), (1.7, 4.5, 12.0)),
                  ((50.0,), (40.0, 51.0, 70.0)), ((2000.0,), (1900.0, 2000.5, 2100.0)),
                  ((0.001,), (1e-3, 0.5, 1.0))],
    "betainc": [((0.5, 0.5), (1e-4, 0.3, 0.97)), ((2.0, 3.0), (0.1, 0.6, 0.8)),
                ((10.0, 0.7), (0.5, 0.9, 0.999))],
}


@pytest.mark.parametrize("name", list(INCOMPLETE))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_incomplete_functions_on_scalars(T, name):
    for ps, points in INCOMPLETE[name]:
        for a in points:
            x = scalar(T, a)
            want = expected(name, a, T, ps)
            for how, got in (("dn", getattr(dn, name)(*ps, x)),
                             ("method", getattr(x, name)(*ps)),
                             ("scipy", getattr(sp, name)(*ps, x))):
                assert type(got) is T, how
                assert_close(parts(got), want, "%s %s(%r, %r)" % (how, name, ps, a))
            assert_close([getattr(dn, name)(*ps, a)], want[:1], "float %s(%r)" % (name, a))


@pytest.mark.parametrize("name", list(INCOMPLETE))
@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray])
def test_incomplete_functions_broadcast_parameters_against_directions(T, name):
    """Parameters of shape (3, 1) (each one of INCOMPLETE's, as an array or as a list of
    lists) against x of shape (3,) with two directions, the second seed twice the first:
    the result (3, 3), element (i, j) the function of parameters i at point j."""
    ps = [pair[0] for pair in INCOMPLETE[name][:3]]
    x0 = np.array([0.3, 0.6, 0.9]) if name == "betainc" else np.array([0.4, 3.0, 45.0])
    k = np.array([1.0, 2.0])
    if T is dn.DualArray:
        x = T(x0, B * np.ones((3, 1)) * k, directional=True)
    else:
        x = T(x0, B * np.ones((3, 1)) * k, C * np.ones((3, 1)),
              D * np.ones((3, 2, 1)) * k[:, None], directional=True)
    columns = [np.array([p[n] for p in ps])[:, None] for n in range(len(ps[0]))]
    listed = [c.tolist() for c in columns]
    for got in (getattr(sp, name)(*columns, x), getattr(dn, name)(*listed, x)):
        assert type(got) is T and got.real.shape == (3, 3)
        for i, j in np.ndindex(3, 3):
            want = expected(name, x0[j], T, ps[i])
            got_parts = [p[i, j] for p in parts(got)]
            assert_close([got_parts[0]], want[:1], "%s%r value" % (name, ps[i]))
            for d in range(2):
                scaled, pieces = [want[1] * (d + 1)], [got_parts[1][d]]
                if T is dn.HyperDualArray:
                    scaled += [want[2], want[3] * (d + 1)]
                    pieces += [got_parts[2][0], got_parts[3][d, 0]]
                assert_close(pieces, scaled, "%s%r direction %d" % (name, ps[i], d))


@pytest.mark.parametrize("name", list(INCOMPLETE))
def test_incomplete_functions_of_a_list_of_duals_and_an_array_of_parameters(name):
    """x a list of scalar duals and numbers (dualnum's function: SciPy's ufunc sees an object
    array there, and refuses it), the parameters an ndarray: element by element, as for a
    list in every dualnum function, a Dual where x is one and a float where it is a number."""
    ps, points = INCOMPLETE[name][1]
    a = np.array(ps)[:, None] * np.ones((1, 2))   # each parameter twice, for two points
    got = getattr(dn, name)(*a, [dn.Dual(points[0], B), points[1]])
    assert got.dtype == object and type(got[0]) is dn.Dual and type(got[1]) is float
    assert_close(parts(got[0]), expected(name, points[0], dn.Dual, ps), "%s list" % name)
    assert_close([got[1]], expected(name, points[1], dn.Dual, ps)[:1], "%s number" % name)


@pytest.mark.parametrize("name, args", [("gammainc", (0.5, 0.0)), ("gammaincc", (0.5, 0.0)),
                                        ("gammainc", (2.0, -1.0)), ("betainc", (1.0, 1.0, 1.5)),
                                        ("betainc", (1.0, 1.0, -0.5))])
def test_incomplete_functions_outside_the_domain_are_nan_in_every_part(name, args):
    """SciPy's NaN outside the domain in every part (x^0 = 1 would give a slope of 1)."""
    got = getattr(dn, name)(*args[:-1], dn.HyperDual(args[-1], B, C, D))
    if args[-1] == 0.0:   # the end of the domain: P(0.5, x) ~ x^0.5, P' = inf
        assert got.real == (0.0 if name == "gammainc" else 1.0)
        assert abs(got.eps1) == np.inf
    else:
        assert all(np.isnan(v) for v in parts(got))


@pytest.mark.parametrize("a, x", [(1e3, 1000.5), (1e4, 1e4 + 300.0), (1e5, 1e5 + 950.0)])
def test_readme_limitation_incomplete_gamma_with_large_parameters(a, x):
    """README, Limitations: the derivative of P(a, x) is within (|a log x| + x +
    |log Gamma(a)|) 2^-63 relatively, 8 ulps at a = 1000, beyond it above."""
    with mpmath.workdps(40):
        exact = mpmath.exp((a - 1) * mpmath.log(x) - x - mpmath.loggamma(a))
        size = abs(a * mpmath.log(x)) + x + abs(mpmath.loggamma(a))
    got = dn.derivative(lambda t: dn.gammainc(a, t), x)
    error = abs(mpf(got) - exact)
    assert error <= size * 2.0 ** -63 * exact
    if a == 1e3:
        assert error <= 8 * math.ulp(got)


def binary_expected(name, x, y, dx, dy):
    """f and the first-order part f_x dx + f_y dy at (x, y), from mpmath."""
    f = REF2[name]
    with mpmath.workdps(50):
        fx = mpmath.diff(f, (mpf(x), mpf(y)), (1, 0))
        fy = mpmath.diff(f, (mpf(x), mpf(y)), (0, 1))
        return [f(mpf(x), mpf(y)), fx * dx + fy * dy]


@pytest.mark.parametrize("name", list(BINARY_POINTS))
def test_two_argument_rules_on_every_mix_of_operands(name):
    ufunc = getattr(sp, name)
    for x, y in BINARY_POINTS[name]:
        for func in (getattr(dn, name), ufunc):
            assert_close(parts(func(dn.Dual(x, B), dn.Dual(y, C))),
                         binary_expected(name, x, y, B, C), "%s(%r, %r)" % (name, x, y))
            assert_close(parts(func(dn.Dual(x, B), y)), binary_expected(name, x, y, B, 0),
                         "dual, float")
            assert_close(parts(func(x, dn.Dual(y, C))), binary_expected(name, x, y, 0, C),
                         "float, dual")
    xs, ys = np.array(BINARY_POINTS[name]).T
    cases = [(ufunc(dn.DualArray(xs, B), ys), B, 0, ys),           # beside an ndarray
             (ufunc(list(xs), dn.DualArray(ys, C)), 0, C, ys),     # a list beside it
             (ufunc(dn.DualArray(xs, B), dn.Dual(ys[0], C)), B, C, ys[:1].repeat(xs.size))]
    for got, dx, dy, y in cases:
        assert type(got) is dn.DualArray
        for i in range(xs.size):
            assert_close([got.real[i], got.dual[i]], binary_expected(name, xs[i], y[i], dx, dy),
                         "%s arrays [%d]" % (name, i))


def binary_jet(name, x, y):
    """f and its partials fx, fy, fxx, fxy, fyy at (x, y), from mpmath."""
    f = REF2[name]
    with mpmath.workdps(50):
        return [mpmath.diff(f, (mpf(x), mpf(y)), order)
                for order in ((0, 0), (1, 0), (0, 1), (2, 0), (1, 1), (0, 2))]


def hyper_expected(jet, u, v):
    """The parts of f(u, v) for hyper-duals u, v (4-tuples of parts): the truncated Taylor
    expansion in e1, e2."""
    f, fx, fy, fxx, fxy, fyy = jet
    return [f, fx * u[1] + fy * v[1], fx * u[2] + fy * v[2],
            fx * u[3] + fy * v[3] + fxx * u[1] * u[2] + fxy * (u[1] * v[2] + v[1] * u[2])
            + fyy * v[1] * v[2]]


@pytest.mark.parametrize("name", ["beta", "betaln"])
def test_beta_and_betaln_on_hyper_duals_and_directions(name):
    """Hyper-duals with general parts in both arguments, each argument alone a hyper-dual,
    and hyper-dual arrays with two directions beside a float array."""
    ufunc = getattr(sp, name)
    u_parts, v_parts = (0.7, -1.3, 0.45), (-0.35, 0.9, 1.6)
    for x, y in BINARY_POINTS[name]:
        jet = binary_jet(name, x, y)
        u, v = (x, *u_parts), (y, *v_parts)
        zero = (0.0, 0.0, 0.0)
        for func in (getattr(dn, name), ufunc):
            cases = [(dn.HyperDual(*u), dn.HyperDual(*v), u, v),
                     (dn.HyperDual(*u), y, u, (y, *zero)),
                     (x, dn.HyperDual(*v), (x, *zero), v)]
            for p, q, pu, qv in cases:
                got = func(p, q)
                assert type(got) is dn.HyperDual
                assert_close(parts(got), hyper_expected(jet, pu, qv),
                             "%s(%r, %r)" % (name, p, q))
    xs, ys = np.array(BINARY_POINTS[name]).T
    k = np.array([1.0, 2.0])
    n = xs.size
    a = dn.HyperDualArray(xs, u_parts[0] * np.ones((n, 1)) * k, u_parts[1] * np.ones((n, 1)),
                          u_parts[2] * np.ones((n, 2, 1)) * k[:, None], directional=True)
    for first in (True, False):
        got = ufunc(a, ys) if first else ufunc(ys, a)
        assert type(got) is dn.HyperDualArray
        for i in range(n):
            pair = (xs[i], ys[i]) if first else (ys[i], xs[i])
            jet = binary_jet(name, *pair)
            for j in range(2):
                seed = (xs[i], u_parts[0] * (j + 1), u_parts[1], u_parts[2] * (j + 1))
                const = (ys[i], 0.0, 0.0, 0.0)
                want = hyper_expected(jet, *((seed, const) if first else (const, seed)))
                pieces = [got.real[i], got.eps1[i][j], got.eps2[i][0], got.eps1eps2[i][j, 0]]
                assert_close(pieces, want, "%s arrays [%d] direction %d" % (name, i, j))


def test_beta_follows_scipy_at_the_poles_and_zeros():
    """SciPy's values where Gamma(a) or Gamma(b) has a pole (the limit along the other
    argument where one exists, else +inf), with NaN partials: none exists there; B = 0
    where only a + b is a pole, with the partials of Gamma(a) Gamma(b) rgamma(a + b)
    (DLMF 5.15), against mpmath."""
    for a, b in ((-2.0, 1.0), (1.0, -1.0), (-1.0, 2.0), (-1.0, -1.0), (-3.0, 2.0), (0.0, 1.0),
                 (-1.0, 0.5), (-3.0, 4.0)):
        for name in ("beta", "betaln"):
            got = getattr(dn, name)(dn.Dual(a, 1.0), dn.Dual(b, 0.5))
            assert got.real == getattr(sp, name)(a, b), (name, a, b)
            assert np.isnan(got.dual), (name, a, b)
    for a, b in ((-0.5, -0.5), (2.5, -3.5), (-1.25, 0.25)):
        got = dn.beta(dn.HyperDual(a, 1.0, 0.0, 0.0), dn.HyperDual(b, 0.0, 1.0, 0.0))
        assert got.real == 0.0 and sp.beta(a, b) == 0.0
        with mpmath.workdps(40):
            fx, fxy = (mpmath.diff(mpmath.beta, (mpf(a), mpf(b)), o) for o in ((1, 0), (1, 1)))
        assert_close([got.eps1, got.eps1eps2], [fx, fxy], "beta at a zero (%r, %r)" % (a, b))


def test_second_partials_of_xlogy_by_hessian():
    """fxx = 0, fxy = 1/y, fyy = -x/y^2 (DLMF 4.5 of log), through dn.hessian."""
    x, y = 1.7, 0.6
    h = dn.hessian(lambda p: sp.xlogy(p[0], p[1]), np.array([x, y]))
    np.testing.assert_allclose(h, [[0.0, 1 / y], [1 / y, -x / y ** 2]], rtol=REL, atol=0)


def test_scipy_convention_at_x_zero():
    """xlogy(0, y) = 0 even at y = 0, as SciPy's; its y-derivative is 0 there too."""
    z = dn.xlogy(dn.Dual(0.0, 0.0), dn.Dual(0.0, 1.0))
    assert (z.real, z.dual) == (0.0, 0.0)
    assert sp.xlogy(0.0, 0.0) == 0.0


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_numpy_i0_on_scalars_and_arrays(T):
    for a in UNARY_POINTS["i0"]:
        got = np.i0(scalar(T, a))
        assert type(got) is T
        assert_close(parts(got), expected("i0", a, T), "np.i0(%r)" % a)
    a = np.array(UNARY_POINTS["i0"])
    array = np.i0(dn.DualArray(a, B))
    assert type(array) is dn.DualArray
    for i, t in enumerate(a):
        assert_close([array.real[i], array.dual[i]], expected("i0", t, dn.Dual), "i0 array")


def test_api_through_scipy_functions():
    """derivative and second_derivative of a composition, against mpmath."""
    def f(t):
        return sp.ndtri(sp.ndtr(t) * 0.5) + sp.i1(t) * sp.logit(0.3 + 0.1 * t)

    def ref(t):
        return (REF1["ndtri"](REF1["ndtr"](t) / 2)
                + REF1["i1"](t) * REF1["logit"](mpf("0.3") + mpf("0.1") * t))
    with mpmath.workdps(50):
        d1, d2 = (mpmath.diff(ref, mpf(1.25), k) for k in (1, 2))
    assert_close([dn.derivative(f, 1.25), dn.second_derivative(f, 1.25)], [d1, d2], "api")


def run_without_scipy(code):
    """Run code in a fresh interpreter in which SciPy cannot be imported."""
    prelude = "import sys\nsys.modules['scipy'] = None\n"
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True,
                          text=True)


def test_without_scipy_the_scipy_kernels_raise_and_the_rest_works():
    code = """
import dualnum as dn, numpy as np
from dualnum import ufuncs
assert 'scipy.special' not in sys.modules
assert dn.derivative(dn.sin, 0.0) == 1.0 and dn.ndtr(0.0) == 0.5   # ndtr is dualnum's own
assert dn.derivative(dn.j0, 0.0) == 0.0 and dn.y1(30.0) == dn.Dual(30.0, 1.0).y1().real
calls = [lambda: dn.ndtri(0.3), lambda: dn.Dual(0.3, 1.0).erfinv(), lambda: dn.i0(2.0),
         lambda: dn.i1(dn.DualArray([1.0], 1.0)), lambda: ufuncs.jet_erfcinv,
         lambda: np.i0(dn.Dual(1.0, 1.0)),
         # log_ndtr's own values, but its Taylor coefficients from SciPy's wofz
         lambda: dn.derivative(dn.log_ndtr, -3.0, order=3),
         lambda: dn.Taylor.variable(-3.0, 4).log_ndtr()]
assert dn.derivative(dn.log_ndtr, -3.0) == dn.Dual(-3.0, 1.0).log_ndtr().dual
for call in calls:
    try:
        call()
    except ImportError as e:
        assert 'SciPy' in str(e) and 'pip install scipy' in str(e), e
    else:
        raise AssertionError('no ImportError')
print('ok')
"""
    done = run_without_scipy(code)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_import_dualnum_does_not_import_scipy():
    done = subprocess.run([sys.executable, "-c", "import sys, dualnum as dn; dn.logit(0.3); "
                           "print('scipy' in sys.modules)"], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_unknown_kernel_names_still_raise_attribute_error():
    """The module __getattr__ of dualnum.ufuncs makes only the deferred kernels."""
    with pytest.raises(AttributeError, match="no attribute 'jet_nonexistent'"):
        dn.ufuncs.jet_nonexistent




# ------------------------------------------------ iv(v, x): the order first
ORDER_POINTS = {"iv": ((0.0, 1.7), (2.5, 0.3), (-1.5, 4.0), (3.0, -2.2), (-3.0, -2.2),
                       (10.0, 30.0), (40.0, 7.5)),
                # the series (below 25) and the expansion differentiated term by term
                "ive": ((0.0, 1.7), (2.5, 0.3), (-1.5, 4.0), (3.0, -2.2), (1.0, -30.0),
                        (0.0, 60.0), (10.0, 150.0)),
                # Temme's series (x <= 2) and fraction, the recurrence, a negative order
                "kv": ((0.0, 1.7), (0.2, 1e-20), (-1.5, 4.0), (2.5, 0.3), (10.3, 30.0),
                       (40.0, 7.5))}


def order_jet(name, v, a):
    """(f, f', f'') in x of iv at order v, from mpmath."""
    with mpmath.workdps(50):
        return tuple(mpmath.diff(lambda t: REF1[name](t, mpf(v)), mpf(a), k) for k in range(3))


def order_expected(name, v, a, hyper, scale=1):
    """The parts of f(v, x) for x seeded (B, C, D), with B and D times scale."""
    f0, f1, f2 = order_jet(name, v, a)
    return [f0, f1 * B * scale] if not hyper else [f0, f1 * B * scale, f1 * C,
                                                   (f1 * D + f2 * B * C) * scale]


@pytest.mark.parametrize("name", list(ORDER_POINTS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_order_first_on_scalars(T, name):
    """scipy.special.iv(v, x) and dn.iv(v, x) on Dual and HyperDual numbers with general
    parts, the order a number, against mpmath."""
    for v, a in ORDER_POINTS[name]:
        want = order_expected(name, v, a, T is dn.HyperDual)
        for how, got in (("dn", getattr(dn, name)(v, scalar(T, a))),
                         ("scipy", getattr(sp, name)(v, scalar(T, a)))):
            assert type(got) is T, how
            assert_close(parts(got), want, "%s %s(%r, %r)" % (how, name, v, a))
        assert_close([getattr(dn, name)(v, a)], want[:1], "float %s(%r, %r)" % (name, v, a))


@pytest.mark.parametrize("name", list(ORDER_POINTS))
@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray])
def test_order_first_on_arrays_with_directions_and_an_array_of_orders(T, name):
    """Two directions (seed j + 1 times B), and one order per element broadcast against x."""
    v, a = (np.array(c) for c in zip(*ORDER_POINTS[name]))
    x = two_directions(T, a)
    got = getattr(sp, name)(v, x)
    assert type(got) is T
    for i in range(a.size):
        for j in range(2):
            want = order_expected(name, v[i], a[i], T is dn.HyperDualArray, j + 1)
            pieces = [got.real[i], parts(got)[1][i, j]]
            if T is dn.HyperDualArray:
                pieces += [got.eps2[i, 0], got.eps1eps2[i, j, 0]]
            assert_close(pieces, want, "%s(%r, %r) direction %d" % (name, v[i], a[i], j))


def test_iv_of_a_negative_x_and_a_non_integer_order_is_nan_as_scipy():
    for got in (dn.iv(2.5, dn.HyperDual(-1.0, B, C, D)), sp.iv(2.5, dn.Dual(-1.0, B))):
        assert all(np.isnan(p) for p in parts(got))
    assert np.isnan(sp.iv(2.5, -1.0)) and np.isnan(dn.iv(2.5, -1.0))


@pytest.mark.parametrize("v, want", [(0.0, (1.0, 0.0, 0.5)), (1.0, (0.0, 0.5, 0.0)),
                                     (2.0, (0.0, 0.0, 0.25)), (3.0, (0.0, 0.0, 0.0)),
                                     (0.5, (0.0, np.inf, -np.inf)),
                                     (1.5, (0.0, 0.0, np.inf)),
                                     (-0.5, (np.inf, -np.inf, np.inf))])
def test_iv_at_zero_takes_the_limits_of_the_series(v, want):
    """I_v(x) = (x/2)^v / Gamma(v + 1) (1 + x^2/(4 (v + 1)) + ...) at x -> 0+ (DLMF 10.25.2):
    I_0 = 1 + x^2/4, I_1 = x/2, I_2 = x^2/8; I_(1/2) = sqrt(2/(pi x)) sinh x, I_(-1/2)
    = sqrt(2/(pi x)) cosh x."""
    assert dn.derivatives(lambda t: sp.iv(v, t), 0.0) == want


def test_readme_iv_values_are_dualnums_own():
    """README, Functions: SciPy's iv(2.5, 1e-20) is off by 8.7 ulps and iv(1, 1e-300) is 0;
    dualnum's are within 8 ulps (the sweep's bound)."""
    for v, a, scipy_ulps in ((2.5, 1e-20, 8.5), (1.0, 1e-300, 1e15)):
        with mpmath.workdps(50):
            exact = mpmath.besseli(v, mpf(a))
        ulp = np.spacing(float(exact))
        assert abs(mpf(float(sp.iv(v, a))) - exact) > scipy_ulps * ulp
        assert abs(mpf(dn.iv(v, a)) - exact) <= 8 * ulp


def test_readme_iv_beyond_order_40_takes_scipys_ive():
    """README, Functions: beyond |v| = 40 the values are SciPy's ive times e^x; the
    derivatives still follow DLMF 10.29.2 and 10.25.1 (against mpmath, to SciPy's
    accuracy)."""
    v, a = 50.5, 60.0
    assert dn.iv(v, a) == float(np.longdouble(sp.ive(v, a)) * np.exp(np.longdouble(a)))
    got = dn.derivatives(lambda t: sp.iv(v, t), a)
    want = order_jet("iv", v, a)
    for g, w in zip(got, want):
        assert abs(mpf(g) - w) <= 1e-12 * abs(w)


@pytest.mark.parametrize("v, want", [(1.0, (0.0, 0.5)), (2.0, (0.0, 0.0, 0.25)),
                                     (3.0, (0.0, 0.0, 0.0)), (0.5, (0.0, np.inf, -np.inf))])
def test_ive_at_zero(v, want):
    """e^-|x| I_v(x) at x -> 0 (DLMF 10.25.2): I_1 = x/2 gives x/2 - x|x|/2, whose second
    derivative jumps from +1 to -1 (NaN); I_2 = x^2/8 gives x^2/8 - |x|^3/8 (1/4); a
    non-integer order is real for x >= 0 only: the limits from the right."""
    got = dn.derivatives(lambda t: sp.ive(v, t), 0.0)
    assert got[:len(want)] == want
    assert len(want) == 3 or np.isnan(got[2])


def test_ive_of_order_0_has_a_kink_at_zero():
    """README, Functions: e^-|x| I_0(x) = 1 - |x| + ...: the mean slope 0, no second
    derivative, and an argument reaching 0 with a second-order part d alone moves to the side
    of d (slope -1 on either side of 0, as e^-|x| falls both ways)."""
    assert dn.derivative(lambda t: sp.ive(0, t), 0.0) == 0.0
    assert np.isnan(dn.second_derivative(lambda t: sp.ive(0, t), 0.0))
    for d in (0.5, -0.5):
        got = sp.ive(0.0, dn.HyperDual(0.0, 0.0, 0.0, d))
        assert parts(got) == [1.0, 0.0, 0.0, -abs(d)]
    assert dn.second_derivative(lambda t: sp.ive(0, t * t), 0.0) == -2.0


@pytest.mark.parametrize("v, a, order", [(10.0, 99.0, 1), (10.0, 99.0, 2), (20.0, 300.0, 2),
                                         (39.5, 1000.0, 2), (3.0, 18.0, 2)])
def test_readme_limitation_ive_next_to_the_zeros_of_its_derivatives(v, a, order):
    """README, Functions: next to the zeros of ive' and ive'' and for large orders between
    x = 25 and v^2, where they are below 2^-10 of ive itself, ive' and ive'' are accurate to
    an eighth of an ulp of ive(v, x), not to 8 ulps of themselves (mpmath)."""
    exact = order_jet("ive", v, a)
    got = dn.derivatives(lambda t: sp.ive(v, t), a)[order]
    assert abs(exact[order]) < exact[0] * 2.0 ** -10
    assert abs(mpf(got) - exact[order]) <= np.spacing(float(exact[0])) / 8


def test_readme_kv_values_are_dualnums_own():
    """README, Functions: SciPy's kve(0.2, 1.7) is off by 206 ulps and kv(0, 1e-310) is inf;
    dualnum's are within 8 ulps (the sweep's bound)."""
    for v, a, scipy_ulps in ((0.2, 1.7, 150.0), (0.0, 1e-310, np.inf)):
        with mpmath.workdps(50):
            exact = mpmath.besselk(v, mpf(a))
        ulp = np.spacing(float(exact))
        got = float(sp.kve(v, a)) * np.exp(a)
        assert np.isinf(got) if np.isinf(scipy_ulps) else abs(mpf(got) - exact) > scipy_ulps * ulp
        assert abs(mpf(dn.kv(v, a)) - exact) <= 8 * ulp


def test_kv_at_zero_and_below_as_scipy():
    """K_v(x) -> +inf at x -> 0+, K_v' -> -inf, K_v'' -> +inf; NaN for x < 0, as SciPy."""
    assert dn.derivatives(lambda t: sp.kv(1.5, t), 0.0) == (np.inf, -np.inf, np.inf)
    assert np.isinf(sp.kv(1.5, 0.0))
    for got in (dn.kv(0.5, dn.HyperDual(-1.0, B, C, D)), sp.kv(0.5, dn.Dual(-1.0, B))):
        assert all(np.isnan(p) for p in parts(got))
    assert np.isnan(sp.kv(0.5, -1.0))


def test_readme_kv_beyond_order_1000_takes_scipys_kve():
    """README, Functions: beyond v = 1000 the values are SciPy's kve times e^-x, with the
    derivatives of DLMF 10.29.2 and 10.25.1 (against mpmath, to SciPy's accuracy)."""
    v, a = 1000.5, 900.0
    assert dn.kv(v, a) == float(np.longdouble(sp.kve(v, a)) * np.exp(-np.longdouble(a)))
    want = order_jet("kv", v, a)
    for g, w in zip(dn.derivatives(lambda t: sp.kv(v, t), a), want):
        assert abs(mpf(g) - w) <= 1e-12 * abs(w)



# ---------------------------------------------------------------- scipy.special.polygamma
def polygamma_jet(n, a):
    """psi^(n), psi^(n+1), psi^(n+2) at a, from mpmath (the orders in closed form, not the
    rule's Hurwitz zeta or reflection)."""
    with mpmath.workdps(40):
        return [mpmath.psi(n + k, mpf(a)) for k in range(3)]


def close(got, want):
    return abs(mpf(float(got)) - want) <= REL * abs(want)


@pytest.mark.parametrize("n", [0, 1, 2, 5])
@pytest.mark.parametrize("a", [0.3, 1.7, 25.0, -2.7, -0.4, -10.25])
def test_scipy_polygamma_of_dual_and_hyperdual(n, a):
    """scipy.special.polygamma(n, x), a Python function in SciPy (not a ufunc), on scalar
    duals with general parts: f, f' b; f, f' b, f' c, f' d + f'' b c."""
    f0, f1, f2 = polygamma_jet(n, a)
    got = sp.polygamma(n, dn.Dual(a, B))
    assert type(got) is dn.Dual
    assert close(got.real, f0) and close(got.dual, f1 * B)
    got = sp.polygamma(n, dn.HyperDual(a, B, C, D))
    assert type(got) is dn.HyperDual
    for g, w in zip(parts(got), (f0, f1 * B, f1 * C, f1 * D + f2 * B * C)):
        assert close(g, w)


def test_scipy_polygamma_of_a_dual_array_with_directions_and_an_array_of_orders():
    """n broadcast against x as SciPy broadcasts it; each direction its own seed."""
    x = np.array([0.3, -2.7, 25.0])
    seeds = np.array([[B, 0.0], [C, D], [0.0, 1.0]])
    n = np.array([[1], [2]])
    got = sp.polygamma(n, dn.DualArray(x, seeds, directional=True))
    assert type(got) is dn.DualArray and got.real.shape == (2, 3) and got.dual.shape == (2, 3, 2)
    for i in range(2):
        for j in range(3):
            f0, f1, _ = polygamma_jet(int(n[i, 0]), x[j])
            assert close(got.real[i, j], f0)
            for k in range(2):
                assert got.dual[i, j, k] == 0.0 if seeds[j, k] == 0 else close(
                    got.dual[i, j, k], f1 * seeds[j, k])
    # a list of orders beside a scalar dual: a dual array, as SciPy's ufuncs give
    got = sp.polygamma([0, 3], dn.Dual(1.7, B))
    assert type(got) is dn.DualArray
    for i, m in enumerate((0, 3)):
        f0, f1, _ = polygamma_jet(m, 1.7)
        assert close(got.real[i], f0) and close(got.dual[i], f1 * B)


@pytest.mark.parametrize("n", [dn.Dual(1.0, 1.0), dn.DualArray([1.0, 2.0], [1.0, 0.0]),
                               [dn.HyperDual(1.0, 1.0, 0.0, 0.0)]])
def test_scipy_polygamma_refuses_a_dual_order(n):
    for x in (2.0, dn.Dual(2.0, B)):
        with pytest.raises(TypeError, match=r"polygamma: its parameter n is a dual number"):
            sp.polygamma(n, x)


def test_scipy_polygamma_of_floats_is_scipys():
    """The wrapper passes calls without duals to SciPy's own function, unchanged."""
    original = sp.polygamma.__wrapped__
    assert sp.polygamma is not original
    n, x = np.array([[0], [1], [3]]), np.array([0.3, -2.5, 7.0, 1e5])
    assert np.array_equal(sp.polygamma(n, x), original(n, x))
    assert sp.polygamma(2, 1.5) == original(2, 1.5)


def test_polygamma_edges_as_scipy_or_digamma():
    """Non-integer or negative n: NaN, as SciPy; at a pole +inf for odd orders (the limit
    from both sides, SciPy's value) and NaN for even ones (the sign depends on the side:
    digamma's convention, where SciPy gives -inf); x = +inf: the limit 0."""
    for n in (1.5, -1.0):
        assert np.isnan(sp.polygamma(n, 2.0))
        assert all(np.isnan(p) for p in parts(sp.polygamma(n, dn.HyperDual(2.0, B, C, D))))
    poles = np.array([0.0, -0.0, -3.0])
    # the rule's parts, orders 1, 2, 3: a part past a NaN one is NaN too (chain.h)
    f0, f1, f2 = ufuncs.jet_polygamma(poles, 1.0)
    assert np.all(f0 == np.inf) and np.isnan(f1).all() and np.isnan(f2).all()
    assert np.isnan(ufuncs.jet_polygamma(poles, 2.0)).all()
    assert np.all(sp.polygamma(1, poles) == np.inf)
    assert sp.polygamma(1, dn.Dual(-3.0, B)).real == np.inf
    f0, f1, f2 = ufuncs.jet_polygamma(np.array([np.inf, -np.inf]), 1.0)
    assert [math.copysign(1.0, f) for f in (f0[0], f1[0], f2[0])] == [1.0, -1.0, 1.0]
    assert f0[0] == f1[0] == f2[0] == 0.0 and np.isnan([f0[1], f1[1], f2[1]]).all()


@pytest.mark.parametrize("args, name", [((dn.Dual(1.3, 1.0), 2.0, 0.3), "a"),
                                        ((2.0, dn.Dual(1.3, 1.0), 0.3), "b")])
def test_betainc_refuses_a_dual_parameter_naming_it(args, name):
    with pytest.raises(TypeError, match=r"scipy\.special\.betainc: its parameter %s is a "
                       r"dual number.*pass %s as a number" % (name, name)):
        sp.betainc(*args)
