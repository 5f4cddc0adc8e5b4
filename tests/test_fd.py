"""dualnum.fd, the finite-difference baseline: documented accuracy with the default steps,
the truncation error of an explicit step, and dualnum's exact derivatives beating them all."""
import math

import numpy as np
import pytest
import sympy

import dualnum as dn
from corpus import FIKE_ALONSO_X, fike_alonso
from dualnum import fd

# f, f', f''
FUNCTIONS = {"sin": (np.sin, np.cos, lambda x: -np.sin(x)),
             "exp": (np.exp, np.exp, np.exp)}
# Moderate |x|: the default step grows with |x|, which suits f varying on the scale of x
# but not exp's fixed scale (five_point on exp at x = 8 is off by 4e-11).
POINTS = {"sin": [-2.0, 0.5, 1.0, 2.5], "exp": [-1.0, 0.5, 1.5, 3.0]}
CASES = [(name, x) for name in FUNCTIONS for x in POINTS[name]]

# Relative error bounds implied by each formula's order and default step.
FIRST_ORDER = {fd.forward: 1e-7, fd.backward: 1e-7, fd.central: 1e-9, fd.five_point: 1e-11}


def rel_err(got, want):
    return np.max(np.abs((np.asarray(got) - want) / want))


@pytest.mark.parametrize("formula, bound", FIRST_ORDER.items(),
                         ids=[formula.__name__ for formula in FIRST_ORDER])
@pytest.mark.parametrize("name, x", CASES)
def test_first_derivative_default_step(formula, bound, name, x):
    f, df, _ = FUNCTIONS[name]
    got = formula(f, x)
    assert isinstance(got, float)
    assert rel_err(got, df(x)) < bound
    # ... but not exact: a finite difference has an error (unlike dualnum)
    assert got != df(x) or formula is fd.five_point


@pytest.mark.parametrize("name, x", CASES)
def test_second_central_default_step(name, x):
    f, _, d2f = FUNCTIONS[name]
    assert rel_err(fd.second_central(f, x), d2f(x)) < 1e-6


@pytest.mark.parametrize("name", FUNCTIONS)
def test_formulas_on_arrays(name):
    f, df, d2f = FUNCTIONS[name]
    xs = np.array(POINTS[name])
    for formula, bound in FIRST_ORDER.items():
        got = formula(f, xs)
        assert isinstance(got, np.ndarray) and got.shape == xs.shape
        assert rel_err(got, df(xs)) < bound
        # elementwise: the formula at each point, each with its own step (NumPy's array
        # and scalar ufunc loops may round f differently, hence the tolerance)
        np.testing.assert_allclose(got, [formula(f, x) for x in xs], rtol=bound)
    got = fd.second_central(f, xs.reshape(2, 2))
    assert got.shape == (2, 2) and rel_err(got, d2f(xs.reshape(2, 2))) < 1e-6


def test_higher_order_formulas_are_more_accurate():
    """Higher-order formulas are more accurate at the same points (summed over points)."""
    f, df, _ = FUNCTIONS["sin"]
    xs = np.array(POINTS["sin"])
    errors = [np.sum(np.abs(formula(f, xs) - df(xs)))
              for formula in (fd.forward, fd.central, fd.five_point)]
    assert errors[0] > 10 * errors[1] > 100 * errors[2]


# With an explicit step h the truncation error dominates and has a closed form for sin and
# exp, e.g. central: (sin(x + h) - sin(x - h)) / 2h = cos(x) sin(h) / h.
H = 0.1
STEP_CASES = {
    "forward exp": (fd.forward, np.exp, lambda x, h: np.exp(x) * np.expm1(h) / h),
    "backward exp": (fd.backward, np.exp, lambda x, h: -np.exp(x) * np.expm1(-h) / h),
    "central sin": (fd.central, np.sin, lambda x, h: np.cos(x) * np.sin(h) / h),
    "five_point sin": (fd.five_point, np.sin,
                       lambda x, h: np.cos(x) * (8 * np.sin(h) - np.sin(2 * h)) / (6 * h)),
    "second_central sin": (fd.second_central, np.sin,
                           lambda x, h: -np.sin(x) * 4 * np.sin(h / 2) ** 2 / h ** 2),
}


@pytest.mark.parametrize("case", STEP_CASES)
@pytest.mark.parametrize("x", [0.5, 1.0, -2.0])
def test_explicit_step_is_honoured(case, x):
    formula, f, exact_fd = STEP_CASES[case]
    got = formula(f, x, step=H)
    assert abs(got - exact_fd(x, H)) < 1e-12 * max(1.0, abs(exact_fd(x, H)))
    assert abs(got - formula(f, x)) > 1e-7  # far from the default-step result


