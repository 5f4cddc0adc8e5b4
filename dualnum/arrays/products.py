"""Products of dual arrays, through BLAS on the components: matmul (the operator, the ufunc and
numpy.linalg.matmul), the gufuncs matvec, vecmat and vecdot, dot, inner, outer, tensordot,
multi_dot, cross, and numpy.linalg's trace, diagonal and matrix_transpose.

A dual matrix product is three real ones (A dB + dA B beside A B); a hyper-dual one adds the
cross terms. Stacked operands broadcast as NumPy broadcasts them: the operands are first
given the same number of axes, so that the perturbation parts, whose direction axes are moved
in front for BLAS, line up. These products do not apply the zero-perturbation rule
elementwise: BLAS multiplies 0 by inf to NaN.
"""
import math
import operator

import numpy as np

from ._registry import implements, implements_ufunc, write_out
from ._storage import ArrayBase
from ._util import float64_only, normalize_axis, sparse_matrix
from .elementwise import multiply
from .operands import REAL_KINDS, coerce, deferring, lead
from .reductions import scalar_or_array
from .shape import _trace


def front(part, core):
    """A part with its ``core`` direction axes moved in front, where matmul broadcasts
    over them."""
    return np.moveaxis(part, tuple(range(part.ndim - core, part.ndim)), tuple(range(core)))


def back(part, core):
    """The inverse of :func:`front`."""
    return np.moveaxis(part, tuple(range(core)), tuple(range(part.ndim - core, part.ndim)))


def parts_front(x, first):
    """(real, perturbation parts with directions in front) of an operand beside the leading
    array; a constant has no perturbation parts (None for each), so its terms are skipped."""
    if isinstance(x, ArrayBase):
        x = coerce(first, x)
        return x._parts[0], [front(p, c) for p, c in zip(x._parts[1:], x._dir_ndim[1:])]
    return np.asarray(x, dtype=np.float64), [None] * (len(first._dir_ndim) - 1)


def with_axes(x, ndim):
    """x (a dual array or a constant) with leading axes of length 1 up to ``ndim`` axes, so
    that two operands' parts broadcast alike with their direction axes in front."""
    if not isinstance(x, ArrayBase):
        x = np.asarray(x, dtype=np.float64)
    return x if x.ndim >= ndim else x.reshape((1,) * (ndim - x.ndim) + x.shape)


def _bilinear(op, a, b):
    """op(a, b) for a bilinear real op that broadcasts over leading axes (matmul), by the
    product rule of the operands' dual type."""
    first = lead(a, b)
    if not (isinstance(a, ArrayBase) and isinstance(b, ArrayBase)):
        return _linear(op, a, b)
    parts = type(first)._product(op, parts_front(a, first), parts_front(b, first))
    return first._with_parts([parts[0]] + [back(p, c) for p, c in
                                           zip(parts[1:], first._dir_ndim[1:])])


def _linear(op, a, b):
    """op(a, b) with one constant operand: op applied to each part of the other, a linear
    map, the same for every dual type."""
    dual, constant = (a, b) if isinstance(a, ArrayBase) else (b, a)
    constant = np.asarray(constant, dtype=np.float64)

    def apply(part):
        return op(part, constant) if dual is a else op(constant, part)
    return dual._with_parts([apply(dual._parts[0])] + [
        back(apply(front(p, c)), c) for p, c in zip(dual._parts[1:], dual._dir_ndim[1:])])


