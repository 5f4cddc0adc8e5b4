"""Second order through kinks: smooth functions written through a kink (|x|, relu, max,
hypot, a norm) get their true derivatives at it, and where no second derivative exists the
result is NaN, never a confident finite number.

References are analytic: the squared norm sum(p**2) has Hessian 2 I everywhere; the
Gaussian kernel exp(-|x - y|**2 / (2 s**2)) has gradient 0 and Hessian -I / s**2 at x = y;
|p|**3 is twice differentiable at 0 with Hessian 0.
"""
import warnings

import numpy as np
import pytest

# a smooth function written through a kink must not warn of a missing second derivative
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

import dualnum as dn

ZEROS = [np.zeros(1), np.zeros(3), np.zeros((2, 2))]


def eye(x):
    return np.eye(x.size).reshape(x.shape + x.shape)


SQUARED = {  # f(p) equal to sum(p**2), written through a kink at p = 0
    "norm**2": lambda p: np.linalg.norm(p) ** 2,
    "norm*norm": lambda p: (lambda n: n * n)(np.linalg.norm(p)),
    "np.square(norm)": lambda p: np.square(np.linalg.norm(p)),
    "sum(abs**2)": lambda p: np.sum(np.abs(p) ** 2),
    "sum(abs(p)*abs(p))": lambda p: np.sum((lambda a: a * a)(abs(p))),
    "norm(axis)**2 summed": lambda p: np.sum(np.linalg.norm(p.reshape(p.shape[0], -1),
                                                            axis=-1) ** 2),
}


@pytest.mark.parametrize("x", ZEROS, ids=lambda x: str(x.shape))
@pytest.mark.parametrize("name", list(SQUARED))
def test_squared_kinks_have_their_true_hessian_at_the_kink(name, x):
    f = SQUARED[name]
    np.testing.assert_array_equal(dn.hessian(f, x), 2 * eye(x))
    np.testing.assert_array_equal(dn.gradient(f, x), np.zeros(x.shape))
    v = np.arange(1.0, x.size + 1).reshape(x.shape)
    np.testing.assert_array_equal(dn.hvp(f, x, v), 2 * v)


def test_hypot_squared_at_the_origin():
    def f(p):
        return np.hypot(p[0], p[1]) ** 2
    np.testing.assert_array_equal(dn.hessian(f, np.zeros(2)), 2 * np.eye(2))
    np.testing.assert_array_equal(dn.hessian(lambda p: dn.hypot(p[0], p[1]) ** 2,
                                             np.zeros(2)), 2 * np.eye(2))


@pytest.mark.parametrize("s", [0.5, 2.0])
@pytest.mark.parametrize("y", [np.zeros(3), np.array([0.3, -1.2, 2.0])])
def test_gaussian_kernel_at_coinciding_points(y, s):
    def kernel(x):
        return np.exp(-np.linalg.norm(x - y) ** 2 / (2 * s ** 2))
    np.testing.assert_array_equal(dn.gradient(kernel, y), np.zeros(3))
    np.testing.assert_allclose(dn.hessian(kernel, y), -np.eye(3) / s ** 2, rtol=1e-15)


@pytest.mark.parametrize("power, want", [(3, 0.0), (4, 0.0), (2.5, 0.0)])
def test_higher_powers_of_the_norm_at_zero(power, want):
    np.testing.assert_array_equal(dn.hessian(lambda p: np.linalg.norm(p) ** power,
                                             np.zeros(3)), np.full((3, 3), want))


def test_powers_of_the_norm_away_from_zero_match_the_plain_formula():
    x = np.array([0.3, -1.2, 2.0])
    r = np.linalg.norm(x)
    for power in (1, 2, 3, 2.5):  # d2/dx2 r**k = k r**(k-2) (I + (k - 2) x x^T / r**2)
        want = power * r ** (power - 2) * (np.eye(3) + (power - 2) * np.outer(x, x) / r ** 2)
        got = dn.hessian(lambda p: np.linalg.norm(p) ** power, x)
        np.testing.assert_allclose(got, want, rtol=1e-13)


NO_SECOND_DERIVATIVE = {  # f with a kink at the point, and no second derivative there
    "norm": (lambda p: np.linalg.norm(p), np.zeros(3)),
    "norm / 2, then squared": (lambda p: (np.linalg.norm(p) / 2) ** 2, np.zeros(3)),
    "abs": (lambda p: np.sum(np.abs(p)), np.zeros(2)),
    "relu(p)**2": (lambda p: np.sum(dn.relu(p) ** 2), np.zeros(2)),
    "hypot": (lambda p: np.hypot(p[0], p[1]), np.zeros(2)),
    "maximum": (lambda p: np.maximum(p[0], p[1]), np.ones(2)),
    "max reduction": (lambda p: np.max(p), np.array([1.0, 1.0, 0.0])),
    "clip at a bound": (lambda p: np.sum(np.clip(p, 0.0, 1.0)), np.array([0.0, 0.5])),
}


@pytest.mark.parametrize("name", list(NO_SECOND_DERIVATIVE))
def test_no_second_derivative_is_nan_never_a_number(name):
    f, x = NO_SECOND_DERIVATIVE[name]
    with pytest.warns(RuntimeWarning, match="no second derivative"):
        h = dn.hessian(f, x)
    assert np.isnan(h).any()
    finite = dn.gradient(f, x)  # first order at the kink: finite, as documented
    assert np.all(np.isfinite(finite))


