"""The Taylor kernels (dualnum._taylor: src/taylor.h, and the rule kernels of exp, log, sin
and cos, src/taylor_rules.h): the series of products, quotients,
powers, exp, log, sin/cos and sqrt of a variable, orders 0 to 20, against mpmath's Taylor
coefficients at 50 digits (mpmath.taylor: an independent reference), and the same bits for
an element whatever its place in the array (the kernels work in blocks of 256 elements)."""
import mpmath
import numpy as np
import pytest

from dualnum import _taylor

mpmath.mp.dps = 50
ORDER = 20
POINTS = np.array([0.3, 1.7, 2.5, 7.25])


def variable(x, d=ORDER):
    """The series of t -> x + t: coefficients x, 1, 0, ..."""
    series = np.zeros((d + 1,) + np.shape(x))
    series[0] = x
    if d:
        series[1] = 1.0
    return series


def rule(name, u):
    """The series of the rule table's entry ``name`` of the series u (its Taylor kernel)."""
    return _taylor.unary(name, u)[0]


def constant_plus(series, c):
    out = series.copy()
    out[0] += c
    return out


CASES = {
    "exp": (lambda u: rule("exp", u), mpmath.exp),
    "log": (lambda u: rule("log", u), mpmath.log),
    "sin": (lambda u: rule("sin", u), mpmath.sin),
    "cos": (lambda u: rule("cos", u), mpmath.cos),
    "sqrt": (lambda u: _taylor.sqrt(u), mpmath.sqrt),
    "power 2.5": (lambda u: _taylor.power(u, 2.5), lambda t: t ** mpmath.mpf(2.5)),
    "power -3": (lambda u: _taylor.power(u, -3.0), lambda t: t ** -3),
    "product": (lambda u: _taylor.mul(rule("exp", u), rule("cos", u)),
                lambda t: mpmath.exp(t) * mpmath.cos(t),
                # the sum's terms: the product of the factors' magnitudes
                lambda u: _taylor.mul(np.abs(rule("exp", u)),
                                             np.abs(rule("cos", u)))),
    "quotient": (lambda u: _taylor.div(u, constant_plus(_taylor.mul(u, u), 1.0)),
                 lambda t: t / (1 + t * t)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_coefficients_against_mpmath(name):
    kernel, reference = CASES[name][:2]
    u = variable(POINTS)
    got = kernel(u)
    # Conditioning: a coefficient that is a sum of terms of both signs is known to rounding
    # of the terms' magnitudes, not of the sum (the product's cancels at x = 2.5, order 19),
    # so its bound is relative to the magnitudes; the others are bounded relative to the
    # coefficient itself.
    scale = np.abs(CASES[name][2](u)) if len(CASES[name]) > 2 else None
    assert got.shape == (ORDER + 1, POINTS.size)
    for i, x in enumerate(POINTS):
        want = mpmath.taylor(reference, mpmath.mpf(float(x)), ORDER)
        for k in range(ORDER + 1):
            size = abs(float(want[k])) if scale is None else max(scale[k, i],
                                                                  abs(float(want[k])))
            # relative error at most 1e-13 (a few hundred ulps over 20 orders)
            assert abs(got[k, i] - float(want[k])) <= 1e-13 * size, (name, x, k)


def test_the_textbook_eighth_derivative():
    """d^8/dx^8 e^x cos x at 0 = 16 (e^x cos x = Re e^((1+i) x), (1+i)^8 = 16)."""
    u = variable(np.zeros(1), 8)
    series = _taylor.mul(rule("exp", u), rule("cos", u))
    assert series[8, 0] * 40320 == pytest.approx(16.0, rel=1e-15)


@pytest.mark.parametrize("n", [1, 255, 256, 257, 1000])
def test_an_element_has_the_same_bits_wherever_it_is(n):
    """The kernels' blocks of 256 elements: every element equals its own one-element
    series bit for bit, across block ends and in the last, partial block."""
    x = np.linspace(0.1, 3.0, n)
    u = variable(x, 12)
    for name, case in CASES.items():
        kernel = case[0]
        whole = kernel(u)
        for i in sorted({0, n // 2, n - 1, min(255, n - 1), min(256, n - 1)}):
            alone = kernel(variable(x[i:i + 1], 12))
            np.testing.assert_array_equal(whole[:, i], alone[:, 0], err_msg=name)


def test_shapes_and_order_zero():
    x = np.linspace(0.5, 1.5, 6).reshape(2, 3)
    series = rule("exp", variable(x, 3))
    assert series.shape == (4, 2, 3)
    # order 0 from the C library's exp, or its SIMD variant (glibc: within 4 ulps)
    want = np.array([float(mpmath.exp(v)) for v in x.ravel()]).reshape(x.shape)
    np.testing.assert_array_max_ulp(series[0], want, maxulp=4)
    np.testing.assert_array_equal(_taylor.sqrt(variable(x, 0)), np.sqrt(x)[None])


def test_bad_series_are_refused():
    with pytest.raises(ValueError, match="must be a series"):
        _taylor.unary("exp", np.float64(1.0))
    with pytest.raises(ValueError, match="must be a series"):
        _taylor.unary("exp", np.empty((0, 3)))
    with pytest.raises(ValueError, match="one shape"):
        _taylor.mul(np.ones((3, 2)), np.ones((3, 4)))


def test_fast_paths_against_the_general_recurrences():
    """The fast paths of src/taylor.h against the general ones they stand in for: a square
    (a == b: each pair summed once) against the product of two copies and the exact
    Cauchy square (fractions); t ** 2 (the Cauchy square, not the power recurrence) the
    same bits; the rule kernels' chain rule at orders <= 2 against coefficients 0..2 of the
    same kernels at order 6 (the recurrences)."""
    from fractions import Fraction
    u = variable(POINTS, 12)
    u[2:] = np.linspace(-0.7, 0.9, 11)[:, None] * np.array([1.0, -0.5, 2.0, 0.25])
    square = _taylor.mul(u, u)
    np.testing.assert_allclose(square, _taylor.mul(u, u.copy()), rtol=1e-14, atol=0)
    exact = [[float(sum(Fraction(u[j, i]) * Fraction(u[k - j, i]) for j in range(k + 1)))
              for i in range(u.shape[1])] for k in range(len(u))]
    np.testing.assert_allclose(square, exact, rtol=1e-15, atol=0)
    assert np.array_equal(rule_p("power_constant_exponent", u, 2.0), square)
    for name in ("exp", "sin", "tanh", "log", "arctan", "erf", "expm1"):
        low, high = rule(name, u[:3]), rule(name, u[:7])[:3]
        np.testing.assert_allclose(low, high, rtol=4e-16, atol=0, err_msg=name)


def rule_p(name, u, p):
    return _taylor.unary(name, u, p)[0]
