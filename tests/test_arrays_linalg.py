"""Products and linear algebra of DualArray and HyperDualArray (dualnum.arrays.linalg):
matmul, dot, inner, outer and trace against object arrays of scalar duals; solve, inv and det
against their derivative identities (dual) and exact sympy arithmetic (hyper-dual); norms."""
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
    with pytest.raises(TypeError, match="ord"):
        np.linalg.norm(m, 2)


@pytest.mark.parametrize("T", KINDS)
def test_norm_of_zero_has_derivative_zero(T):
    """The cone point, as absolute at 0: a one-element norm is the absolute value."""
    pert = [np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), np.ones(3)]
    z = np.linalg.norm(T(np.zeros(3), *pert[:len(NAMES[T]) - 1]))
    assert z.real == 0.0 and all(getattr(z, n) == 0.0 for n in NAMES[T][1:3])
    x = SCALAR[T](0.0, *[1.0, 1.0, 0.0][:len(NAMES[T]) - 1])
    assert repr(np.linalg.norm(T([x]))) == repr(abs(x))
