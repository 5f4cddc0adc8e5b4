"""numpy.linalg on dual arrays (dualnum.arrays.products, linalg, decompositions, norms):
every function against finite differences of NumPy's own float code, at several random
well-conditioned points, Dual and HyperDual with general perturbation parts, with
directions, stacked matrices; the conventions where no derivative exists."""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import NAMES, SUMS

SEEDS = [0, 1, 2]
N = 4


def spd(rng, n=N):
    m = rng.normal(size=(n, n))
    return m @ m.T + n * np.eye(n)


def general(rng, n=N):
    return rng.normal(size=(n, n)) + n * np.eye(n)


def tall(rng):
    return rng.normal(size=(5, 3))


def wide(rng):
    return rng.normal(size=(3, 5))


def stack(make):
    return lambda rng: np.stack([make(rng), make(rng)])


def signs(vectors, axis):
    """Columns (axis -2) or rows (axis -1) of vectors with a positive first entry: LAPACK's
    sign choice is arbitrary, so the references fix it (the sign is locally constant)."""
    first = vectors.real[..., :1, :] if axis == -2 else vectors.real[..., :, :1]
    return vectors * np.sign(first)


B = np.array([[1.0, -2.0], [0.5, 0.3], [2.0, 1.0], [-1.0, 0.7]])
C = B @ B.T + 3 * np.eye(N)
# name -> (function of one array, the point generator)
FUNCTIONS = {
    "solve matrix": (lambda a: np.linalg.solve(a, B), general),
    "solve vector": (lambda a: np.linalg.solve(a, B[:, 0]), general),
    "solve stacked a": (lambda a: np.linalg.solve(a, B), stack(general)),
    "solve stacked b": (lambda a: np.linalg.solve(np.stack([C, 2 * C]), a @ B), general),
    "solve dual b": (lambda a: np.linalg.solve(C, a), general),
    "inv stacked": (np.linalg.inv, stack(general)),
    "det stacked": (np.linalg.det, stack(general)),
    "slogdet": (lambda a: np.linalg.slogdet(a).logabsdet, stack(general)),
    "matrix_power -2": (lambda a: np.linalg.matrix_power(a, -2), general),
    "matrix_power 3": (lambda a: np.linalg.matrix_power(a, 3), stack(general)),
    "cholesky": (np.linalg.cholesky, stack(spd)),
    "cholesky upper": (lambda a: np.linalg.cholesky(a, upper=True), spd),
    "eigvalsh": (np.linalg.eigvalsh, stack(spd)),
    "eigvalsh U": (lambda a: np.linalg.eigvalsh(a, "U"), general),
    "eigh vectors": (lambda a: signs(np.linalg.eigh(a).eigenvectors, -2), stack(spd)),
    "svdvals tall": (np.linalg.svdvals, tall),
    "svdvals wide": (np.linalg.svdvals, stack(wide)),
    "svd U tall": (lambda a: signs(np.linalg.svd(a, full_matrices=False).U, -2), tall),
    "svd Vh tall": (lambda a: signs(np.linalg.svd(a, full_matrices=False).Vh, -1), tall),
    "svd U wide": (lambda a: signs(np.linalg.svd(a).U, -2), wide),
    "svd Vh wide": (lambda a: signs(np.linalg.svd(a, full_matrices=False).Vh, -1), wide),
    "svd hermitian": (lambda a: np.linalg.svd(a, hermitian=True, compute_uv=False), spd),
    "qr Q tall": (lambda a: np.linalg.qr(a).Q, tall),
    "qr R tall": (lambda a: np.linalg.qr(a, "r"), stack(tall)),
    "qr Q wide": (lambda a: np.linalg.qr(a).Q, wide),
    "qr R wide": (lambda a: np.linalg.qr(a).R, wide),
    "pinv tall": (np.linalg.pinv, stack(tall)),
    "pinv wide": (np.linalg.pinv, wide),
    "lstsq x": (lambda a: np.linalg.lstsq(a, B[:, 0].tolist() + [1.0])[0], tall),
    "lstsq residuals": (lambda a: np.linalg.lstsq(a, np.ones((5, 2)))[1], tall),
    "lstsq wide": (lambda a: np.linalg.lstsq(a, np.ones(3))[0], wide),
    "norm 2": (lambda a: np.linalg.norm(a, 2), tall),
    "norm -2": (lambda a: np.linalg.norm(a, -2), tall),
    "norm nuc": (lambda a: np.linalg.norm(a, "nuc"), tall),
    "norm 1": (lambda a: np.linalg.norm(a, 1), tall),
    "norm -inf": (lambda a: np.linalg.norm(a, -np.inf), tall),
    "norm 3 axis": (lambda a: np.linalg.norm(a, 3, axis=0), tall),
    "vector_norm 0.5": (lambda a: np.linalg.vector_norm(a, ord=0.5), tall),
    "matrix_norm 2": (lambda a: np.linalg.matrix_norm(a, ord=2), stack(tall)),
    "cond": (np.linalg.cond, stack(general)),
    "cond -2": (lambda a: np.linalg.cond(a, -2), general),
    "cond inf": (lambda a: np.linalg.cond(a, np.inf), general),
    "tensorinv": (lambda a: np.linalg.tensorinv(a.reshape(2, 2, 2, 2)), general),
    "tensorsolve": (lambda a: np.linalg.tensorsolve(a.reshape(4, 2, 2), B[:, 0]), general),
    "multi_dot": (lambda a: np.linalg.multi_dot([B[:, 0], a, a, B]), general),
    "matmul broadcast": (lambda a: np.stack([a, a * a]) @ a[0], general),
    "matmul stacks": (lambda a: a[:, None] @ a[None, :], stack(general)),
    "dot N-D": (lambda a: np.dot(np.stack([a, a * a]), a), general),
    "tensordot": (lambda a: np.linalg.tensordot(a, a * a, axes=([0], [1])), general),
    "matvec": (lambda a: np.matvec(a, a[:, 0]), stack(general)),
    "vecmat": (lambda a: np.vecmat(a[..., 0], a), stack(general)),
    "vecdot": (lambda a: np.vecdot(a, a * a), stack(general)),
    "linalg.vecdot axis": (lambda a: np.linalg.vecdot(a, C, axis=0), general),
    "linalg.cross": (lambda a: np.linalg.cross(a[:3, :3], a[1:, 1:]), general),
    "linalg.diagonal": (lambda a: np.linalg.diagonal(a @ a, offset=1), stack(general)),
    "linalg.trace": (lambda a: np.linalg.trace(a @ a), stack(general)),
}


