"""Worked examples of derivatives of any order, each against a reference from outside dualnum:
a Taylor-series integrator of the pendulum against SciPy's DOP853 and the conserved energy,
critical points classified by their first non-vanishing derivative, and the Taylor
coefficients of e^x cos x against sympy's series (exact rationals)."""
import math

import numpy as np
import pytest

import dualnum as dn
from dualnum import taylor

# ---- a Taylor-series integrator: the pendulum theta'' = -sin(theta) ----


def pendulum(y):
    """y' = F(y) for y = (theta, omega): (omega, -sin theta). On a Taylor array y, y[1:]
    and y[:1] are Taylor arrays of one element, which np.concatenate joins; the elements
    y[1] and y[0] are Taylor numbers, which np.stack and np.array cannot hold (they refuse
    to convert them to floats)."""
    return np.concatenate([y[1:], -np.sin(y[:1])])


def taylor_series(f, y, order):
    """The normalised Taylor coefficients y_0 = y, ..., y_order of the solution of y' = f(y)
    through y, one order at a time: y_(k+1) = f(y)_k / (k + 1), f's k-th coefficient taking
    y's series to order k."""
    series = [y]
    for k in range(order):
        series.append(taylor(f, series[0], k, series=series[1:])[k] / (k + 1))
    return series


def taylor_step(f, y, h, order):
    """y(t + h) for y' = f(y): its Taylor series at t to ``order``, summed at h (Horner)."""
    series = taylor_series(f, y, order)
    out = series[-1]
    for c in series[-2::-1]:
        out = out * h + c
    return out


def energy(y):
    return 0.5 * y[1] ** 2 - np.cos(y[0])


def test_pendulum_by_taylor_series_against_dop853():
    solve_ivp = pytest.importorskip("scipy.integrate").solve_ivp
    y, h, steps = np.array([1.0, 0.0]), 0.5, 20   # to t = 10
    e0, drift = energy(y), 0.0
    for _ in range(steps):
        y = taylor_step(pendulum, y, h, 20)
        drift = max(drift, abs(energy(y) - e0))
    reference = solve_ivp(lambda t, u: [u[1], -np.sin(u[0])], (0.0, 10.0), [1.0, 0.0],
                          method="DOP853", rtol=1e-13, atol=1e-13).y[:, -1]
    # measured: |y - DOP853| = (1.7e-14, 8.7e-14), energy drift 5.4e-14 over the 20 steps
    # (DOP853's own at t = 10: 7.3e-15)
    np.testing.assert_allclose(y, reference, rtol=0, atol=1e-12)
    assert drift < 1e-12


def test_the_series_of_the_pendulum_and_of_exponential_decay():
    """From (theta, omega) = (0, 1): omega' = -sin(theta) = -theta + theta^3/6 - ... gives
    theta = t - t^3/6 + t^5/60 + ..., omega = 1 - t^2/2 + t^4/12 + ...; and y' = -y from 1
    gives e^-h to rounding with 20 orders at h = 0.5."""
    series = taylor_series(pendulum, np.array([0.0, 1.0]), 5)
    exact = [(0, 1), (1, 0), (0, -1 / 2), (-1 / 6, 0), (0, 1 / 12), (1 / 60, 0)]
    np.testing.assert_allclose(np.array(series), exact, rtol=1e-15, atol=1e-17)
    decay = taylor_step(lambda u: -u, np.array([1.0]), 0.5, 20)
    assert abs(decay[0] - math.exp(-0.5)) < 4e-16


# ---- critical points by the first non-vanishing derivative ----


def classify(f, x, order=4):
    """"minimum", "maximum", "inflection" (no extremum: the first derivative past f' that
    is not 0 has an odd order) or "undetermined" (all of f'', ..., f^(order) vanish) at a
    critical point x of f; "not critical" where f'(x) != 0."""
    d = dn.derivatives(f, x, order=order)
    if d[1] != 0:
        return "not critical"
    for k in range(2, order + 1):
        if d[k] != 0:
            if k % 2:
                return "inflection"
            return "minimum" if d[k] > 0 else "maximum"
    return "undetermined"


def test_x3_and_x4_at_zero():
    assert dn.derivatives(lambda x: x ** 3, 0.0, order=4) == (0.0, 0.0, 0.0, 6.0, 0.0)
    assert dn.derivatives(lambda x: x ** 4, 0.0, order=4) == (0.0, 0.0, 0.0, 0.0, 24.0)
    assert classify(lambda x: x ** 3, 0.0) == "inflection"
    assert classify(lambda x: x ** 4, 0.0) == "minimum"


@pytest.mark.parametrize("f, x, kind", [
    (lambda x: -x ** 4, 0.0, "maximum"),
    (lambda x: x ** 2, 0.0, "minimum"),
    (lambda x: (x - 1.0) ** 4, 1.0, "minimum"),
    (lambda x: np.sin(x) - x, 0.0, "inflection"),         # -x^3/6 + ...
    (lambda x: np.cos(x), 0.0, "maximum"),
    (lambda x: np.cosh(x) - 1.0 - x ** 2 / 2, 0.0, "minimum"),   # x^4/24 + ...
    (lambda x: x ** 5, 0.0, "undetermined"),               # f^(5) is past order 4
    (lambda x: x ** 3, 1.0, "not critical"),
])
def test_classify(f, x, kind):
    assert classify(f, x) == kind


def test_x5_is_an_inflection_at_order_5():
    assert classify(lambda x: x ** 5, 0.0, order=5) == "inflection"


# ---- e^x cos x: f^(8)(0) = 16 and its Taylor coefficients against sympy's series ----


def test_eighth_derivative_of_exp_cos():
    value = dn.derivative(lambda x: np.exp(x) * np.cos(x), 0.0, order=8)
    assert abs(value - 16.0) <= 4 * np.spacing(16.0)   # measured: 2 ulps (16 + 7e-15)


def test_exp_cos_coefficients_against_sympy():
    sympy = pytest.importorskip("sympy")
    t = sympy.Symbol("t")
    series = sympy.series(sympy.exp(t) * sympy.cos(t), t, 0, 10).removeO()
    exact = [series.coeff(t, k) for k in range(10)]
    assert exact[:5] == [1, 1, 0, sympy.Rational(-1, 3), sympy.Rational(-1, 6)]
    got = taylor(lambda x: np.exp(x) * np.cos(x), 0.0, 9)
    for k, (c, e) in enumerate(zip(got, exact)):
        # t_k = Re((1 + i)^k) / k!: within a few ulps of its modulus 2^(k/2) / k! (the
        # coefficients of t^2 and t^6 are 0)
        scale = 2.0 ** (k / 2) / math.factorial(k)
        assert abs(c - float(e)) <= 4 * np.spacing(scale), (k, c, e)
