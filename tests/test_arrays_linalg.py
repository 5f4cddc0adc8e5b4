"""Products and linear algebra of DualArray and HyperDualArray (dualnum.arrays.linalg):
matmul, dot, inner, outer and trace against object arrays of scalar duals; solve, inv and det
against their derivative identities (dual) and exact sympy arithmetic (hyper-dual), det also
at singular and rank-deficient matrices; singular solves and inverses; norms."""
import doctest
import functools
import sys
from fractions import Fraction

import numpy as np
import pytest

import dualnum as dn
from arrays_support import (KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, operand_a,
                            operand_b, sample, tie_reference)

# ---------------------------------------------------------------- products
PRODUCTS = {
    "trace": lambda a, b: np.trace(np.vstack([a, b])), "outer": lambda a, b: np.outer(a, b[0]),
    "inner": lambda a, b: np.inner(a, b), "inner 1-D": lambda a, b: np.inner(a[0], b[1]),
    "dot 1-D": lambda a, b: np.dot(a[0], b[1]), "dot 2-D": lambda a, b: np.dot(a, b.T),
    "matmul 2-D": lambda a, b: a @ b.T, "matmul 1-D": lambda a, b: a @ b[0],
    "matmul 1-D left": lambda a, b: a[1] @ b.T, "matmul vectors": lambda a, b: a[0] @ b[0],
    "matmul constant right": lambda a, b: a @ np.array([[1.0, -2.0], [0.5, 3.0], [2.0, 0.25]]),
    "matmul constant left": lambda a, b: np.array([[1.0, -2.0], [0.5, 3.0]]) @ a,
    "matmul constant vector": lambda a, b: np.array([0.5, -1.5]) @ a,
    "matmul scalar dual": lambda a, b: a @ b[0] * b[1, 1],
    "dot scalar": lambda a, b: np.dot(a, 2.0),
}


@pytest.mark.parametrize("name", list(PRODUCTS))
@pytest.mark.parametrize("T", KINDS)
def test_array_functions_match_object_arrays(T, name):
    """To SUMS: the products sum in another order than the object arrays do (the functions
    that only move elements are in test_arrays_shape.py)."""
    func = PRODUCTS[name]
    got = func(operand_a(T), operand_b(T))
    want = func(objects(operand_a(T)), objects(operand_b(T)))
    assert_duals(got, want, T, rtol=SUMS)


# ---------------------------------------------------------------- linear algebra
A0 = np.array([[4.0, 1.0, -0.5], [0.3, 3.0, 1.2], [-1.0, 0.7, 5.0]])
A1 = np.array([[0.2, -0.1, 0.4], [1.0, 0.5, -0.3], [0.0, 0.25, -0.6]])
A2 = np.array([[-0.3, 0.0, 0.1], [0.2, -0.4, 0.0], [0.5, 0.1, 0.3]])
A12 = np.array([[0.1, 0.2, 0.0], [0.0, -0.1, 0.3], [0.4, 0.0, -0.2]])
B0, B1, B2, B12 = (np.array(v) for v in ([1.0, -2.0, 0.5], [0.3, 0.0, -1.0],
                                         [0.0, 0.7, 0.2], [-0.4, 0.1, 0.6]))
LINALG_RTOL = 1e-12


def sym_hyper(func, *operands):
    """The four hyper-dual parts of func(X(s, t), ...) for X = X0 + s X1 + t X2 + s t X12,
    by exact rational arithmetic in sympy (func takes and returns sympy objects)."""
    import sympy
    s, t = sympy.symbols("s t")

    def build(p0, p1, p2, p12):
        q = [sympy.Matrix(np.atleast_1d(p).tolist()).applyfunc(lambda v: sympy.Rational(v))
             for p in (p0, p1, p2, p12)]
        return q[0] + s * q[1] + t * q[2] + s * t * q[3]
    expr = sympy.Matrix([func(*[build(*o) for o in operands])])
    at = {s: 0, t: 0}
    return [np.array(sympy.N(e.subs(at), 30).tolist(), dtype=float).reshape(-1)
            for e in (expr, expr.diff(s), expr.diff(t), expr.diff(s, t))]