def test_first_derivatives_at_kinks_keep_their_conventions():
    np.testing.assert_array_equal(dn.gradient(np.linalg.norm, np.zeros(3)), np.zeros(3))
    np.testing.assert_array_equal(dn.derivative(np.abs, np.zeros(3)), np.zeros(3))
    np.testing.assert_array_equal(dn.derivative(dn.relu, np.zeros(2)), np.full(2, 0.5))
    np.testing.assert_array_equal(dn.gradient(lambda p: np.max(p), np.array([2.0, 2.0])),
                                  [0.5, 0.5])


def test_kinks_of_unperturbed_elements_stay_exact():
    # only element 1 sits at the kink; the Hessian entries that do not involve it are exact
    with pytest.warns(RuntimeWarning, match="NaN at 1 of 4 entries"):
        h = dn.hessian(lambda p: np.sum(np.abs(p) ** 3) + np.sum(dn.relu(p)),
                       np.array([2.0, 0.0]))
    assert h[0, 0] == 12.0 and h[0, 1] == 0.0 and h[1, 0] == 0.0 and np.isnan(h[1, 1])


@pytest.mark.parametrize("call", [
    lambda: dn.second_derivative(abs, 0.0),
    lambda: dn.second_derivative(dn.relu, np.zeros(3)),
    lambda: dn.derivatives(lambda t: dn.maximum(t, 0.0), 0.0),
    lambda: dn.hvp(np.linalg.norm, np.zeros(2), np.ones(2)),
], ids=["second_derivative", "second_derivative of an array", "derivatives", "hvp"])
def test_every_second_order_call_warns_of_a_missing_second_derivative(call):
    with pytest.warns(RuntimeWarning, match="no second derivative"):
        assert np.isnan(np.ravel(call())[-1])



def test_scalars_keep_the_square_of_abs_and_hypot():
    assert dn.derivatives(lambda t: abs(t) ** 2, 0.0) == (0.0, 0.0, 2.0)
    assert dn.second_derivative(lambda t: (lambda a: a * a)(dn.absolute(t)), 0.0) == 2.0
    assert dn.second_derivative(lambda t: np.abs(t) ** 3, 0.0) == 0.0
    assert dn.second_derivative(lambda t: dn.hypot(t, 0.0) ** 2, 0.0) == 2.0
    assert dn.second_derivative(lambda t: np.square(np.hypot(t, 0.0)), 0.0) == 2.0
    assert dn.second_derivative(lambda t: np.linalg.norm(np.stack([t, t])) ** 2, 0.0) == 4.0


# The kept square never goes stale: writing into |x| (or hypot) or into its operand after
# taking it gives the true values; the Hessian at the kink is then the true one or NaN with
# the warning, never the square's old 2I.
P0 = np.array([1.0, 2.0, 3.0])


def _overwritten(p):
    a = np.abs(p)
    a[0] = p[1] * 1.0
    return np.sum(a ** 2)


def _scaled_in_place(p):
    a = np.abs(p)
    a *= 2.0
    return np.sum(a ** 2)


def _out_of_place_target(p):
    a = np.abs(p)
    np.multiply(a, 3.0, out=a)
    return np.sum(a ** 2)


def _operand_changed(p):
    x = p * 1.0
    a = np.abs(x)
    x[0] = x[0] + 10.0
    return np.sum(a ** 2)


def _hypot_operand_changed(p):
    x = p[:2] * 1.0
    h = np.hypot(x, 1.0)
    x += 5.0
    return np.sum(h ** 2)


@pytest.mark.parametrize("f, gradient, hessian_diagonal", [
    (_overwritten, [0.0, 8.0, 6.0], [0.0, 4.0, 2.0]),
    (_scaled_in_place, [8.0, 16.0, 24.0], [8.0, 8.0, 8.0]),
    (_out_of_place_target, [18.0, 36.0, 54.0], [18.0, 18.0, 18.0]),
    (_operand_changed, [2.0, 4.0, 6.0], [2.0, 2.0, 2.0]),
    (_hypot_operand_changed, [2.0, 4.0, 0.0], [2.0, 2.0, 0.0])])
def test_a_kept_square_is_of_the_values_it_squares(f, gradient, hessian_diagonal):
    np.testing.assert_allclose(dn.gradient(f, P0), gradient, rtol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        diagonal = np.diag(dn.hessian(f, np.zeros(3)))
    assert all(np.isnan(d) or d == want for d, want in zip(diagonal, hessian_diagonal))


def test_a_power_below_two_of_a_kink_has_no_second_derivative_there():
    # |t|**1 is |t| (a kink); not the square's root, whose derivative at 0 is infinite
    for f in (lambda t: abs(t) ** 1, lambda t: abs(t) ** 1.0):
        with pytest.warns(RuntimeWarning, match="no second derivative"):
            assert np.isnan(dn.second_derivative(f, 0.0))
    with pytest.warns(RuntimeWarning, match="no second derivative"):
        h = dn.hessian(lambda p: np.linalg.norm(p) ** 1, np.zeros(3))
    assert np.isnan(np.diag(h)).all()
    assert dn.second_derivative(lambda t: abs(t) ** 3, 0.0) == 0.0


def test_in_place_operators_on_a_zero_d_kink_result():
    def f(p):
        a = abs(p[0])
        a += 1.0
        return a ** 2
    with pytest.warns(RuntimeWarning, match="no second derivative"):
        h = dn.hessian(f, np.zeros(2))
    assert np.isnan(h[0, 0]) and h[1, 1] == 0.0
    np.testing.assert_array_equal(dn.gradient(f, np.array([2.0, 1.0])), [6.0, 0.0])