def value(f, x):
    """f on floats, as an ndarray (the real parts of a dual result are never asked for)."""
    return np.asarray(f(x), dtype=float)


def derivative(f, x, e, h):
    """The central difference of NumPy's float code along e."""
    return (value(f, x + h * e) - value(f, x - h * e)) / (2 * h)


def reference(g, h=1e-3):
    """g'(0) by Richardson extrapolation of central differences at h and h/2, and an error
    bound: the difference of the two estimates (the size of the leading truncation term,
    an upper bound of the extrapolated one's error for smooth g) plus rounding."""
    d1, d2 = (g(h) - g(-h)) / (2 * h), (g(h / 2) - g(-h / 2)) / h
    scale = np.max(np.abs([g(0.0), d1]), initial=1.0)
    return (4 * d2 - d1) / 3, np.abs(d2 - d1) + 1e3 * np.finfo(float).eps * scale / h


def assert_close(got, want, bound, name):
    got = np.asarray(got)
    assert got.shape == want.shape, (name, got.shape, want.shape)
    assert np.all(np.abs(got - want) <= bound + 1e-9 * np.abs(want)), (name, got, want)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_dual_with_directions_against_finite_differences(name, seed):
    f, point = FUNCTIONS[name]
    rng = np.random.default_rng(seed)
    x = point(rng)
    dirs = rng.normal(size=x.shape + (2,))
    got = f(dn.DualArray(x, dirs, directional=True))
    # NumPy's value; to SUMS where a product sums in another order than NumPy's float call
    np.testing.assert_allclose(got.real, value(f, x), rtol=SUMS, atol=SUMS)
    for k in range(2):
        want, bound = reference(lambda t: value(f, x + t * dirs[..., k]))
        assert_close(got.dual[..., k], want, bound, name)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_hyperdual_against_finite_differences(name, seed):
    """eps1, eps2 (first derivatives along b and c) and eps1eps2 = d/dt of the derivative
    along b + t d at x + t c: the mixed second derivative plus the first along d."""
    f, point = FUNCTIONS[name]
    rng = np.random.default_rng(seed)
    x = point(rng)
    b, c, d = (rng.normal(size=x.shape) for _ in range(3))
    got = f(dn.HyperDualArray(x, b, c, d))
    for part, e in (("eps1", b), ("eps2", c)):
        want, bound = reference(lambda t: value(f, x + t * e))
        assert_close(getattr(got, part), want, bound, name + " " + part)

    def along(t):  # the float function of (s, t) differentiated in s by a step of s too
        return reference(lambda s: value(f, x + s * b + t * c + s * t * d), h=1e-3)[0]
    want, bound = reference(along, h=1e-2)
    assert_close(got.eps1eps2, want, bound, name + " eps1eps2")


