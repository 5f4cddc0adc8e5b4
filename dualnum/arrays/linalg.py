"""Solves, inverses, determinants and powers of dual matrices, and :func:`jet`, the forward
mode that every matrix function of the array package shares.

A matrix function is differentiated on the components: its value comes from NumPy (LAPACK) on
the real parts, once; its perturbation parts from the first-order forward rule of the
literature (Giles, "Collected matrix derivative results for forward and reverse mode AD",
2008), matrix products and solves of the parts; its second-order parts from the same rule
applied to dual numbers of dual numbers (see :func:`jet`). Stacked matrices broadcast as
NumPy broadcasts them.
"""
import operator

import numpy as np

from ._registry import implements
from ._storage import ArrayBase
from .container import DualArray
from .operands import coerce, lead
from .products import back, front, parts_front, with_axes
from .reductions import scalar_or_array


def jet(first, operands, outputs, rule):
    """The outputs of a matrix function of ``operands`` as dual arrays of ``first``'s type,
    directions and tag (``first``: ``operands.lead`` of them).

    ``outputs`` are the function's values on the real parts (float ndarrays).
    ``rule(operands, outputs, tangents)`` is its first-order forward rule: the outputs'
    tangents (None for an output without derivative: it stays an ndarray) for the operands'
    tangents (None for a constant operand), which carry one leading axis more than the
    operands, the directions. The rule must be linear in the tangents and use only
    operations that act alike on float ndarrays and on dual arrays (@, *, /, indexing,
    np.linalg.solve, ...). Operands of several arrays must have the same number of axes (see
    ``products.with_axes``), so that the tangents' leading axes line up.

    Dual: the rule once, on the real parts. Hyper-dual: a + b e1 + c e2 + d e1e2 is the dual
    number (a + c e2) + (b + d e2) e1 of dual numbers. The rule on the real parts with the
    tangents c gives the e2 parts; the rule again in DualArray arithmetic, with the operands
    a + c e2, the outputs with their e2 parts and the tangents b + d e2, gives the e1 parts
    as its real parts and the e1e2 parts as its dual parts: the second-order terms are the
    derivative of the first-order rule, exact, with no second rule to derive.
    """
    operands = [coerce(first, x) if isinstance(x, ArrayBase) else x for x in operands]
    reals = [x.real if isinstance(x, ArrayBase) else x for x in operands]

    def tangents(i):
        return [front(x._parts[i], 1) if isinstance(x, ArrayBase) else None for x in operands]

    if len(first._dir_ndim) == 2:
        firsts = rule(reals, outputs, tangents(1))
        return [o if t is None else first._with_parts(
            [o, _full(back(t, 1), o.shape + first._parts[1].shape[-1:])])
            for o, t in zip(outputs, firsts)]
    seconds = rule(reals, outputs, tangents(2))

    def lift(real, part):  # a directional DualArray of the perturbations along e2
        return DualArray._wrap([real, part], True, 0)
    inner = [lift(x.real, x._parts[2]) if isinstance(x, ArrayBase) else x for x in operands]
    lifted = [o if t is None else lift(o, _full(back(t, 1), o.shape + _dirs(first, 2)))
              for o, t in zip(outputs, seconds)]
    along = [lift(front(x._parts[1], 1), np.moveaxis(x._parts[3], -2, 0))
             if isinstance(x, ArrayBase) else None for x in operands]
    firsts = rule(inner, lifted, along)
    results = []
    for o, s, f in zip(outputs, seconds, firsts):
        if f is None:
            results.append(o)
            continue
        k, m = _dirs(first, 1), _dirs(first, 2)
        results.append(first._with_parts([
            o, _full(back(f.real, 1), o.shape + k), _full(back(s, 1), o.shape + m),
            _full(np.moveaxis(f._parts[1], 0, -2), o.shape + k + m)]))
    return results


def _dirs(x, i):
    """The direction shape of part i of the hyper-dual array x."""
    return x._parts[i].shape[-1:]


def _full(part, shape):
    return part if part.shape == shape else np.broadcast_to(part, shape)


def minus(p, q):
    """p - q where either may be None (a constant's missing term)."""
    if q is None:
        return p
    return -q if p is None else p - q


# ---------------------------------------------------------------- solve and inv
def _solver(a):
    """A function solving a x = rhs, rhs of shape (..., n, r) broadcasting with a's stack,
    from one factorisation where a is one matrix: SciPy's LU where SciPy is installed and
    it succeeds (else NumPy's solve decides, so that a singular matrix raises NumPy's
    LinAlgError); NumPy's solve for stacks."""
    if a.ndim == 2:
        try:
            from scipy.linalg import lu_solve
            from scipy.linalg.lapack import dgetrf
        except ImportError:
            lu_solve = None
        if lu_solve is not None:
            lu, pivots, info = dgetrf(a)
            if info == 0 and np.isfinite(lu).all():
                return lambda rhs: _columns(lambda c: lu_solve((lu, pivots), c,
                                                              check_finite=False), rhs)
    return lambda rhs: np.linalg.solve(a, rhs)


