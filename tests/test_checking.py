"""dn.check_grad, check_jacobian, check_hessian: hand-written derivatives against dualnum's
exact ones. Correct derivatives (SciPy's analytic Rosenbrock ones, closed forms) agree to
rounding; bugs of relative size 1e-9, which finite differences cannot see, are found at
their index; bad input is refused clearly."""
import doctest
import math

import numpy as np
import pytest
from scipy.optimize import check_grad as fd_check_grad
from scipy.optimize import rosen, rosen_der, rosen_hess

import dualnum as dn
from dualnum import checking

EPS = np.finfo(np.float64).eps
POINTS = [np.array([-1.25, 1.0, 0.75]), np.array([0.3, -0.7, 1.9, 2.5, -1.1]),
          np.random.default_rng(11).uniform(-2.0, 2.0, 30)]


def planted(derivative, index, size=1e-9):
    """derivative, with its entry at ``index`` off by the relative ``size``."""
    def wrong(*args):
        value = np.array(derivative(*args), dtype=float)
        value[index] *= 1 + size
        return value
    return wrong


def rosen_der_magnitude(x):
    """The sum of the magnitudes of the terms of each entry of rosen_der: its rounding
    error is a few eps of it."""
    m = np.zeros_like(x)
    m[:-1] += 400 * np.abs(x[:-1] * (x[1:] - x[:-1] ** 2)) + 2 * np.abs(1 - x[:-1])
    m[1:] += 200 * np.abs(x[1:] - x[:-1] ** 2)
    return m


@pytest.mark.parametrize("x", POINTS, ids=lambda x: "n=%d" % x.size)
def test_a_correct_gradient_agrees_to_rounding(x):
    check = dn.check_grad(rosen, rosen_der, x)
    assert check.ok
    # both sides round each entry's few terms: a few eps of their magnitudes
    assert check.max_abs <= 8 * EPS * np.max(rosen_der_magnitude(x))
    assert check.max_rel < 1e-13