def check_parts(got, want, T):
    for name, w in zip(NAMES[T], want):
        np.testing.assert_allclose(np.asarray(getattr(got, name)).reshape(-1), w,
                                   rtol=LINALG_RTOL, atol=1e-14, err_msg=name)


def test_dual_solve_against_the_identity():
    x0 = np.linalg.solve(A0, B0)
    x = np.linalg.solve(dn.DualArray(A0, A1), dn.DualArray(B0, B1))
    check_parts(x, [x0, np.linalg.solve(A0, B1 - A1 @ x0)], dn.DualArray)  # A x' = b' - A' x
    check_parts(np.linalg.solve(dn.DualArray(A0, A1), B0), [x0, np.linalg.solve(A0, -A1 @ x0)],
                dn.DualArray)
    check_parts(np.linalg.solve(A0, dn.DualArray(B0, B1)), [x0, np.linalg.solve(A0, B1)],
                dn.DualArray)
    rhs = np.stack([B0, B1], axis=1)  # a matrix right-hand side
    X = np.linalg.solve(dn.DualArray(A0, A1), dn.DualArray(rhs, rhs[::-1]))
    X0 = np.linalg.solve(A0, rhs)
    check_parts(X, [X0.ravel(), np.linalg.solve(A0, rhs[::-1] - A1 @ X0).ravel()], dn.DualArray)


def test_dual_inv_against_the_identity():
    y = np.linalg.inv(A0)  # (A^-1)' = -A^-1 A' A^-1
    check_parts(np.linalg.inv(dn.DualArray(A0, A1)), [y.ravel(), (-y @ A1 @ y).ravel()],
                dn.DualArray)


def test_dual_det_by_jacobis_formula():
    d = np.linalg.det(dn.DualArray(A0, A1))
    assert type(d) is dn.Dual  # det' = det tr(A^-1 A')
    check_parts(d, [np.linalg.det(A0), np.linalg.det(A0) * np.trace(np.linalg.solve(A0, A1))],
                dn.DualArray)


def test_dual_solve_with_directions():
    dA = np.stack([A1, A2], axis=-1)
    db = np.stack([B1, B2], axis=-1)
    x = np.linalg.solve(dn.DualArray(A0, dA, directional=True),
                        dn.DualArray(B0, db, directional=True))
    x0 = np.linalg.solve(A0, B0)
    assert x.directions == 2
    for a, (Ak, bk) in enumerate([(A1, B1), (A2, B2)]):
        np.testing.assert_allclose(x.dual[:, a], np.linalg.solve(A0, bk - Ak @ x0),
                                   rtol=LINALG_RTOL)


HYPER_LINALG = {
    "solve": (lambda A, b: np.linalg.solve(A, b), lambda A, b: list(adjugate(A) * b / det(A))),
    "inv": (lambda A, b: np.linalg.inv(A), lambda A, b: list(adjugate(A) / det(A))),
    "det": (lambda A, b: np.linalg.det(A), lambda A, b: [det(A)]),
    "norm": (lambda A, b: np.linalg.norm(b), lambda A, b: [sqrt_sum(b)]),
    "frobenius": (lambda A, b: np.linalg.norm(A), lambda A, b: [sqrt_sum(A)]),
    "quadratic": (lambda A, b: b @ A @ b, lambda A, b: [(b.T * A * b)[0]]),
}


def adjugate(m):  # A^-1 = adj(A) / det(A), with polynomial entries: fast to differentiate
    import sympy
    return m.adjugate().applyfunc(sympy.expand)


def det(m):
    import sympy
    return sympy.expand(m.det())


def sqrt_sum(m):
    import sympy
    return sympy.sqrt(sum(v * v for v in m))


@pytest.mark.parametrize("name", list(HYPER_LINALG))
def test_hyperdual_linalg_against_sympy(name):
    ours, theirs = HYPER_LINALG[name]
    got = ours(dn.HyperDualArray(A0, A1, A2, A12), dn.HyperDualArray(B0, B1, B2, B12))
    want = sym_hyper(theirs, (A0, A1, A2, A12), (B0, B1, B2, B12))
    check_parts(got, want, dn.HyperDualArray)