def _matmul_terms(ndim):
    """np.matmul for the terms of the product rule on operands of ``ndim`` axes, whose
    perturbation parts come with their direction axes in front (``front``).

    A term of a real operand and a part is computed in the parts' own layout, directions
    last: a @ dB as one product with B's columns and directions merged, (..., m, n) @
    (..., n, p*k); dA @ b as b^T (p, n) times each row's (n, k) block. Both give the
    result's part C-contiguous, directions last, from contiguous parts without a copy: the
    elementwise operations that follow run at full speed, where a product over the moved
    axes would leave the directions outermost in memory. Terms of two parts (a hyper-dual's
    cross terms) broadcast over the direction axes in front, as np.matmul does."""
    def op(x, y):
        dx, dy = x.ndim - ndim, y.ndim - ndim
        if dx and dy or not (dx or dy):
            return np.matmul(x, y)
        if dy:
            part = back(y, dy)  # (..., n, p, directions)
            out = _times_columns(x, part.reshape(part.shape[:ndim - 1]
                                                 + (math.prod(part.shape[ndim - 1:]),)))
            return front(out.reshape(out.shape[:-1] + part.shape[ndim - 1:]), dy)
        part = back(x, dx)  # (..., m, n, directions)
        columns = part.reshape(part.shape[:ndim] + (math.prod(part.shape[ndim:]),))
        out = np.matmul(np.swapaxes(y, -1, -2)[..., None, :, :], columns)  # (..., m, p, k)
        return front(out.reshape(out.shape[:-1] + part.shape[ndim:]), dx)
    return op


OUTER_ROWS = 2  # products of at most so many rows of a part: outer products, not BLAS


def _times_columns(a, columns):
    """a @ columns for a real a and the columns of a perturbation part, (n, c) (or stacks),
    leaving out the rows of a 2-D part that are zero in every column: a seed of one
    direction per input perturbs a few rows of a parameter matrix per pass (a network's
    weights, W x), and the product then costs the rows it has. The result is the product's
    as BLAS gives it: where a holds inf or NaN every row is kept, so that 0 * inf is NaN
    whichever rows a pass perturbs (as for any product of dual arrays here, see above)."""
    if a.ndim != 2 or columns.ndim != 2 or not np.isfinite(a).all():
        return np.matmul(a, columns)
    rows = np.flatnonzero(np.any(columns, axis=1))
    if rows.size == columns.shape[0]:
        return np.matmul(a, columns)
    if rows.size > OUTER_ROWS:
        return np.matmul(a[:, rows], columns[rows])
    # a sum of outer products: BLAS packs its operands for a product of so few rows, which
    # costs 6 times one pass over the result (measured at (256, 1) @ (1, 4096))
    if rows.size == 0:
        return np.zeros((a.shape[0], columns.shape[1]))
    out = np.multiply(a[:, rows[0], None], columns[rows[0]])
    for r in rows[1:]:
        out += a[:, r, None] * columns[r]
    return out


@implements_ufunc(np.matmul)
@deferring
def _matmul(a, b):
    """a @ b; 1-D operands are promoted and the added axis removed, stacks broadcast, as
    NumPy does."""
    if sparse_matrix(a) or sparse_matrix(b):
        return _sparse_matmul(a, b)
    a_vec, b_vec = np.ndim(a) == 1, np.ndim(b) == 1
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        raise ValueError("matmul: Input operand does not have enough dimensions")
    a = a.reshape((1,) + a.shape) if a_vec else a
    b = b.reshape(b.shape + (1,)) if b_vec else b
    if a.shape[-1] != b.shape[-2]:
        raise ValueError("matmul: Input operand 1 has a mismatch in its core dimension 0, "
                         "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size %d is different "
                         "from %d)" % (b.shape[-2], a.shape[-1]))
    ndim = max(a.ndim, b.ndim)
    out = _bilinear(_matmul_terms(ndim), with_axes(a, ndim), with_axes(b, ndim))
    if a_vec and b_vec:
        return scalar_or_array(out.reshape(out.shape[:-2]))
    if a_vec:
        return out.reshape(out.shape[:-2] + out.shape[-1:])
    if b_vec:
        return out.reshape(out.shape[:-1])
    return out


implements(np.linalg.matmul)(_matmul)


