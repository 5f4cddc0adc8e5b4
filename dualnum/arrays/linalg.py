"""Products and linear algebra on dual arrays, through BLAS and LAPACK on the components.

A dual matrix product is three real ones (A dB + dA B beside A B); a hyper-dual one adds the
cross terms. Solves and inverses differentiate A^-1 from one factorisation of the real
part (SciPy's LU when SciPy is installed, else repeated NumPy solves). These products do not
apply the zero-perturbation rule elementwise: BLAS multiplies 0 by inf to NaN.
"""
import numpy as np

from .._scalar import with_square
from ._registry import implements, implements_ufunc, write_out
from ._storage import ArrayBase
from .elementwise import multiply, unary
from .operands import coerce, lead
from ._util import normalize_axis
from .reductions import scalar_or_array


def _front(part, core):
    """Direction axes moved in front, where matmul broadcasts over them."""
    return np.moveaxis(part, tuple(range(part.ndim - core, part.ndim)), tuple(range(core)))


def _back(part, core):
    return np.moveaxis(part, tuple(range(core)), tuple(range(part.ndim - core, part.ndim)))


def _parts_front(x, first):
    """(real, perturbation parts with directions in front) of an operand beside the leading
    array; a constant has no perturbation parts (None for each), so its terms are skipped."""
    if isinstance(x, ArrayBase):
        x = coerce(first, x)
        return x._parts[0], [_front(p, c) for p, c in zip(x._parts[1:], x._dir_ndim[1:])]
    return np.asarray(x, dtype=np.float64), [None] * (len(first._dir_ndim) - 1)


def _bilinear(op, a, b):
    """op(a, b) for a bilinear real op that broadcasts over leading axes (matmul), by the
    product rule of the operands' dual type."""
    first = lead(a, b)
    if not (isinstance(a, ArrayBase) and isinstance(b, ArrayBase)):
        return _linear(op, a, b)
    parts = type(first)._product(op, _parts_front(a, first), _parts_front(b, first))
    return first._with_parts([parts[0]] + [_back(p, c) for p, c in
                                            zip(parts[1:], first._dir_ndim[1:])])


def _linear(op, a, b):
    """op(a, b) with one constant operand: op applied to each part of the other, a linear
    map, the same for every dual type."""
    dual, constant = (a, b) if isinstance(a, ArrayBase) else (b, a)
    constant = np.asarray(constant, dtype=np.float64)

    def apply(part):
        return op(part, constant) if dual is a else op(constant, part)
    return dual._with_parts([apply(dual._parts[0])] + [
        _back(apply(_front(p, c)), c) for p, c in zip(dual._parts[1:], dual._dir_ndim[1:])])


@implements_ufunc(np.matmul)
def _matmul(a, b):
    """a @ b; 1-D operands are promoted and the added axis removed, as NumPy does."""
    a_vec, b_vec = np.ndim(a) == 1, np.ndim(b) == 1
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        raise ValueError("matmul: Input operand does not have enough dimensions")
    a = a.reshape((1,) + a.shape) if a_vec else a
    b = b.reshape(b.shape + (1,)) if b_vec else b
    out = _bilinear(np.matmul, a, b)
    if a_vec and b_vec:
        return scalar_or_array(out.reshape(out.shape[:-2]))
    if a_vec:
        return out.reshape(out.shape[:-2] + out.shape[-1:])
    if b_vec:
        return out.reshape(out.shape[:-1])
    return out


@implements(np.dot)
def _dot(a, b, out=None):
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        product = multiply(a, b)
    elif np.ndim(a) > 2 or np.ndim(b) > 2:
        raise TypeError("numpy.dot of N-D dual arrays is not supported: use matmul")
    else:
        product = _matmul(a, b)
    return write_out("dot", product, out)


@implements(np.inner)
def _inner(a, b):
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return multiply(a, b)
    nb = np.ndim(b)
    a = a.reshape(a.shape[:-1] + (1,) * (nb - 1) + a.shape[-1:])
    return np.sum(multiply(a, b), axis=-1)


@implements(np.outer)
def _outer(a, b, out=None):
    return write_out("outer", multiply(np.reshape(a, (-1, 1)), np.reshape(b, (1, -1))), out)


# ---------------------------------------------------------------- linalg
def _lu_solver(a):
    """A function solving a x = rhs for many right-hand sides from one factorisation.

    SciPy's LU where it succeeds; where it meets an exactly zero pivot or a NaN or infinity,
    NumPy's own solve decides, so that a singular matrix raises NumPy's LinAlgError and
    anything else gives what np.linalg.solve gives on the real parts."""
    try:
        from scipy.linalg import lu_solve
        from scipy.linalg.lapack import dgetrf
    except ImportError:
        return lambda rhs: np.linalg.solve(a, rhs)
    lu, pivots, info = dgetrf(a)
    if info != 0 or not np.isfinite(lu).all():
        return lambda rhs: np.linalg.solve(a, rhs)
    return lambda rhs: lu_solve((lu, pivots), rhs, check_finite=False)


def _solve_front(solve, rhs, lead_dims):
    """Solve for rhs of shape (directions...) + (n,) or + (n, r) in one call."""
    n = rhs.shape[lead_dims]
    cols = np.moveaxis(rhs, lead_dims, 0).reshape(n, -1)
    return np.moveaxis(solve(cols).reshape((n,) + rhs.shape[:lead_dims]
                                           + rhs.shape[lead_dims + 1:]), 0, lead_dims)