@pytest.mark.parametrize("T", KINDS)
def test_norms(T):
    v = sample(T, (4,), start=-0.8, step=0.5)
    obj = objects(v)
    assert_duals(np.linalg.norm(v), dn.sqrt(np.sum(obj * obj)), T, rtol=SUMS)
    assert_duals(np.linalg.norm(v, 1), np.sum(abs(obj)), T, rtol=SUMS)
    assert_duals(np.linalg.norm(v, np.inf), tie_reference(abs(v), None, np.max), T)
    m = sample(T, (2, 3))
    assert_duals(np.linalg.norm(m, axis=1), np.frompyfunc(dn.sqrt, 1, 1)(
        np.sum(objects(m) ** 2, axis=1)), T, rtol=SUMS)
    with pytest.raises(ValueError, match="Invalid norm order for matrices"):
        np.linalg.norm(m, 3)  # NumPy's error


@pytest.mark.parametrize("T", KINDS)
def test_norm_of_zero_has_derivative_zero(T):
    """The cone point, as absolute at 0: a one-element norm is the absolute value."""
    pert = [np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), np.ones(3)]
    z = np.linalg.norm(T(np.zeros(3), *pert[:len(NAMES[T]) - 1]))
    assert z.real == 0.0 and all(getattr(z, n) == 0.0 for n in NAMES[T][1:3])
    x = SCALAR[T](0.0, *[1.0, 1.0, 0.0][:len(NAMES[T]) - 1])
    assert repr(np.linalg.norm(T([x]))) == repr(abs(x))


# ---------------------------------------------------------------- det, singular matrices too
EPS = np.finfo(float).eps
DET_ULPS = 8  # the SVD and the products of singular values: measured below 2


def det_scales(a, b, c, d, n):
    """Bounds of the four hyper-dual parts of det(a + b e1 + c e2 + d e1e2) for n x n
    matrices of 2-norms a, b, c, d: each error is a few ulps of its bound."""
    return [a ** n, n * a ** (n - 1) * b, n * a ** (n - 1) * c,
            n * (n - 1) * a ** max(n - 2, 0) * b * c + n * a ** (n - 1) * d]


def det_operands(n, rank, seed):
    """A real part of the given rank, and three random perturbations."""
    rng = np.random.default_rng(seed)
    real = rng.normal(size=(n, rank)) @ rng.normal(size=(rank, n))
    return [real] + [rng.normal(size=(n, n)) for _ in range(3)]


DET_CASES = {  # (n, rank)
    "invertible 2x2": (2, 2), "invertible 3x3": (3, 3), "invertible 4x4": (4, 4),
    "rank n-1 2x2": (2, 1), "rank n-1 3x3": (3, 2), "rank n-1 4x4": (4, 3),
    "rank n-2 3x3": (3, 1), "rank n-2 4x4": (4, 2), "rank 1 4x4": (4, 1),
    "zero 3x3": (3, 0), "zero 1x1": (1, 0), "zero 2x2": (2, 0)}
EXACT_SINGULAR = {"rank 1 2x2": [[1.0, 2.0], [2.0, 4.0]],
                  "rank 2 3x3": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]],
                  "rank 1 3x3": [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [-3.0, -6.0, -9.0]],
                  "rank 2 4x4": [[1.0, 0.0, 2.0, 0.0], [0.0, 1.0, 0.0, 3.0],
                                 [2.0, 0.0, 4.0, 0.0], [0.0, 3.0, 0.0, 9.0]]}


def det_case(name, seed):
    if name in DET_CASES:
        return det_operands(*DET_CASES[name], seed)
    real = np.array(EXACT_SINGULAR[name])
    return [real] + det_operands(len(real), 0, seed)[1:]


@functools.lru_cache(maxsize=None)
def det_polynomial(n):
    """det of a symbolic n x n matrix with its gradient and Hessian, differentiated by sympy,
    as one function of the n * n entries (sums of products: exact on Fractions)."""
    import sympy
    xs = sympy.symbols("x0:%d" % (n * n))
    poly = sympy.Matrix(n, n, xs).det()
    grad = [sympy.diff(poly, x) for x in xs]
    return sympy.lambdify(xs, [poly, grad, [[sympy.diff(g, y) for y in xs] for g in grad]],
                          modules=[{}])