def map_rows(x, f):
    """A linear map of the first axis of the dual array x (1-D or 2-D), applied to each part
    (real and perturbation parts alike): ``f`` takes an (n, c) float array to an (m, c) one
    (a sparse matrix's product, a solve with a constant matrix). ValueError for other
    dimensions."""
    if x.ndim not in (1, 2):
        raise ValueError("a %d-D %s where a vector or a matrix (1-D or 2-D) is expected"
                         % (x.ndim, type(x).__name__))
    # one call for all the parts, side by side as columns: one factorisation (spsolve),
    # one call's overhead
    columns = [p.reshape(p.shape[0], -1) for p in x._parts]
    out = f(np.concatenate(columns, axis=1))
    ends = np.cumsum([c.shape[1] for c in columns])[:-1]
    return x._with_parts([o.reshape((-1,) + p.shape[1:]) for o, p in
                          zip(np.split(out, ends, axis=1), x._parts)])


def _sparse_matmul(a, b):
    """S @ x or x @ S for a scipy.sparse matrix S (a constant) and a 1-D or 2-D dual array
    x: S applied to each part, its direction axes as more columns (x @ S = (S^T x^T)^T).
    ValueError where the lengths differ, TypeError for a complex S."""
    left = sparse_matrix(a)
    sparse, x = (a, b) if left else (b, a)
    if sparse.ndim != 2 or sparse.dtype.kind not in REAL_KINDS:
        raise TypeError("a product of a dual array with a %d-D scipy.sparse %s of dtype %s: "
                        "dual numbers are real and the sparse matrix must be 2-D"
                        % (sparse.ndim, type(sparse).__name__, sparse.dtype))
    rows, matrix = (x, sparse) if left else (x.T, sparse.T)
    if np.ndim(rows) in (1, 2) and rows.shape[0] != matrix.shape[1]:
        raise ValueError("matmul: dimension mismatch: %s @ %s (a scipy.sparse matrix and a "
                         "dual array)" % (np.shape(a), np.shape(b)))
    result = map_rows(rows, lambda r: matrix @ r)
    return result if left else result.T


@implements_ufunc(np.matvec)
def _matvec(x1, x2):
    """The gufunc (m,n),(n)->(m): stacks of matrices times stacks of vectors."""
    _at_least(x1, 2, "matvec")
    return _matmul(x1, _last_axis(x2, "matvec")[..., None])[..., 0]


@implements_ufunc(np.vecmat)
def _vecmat(x1, x2):
    """The gufunc (n),(n,m)->(m): stacks of vectors times stacks of matrices."""
    _at_least(x2, 2, "vecmat")
    return _matmul(_last_axis(x1, "vecmat")[..., None, :], x2)[..., 0, :]


def _at_least(x, ndim, name):
    if np.ndim(x) < ndim:
        raise ValueError("%s: Input operand does not have enough dimensions" % name)


def _last_axis(x, name):
    _at_least(x, 1, name)
    return x if isinstance(x, ArrayBase) else np.asarray(x, dtype=np.float64)


@implements_ufunc(np.vecdot)
def _vecdot_ufunc(x1, x2):
    """The gufunc (n),(n)->(): the dot products along the last axis (real: no conjugate)."""
    return _vecdot(x1, x2)


@implements(np.linalg.vecdot)
def _vecdot(x1, x2, /, *, axis=-1):
    """sum(x1 * x2, axis) over the broadcast operands; ValueError where their lengths along
    the axis differ."""
    if np.ndim(x1) == 0 or np.ndim(x2) == 0:
        raise ValueError("vecdot: Input operand does not have enough dimensions")
    if np.shape(x1)[axis] != np.shape(x2)[axis]:
        raise ValueError("vecdot: the operands have lengths %d and %d along axis %d"
                         % (np.shape(x1)[axis], np.shape(x2)[axis], axis))
    return scalar_or_array(np.sum(multiply(x1, x2), axis=axis))