@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray])
def test_the_hessian_of_a_solve_with_a_matrix_right_hand_side(T):
    """The example of the issue: it raised inside dualnum."""
    a = general(np.random.default_rng(3))
    h = dn.hessian(lambda m: np.sum(np.linalg.solve(m, B)), a)
    g = dn.gradient(lambda m: np.sum(np.linalg.solve(m, B)), a)
    x = np.linalg.solve(a, B)
    y = np.linalg.solve(a.T, np.ones((N, 2)))
    np.testing.assert_allclose(g, -(y @ x.T), rtol=1e-12)  # d sum(A^-1 B) = -Y X^T
    assert h.shape == (N, N, N, N)
    np.testing.assert_allclose(h.reshape(N * N, N * N), h.reshape(N * N, N * N).T, atol=1e-12)


def repeated(T):
    """diag(1, 1, 3) with general perturbations: a repeated eigen- and singular value."""
    rng = np.random.default_rng(4)
    parts = [rng.normal(size=(3, 3)) for _ in NAMES[T][1:]]
    return T(np.diag([1.0, 1.0, 3.0]), *[p + p.T for p in parts])


@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray])
def test_repeated_values_have_no_derivative(T):
    """The sorted eigenvalues at a double one are not differentiable, nor are the vectors
    unique: NaN there; the simple eigenvalue and its vector keep theirs."""
    w, u = np.linalg.eigh(repeated(T))
    first = NAMES[T][1]
    assert np.isnan(getattr(w, first)[:2]).all() and np.isfinite(getattr(w, first)[2])
    assert np.isnan(getattr(u, first)[:, :2]).all() and np.isfinite(getattr(u, first)[:, 2]).all()
    s = np.linalg.svdvals(repeated(T))
    assert np.isnan(getattr(s, first)[1:]).all() and np.isfinite(getattr(s, first)[0])


def test_the_added_columns_of_full_factorisations_have_no_derivative():
    x = dn.DualArray(tall(np.random.default_rng(5)), 1.0)
    u = np.linalg.svd(x).U
    q, r = np.linalg.qr(x, "complete")
    assert u.shape == (5, 5) and q.shape == (5, 5) and r.shape == (5, 3)
    assert np.isnan(u.dual[:, 3:]).all() and np.isfinite(u.dual[:, :3]).all()
    assert np.isnan(q.dual[:, 3:]).all() and np.isfinite(q.dual[:, :3]).all()
    assert (r.dual[3:] == 0).all()
    np.testing.assert_array_equal(u.real, np.linalg.svd(x.real).U)


def test_pinv_and_lstsq_below_full_rank_have_no_derivative():
    a = np.outer([1.0, 2.0, 3.0], [1.0, -1.0])
    x = dn.DualArray(a, 1.0)
    p = np.linalg.pinv(x)
    np.testing.assert_array_equal(p.real, np.linalg.pinv(a))
    assert np.isnan(p.dual).all()
    assert np.isnan(np.linalg.lstsq(x, np.ones(3))[0].dual).all()


@pytest.mark.parametrize("call, error, match", [
    (lambda x: np.linalg.eig(x), TypeError, "complex.*eigh"),
    (lambda x: np.linalg.eigvals(x), TypeError, "complex.*eigh"),
    (lambda x: np.linalg.qr(x, "raw"), TypeError, "mode='raw'"),
    (lambda x: np.vecdot(x, x, axis=0), TypeError, "axis="),
    (lambda x: np.linalg.norm(x, "nuc", axis=0), ValueError, "Invalid norm order"),
    (lambda x: np.linalg.matrix_power(x, 1.5), TypeError, "exponent must be an integer")])
def test_refusals_say_why(call, error, match):
    with pytest.raises(error, match=match):
        call(dn.DualArray(general(np.random.default_rng(6)), 1.0))


def test_matrix_rank_and_the_sign_of_slogdet_are_of_the_real_parts():
    a = general(np.random.default_rng(7))
    x = dn.HyperDualArray(a, 1.0, 1.0, 0.0)
    assert np.linalg.matrix_rank(x) == N
    assert type(np.linalg.slogdet(x).sign) is np.float64
    assert np.linalg.vector_norm(dn.DualArray([0.0, 2.0, -1.0], 1.0), ord=0) == 2.0