@implements(np.linalg.solve)
def _solve(a, b):
    """x = a^-1 b; x' = a^-1 (b' - a' x), and for hyper-duals
    x12 = a^-1 (b12 - a12 x - a1 x2 - a2 x1), all from one factorisation of a.real."""
    first = lead(a, b)
    if np.ndim(a) != 2:
        raise TypeError("numpy.linalg.solve on dual arrays takes one square matrix")
    ar, da = _parts_front(a, first)
    br, db = _parts_front(b, first)
    solve = _lu_solver(ar)
    x0 = solve(br)

    def times(m, x):  # m @ x with directions in front of m; None for a constant m
        if m is None:
            return None
        return np.matmul(m, x) if x.ndim == 2 else np.matmul(m, x[..., None])[..., 0]

    def rhs(b_part, *products):  # b_part - sum(products), skipping a constant's terms
        terms = [t for t in [b_part] + [None if p is None else -p for p in products]
                 if t is not None]
        return sum(terms[1:], terms[0])

    if len(first._dir_ndim) == 2:
        parts = [_solve_front(solve, rhs(db[0], times(da[0], x0)), 1)]
    else:
        (a1, a2, a12), (b1, b2, b12) = da, db
        x1 = _solve_front(solve, rhs(b1, times(a1, x0)), 1)
        x2 = _solve_front(solve, rhs(b2, times(a2, x0)), 1)
        cross = [None if a1 is None else times(a1[:, None], x2[None, :]),
                 None if a2 is None else times(a2[None, :], x1[:, None])]
        x12 = rhs(b12, times(a12, x0), *cross)
        x12 = np.broadcast_to(x12, x1.shape[:1] + x2.shape[:1] + x0.shape)
        parts = [x1, x2, _solve_front(solve, x12, 2)]
    return first._with_parts([x0] + [_back(p, c) for p, c in zip(parts, first._dir_ndim[1:])])


@implements(np.linalg.inv)
def _inv(a):
    y = np.linalg.inv(a.real)
    ar, da = _parts_front(a, a)
    if len(a._dir_ndim) == 2:
        parts = [-(y @ da[0] @ y)]
    else:
        a1, a2, a12 = da
        y1, y2 = -(y @ a1 @ y), -(y @ a2 @ y)
        parts = [y1, y2, -(y2[None, :] @ a1[:, None] @ y + y @ a12 @ y
                           + y @ a1[:, None] @ y2[None, :])]
    return a._with_parts([y] + [_back(p, c) for p, c in zip(parts, a._dir_ndim[1:])])


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
    _, da = _parts_front(a, a)
    if len(a._dir_ndim) == 2:
        parts = [_times_adjugate(adj, da[0])]
    else:
        b, c, d = da
        pairs = sign[..., None, None] * _products_but_two(s, left, right)
        parts = [_times_adjugate(adj, b), _times_adjugate(adj, c),
                 _times_adjugate(adj, d) + _pairs_of_columns(u, vt, pairs, b, c)]
    if not every:
        parts = [np.where(finite, p, np.nan) for p in parts]
    return scalar_or_array(a._with_parts([value] + [_back(p, c) for p, c in
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


def _euclidean(x, axis, keepdims, divisor=None):
    """sqrt(sum(x * x)) over ``axis`` (sqrt(sum(x * x) / divisor) with a divisor: a standard
    deviation), with the conventions of its cone point 0: first
    derivatives 0 there (as absolute at 0) and second derivatives NaN where x is perturbed
    (none exists; the sqrt of the zero sum would give inf). The square is kept, so that
    a power of the norm (norm**2, the exponent of a Gaussian kernel) is taken of it and stays
    exact at 0; see dualnum.arrays.elementwise.power."""
    square = np.sum(multiply(x, x), axis=axis, keepdims=True)
    if divisor is not None:
        square = square / divisor
    if not isinstance(square, ArrayBase):  # a 0-d array without directions: a scalar dual
        square = x._wrap([np.asarray(getattr(square, n)).reshape((1,) * x.ndim + (1,) * c)
                          for n, c in zip(x._names, x._dir_ndim)], False, x._tag)
    with np.errstate(divide="ignore"):  # the derivatives at 0 are set below
        norm = unary("sqrt", square)
    zero = norm.real == 0
    if np.any(zero):
        second = len(x._dir_ndim) > 2 and any(np.any(p) for p in x._parts[1:])
        fill = [0.0] * (len(x._dir_ndim) - 2) + [np.nan if second else 0.0]
        norm._parts = norm._parts[:1] + tuple(
            np.where(zero.reshape(zero.shape + (1,) * c), f, p)
            for p, c, f in zip(norm._parts[1:], norm._dir_ndim[1:], fill))
    if not keepdims:
        axes = normalize_axis(axis, x.ndim)
        shape = tuple(n for i, n in enumerate(x.shape) if i not in axes)
        norm, square = norm.reshape(shape), square.reshape(shape)
    norm._square = lambda: scalar_or_array(square)
    if norm.ndim or norm._directional:
        return norm
    return with_square(norm[()], square[()])  # a scalar dual keeps it too


@implements(np.linalg.norm)
def _norm(x, ord=None, axis=None, keepdims=False):
    """Euclidean/Frobenius (ord None, 2 for vectors, 'fro'), 1, inf and -inf vector norms.
    The norm of 0 has derivative 0 (the cone point, as absolute at 0)."""
    vector = axis is not None and np.ndim(axis) == 0 or (axis is None and x.ndim == 1)
    if ord is None or ord == "fro" or (ord == 2 and vector):
        return _euclidean(x, axis, keepdims)
    if vector and ord == 1:
        return np.sum(abs(x), axis=axis, keepdims=keepdims)
    if vector and ord == np.inf:
        return np.max(abs(x), axis=axis, keepdims=keepdims)
    if vector and ord == -np.inf:
        return np.min(abs(x), axis=axis, keepdims=keepdims)
    raise TypeError("numpy.linalg.norm(ord=%r) is not supported on dual arrays" % (ord,))