def _columns(solve, rhs):
    """solve(columns) for rhs (..., n, r) as one (n, ...) block of columns."""
    n = rhs.shape[-2]
    cols = np.moveaxis(rhs, -2, 0)
    return np.moveaxis(solve(cols.reshape(n, -1)).reshape(cols.shape), 0, -2)


def solve_with(a, rhs, solver=None):
    """a^-1 rhs (rhs: stacked matrices) for float or dual operands; ``solver`` for a float a
    and rhs."""
    if solver is None or isinstance(a, ArrayBase) or isinstance(rhs, ArrayBase):
        return np.linalg.solve(a, rhs)
    return solver(rhs)


@implements(np.linalg.solve)
def _solve(a, b):
    """x = a^-1 b for a (..., n, n) and b (..., n, r), or b (n,) a vector (NumPy 2's rule),
    stacks broadcast. x' = a^-1 (b' - a' x) (Giles 2008, 2.2.3), from one LU factorisation of
    a.real where a is one matrix; second order by :func:`jet`."""
    first = lead(a, b)
    ar, br = (x.real if isinstance(x, ArrayBase) else np.asarray(x, dtype=np.float64)
              for x in (a, b))
    vector = br.ndim == 1
    bm = b[..., None] if vector else b
    if not _solvable(ar, br[:, None] if vector else br):
        np.linalg.solve(ar, br)  # raises NumPy's error
    ndim = max(ar.ndim, np.ndim(bm))
    a, bm = with_axes(a, ndim), with_axes(bm, ndim)
    solver = _solver(ar)
    x = solver(bm.real if isinstance(bm, ArrayBase) else bm)

    def rule(operands, outputs, tangents):
        (a, _), (x,), (da, db) = operands, outputs, tangents
        return [solve_with(a, minus(db, None if da is None else da @ x), solver)]
    (x,) = jet(first, [a, bm], [x], rule)
    return x[..., 0] if vector else x


def _solvable(a, b):
    """a and the matrices b have the shapes of a solve (else NumPy's solve raises)."""
    if a.ndim < 2 or b.ndim < 2 or a.shape[-1] != a.shape[-2] or b.shape[-2] != a.shape[-1]:
        return False
    try:
        np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        return False
    return True


@implements(np.linalg.inv)
def _inv(a):
    """a^-1 of a (..., n, n); (a^-1)' = -a^-1 a' a^-1 (Giles 2008, 2.2.3)."""
    y = np.linalg.inv(a.real)  # NumPy's value and errors

    def rule(operands, outputs, tangents):
        (y,), (t,) = outputs, tangents
        return [-(y @ t @ y)]
    return jet(a, [a], [y], rule)[0]


@implements(np.linalg.matrix_power)
def _matrix_power(a, n):
    """a**n for integer n by repeated squaring (a^-1 first for n < 0), matrices in the last
    two axes; n = 0 gives identities (with zero perturbation parts)."""
    if a.ndim < 2:
        raise np.linalg.LinAlgError("%d-dimensional array given. Array must be at least "
                                    "two-dimensional" % a.ndim)
    if a.shape[-1] != a.shape[-2]:
        raise np.linalg.LinAlgError("Last 2 dimensions of the array must be square")
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError("exponent must be an integer") from None
    if n == 0:
        eye = np.broadcast_to(np.eye(a.shape[-1]), a.shape).copy()
        return a._with_parts([eye] + [np.zeros_like(p) for p in a._parts[1:]])
    if n < 0:
        a, n = _inv(a), -n
    result = None
    while n:
        if n & 1:
            result = a if result is None else result @ a
        n >>= 1
        if n:
            a = a @ a
    return result