@implements(np.dot)
def _dot(a, b, out=None):
    """dot: products of scalars, matmul up to 2-D, else the sum over the last axis of a and
    the second-to-last of b (the last of a 1-D b)."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        product = multiply(a, b)
    elif np.ndim(a) <= 2 and np.ndim(b) <= 2:
        product = _matmul(a, b)
    else:
        product = _tensordot(a, b, axes=([-1], [max(np.ndim(b) - 2, 0)]))
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


@implements(np.linalg.outer)
def _linalg_outer(x1, x2, /):
    """The outer product of two 1-D arrays (ValueError for others, as NumPy)."""
    if np.ndim(x1) != 1 or np.ndim(x2) != 1:
        raise ValueError("Input arrays must be one-dimensional, but they are x1.ndim=%d and "
                         "x2.ndim=%d." % (np.ndim(x1), np.ndim(x2)))
    return _outer(x1, x2)


@implements(np.linalg.tensordot)
def _tensordot(x1, x2, /, *, axes=2):
    """The sum of products over ``axes`` (an int: the last of x1 and the first of x2; or two
    sequences of axes), as one matrix product of the operands reshaped."""
    a, b = (x if isinstance(x, ArrayBase) else np.asarray(x, dtype=np.float64)
            for x in (x1, x2))
    if np.ndim(axes) == 0:
        n = operator.index(axes)
        axes_a, axes_b = list(range(a.ndim - n, a.ndim)), list(range(n))
    else:
        axes_a, axes_b = ([operator.index(i) for i in np.atleast_1d(ax)] for ax in axes)
    axes_a = [normalize_axis(i, a.ndim)[0] for i in axes_a]
    axes_b = [normalize_axis(i, b.ndim)[0] for i in axes_b]
    if [a.shape[i] for i in axes_a] != [b.shape[i] for i in axes_b]:
        raise ValueError("shape-mismatch for sum")
    free_a = [i for i in range(a.ndim) if i not in axes_a]
    free_b = [i for i in range(b.ndim) if i not in axes_b]
    summed = int(np.prod([a.shape[i] for i in axes_a]))
    left = np.transpose(a, free_a + axes_a).reshape(-1, summed)
    right = np.transpose(b, axes_b + free_b).reshape(summed, -1)
    return _matmul(left, right).reshape(tuple(a.shape[i] for i in free_a)
                                        + tuple(b.shape[i] for i in free_b))


@implements(np.linalg.multi_dot)
def _multi_dot(arrays, *, out=None):
    """The chained product, left to right; the first and the last array may be 1-D (a row
    and a column vector), the others must be 2-D (LinAlgError, as NumPy); two arrays are
    their dot."""
    arrays = list(arrays)
    if len(arrays) < 2:
        raise ValueError("Expecting at least two arrays.")
    if len(arrays) > 2:
        ends = [1 if np.ndim(arrays[0]) == 1 else 0] + [0] * (len(arrays) - 2) + \
            [1 if np.ndim(arrays[-1]) == 1 else 0]
        for x, end in zip(arrays, ends):
            if np.ndim(x) + end != 2:
                raise np.linalg.LinAlgError("%d-dimensional array given. Array must be "
                                            "two-dimensional" % (np.ndim(x) + end))
    product = arrays[0]
    for x in arrays[1:]:
        product = _dot(product, x)
    return write_out("linalg.multi_dot", product, out)


@implements(np.linalg.trace)
def _linalg_trace(x, /, *, offset=0, dtype=None):
    """The traces of the matrices in the last two axes."""
    float64_only("linalg.trace", dtype)
    return _trace(x, offset, -2, -1)


@implements(np.linalg.diagonal)
def _linalg_diagonal(x, /, *, offset=0):
    """The diagonals of the matrices in the last two axes (in the last axis)."""
    if x.ndim < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    return x._map(lambda p, c: np.moveaxis(
        np.diagonal(p, offset, p.ndim - c - 2, p.ndim - c - 1), -1, p.ndim - c - 2))


@implements(np.linalg.matrix_transpose)
def _matrix_transpose(x, /):
    """The matrices in the last two axes transposed."""
    if x.ndim < 2:
        raise ValueError("Input array must be at least 2-dimensional, but it is %d"
                         % x.ndim)
    return np.swapaxes(x, -1, -2)