def exact_det_parts(a0, a1, a2, a12):
    """The four hyper-dual parts of det(A0 + s A1 + t A2 + s t A12), exactly: the Taylor
    terms of the polynomial, value, gradient . A1, gradient . A2 and
    A1 . Hessian . A2 + gradient . A12 (s^2 = t^2 = 0 ends the series)."""
    value, grad, hess = det_polynomial(len(a0))(*[Fraction(v) for v in np.ravel(a0)])
    e1, e2, e12 = ([Fraction(v) for v in np.ravel(m)] for m in (a1, a2, a12))

    def dot(u, v):
        return sum(p * q for p, q in zip(u, v))
    return [float(t) for t in (value, dot(grad, e1), dot(grad, e2),
                               dot([dot(row, e2) for row in hess], e1) + dot(grad, e12))]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("name", list(DET_CASES) + list(EXACT_SINGULAR))
@pytest.mark.parametrize("T", KINDS)
def test_det_against_sympys_polynomial(T, name, seed):
    """det(A0 + s A1 + t A2 + s t A12) from sympy's polynomial in exact arithmetic: at
    invertible, singular (rank n - 1, where the gradient is the cofactor matrix),
    rank-deficient (rank <= n - 2: gradient 0, second derivatives not) and zero matrices."""
    parts = det_case(name, seed)
    if T is dn.DualArray:
        parts = parts[:2] + [np.zeros_like(parts[0])] * 2
    got = np.linalg.det(T(*parts[:len(NAMES[T])]))
    assert type(got) is SCALAR[T]
    scales = det_scales(*[np.linalg.norm(p, 2) for p in parts], len(parts[0]))
    for part, want, scale in zip(NAMES[T], exact_det_parts(*parts), scales):
        assert abs(getattr(got, part) - want) <= DET_ULPS * EPS * scale, (part, want)


def symbolic_det_derivatives(matrix):
    """The gradient and Hessian of det at the matrix, from sympy's exact polynomial."""
    n = len(matrix)
    _, grad, hess = det_polynomial(n)(*[Fraction(v) for v in np.ravel(matrix)])
    return (np.array(grad, dtype=float).reshape(n, n),
            np.array(hess, dtype=float).reshape(n, n, n, n))


@pytest.mark.parametrize("name", list(EXACT_SINGULAR) + ["zero 3x3", "invertible 3x3",
                                                          "rank n-2 4x4"])
def test_gradient_and_hessian_of_det(name):
    """Through dn.gradient and dn.hessian, whose arrays carry directions."""
    matrix = det_case(name, 3)[0]
    n = len(matrix)
    grad, hess = symbolic_det_derivatives(matrix)
    a = np.linalg.norm(matrix, 2)
    np.testing.assert_allclose(dn.gradient(np.linalg.det, matrix), grad, rtol=0,
                               atol=DET_ULPS * EPS * n * a ** (n - 1))
    np.testing.assert_allclose(dn.hessian(np.linalg.det, matrix), hess, rtol=0,
                               atol=DET_ULPS * EPS * n * (n - 1) * a ** max(n - 2, 0))


def test_gradient_of_det_at_the_singular_example():
    got = dn.gradient(np.linalg.det, np.array([[1.0, 2.0], [2.0, 4.0]]))  # |A| = 5
    np.testing.assert_allclose(got, [[4.0, -2.0], [-2.0, 1.0]], rtol=0,
                               atol=DET_ULPS * EPS * 2 * 5.0)


@pytest.mark.parametrize("T", KINDS)
def test_det_of_stacked_matrices_is_the_det_of_each(T):
    stack = [np.stack(m) for m in zip(det_case("invertible 3x3", 4), det_case("rank 2 3x3", 5),
                                      det_case("zero 3x3", 6))]
    got = np.linalg.det(T(*stack[:len(NAMES[T])]))
    assert type(got) is T and got.shape == (3,)
    for i in range(3):
        one = np.linalg.det(T(*[p[i] for p in stack[:len(NAMES[T])]]))
        for part in NAMES[T]:
            np.testing.assert_allclose(getattr(got, part)[i], getattr(one, part), rtol=4 * EPS,
                                       atol=4 * EPS)