@pytest.mark.parametrize("x", [0.5, 1.0, -2.0])
def test_central_truncation_error_is_h_squared_over_six(x):
    for h in (0.1, 0.05):
        deviation = (np.cos(x) - fd.central(np.sin, x, step=h)) / np.cos(x)
        assert deviation == pytest.approx(h * h / 6, rel=0.01)
    forward_dev = (np.exp(x) - fd.forward(np.exp, x, step=H)) / np.exp(x)
    assert forward_dev == pytest.approx(-H / 2, rel=0.05)


def test_step_can_be_an_array():
    xs = np.array([0.5, 1.0, -2.0])
    steps = np.array([0.1, 0.05, 0.2])
    got = fd.central(np.sin, xs, step=steps)
    np.testing.assert_allclose(got, np.cos(xs) * np.sin(steps) / steps, rtol=1e-12)


def test_dualnum_beats_every_formula_on_fike_alonso():
    """On e^x / sqrt(sin^3 x + cos^3 x) at 1.5 dualnum's derivatives are closer to sympy's
    than every finite difference."""
    t = sympy.Symbol("t", real=True)
    expr = fike_alonso(t, sympy)
    at = sympy.Rational(FIKE_ALONSO_X)
    d1 = sympy.N(sympy.diff(expr, t).subs(t, at), 40)
    d2 = sympy.N(sympy.diff(expr, t, 2).subs(t, at), 40)

    def f(x):
        return fike_alonso(x, dn)

    def err(value, exact):
        return float(abs(sympy.Float(value, 40) - exact) / abs(exact))

    exact_first = err(dn.derivative(f, FIKE_ALONSO_X), d1)
    exact_second = err(dn.second_derivative(f, FIKE_ALONSO_X), d2)
    assert exact_first <= 1e-15 and exact_second <= 1e-15
    fd_first = {formula.__name__: err(formula(f, FIKE_ALONSO_X), d1) for formula in FIRST_ORDER}
    assert all(exact_first < e for e in fd_first.values()), (exact_first, fd_first)
    assert exact_second < err(fd.second_central(f, FIKE_ALONSO_X), d2)
    # the finite differences themselves still meet their documented orders here
    assert fd_first["forward"] < 1e-6 and fd_first["central"] < 1e-9


def test_fd_on_python_math_functions():
    """The formulas need only float arithmetic from f: math.* works on scalars."""
    assert math.isclose(fd.central(math.sin, 1.0), math.cos(1.0), rel_tol=1e-9)
    assert math.isclose(fd.second_central(math.exp, 0.5), math.exp(0.5), rel_tol=1e-6)


@pytest.mark.parametrize("formula", [fd.forward, fd.backward, fd.central, fd.five_point,
                                     fd.second_central])
@pytest.mark.parametrize("step, error, words", [
    (0.0, ValueError, "step must be positive and finite"),
    (-1e-3, ValueError, "step must be positive and finite"),
    (math.nan, ValueError, "step must be positive and finite"),
    (math.inf, ValueError, "step must be positive and finite"),
    (1e-3j, TypeError, "step must be a positive number"),
    ("1e-3", TypeError, "step must be a positive number"),
    ("a", TypeError, "step must be a positive number"),
    (True, TypeError, "step must be a positive number"),
    (np.array([True, True]), TypeError, "step must be a positive number"),
    (np.array([1e-3, 0.0]), ValueError, "step must be positive and finite"),
    (1e-300, ValueError, "too small to move x"),
])
def test_a_bad_step_is_refused_by_every_formula(formula, step, error, words):
    """A step that is not a positive number, or one that rounds away at x (x + h == x: the
    difference would be 0 / 0), is refused rather than giving NaN or a sign-flipped
    difference."""
    with pytest.raises(error, match=words):
        formula(np.sin, np.array([1.0, 2.0]) if np.ndim(step) else 1.0, step=step)


@pytest.mark.parametrize("method", [fd.gradient, fd.jacobian, fd.hessian])
def test_a_step_too_small_for_x_is_refused_by_the_array_differences(method):
    with pytest.raises(ValueError, match="too small to move x"):
        method(lambda p: np.sum(p ** 2), [1.0, 2.0], step=1e-300)
    with pytest.raises(ValueError, match="step must be positive and finite"):
        method(lambda p: np.sum(p ** 2), [1.0, 2.0], step=-1e-3)


@pytest.mark.parametrize("formula", [fd.forward, fd.backward, fd.central, fd.five_point,
                                     fd.second_central])
def test_every_formula_names_a_function_that_is_not_callable_and_takes_a_list_of_steps(
        formula):
    with pytest.raises(TypeError, match="f must be the function to differentiate"):
        formula(1, 1.0)
    xs = np.array([0.5, 1.0, -2.0])
    np.testing.assert_array_equal(formula(np.sin, xs, step=[0.1, 0.05, 0.2]),
                                  formula(np.sin, xs, step=np.array([0.1, 0.05, 0.2])))