@pytest.mark.parametrize("x", POINTS, ids=lambda x: "n=%d" % x.size)
def test_a_planted_bug_is_found_where_finite_differences_see_nothing(x):
    for index in (0, x.size // 2, x.size - 1):
        check = dn.check_grad(rosen, planted(rosen_der, index), x)
        assert not check.ok
        assert check.where == (index,)
        assert check.max_rel == pytest.approx(1e-9, rel=1e-5)
        assert check.exact == pytest.approx(rosen_der(x)[index], rel=1e-14)
        assert check.given == pytest.approx(rosen_der(x)[index] * (1 + 1e-9), rel=1e-14)
        # SciPy's check_grad (forward differences) has an error ten times the bug's, and a
        # tolerance that accepts the right gradient with 10% to spare accepts the wrong one
        right = fd_check_grad(rosen, rosen_der, x)
        wrong = fd_check_grad(rosen, planted(rosen_der, index), x)
        assert right > 10 * abs(check.given - check.exact)
        assert wrong < 1.1 * right


def test_the_tolerances_set_the_verdict():
    x = POINTS[0]
    assert dn.check_grad(rosen, planted(rosen_der, 1), x, rtol=2e-9).ok
    assert not dn.check_grad(rosen, planted(rosen_der, 1), x, rtol=5e-10).ok
    assert dn.check_grad(rosen, planted(rosen_der, 1), x, rtol=0, atol=1e-7).ok
    for bad in (-1e-9, math.nan):
        with pytest.raises(ValueError, match="rtol must be a non-negative"):
            dn.check_grad(rosen, rosen_der, x, rtol=bad)
        with pytest.raises(ValueError, match="atol must be a non-negative"):
            dn.check_grad(rosen, rosen_der, x, atol=bad)


def test_largest_absolute_and_relative_discrepancies_are_told_apart():
    """A relative 5e-10 on the entry -755 is a larger absolute error than 1e-9 on -170."""
    x = np.array([-1.5, 1.0, 0.8])
    g = rosen_der(x)
    assert abs(g[0]) * 5e-10 > 2 * abs(g[1]) * 1e-9
    check = dn.check_grad(rosen, planted(planted(rosen_der, 1), 0, 5e-10), x)
    assert check.where == (1,) and check.where_abs == (0,)
    assert check.max_abs == pytest.approx(abs(g[0]) * 5e-10, rel=1e-4)


def test_zero_and_nan_entries():
    """At an exact 0 any other value is infinitely wrong in relative terms (atol accepts
    it); NaN against a number is a discrepancy, NaN against NaN is not."""
    def f(p):
        return p[0] ** 2 + p[1]

    def close(p):
        return np.array([2 * p[0] + 1e-20, 1.0])

    check = dn.check_grad(f, close, [0.0, 3.0])
    assert check.where == (0,) and check.max_rel == math.inf and not check.ok
    assert dn.check_grad(f, close, [0.0, 3.0], atol=1e-15).ok
    check = dn.check_grad(f, lambda p: np.array([np.nan, 1.0]), [2.0, 3.0])
    assert check.where == (0,) and check.max_abs == math.inf and not check.ok
    # a kink: dualnum's second derivative of abs at 0 is NaN (with a warning), as is this one
    with pytest.warns(RuntimeWarning, match="NaN"):
        assert dn.check_hessian(lambda p: np.sum(np.abs(p)),
                                lambda p: np.diag([np.nan, 0.0]), [0.0, 1.0]).ok


def test_jacobian_in_scipy_layout():
    def f(p):
        return np.array([p[0] * p[1] * p[2], np.sin(p[0]) * np.exp(p[1])])

    def jac(p):
        return np.array([[p[1] * p[2], p[0] * p[2], p[0] * p[1]],
                         [np.cos(p[0]) * np.exp(p[1]), np.sin(p[0]) * np.exp(p[1]), 0.0]])

    x = np.array([0.4, -1.3, 2.2])
    check = dn.check_jacobian(f, jac, x)
    assert check.ok and check.max_rel <= 2 * EPS
    check = dn.check_jacobian(f, planted(jac, (1, 0)), x)
    assert check.where == (1, 0) and check.max_rel == pytest.approx(1e-9, rel=1e-5)
    with pytest.raises(ValueError, match=r"jac returned an array of shape \(3, 2\).*\(2, 3\)"):
        dn.check_jacobian(f, lambda p: jac(p).T, x)


def test_jacobian_and_gradient_of_a_matrix_argument():
    """x of shape (2, 3): the gradient has x's shape, the Jacobian f.shape + x.shape, and
    the index of a discrepancy is an index of that array."""
    w = np.arange(1.0, 7.0).reshape(2, 3)
    x = np.linspace(-1.0, 1.0, 6).reshape(2, 3)
    check = dn.check_grad(lambda p: np.sum(w * np.sin(p)),
                          planted(lambda p: w * np.cos(p), (1, 2)), x)
    assert check.where == (1, 2) and not check.ok
    jac = dn.check_jacobian(lambda p: np.sin(p[0]) * p[1], planted(
        lambda p: np.stack([np.diag(np.cos(p[0]) * p[1]), np.diag(np.sin(p[0]))], axis=1)
        .reshape(3, 2, 3), (2, 1, 2)), x)
    assert jac.where == (2, 1, 2) and jac.max_rel == pytest.approx(1e-9, rel=1e-5)


@pytest.mark.parametrize("x", POINTS[:2], ids=lambda x: "n=%d" % x.size)
def test_hessian(x):
    check = dn.check_hessian(rosen, rosen_hess, x)
    assert check.ok and check.max_rel < 1e-13
    check = dn.check_hessian(rosen, planted(rosen_hess, (1, 2)), x)
    assert check.where == (1, 2) and not check.ok
    with pytest.raises(ValueError, match=r"hess returned an array of shape \(%d,\)"
                       % (x.size ** 2)):
        dn.check_hessian(rosen, lambda p: rosen_hess(p).ravel(), x)


def test_scalar_x_and_extra_arguments():
    check = dn.check_grad(lambda t, a, scale=1.0: scale * np.sin(a * t),
                          lambda t, a, scale=1.0: scale * a * np.cos(a * t), 0.3,
                          args=(2.0,), kwargs={"scale": 3.0})
    assert check.ok and check.where == () and check.exact == 6.0 * math.cos(0.6)


def test_the_users_derivative_gets_a_copy_of_x():
    x = np.array([1.0, 2.0])

    def grad(p):
        p += 1.0  # a careless in-place update
        return 2 * (p - 1.0)

    assert dn.check_grad(lambda p: np.sum(p ** 2), grad, x).ok
    assert np.array_equal(x, [1.0, 2.0])


@pytest.mark.parametrize("grad, error, words", [
    (lambda p: rosen_der(p)[:, None], ValueError, r"grad returned .* \(3, 1\).*x's shape"),
    (lambda p: rosen_der(p)[:2], ValueError, r"shape \(2,\)"),
    (lambda p: None, TypeError, "grad must return real numbers"),
    (lambda p: rosen_der(p) * 1j, TypeError, "complex"),
    ("rosen_der", TypeError, "grad must be the hand-written derivative"),
    (lambda p: rosen_der(p) > 0, TypeError, "grad returned booleans"),
    (lambda p: np.ma.masked_array(rosen_der(p), mask=[0, 1, 0]), TypeError,
     r"masked array.*np.ma.filled"),
])
def test_bad_derivatives_are_refused(grad, error, words):
    with pytest.raises(error, match=words):
        dn.check_grad(rosen, grad, POINTS[0])


def test_an_f_dualnum_cannot_differentiate_says_so():
    with pytest.raises(TypeError, match=r"f raised TypeError when dualnum called it.*float"
                       ) as info:
        dn.check_grad(lambda p: math.sin(p[0]) + p[1], lambda p: np.array([math.cos(p[0]), 1.0]),
                      [0.5, 1.0])
    assert isinstance(info.value.__cause__, TypeError)


def own_error(p):
    raise TypeError("a mistake of f's own")


@pytest.mark.parametrize("f, words", [
    (lambda p, q: rosen(p), "missing 1 required positional argument"),
    (own_error, "a mistake of f's own"),
])
def test_f_s_own_errors_are_told_as_f_s(f, words):
    """The user's mistake (a wrong signature, f's own TypeError) is reported as f's, not as
    something dualnum could not do."""
    with pytest.raises(TypeError, match="f raised TypeError when dualnum called it.*" + words):
        dn.check_grad(f, rosen_der, POINTS[0])


@pytest.mark.parametrize("keyword, value, error, words", [
    ("rtol", "1e-3", TypeError, "rtol must be a non-negative real number, not str"),
    ("rtol", None, TypeError, "not NoneType"),
    ("rtol", np.array([1e-3, 1e-3]), TypeError, "not ndarray"),
    ("atol", 1j, TypeError, "atol must be a non-negative real number, not complex"),
    ("atol", True, TypeError, "not bool"),
    ("rtol", -1e-3, ValueError, "rtol must be a non-negative number"),
    ("atol", math.nan, ValueError, "atol must be a non-negative number"),
    ("args", 2.0, TypeError, "args must be a tuple"),
    ("kwargs", [("a", 1)], TypeError, "kwargs must be a dict"),
])
def test_bad_keywords_are_refused_by_name(keyword, value, error, words):
    with pytest.raises(error, match=words):
        dn.check_grad(rosen, rosen_der, POINTS[0], **{keyword: value})


def test_tolerances_of_numpy_types_are_honoured():
    wrong = planted(rosen_der, 2)
    assert dn.check_grad(rosen, wrong, POINTS[0], rtol=np.float32(1e-8)).ok
    assert not dn.check_grad(rosen, wrong, POINTS[0], rtol=np.float64(1e-10)).ok
    assert dn.check_grad(rosen, wrong, POINTS[0], atol=np.int64(1)).ok


def test_a_nan_in_x_is_refused_where_any_derivative_would_pass():
    with pytest.raises(ValueError, match=r"x holds NaN \(at \(1,\)\).*whatever grad is"):
        dn.check_grad(rosen, lambda p: np.zeros(3), np.array([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="whatever hess is"):
        dn.check_hessian(rosen, rosen_hess, np.array([1.0, 2.0, np.nan]))


def test_an_empty_x_has_nothing_to_disagree():
    check = dn.check_grad(lambda p: np.sum(p ** 2), lambda p: 2 * p, np.array([]))
    assert check.ok and check.max_rel == 0.0 and check.max_abs == 0.0
    assert check.where is None and check.where_abs is None and math.isnan(check.given)
    with pytest.raises(ValueError, match="shape"):
        dn.check_grad(lambda p: np.sum(p ** 2), lambda p: np.zeros(1), np.array([]))


def test_vector_valued_f_is_refused_by_check_grad():
    with pytest.raises(ValueError, match="jacobian"):
        dn.check_grad(np.sin, np.cos, [0.5, 1.0])


def test_exported_and_the_examples_run():
    assert {"check_grad", "check_jacobian", "check_hessian", "Check"} <= set(dn.__all__)
    result = doctest.testmod(checking, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8 and result.failed == 0


def test_repr_names_the_verdict_the_values_and_the_place():
    text = repr(dn.check_grad(rosen, planted(rosen_der, 2), POINTS[0]))
    assert text.startswith("Check(ok=False")
    assert "max_rel=1e-09 at (2,): given -50.000000050000004, exact -50.0" in text