@pytest.mark.parametrize("T", KINDS)
def test_det_of_a_matrix_with_nan_or_inf(T):
    """The value is NumPy's det of the real part; no derivative can be read: NaN."""
    stack = np.array([[[np.nan, 1.0], [1.0, 2.0]], [[np.inf, 1.0], [1.0, 2.0]],
                      [[1.0, 2.0], [3.0, 4.0]]])
    with np.errstate(invalid="ignore"):
        got = np.linalg.det(T(stack, *[np.ones((3, 2, 2))] * (len(NAMES[T]) - 1)))
        np.testing.assert_array_equal(got.real, np.linalg.det(stack))
    for part in NAMES[T][1:]:
        assert np.isnan(getattr(got, part)[:2]).all() and np.isfinite(getattr(got, part)[2])


@pytest.mark.parametrize("T", KINDS)
def test_det_of_a_non_square_matrix_raises_numpys_error(T):
    with pytest.raises(np.linalg.LinAlgError, match="square"):
        np.linalg.det(sample(T, (2, 3)))


# ---------------------------------------------------------------- singular solves and inverses
SINGULAR = {"rank 1": [[1.0, 2.0], [2.0, 4.0]], "zero": [[0.0, 0.0], [0.0, 0.0]],
            "zero column": [[0.0, 1.0], [0.0, 3.0]], "nan": [[np.nan, 2.0], [2.0, 4.0]],
            "nan late": [[1.0, np.nan], [2.0, 4.0]], "inf": [[np.inf, 2.0], [2.0, 4.0]]}
SOLVERS = {"solve": lambda a: np.linalg.solve(a, np.array([1.0, 2.0])),
           "solve dual b": lambda a: np.linalg.solve(a, a[:, 0] + 1.0),
           "inv": np.linalg.inv}


def outcome(thunk):
    try:
        with np.errstate(all="ignore"):
            return thunk(), None
    except Exception as error:  # noqa: BLE001  (compared with NumPy's)
        return None, error


@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("solver", list(SOLVERS))
@pytest.mark.parametrize("name", list(SINGULAR))
@pytest.mark.parametrize("T", KINDS)
def test_singular_solves_and_inverses_do_as_numpy_does(T, name, solver, directional):
    """np.linalg.solve and inv of a dual matrix raise NumPy's LinAlgError where NumPy's own
    solve or inv of the real part does, and otherwise give its values."""
    real = np.array(SINGULAR[name])
    k = 2 if directional else 1
    pert = [np.ones((2, 2, k)), np.ones((2, 2, k)), np.ones((2, 2, k, k))]
    a = T(real, *[p if directional else p.reshape(2, 2) for p in pert][:len(NAMES[T]) - 1],
          directional=directional)
    func = SOLVERS[solver]
    want, got = outcome(lambda: func(real)), outcome(lambda: func(a))
    if want[1] is not None:
        assert type(got[1]) is type(want[1]) and str(got[1]) == str(want[1]), got
    else:
        assert got[1] is None, got[1]
        np.testing.assert_array_equal(got[0].real, want[0])


@pytest.mark.parametrize("T", KINDS)
def test_solve_without_scipy_gives_the_same(T, monkeypatch):
    """The fast path (SciPy's LU, factorised once) against NumPy's solve per right-hand side,
    the path taken without SciPy."""
    count = len(NAMES[T])
    a, b = T(*[A0, A1, A2, A12][:count]), T(*[B0, B1, B2, B12][:count])
    fast = np.linalg.solve(a, b)
    monkeypatch.setitem(sys.modules, "scipy.linalg", None)  # import scipy.linalg fails
    slow = np.linalg.solve(a, b)
    for part in NAMES[T]:
        np.testing.assert_allclose(getattr(fast, part), getattr(slow, part), rtol=4 * EPS,
                                   atol=4 * EPS)


def test_docstring_examples_run():
    from dualnum.arrays import linalg
    assert doctest.testmod(linalg, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


def test_blas_products_do_not_apply_the_zero_perturbation_rule():
    """README, Limitations: elementwise products keep a zero perturbation zero beside an
    infinity; a matrix product in BLAS computes 0 * inf = NaN."""
    x = dn.DualArray(np.array([1.0, 1.0]), np.array([0.0, 1.0]))
    weights = np.array([np.inf, 1.0])
    assert (x * weights).dual.tolist() == [0.0, 1.0]
    with pytest.warns(RuntimeWarning, match="invalid value"):  # NumPy's, as for floats
        assert np.isnan((x @ weights).dual)