@implements(np.linalg.tensorsolve)
def _tensorsolve(a, b, axes=None):
    """x with tensordot(a, x, x.ndim) = b: a reshaped to a square matrix and solved, as
    NumPy does (``axes``: the axes of a moved to the end first)."""
    an = np.ndim(a)
    if axes is not None:
        order = [k for k in range(an) if k not in axes] + list(axes)
        a = np.transpose(a, order)
    shape = np.shape(a)[np.ndim(b):]
    size = int(np.prod(shape))
    if np.size(a) != size ** 2:
        raise np.linalg.LinAlgError("Input arrays must satisfy the requirement "
                                    "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
    return _solve(np.reshape(a, (size, size)), np.ravel(b)).reshape(shape)


@implements(np.linalg.tensorinv)
def _tensorinv(a, ind=2):
    """The inverse of a with respect to tensordot over its first ``ind`` axes."""
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    size = int(np.prod(a.shape[ind:]))
    return _inv(a.reshape(size, -1)).reshape(a.shape[ind:] + a.shape[:ind])


@implements(np.linalg.det)
def _det(a):
    """det(A) with its derivatives, without inverting A: right at singular matrices too.

    The value is NumPy's det of the real part. The derivatives come from the SVD
    A = U diag(s) V^T: det(A + E) = sign det(diag(s) + U^T E V), sign = det(U) det(V^T) = ±1,
    and the terms of that polynomial in E are products of the singular values (Jacobi's
    formula without A^-1; the second-order term is the sum over pairs of replaced columns):

    * first order, tr(adj(A) E) with adj(A) = sign V diag(p) U^T, p_i = prod_{l != i} s_l;
    * second order (E = B e1 + C e2 + D e1e2), tr(adj(A) D) +
      sign sum_{i != j} P_ij (B'_ii C'_jj - B'_ij C'_ji) with B' = U^T B V, C' = U^T C V and
      P_ij = prod_{l != i, j} s_l.

    At rank n - 1 only p_n survives (the gradient is the cofactor matrix); at rank n - 2 the
    gradient is 0 and P_(n-1)n carries the second derivatives. No singular value is divided
    by, so the errors are those of the SVD: a few ulps of the largest products. Stacked
    matrices (shape S + (n, n)) are differentiated one by one; a matrix with a NaN or an
    infinity gets NaN derivatives.

    >>> import numpy as np, dualnum as dn
    >>> g = dn.gradient(np.linalg.det, np.array([[1.0, 2.0], [2.0, 4.0]]))  # singular
    >>> bool(np.allclose(g, [[4.0, -2.0], [-2.0, 1.0]], rtol=0, atol=1e-14))
    True
    """
    real = a.real
    value = np.linalg.det(real)  # NumPy's value; raises NumPy's errors (not square, ...)
    finite = np.isfinite(real).all(axis=(-2, -1))
    every = finite.all()
    u, s, vt = np.linalg.svd(real if every else np.where(finite[..., None, None], real, 0.0))
    sign = np.linalg.det(u @ vt)  # det(U) det(V^T) = ±1 (to rounding): the orientations
    left, right = _products_but_one(s)
    adj = np.swapaxes(vt, -1, -2) * (sign[..., None] * left * right)[..., None, :] \
        @ np.swapaxes(u, -1, -2)
    _, da = parts_front(a, a)
    if len(a._dir_ndim) == 2:
        parts = [_times_adjugate(adj, da[0])]
    else:
        b, c, d = da
        pairs = sign[..., None, None] * _products_but_two(s, left, right)
        parts = [_times_adjugate(adj, b), _times_adjugate(adj, c),
                 _times_adjugate(adj, d) + _pairs_of_columns(u, vt, pairs, b, c)]
    if not every:
        parts = [np.where(finite, p, np.nan) for p in parts]
    return scalar_or_array(a._with_parts([value] + [back(p, c) for p, c in
                                                    zip(parts, a._dir_ndim[1:])]))


def _times_adjugate(adj, e):
    """tr(adj(A) E) for perturbations E with their direction axes in front."""
    return np.einsum("...ij,...ji->...", adj, e)


def _pairs_of_columns(u, vt, pairs, b, c):
    """The second-order term of det(A + B e1 + C e2), sum_{i != j} P_ij (B'_ii C'_jj -
    B'_ij C'_ji) in the singular bases (B' = U^T B V), for every pair of directions of B (k,
    in front) and C (m): shape (k, m) + S."""
    ut, v = np.swapaxes(u, -1, -2), np.swapaxes(vt, -1, -2)
    bp, cp = ut @ b @ v, ut @ c @ v
    bd, cd = np.diagonal(bp, 0, -2, -1), np.diagonal(cp, 0, -2, -1)
    return (np.einsum("k...i,...ij,m...j->km...", bd, pairs, cd)
            - np.einsum("k...ij,...ij,m...ji->km...", bp, pairs, cp))


def _products_but_one(s):
    """(prod_{l < i} s_l, prod_{l > i} s_l) for each i along the last axis of s: their product
    is prod_{l != i} s_l, formed without dividing (s may hold zeros)."""
    n = s.shape[-1]
    ones = np.ones(s.shape[:-1] + (1,))
    left = np.concatenate([ones, np.cumprod(s[..., :-1], axis=-1)], axis=-1)[..., :n]
    right = np.concatenate([ones, np.cumprod(s[..., :0:-1], axis=-1)], axis=-1)[..., :n]
    return left, right[..., ::-1]


def _products_but_two(s, left, right):
    """P_ij = prod_{l != i, j} s_l for i != j (0 for i == j), from the products left of i,
    between i and j, and right of j (``left``, ``right``: ``_products_but_one(s)``)."""
    n = s.shape[-1]
    i, j = np.arange(n)[:, None], np.arange(n)[None, :]
    # prod_{i < l < j} s_l: a running product along each row of s masked to l > i, shifted
    running = np.cumprod(np.where(j > i, s[..., None, :], 1.0), axis=-1)
    between = np.concatenate([np.ones(running.shape[:-1] + (1,)), running[..., :-1]], axis=-1)
    upper = np.where(j > i, left[..., :, None] * between * right[..., None, :], 0.0)
    return upper + np.swapaxes(upper, -1, -2)


