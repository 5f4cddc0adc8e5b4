"""Every script of examples/ runs (in a subprocess, as a user runs it) and prints results
that agree with facts known without dualnum: closed forms, SciPy's analytic derivatives,
NumPy's least squares, finite differences."""
import ast
import math
import os
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest
from scipy.optimize import minimize, rosen, rosen_der, rosen_hess, rosen_hess_prod
from scipy.stats import norm

from dualnum import fd

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(name):
    """The ``key = value`` lines the example prints, as a dict of Python values."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    done = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True,
                          text=True, env=env, cwd=str(ROOT), timeout=300)
    assert done.returncode == 0, done.stderr
    return {m.group(1): ast.literal_eval(m.group(2))
            for m in re.finditer(r"^(\w+) = (.+)$", done.stdout, re.M)}


def test_every_example_is_tested():
    tested = {"newton.py", "critical_points.py", "gradient_descent.py",
              "network_gradient.py", "minimize.py", "black_scholes.py", "taylor_pendulum.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


def test_newton():
    out = run("newton.py")
    assert abs(out["root"] - math.sqrt(2.0)) <= 1e-15 * math.sqrt(2.0)
    assert abs(out["minimum"] - math.log(2.0)) <= 1e-15  # e^x - 2x: e^x = 2
    assert out["second_derivative_at_minimum"] == pytest.approx(2.0, rel=1e-15)
    assert out["root_steps"] <= 8 and out["minimum_steps"] <= 8  # quadratic convergence


def test_critical_points_of_the_quartic():
    """f' = 4x(x - 1)(x - 2), f'' = 12x^2 - 24x + 8: 8, -4, 8 at 0, 1, 2."""
    out = run("critical_points.py")
    assert out["critical_points"] == [0.0, 1.0, 2.0]
    assert out["kinds"] == ["minimum", "maximum", "minimum"]
    assert out["second_derivatives"] == [8.0, -4.0, 8.0]
    assert out["values"] == [1.0, 2.0, 1.0]
    # where f'' = 0: x^3, x^4 and -x^6 at 0 (f''' = 6, f'''' = 24, f^(6) = -720)
    assert out["higher_order_kinds"] == ["inflection (order 3)", "minimum (order 4)",
                                         "maximum (order 6)"]


def test_gradient_descent_reaches_the_least_squares_line():
    out = run("gradient_descent.py")
    t = np.linspace(0.0, 1.0, 20)
    y = 2.0 * t + 1.0 + 0.1 * np.sin(7.0 * t)
    a, b = np.polyfit(t, y, 1)
    assert abs(out["a"] - a) < 1e-12 and abs(out["b"] - b) < 1e-12
    assert out["loss"] == pytest.approx(np.mean((a * t + b - y) ** 2), rel=1e-12)


def test_network_gradient_checked_against_the_chain_rule():
    out = run("network_gradient.py")
    assert out["max_rel"] < 1e-15
    assert out["wrong_ok"] is False and out["wrong_where"] == (1, 0)
    assert out["wrong_max_rel"] == pytest.approx(1e-9, rel=1e-6)
    x, w1, w2 = (np.array(out[k]) for k in ("x", "w1", "w2"))

    def network(w):
        hidden = 1 / (1 + np.exp(-(w @ x)))
        return 1 / (1 + np.exp(-(w2 @ hidden)))

    # the printed gradient, against central differences (their error: about 1e-10 here)
    np.testing.assert_allclose(out["gradient"], fd.gradient(network, w1), rtol=1e-8)


def test_minimize_with_exact_derivatives_follows_scipys_analytic_ones():
    out = run("minimize.py")
    x0 = [1.3, 0.7, 0.8, 1.9, 1.2]
    ref = minimize(rosen, x0, method="trust-exact", jac=rosen_der, hess=rosen_hess,
                   options={"gtol": 1e-10})
    assert out["trust_exact_iterations"] == ref.nit
    np.testing.assert_allclose(out["trust_exact_x"], np.ones(5), rtol=0, atol=1e-12)
    ref = minimize(rosen, x0, method="Newton-CG", jac=rosen_der, hessp=rosen_hess_prod,
                   options={"xtol": 1e-14})
    assert out["newton_cg_iterations"] == ref.nit
    np.testing.assert_allclose(out["newton_cg_x"], ref.x, rtol=1e-12)
    np.testing.assert_allclose(out["newton_cg_x"], np.ones(5), rtol=0, atol=1e-7)


def test_black_scholes_greeks_are_the_closed_forms():
    out = run("black_scholes.py")
    s, k, r, v, t = (out[n] for n in ("spot", "strike", "rate", "volatility", "maturity"))
    d1 = (math.log(s / k) + (r + v * v / 2) * t) / (v * math.sqrt(t))
    d2 = d1 - v * math.sqrt(t)
    assert out["price"] == pytest.approx(s * norm.cdf(d1) - k * math.exp(-r * t)
                                         * norm.cdf(d2), rel=1e-14)
    assert out["delta"] == pytest.approx(norm.cdf(d1), rel=1e-14)
    assert out["gamma"] == pytest.approx(norm.pdf(d1) / (s * v * math.sqrt(t)), rel=1e-14)
    # the example's own comparison with the closed forms, as printed
    assert out["closed_form_delta"] == pytest.approx(norm.cdf(d1), rel=1e-15)
    assert out["closed_form_gamma"] == pytest.approx(norm.pdf(d1) / (s * v * math.sqrt(t)),
                                                     rel=1e-15)
    assert out["delta_relative_difference"] < 1e-14
    assert out["gamma_relative_difference"] < 1e-14


def test_taylor_pendulum_follows_solve_ivp():
    """The Taylor-series integrator of order 20 against SciPy's DOP853 at rtol = atol =
    1e-13 at t = 10, and the energy 0.5 omega^2 - cos(theta) kept from its start -cos(1)."""
    from scipy.integrate import solve_ivp
    out = run("taylor_pendulum.py")
    ref = solve_ivp(lambda t, y: [y[1], -math.sin(y[0])], (0.0, 10.0), [1.0, 0.0],
                    method="DOP853", rtol=1e-13, atol=1e-13).y[:, -1]
    assert np.allclose(out["theta_omega"], ref, rtol=0, atol=1e-11)
    assert abs(out["energy"] + math.cos(1.0)) <= 1e-12
    assert np.array_equal(out["solve_ivp_theta_omega"], ref)   # the example's own check
    assert out["largest_difference"] == np.max(np.abs(np.array(out["theta_omega"]) - ref))
