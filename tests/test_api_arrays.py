"""The differentiation API on array inputs and with functions written in NumPy.

References: sympy-derived derivatives evaluated with NumPy (elementwise functions), SciPy's
own Rosenbrock derivatives, and closed forms (softmax, quadratic forms, W x Jacobians).
Sizes straddle dualnum.api.BLOCK (elementwise blocks), CHUNK (gradient directions) and
HESSIAN_CHUNK (Hessian column blocks).
"""
import math

import numpy as np
import pytest
import scipy.optimize as so
import sympy

import dualnum as dn
from corpus import rosen, worked_example
from dualnum import api
from dualnum.arrays import elementwise

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
DERIVATIVES = (EXPR, EXPR.diff(T), EXPR.diff(T, 2))
REFERENCE = [sympy.lambdify(T, e, "numpy") for e in DERIVATIVES]
# The sum of the magnitudes of each derivative's terms: where they cancel (f' and f'' pass
# through 0 on the grid), a result carries a few ulps of them, not of itself; the reference,
# evaluated in NumPy, as well.
TERMS = [sympy.lambdify(T, sum(abs(a) for a in sympy.Add.make_args(e)), "numpy")
         for e in DERIVATIVES]
ULPS = 16


@pytest.mark.parametrize("shape", [(10001,), (73, 137), (3,), (0,)])
def test_worked_example_on_a_grid_against_sympy(shape):
    x = np.linspace(0.1, 10, int(np.prod(shape))).reshape(shape)
    value, d1, d2 = dn.derivatives(worked_example, x)
    for got, ref, terms in zip((value, d1, d2, dn.derivative(worked_example, x),
                                dn.second_derivative(worked_example, x)),
                               REFERENCE + REFERENCE[1:], TERMS + TERMS[1:]):
        assert isinstance(got, np.ndarray) and got.dtype == np.float64
        assert got.shape == x.shape
        bound = ULPS * np.finfo(float).eps * terms(x)
        np.testing.assert_array_less(np.abs(got - ref(x)), bound + 1e-300)


def block_sizes():
    """Both sides of the block sizes of dual (BLOCK) and hyper-dual arrays (HYPER_BLOCK)."""
    b, h = api.BLOCK, api.HYPER_BLOCK
    return [1, 7, h - 1, h, h + 1, b - 1, b, b + 1, 2 * b + 3]


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


# ---------------------------------------------------------------- f that is not elementwise
def stencil(t):
    """A 3-point smoothing (a convolution), its ends repeated."""
    u = np.concatenate([t[:1], t, t[-1:]])
    return (u[:-2] + 2.0 * u[1:-1] + u[2:]) / 4.0


# Each kind of f that is not elementwise, with its first and second derivatives on one
# element (where it is elementwise: every f of x's shape is), or None where its result
# never has x's shape. Written with the functions that dual arrays take.
NOT_ELEMENTWISE = {
    "reduction": (lambda t: np.sum(t ** 2), None),
    "sum times x": (lambda t: np.sum(t) * t, (lambda a: 2 * a, lambda a: 2.0)),
    "cumulative sum": (np.cumsum, (lambda a: 1.0, lambda a: 0.0)),
    "centring": (lambda t: t - t.mean(), (lambda a: 0.0, lambda a: 0.0)),
    "normalisation": (lambda t: t / np.linalg.norm(t), (lambda a: 0.0, lambda a: 0.0)),
    "softmax": (lambda t: np.exp(t) / np.sum(np.exp(t)), (lambda a: 0.0, lambda a: 0.0)),
    "sorting": (lambda t: t[np.argsort(t.real)], (lambda a: 1.0, lambda a: 0.0)),
    "shift": (lambda t: np.concatenate([t[-1:], t[:-1]]), (lambda a: 1.0, lambda a: 0.0)),
    "differences": (lambda t: np.concatenate([t[:1], np.diff(t)]),
                    (lambda a: 1.0, lambda a: 0.0)),
    "convolution": (stencil, (lambda a: 1.0, lambda a: 0.0)),
    "size": (lambda t: t * t.size, (lambda a: 1.0, lambda a: 0.0)),
    "position": (lambda t: t ** 2 * np.arange(1.0, t.size + 1.0),
                 (lambda a: 2 * a, lambda a: 2.0)),
}
B = api.BLOCK
SIZES = [1, 2, 3, 5, 100, B - 1, B, B + 1, 3 * B + 7]


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("kind", NOT_ELEMENTWISE)
def test_f_that_is_not_elementwise_is_refused_at_every_size(kind, n):
    """From two elements on, at distinct and at equal values (where only the derivative
    parts differ), by all three elementwise entry points; on one element every f of x's
    shape is elementwise, and its derivatives are those of its one-element form."""
    f, one = NOT_ELEMENTWISE[kind]
    # at equal values a stable sort leaves every element in place: it is the identity there
    equal = [] if kind == "sorting" else [np.full(n, 0.75)]
    for x in [np.linspace(0.5, 3.0, n)] + equal:
        if n == 1 and one is not None:
            value, d1, d2 = dn.derivatives(f, x)
            np.testing.assert_allclose([d1[0], d2[0]], [g(x[0]) for g in one],
                                       rtol=1e-15, atol=1e-15)
            assert dn.derivative(f, x)[0] == d1[0] and dn.second_derivative(f, x)[0] == d2[0]
            continue
        for derivative in (dn.derivative, dn.second_derivative, dn.derivatives):
            with pytest.raises(ValueError, match="elementwise f.*jacobian, or jvp"):
                derivative(f, x)



