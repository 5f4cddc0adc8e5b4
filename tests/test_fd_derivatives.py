"""dualnum.fd.gradient, jacobian and hessian: central differences per coordinate, against
SciPy's analytic Rosenbrock derivatives within the error bounds of the formulas (truncation
and rounding), with NumPy's shapes and clear errors for bad input."""
import numpy as np
import pytest
from scipy.optimize import rosen, rosen_der, rosen_hess

from dualnum import fd

EPS = np.finfo(np.float64).eps
POINTS = [np.array([-1.2, 1.0, 0.8]), np.array([0.3, -0.7, 1.9, 2.5, -1.1]),
          np.random.default_rng(7).uniform(-2.0, 2.0, 12)]


def rounding(x, h):
    """A bound on the rounding error of rosen at points within h of x: each of its
    n - 1 terms 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 is computed to a few eps, their sum to
    (n - 1) eps of the sum of magnitudes; plus moving x[i] by -h, rounded to eps |x[i]|."""
    a = np.abs(x) + h
    magnitude = np.sum(100 * (a[1:] + a[:-1] ** 2) ** 2 + (1 + a[:-1]) ** 2)
    slope = np.abs(rosen_der(x)) + 1200 * a ** 2 * h + 400 * a + 2  # |df/dx_i| within h
    return (x.size + 8) * EPS * magnitude + EPS * np.max(slope * a)


def quartic(x):
    """A 0/1 array: the coordinates in which rosen has a quartic term, 100 x[i]^4 (i < n-1);
    the last appears only squared."""
    q = np.ones_like(x)
    q[-1] = 0.0
    return q


def steps(x, step):
    """The step fd takes along each coordinate: step * max(1, |x|), rounded so that
    x + h - x == h (the rule the formulas of dualnum.fd document)."""
    return (x + step * np.maximum(1.0, np.abs(x))) - x


@pytest.mark.parametrize("x", POINTS, ids=lambda x: "n=%d" % x.size)
def test_gradient_of_rosenbrock_within_theory(x):
    """Error = h^2/6 f''' (rosen's third derivative along x_i is 2400 x_i from its quartic
    term; the fifth is 0) + rounding / h."""
    h = steps(x, fd.CENTRAL_STEP)
    bound = 400 * h ** 2 * np.abs(x) * quartic(x) + rounding(x, h) / h
    err = np.abs(fd.gradient(rosen, x) - rosen_der(x))
    assert np.all(err <= bound), (err, bound)
    # the bound says something: rosen's terms reach 1e3 to 1e4, so rounding / h is 1e-7
    assert np.max(bound / np.maximum(1.0, np.abs(rosen_der(x)))) < 1e-7


@pytest.mark.parametrize("x", POINTS, ids=lambda x: "n=%d" % x.size)
def test_gradient_with_explicit_steps_has_the_exact_truncation_error(x):
    """With large steps the truncation error dominates: exactly 400 h_i^2 x_i (quartic)."""
    step = np.linspace(0.01, 0.03, x.size)  # one per coordinate
    h = (x + step) - x  # an explicit step is taken as given (rounded)
    deviation = fd.gradient(rosen, x, step=step) - rosen_der(x)
    np.testing.assert_allclose(deviation, 400 * h ** 2 * x * quartic(x),
                               rtol=0, atol=np.max(rounding(x, h) / h))
    assert np.all(np.abs(deviation[:-1]) > 1e-3 * np.abs(x[:-1]))  # not the default steps


@pytest.mark.parametrize("x", POINTS, ids=lambda x: "n=%d" % x.size)
def test_hessian_of_rosenbrock_within_theory(x):
    """Diagonal: error h^2/12 f'''' = 200 h_i^2 (quartic coordinates) + 4 rounding / h^2;
    above it the four-point formula is exact on rosen's mixed term -200 x_i^2 x_{i+1}, so
    only rounding / (h_i h_j) is left."""
    h = steps(x, fd.SECOND_STEP)
    got = fd.hessian(rosen, x)
    assert np.array_equal(got, got.T)
    delta = rounding(x, 2 * h)
    diagonal = 200 * h ** 2 * quartic(x) + 4 * delta / h ** 2
    assert np.all(np.abs(np.diag(got) - np.diag(rosen_hess(x))) <= diagonal)
    off = ~np.eye(x.size, dtype=bool)
    err = np.abs(got - rosen_hess(x))[off]
    assert np.all(err <= (delta / np.outer(h, h))[off])
    assert np.max(diagonal) < 1e-5 * np.max(np.abs(rosen_hess(x)))  # the bound says something


