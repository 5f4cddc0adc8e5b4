"""Products and linear algebra on dual arrays, through BLAS and LAPACK on the components.

A dual matrix product is three real ones (A dB + dA B beside A B); a hyper-dual one adds the
cross terms. Solves and inverses differentiate A^-1 from one factorisation of the real
part (SciPy's LU when SciPy is installed, else repeated NumPy solves). These products do not
apply the zero-perturbation rule elementwise: BLAS multiplies 0 by inf to NaN.
"""
import numpy as np

from .._scalar import sqrt as _scalar_sqrt
from ._registry import implements, implements_ufunc
from ._storage import ArrayBase
from .elementwise import multiply, unary
from .operands import coerce, lead
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
    if out is not None:
        raise TypeError("numpy.dot on dual arrays does not take out=")
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return multiply(a, b)
    if np.ndim(a) > 2 or np.ndim(b) > 2:
        raise TypeError("numpy.dot of N-D dual arrays is not supported: use matmul")
    return _matmul(a, b)


@implements(np.inner)
def _inner(a, b):
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return multiply(a, b)
    nb = np.ndim(b)
    a = a.reshape(a.shape[:-1] + (1,) * (nb - 1) + a.shape[-1:])
    return np.sum(multiply(a, b), axis=-1)


@implements(np.outer)
def _outer(a, b, out=None):
    if out is not None:
        raise TypeError("numpy.outer on dual arrays does not take out=")
    return multiply(np.reshape(a, (-1, 1)), np.reshape(b, (1, -1)))


# ---------------------------------------------------------------- linalg
def _lu_solver(a):
    """A function solving a x = rhs for many right-hand sides from one factorisation."""
    try:
        from scipy.linalg import lu_factor, lu_solve
    except ImportError:
        return lambda rhs: np.linalg.solve(a, rhs)
    lu = lu_factor(a)
    return lambda rhs: lu_solve(lu, rhs)


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


def _tr(m):
    return np.trace(m, axis1=-2, axis2=-1)


@implements(np.linalg.det)
def _det(a):
    d = np.linalg.det(a.real)
    y = np.linalg.inv(a.real)
    ar, da = _parts_front(a, a)
    if len(a._dir_ndim) == 2:
        parts = [d * _tr(y @ da[0])]
    else:
        a1, a2, a12 = da
        t1, t2 = _tr(y @ a1), _tr(y @ a2)
        parts = [d * t1, d * t2, d * (_tr(y @ a12) - _tr(y @ a1[:, None] @ y @ a2[None, :])
                                      + t1[:, None] * t2[None, :])]
    return scalar_or_array(a._with_parts([d] + [_back(p, c) for p, c in
                                                zip(parts, a._dir_ndim[1:])]))


def _flat_at_zero(norm):
    """Zero derivatives where the norm is 0: the tip of the cone, as hypot at the origin and
    absolute at 0 (sqrt of a zero sum would otherwise give inf second derivatives)."""
    if isinstance(norm, ArrayBase):
        zero = norm.real == 0
        if zero.any():
            norm = norm._map(lambda p, c: np.where(zero.reshape(zero.shape + (1,) * c), 0.0, p))
        return norm
    if norm.real == 0:
        return type(norm)(0.0)
    return norm


def _sqrt(v):
    return unary("sqrt", v) if isinstance(v, ArrayBase) else _scalar_sqrt(v)


@implements(np.linalg.norm)
def _norm(x, ord=None, axis=None, keepdims=False):
    """Euclidean/Frobenius (ord None, 2 for vectors, 'fro'), 1, inf and -inf vector norms.
    The norm of 0 has derivative 0 (the cone point, as absolute at 0)."""
    vector = axis is not None and np.ndim(axis) == 0 or (axis is None and x.ndim == 1)
    if ord is None or ord == "fro" or (ord == 2 and vector):
        return _flat_at_zero(_sqrt(np.sum(multiply(x, x), axis=axis, keepdims=keepdims)))
    if vector and ord == 1:
        return np.sum(abs(x), axis=axis, keepdims=keepdims)
    if vector and ord == np.inf:
        return np.max(abs(x), axis=axis, keepdims=keepdims)
    if vector and ord == -np.inf:
        return np.min(abs(x), axis=axis, keepdims=keepdims)
    raise TypeError("numpy.linalg.norm(ord=%r) is not supported on dual arrays" % (ord,))