@pytest.mark.parametrize("n", [2, 100, B, B + 1, 20000])
def test_a_dependence_on_x_exact_size_is_caught_up_to_block_only(n):
    """README: up to BLOCK elements f sees x itself, and the probe (of another size) shows
    a dependence on x's exact size; beyond, f sees only the blocks and the probe, of other
    sizes, so such a dependence is not caught (the stated limit of the probe)."""
    x = np.linspace(0.0, 1.0, n)

    def f(t):
        return t * (t.size == n)
    if n <= B:
        np.testing.assert_array_equal(f(dn.DualArray(x, 1.0)).dual, np.ones(n))
        with pytest.raises(ValueError, match="elementwise f"):
            dn.derivative(f, x)
    else:
        np.testing.assert_array_equal(dn.derivative(f, x), np.zeros(n))

MATRIX_SHAPES = [(3, 3), (4, 4), (5, 3), (2, 3, 4), (64, 64)]
ALONG_AN_AXIS = {
    "transpose": lambda X: X.T,
    "flip rows": lambda X: X[::-1],
    "flip columns": lambda X: X[:, ::-1],
    "centre rows": lambda X: X - X.mean(axis=1, keepdims=True),
    "centre columns": lambda X: X - X.mean(axis=0, keepdims=True),
    "softmax of the last axis": lambda X: np.exp(X) / np.sum(np.exp(X), axis=-1,
                                                              keepdims=True),
    "cumulative sum of rows": lambda X: np.cumsum(X, axis=1),
}


@pytest.mark.parametrize("shape", MATRIX_SHAPES, ids=str)
@pytest.mark.parametrize("kind", ALONG_AN_AXIS)
def test_f_that_mixes_along_an_axis_is_refused(kind, shape):
    """The probe has x's number of axes, each of another length: transposes and flips
    are seen even on a symmetric x or at zeros, reductions along any axis too."""
    X = np.linspace(-1.0, 1.0, math.prod(shape)).reshape(shape)
    points = [X, np.zeros(shape)]
    if shape[0] == shape[1]:
        points.append(X + np.swapaxes(X, 0, 1))
    for x in points:
        for derivative in (dn.derivative, dn.derivatives):
            with pytest.raises(ValueError, match="elementwise"):
                derivative(ALONG_AN_AXIS[kind], x)


@pytest.mark.parametrize("n", [2, 5, 600, B + 1])
def test_parameters_per_element_are_refused_with_a_pointer_to_jvp(n):
    """f(x)[i] depending on x[i] alone, but through an array of x's size: it breaks on
    blocks and on the probe, at every size. jvp with a vector of ones gives its
    derivative."""
    x, w = np.linspace(0.5, 3.0, n), np.linspace(1.0, 2.0, n)
    f = lambda t: w * np.sin(t)  # noqa: E731
    with pytest.raises(ValueError, match="broadcast") as info:
        dn.derivative(f, x)
    if n <= B:  # f ran on x; on the probe, NumPy's error is the cause of dualnum's
        assert "jvp(f, x, np.ones_like(x))" in str(info.value)
        assert "broadcast" in str(info.value.__cause__)
    else:  # f ran on a block: NumPy's error, with a note
        assert "jvp(f, x, np.ones_like(x))" in info.value.__notes__[0]
    np.testing.assert_allclose(dn.jvp(f, x, np.ones(n)), w * np.cos(x), rtol=1e-15)


@pytest.mark.parametrize("n", [1, 2, 100, B + 1])
def test_a_dual_result_of_another_shape_is_refused(n):
    """A number is a constant (broadcast, derivative 0); a dual of another shape is not,
    even on one element."""
    x = np.linspace(0.5, 3.0, n)
    for f in (lambda t: t[0], lambda t: np.sum(t), lambda t: t.reshape(-1, 1)):
        with pytest.raises(ValueError, match=r"f returned shape \(.*for an input of shape"):
            dn.derivative(f, x)
    np.testing.assert_array_equal(dn.derivatives(lambda t: np.float64(2.5), x),
                                  [np.full(n, 2.5), np.zeros(n), np.zeros(n)])


