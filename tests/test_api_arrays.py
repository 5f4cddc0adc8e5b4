"""The differentiation API on array inputs and with functions written in NumPy.

References: sympy-derived derivatives evaluated with NumPy (elementwise functions), SciPy's
own Rosenbrock derivatives, and closed forms (softmax, quadratic forms, W x Jacobians).
Sizes straddle dualnum.api.BLOCK (elementwise blocks), CHUNK (gradient directions) and
HESSIAN_CHUNK (Hessian column blocks).
"""
import numpy as np
import pytest
import scipy.optimize as so
import sympy

import dualnum as dn
from corpus import rosen, worked_example
from dualnum import api

RTOL = 1e-13


def assert_close(got, want, rtol=RTOL, tiny=1e-3):
    """Relative error < rtol where |want| is not tiny (> tiny * max |want|); elsewhere the
    error is held to rtol * max |want|."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, (got.shape, want.shape)
    scale = np.max(np.abs(want), initial=0.0)
    err = np.abs(got - want)
    big = np.abs(want) > tiny * scale
    assert np.all(err[big] <= rtol * np.abs(want[big])), np.max(err[big] / np.abs(want[big]))
    assert np.all(err <= rtol * scale), np.max(err) / scale


# ---------------------------------------------------------------- elementwise f on arrays
T = sympy.Symbol("t", positive=True)
EXPR = worked_example(T, sympy)
REFERENCE = [sympy.lambdify(T, e, "numpy") for e in (EXPR, EXPR.diff(T), EXPR.diff(T, 2))]


@pytest.mark.parametrize("shape", [(10001,), (73, 137), (3,), (0,)])
def test_worked_example_on_a_grid_against_sympy(shape):
    x = np.linspace(0.1, 10, int(np.prod(shape))).reshape(shape)
    value, d1, d2 = dn.derivatives(worked_example, x)
    for got, ref in zip((value, d1, d2, dn.derivative(worked_example, x),
                         dn.second_derivative(worked_example, x)),
                        REFERENCE + REFERENCE[1:]):
        assert isinstance(got, np.ndarray) and got.dtype == np.float64
        assert_close(got, ref(x))


def block_sizes():
    b = api.BLOCK
    return [1, 7, b - 1, b, b + 1, 2 * b + 3]


@pytest.mark.parametrize("n", block_sizes())
def test_sin_on_every_block_boundary(n):
    x = np.linspace(-7.0, 9.0, n)
    value, d1, d2 = dn.derivatives(np.sin, x)
    np.testing.assert_allclose(value, np.sin(x), rtol=1e-15, atol=1e-16)
    np.testing.assert_allclose(d1, np.cos(x), rtol=1e-15, atol=1e-16)
    np.testing.assert_allclose(d2, -np.sin(x), rtol=1e-15, atol=1e-16)
    np.testing.assert_array_equal(dn.derivative(np.sin, x), d1)
    np.testing.assert_array_equal(dn.second_derivative(np.sin, x), d2)


@pytest.mark.parametrize("n", [5, api.BLOCK + 5])
def test_elementwise_f_that_ignores_its_input(n):
    x = np.linspace(0.0, 1.0, n).reshape(-1, 1)
    for f, value in [(lambda t: 3.0, 3.0), (lambda t: t * 0.0 + 2.0, 2.0)]:
        v, d1, d2 = dn.derivatives(f, x)
        assert v.shape == d1.shape == d2.shape == x.shape
        np.testing.assert_array_equal(v, np.full(x.shape, value))
        assert not d1.any() and not d2.any()


# ---------------------------------------------------------------- Rosenbrock
def point(n):
    return 1.0 + 0.6 * np.sin(1.3 * np.arange(n) + 0.4)


@pytest.mark.parametrize("n", [2, 10, 100, api.CHUNK + 44])
def test_rosenbrock_gradient(n):
    x = point(n)
    want = so.rosen_der(x)
    np.testing.assert_allclose(dn.gradient(rosen, x), want, rtol=1e-12,
                               atol=1e-12 * np.abs(want).max())


@pytest.mark.parametrize("n", [2, 10, 100])
def test_rosenbrock_hessian(n):
    x = point(n)
    H = dn.hessian(rosen, x)
    want = so.rosen_hess(x)
    np.testing.assert_allclose(H, want, rtol=1e-12, atol=1e-12 * np.abs(want).max())
    np.testing.assert_array_equal(H, H.T)


@pytest.mark.parametrize("n", [2, 10, 100])
def test_scipy_rosen_itself_takes_the_exact_fallback(n):
    """scipy.optimize.rosen calls np.asarray on its input: no directions, one pass each."""
    x = point(n)
    want_g, want_h = so.rosen_der(x), so.rosen_hess(x)
    np.testing.assert_allclose(dn.gradient(so.rosen, x), want_g, rtol=1e-12,
                               atol=1e-12 * np.abs(want_g).max())
    np.testing.assert_allclose(dn.hessian(so.rosen, x), want_h, rtol=1e-12,
                               atol=1e-12 * np.abs(want_h).max())
    v = np.linspace(-1.0, 1.0, n)
    np.testing.assert_allclose(dn.hvp(so.rosen, x, v), want_h @ v, rtol=1e-12,
                               atol=1e-12 * np.abs(want_h).max())
    np.testing.assert_allclose(dn.jvp(so.rosen, x, v), want_g @ v, rtol=1e-12,
                               atol=1e-12 * np.abs(want_g).max())


# ---------------------------------------------------------------- closed forms
@pytest.mark.parametrize("n", [1, 4, 40])
def test_log_sum_exp_gradient_is_softmax(n):
    x = np.cos(0.7 * np.arange(n)) * 3.0
    f = lambda z: np.log(np.sum(np.exp(z)))  # noqa: E731
    s = np.exp(x) / np.sum(np.exp(x))
    assert_close(dn.gradient(f, x), s)
    assert_close(dn.hessian(f, x), np.diag(s) - np.outer(s, s), rtol=1e-12)


A = np.array([[2.0, -1.0, 0.5, 0.0], [0.3, 4.0, 1.0, -2.0], [1.5, 0.0, 3.0, 0.25],
              [-0.5, 0.75, 2.0, 1.0]])
BVEC = np.array([1.0, -2.0, 0.5, 3.0])
X4 = np.array([0.3, -1.2, 2.0, 0.7])


def test_quadratic_form():
    f = lambda x: 0.5 * (x @ (A @ x)) + BVEC @ x  # noqa: E731
    sym = 0.5 * (A + A.T)
    assert_close(dn.gradient(f, X4), sym @ X4 + BVEC)
    np.testing.assert_allclose(dn.hessian(f, X4), sym, rtol=1e-15, atol=1e-15)
    g = lambda x: 0.5 * np.sum(x * (A @ x)) + np.dot(BVEC, x)  # noqa: E731
    np.testing.assert_allclose(dn.hessian(g, X4), sym, rtol=1e-15, atol=1e-15)


def vector_function(W):
    m = W.shape[0]
    return lambda x: np.sin(W @ x) + x[:m] ** 2


def vector_jacobian(W, x):
    m = W.shape[0]
    J = np.cos(W @ x)[:, None] * W
    J[:, :m] += np.diag(2.0 * x[:m])
    return J


@pytest.mark.parametrize("m, n", [(3, 5), (1, 4), (4, api.CHUNK + 30)])
def test_jacobian_jvp_hvp(m, n):
    """f(x) = sin(W x) + x[:m]^2 and the least-squares objective |f(x)|^2, whose gradient
    2 J^T f and Hessian 2 J^T J - 2 W^T diag(f sin(W x)) W + diag(4 f, 0) are closed forms."""
    W = np.cos(np.add.outer(1.1 * np.arange(m), 0.37 * np.arange(n))) / np.sqrt(n)
    x = np.sin(0.9 * np.arange(n)) + 0.2
    f = vector_function(W)
    J = dn.jacobian(f, x)
    assert J.shape == (m, n)
    Jref = vector_jacobian(W, x)
    assert_close(J, Jref, rtol=1e-12)
    v = np.cos(0.3 * np.arange(n))
    assert_close(dn.jvp(f, x, v), Jref @ v, rtol=1e-12)
    fx = np.sin(W @ x) + x[:m] ** 2
    objective = lambda z: np.sum(f(z) ** 2)  # noqa: E731
    assert_close(dn.gradient(objective, x), 2 * Jref.T @ fx, rtol=1e-12)
    Href = 2 * Jref.T @ Jref - 2 * W.T @ (((fx * np.sin(W @ x)))[:, None] * W)
    Href[np.arange(m), np.arange(m)] += 4 * fx
    H = dn.hessian(objective, x)
    assert_close(H, Href, rtol=1e-12)
    np.testing.assert_array_equal(H, H.T)
    assert_close(dn.hvp(objective, x, v), Href @ v, rtol=1e-12)
    assert_close(dn.hvp(objective, x, v), H @ v, rtol=1e-12)


def test_jacobian_of_matrix_valued_and_matrix_input():
    X = np.array([[0.5, -1.0], [2.0, 0.25]])
    J = dn.jacobian(lambda M: M @ M, X)
    assert J.shape == (2, 2, 2, 2)
    want = np.einsum("ik,lj->ijkl", np.eye(2), X) + np.einsum("ik,jl->ijkl", X, np.eye(2))
    np.testing.assert_allclose(J, want, rtol=1e-15)


# ---------------------------------------------------------------- optimisation
def test_trust_exact_with_dualnum_derivatives():
    x0 = np.array([1.3, 0.7, 0.8, 1.9, 1.2])
    ref = so.minimize(so.rosen, x0, jac=so.rosen_der, hess=so.rosen_hess, method="trust-exact")
    ours = so.minimize(so.rosen, x0, jac=lambda x: dn.gradient(so.rosen, x),
                       hess=lambda x: dn.hessian(so.rosen, x), method="trust-exact")
    numpy_written = so.minimize(rosen, x0, jac=lambda x: dn.gradient(rosen, x),
                                hess=lambda x: dn.hessian(rosen, x), method="trust-exact")
    for res in (ours, numpy_written):
        assert res.success and ref.success
        assert res.nit == ref.nit
        np.testing.assert_allclose(res.x, ref.x, rtol=1e-10)
        np.testing.assert_allclose(res.x, np.ones(5), rtol=1e-5)  # gtol 1e-5


@pytest.mark.parametrize("f", [lambda t: t - t.mean(), lambda t: np.sum(t) * t, np.cumsum,
                               lambda t: t / np.linalg.norm(t)],
                         ids=["centering", "sum", "cumsum", "normalise"])
@pytest.mark.parametrize("derivative", [dn.derivative, dn.second_derivative, dn.derivatives])
def test_block_evaluation_refuses_functions_that_are_not_elementwise(derivative, f):
    """Over more than one block, a non-elementwise f would be silently wrong: it raises."""
    x = np.linspace(0.1, 10, 2 * api.BLOCK + 5)
    with pytest.raises(ValueError, match="elementwise"):
        derivative(f, x)