def test_hessian_with_explicit_step_has_the_exact_truncation_error():
    x = POINTS[1]
    h = (x + 0.01) - x
    deviation = fd.hessian(rosen, x, step=0.01) - rosen_hess(x)
    want = np.diag(200 * h ** 2 * quartic(x))
    np.testing.assert_allclose(deviation, want, rtol=0,
                               atol=4 * rounding(x, 2 * h) / np.min(h) ** 2)
    assert np.all(np.diag(deviation)[:-1] > 1e-3)


def test_shapes_follow_numpy():
    """x of any shape: gradient x.shape, jacobian f.shape + x.shape, hessian twice x.shape;
    checked on functions whose derivatives are known in closed form."""
    rng = np.random.default_rng(3)
    x = rng.uniform(-1.0, 1.0, (2, 3))
    w = rng.uniform(1.0, 2.0, (2, 3))
    g = fd.gradient(lambda p: np.sum(w * np.sin(p)), x)
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, w * np.cos(x), rtol=1e-9)
    a = rng.normal(size=(4, 5, 2, 3))
    jac = fd.jacobian(lambda p: np.tensordot(a, p, axes=2), x)
    assert jac.shape == (4, 5, 2, 3)
    np.testing.assert_allclose(jac, a, rtol=1e-9, atol=1e-12)  # linear: rounding only
    hess = fd.hessian(lambda p: np.sum(w * p ** 3) + p[0, 0] * p[1, 2], x)
    want = np.diag((6 * w * x).ravel())
    want[0, 5] = want[5, 0] = 1.0
    assert hess.shape == (2, 3, 2, 3)
    np.testing.assert_allclose(hess.reshape(6, 6), want, rtol=1e-6, atol=1e-7)


def test_scalar_x_gives_the_one_dimensional_formulas():
    """For a number x the formulas are central and second_central, with the same steps."""
    for x in (0.7, -3.0):
        assert fd.gradient(np.sin, x) == fd.central(np.sin, x)
        assert isinstance(fd.gradient(np.sin, x), float)
        assert fd.jacobian(np.sin, x) == fd.central(np.sin, x)
        assert fd.hessian(np.sin, x) == fd.second_central(np.sin, x)
        assert isinstance(fd.hessian(np.sin, x), float)


def test_one_call_per_perturbed_point_on_the_whole_array():
    x = np.array([[0.5, -1.0], [2.0, 3.0]])
    calls = []

    def f(p):
        calls.append(np.array(p))
        return np.sum(p ** 3)

    fd.gradient(f, x)
    assert len(calls) == 2 * x.size
    assert all(c.shape == x.shape and np.count_nonzero(c != x) == 1 for c in calls)
    calls.clear()
    fd.hessian(f, x)
    n = x.size
    assert len(calls) == 1 + 2 * n + 2 * n * (n - 1)
    assert all(np.count_nonzero(c != x) <= 2 for c in calls)


def test_empty_x():
    assert fd.jacobian(lambda p: np.array([np.sum(p), 1.0]), np.empty(0)).shape == (2, 0)
    assert fd.gradient(np.sum, np.empty((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("call, error, words", [
    (lambda: fd.gradient([1.0], np.sum), TypeError, "f must be"),
    (lambda: fd.gradient(np.sum, [1j, 2.0]), TypeError, "complex"),
    (lambda: fd.gradient(np.sum, [1.0], step=0.0), ValueError, "positive"),
    (lambda: fd.hessian(np.sum, [1.0], step=-1e-3), ValueError, "positive"),
    (lambda: fd.jacobian(np.sin, [1.0], step=np.nan), ValueError, "finite"),
    (lambda: fd.gradient(np.sum, [1.0, 2.0], step=[1e-3] * 3), ValueError, "broadcast"),
    (lambda: fd.gradient(np.sin, [1.0, 2.0]), ValueError, "fd.jacobian"),
    (lambda: fd.hessian(np.sin, [1.0, 2.0]), ValueError, "scalar-valued"),
    (lambda: fd.gradient(lambda p: None, [1.0]), TypeError, "real numbers"),
    (lambda: fd.jacobian(lambda p: p * 1j, [1.0]), TypeError, "complex"),
    (lambda: fd.hessian(lambda p: "x", [1.0]), TypeError, "real numbers"),
])
def test_bad_input_is_refused(call, error, words):
    with pytest.raises(error, match=words):
        call()