# Elementwise f whose value cancels: evaluated on few elements by the C library's loops and
# on many by NumPy's SIMD loops, they would differ beyond 1e-9 (relative).
CANCELLING = {
    "tanh x - x": (lambda t: np.tanh(t) - t, 1e-3,
                   lambda a: -a ** 3 / 3 + 2 * a ** 5 / 15 - 17 * a ** 7 / 315,
                   lambda a: -np.tanh(a) ** 2,
                   lambda a: -2 * np.tanh(a) / np.cosh(a) ** 2),
    "exp x - e": (lambda t: np.exp(1.0 + t) - np.e, 1e-7,
                  lambda a: np.e * np.expm1(a), lambda a: np.e * np.exp(a),
                  lambda a: np.e * np.exp(a)),
}


@pytest.mark.parametrize("shape", [(2,), (511,), (512,), (513,), (5000,), (B + 1,),
                                   (3 * B + 7,), (64, 64)], ids=str)
@pytest.mark.parametrize("kind", CANCELLING)
def test_elementwise_f_with_cancellation_is_not_refused(kind, shape, monkeypatch):
    """The probe takes x's code path, so rounding never reads as f mixing elements: its
    results agree with x's to the last bit, and the tolerant comparison is not needed."""
    monkeypatch.setattr(api, "_close", lambda have, want: pytest.fail("bits differ"))
    g, scale, value, d1, d2 = CANCELLING[kind]
    probes = []
    probe = api._check_elementwise
    monkeypatch.setattr(api, "_check_elementwise", lambda *a: probes.append(1) or probe(*a))

    def f(t):  # reads t.size: counted (dualnum.arrays.watching), so f is probed
        return g(t) + 0.0 * t.size
    rng = np.random.default_rng(7)
    for _ in range(5):
        x = rng.uniform(-scale, scale, shape)
        got = dn.derivatives(f, x)
        np.testing.assert_allclose(got[0], value(x), rtol=0, atol=8 * np.spacing(1.0 + scale))
        np.testing.assert_allclose(got[1], d1(x), rtol=0, atol=8 * np.spacing(1.0))
        np.testing.assert_allclose(got[2], d2(x), rtol=0, atol=8 * np.spacing(1.0))
        np.testing.assert_array_equal(dn.derivative(f, x), got[1])
    assert len(probes) == (10 if math.prod(shape) > 1 else 0)


def test_every_evaluation_is_a_block_then_one_probe():
    """Blocks of at most BLOCK elements, equal to one element (none is a short remainder
    under SIMD_MIN_SIZE), then one probe of the same size class as x's evaluation."""
    seen = []

    def f(t):
        seen.append(t.shape)
        return np.sin(t)
    for shape, blocks, probe in [((1,), [(1,)], []), ((2,), [(2,)], [(3,)]),
                                 ((300,), [(300,)], [(3,)]), ((7, 5), [(7, 5)], [(3, 2)]),
                                 ((600,), [(600,)], [(512,)]),
                                 ((40, 40), [(40, 40)], [(256, 2)]),
                                 ((2 * B + 1,), [((2 * B + 1) // 3,)] * 3, [(512,)]),
                                 ((B + 2, 1), [(B // 2 + 1,)] * 2, [(256, 2)])]:
        seen.clear()
        x = np.linspace(0.1, 2.0, math.prod(shape)).reshape(shape)
        np.testing.assert_allclose(dn.derivative(f, x), np.cos(x), rtol=1e-15, atol=1e-16)
        assert seen == blocks + probe, shape
        assert all(math.prod(s) >= elementwise.SIMD_MIN_SIZE for s in blocks[1:])


def test_the_tolerant_comparison():
    """The probe compares bits first; where they differ, to 1e-9 relative."""
    a = np.array([1.0, -3.5e-300, np.inf, np.nan, 0.0, 1e300])
    assert api._close(a, a.copy())
    assert api._close(a, a * (1 + 4e-16))
    assert api._close(a, np.where(np.isfinite(a), np.nextafter(a, 0), a))
    for i, other in [(0, 1.0 + 1e-8), (2, -np.inf), (3, 0.0), (4, 1e-290), (5, np.inf)]:
        b = a.copy()
        b[i] = other
        assert not api._close(a, b) and not api._close(b, a), i




def test_blocks_are_flat_pieces_and_an_f_that_indexes_axes_is_told_so():
    """Beyond a block, f is given 1-D pieces of x flattened: an f that indexes x's two axes
    fails there, its error carrying a note that says so (and points to the alternatives)."""
    x = np.linspace(0.1, 1.0, 2 * api.BLOCK).reshape(2, api.BLOCK)
    with pytest.raises(IndexError) as caught:
        dn.derivative(lambda t: np.sin(t[:, :]), x)
    notes = " ".join(getattr(caught.value, "__notes__", []))
    assert "1-D piece of x flattened" in notes and "jacobian" in notes
    small = x[:, :100]  # one evaluation of x itself: the same f works
    np.testing.assert_allclose(dn.derivative(lambda t: np.sin(t[:, :]), small), np.cos(small),
                               rtol=1e-15)
