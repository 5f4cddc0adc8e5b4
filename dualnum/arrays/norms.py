"""Norms and the functions of singular values of dual arrays: norm, vector_norm and
matrix_norm with every ord, cond and matrix_rank; eig and eigvals refused.

Every ord is a composition of functions that are exact on dual arrays: absolute values,
sums, powers, max and min (with their conventions at ties), the Euclidean norm (below), the
singular values (2, -2, 'nuc': see decompositions) and inv (cond).
"""
import numpy as np

from .._scalar import with_square
from ._registry import implements, refuses, refuses_caller
from ._storage import ArrayBase
from ._util import normalize_axis
from .decompositions import _svdvals
from .elementwise import full_part, keep_square, multiply, one_sided, unary
from .linalg import _inv
from .operands import array_type
from .reductions import scalar_or_array

refuses("the eigenvalues and eigenvectors of a general real matrix may be complex, and dual "
        "numbers are real; for symmetric matrices use numpy.linalg.eigh or eigvalsh",
        np.linalg.eig, np.linalg.eigvals)


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
    # the derivatives at 0 are set below, and _out_of_range replaces those of a square
    # that underflowed or overflowed (where the sqrt's chain rule met 0 or inf)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        norm = unary("sqrt", square)
    norm = _out_of_range(x, axis, divisor, square, norm)
    zero = norm.real == 0
    if np.any(zero):
        second = len(x._dir_ndim) > 2 and any(np.any(p) for p in x._parts[1:])
        fill = [0.0] * (len(x._dir_ndim) - 2) + [np.nan if second else 0.0]
        norm._parts = norm._parts[:1] + tuple(
            np.where(zero.reshape(zero.shape + (1,) * c), f, p)
            for p, c, f in zip(norm._parts[1:], norm._dir_ndim[1:], fill))
        if second:
            norm._parts = norm._parts[:3] + (_cone(x, axis, divisor, zero, norm._parts[3]),)
    if not keepdims:
        axes = normalize_axis(axis, x.ndim)
        shape = tuple(n for i, n in enumerate(x.shape) if i not in axes)
        norm, square = norm.reshape(shape), square.reshape(shape)
    if norm.ndim or norm._directional:
        return keep_square(norm, scalar_or_array, square)
    return with_square(norm[()], square[()])  # a scalar dual keeps it too


# The squares between these bounds take the sqrt of the sum of squares: its chain rule's
# factors (x^-1/2, x^-3/2 of the square) and the square's parts stay far from overflow and
# underflow there. Beyond them (norms below 1.5e-90 or above 6.4e90), _scaled.
_SQUARES = (2.0 ** -600, 2.0 ** 600)


def _out_of_range(x, axis, divisor, square, norm):
    """``norm`` (the sqrt of ``square``, both with the reduced axes kept), with its slices
    whose sum of squares is beyond ``_SQUARES`` (it underflows to 0 or overflows to inf at
    norms of 1e-162 or 1e154, though the norm and its derivatives are ordinary numbers)
    replaced by ``_scaled``'s; slices of zeros (the cone point, set by the caller) and
    slices holding an inf or NaN (whose norm is inf or NaN) stay."""
    sq = square.real
    beyond = (sq < _SQUARES[0]) | (sq > _SQUARES[1])
    if not beyond.any():
        return norm
    axes = normalize_axis(axis, x.ndim)
    scaled = _scaled(x, axes, divisor)
    beyond &= (scaled[0] != 0) & np.all(np.isfinite(x.real), axis=axes, keepdims=True)
    norm._parts = tuple(np.where(beyond.reshape(beyond.shape + (1,) * c), new, old)
                        for new, old, c in zip(scaled, norm._parts, norm._dir_ndim))
    return norm


def _scaled(x, axes, divisor):
    """The parts of sqrt(sum(x * x) / divisor) over ``axes`` (kept) from the real parts a
    divided by a power of two s next to their largest magnitude, as LAPACK's dnrm2 scales:
    no square overflows or underflows. The value is s ||a / s|| (NumPy's norm and std square
    unscaled, and give inf or 0 there); with u = a / ||a|| (a unit vector, free of the
    scale), the first-order parts are u.b, the second-order ones
    (b.c - (u.b)(u.c)) / ||a|| + u.d (the Hessian of the norm is (I - u u^T) / ||a||), each
    over sqrt(divisor). NaN where a is 0 (the caller keeps the cone's parts there)."""
    a = x.real
    _, exponent = np.frexp(np.max(np.abs(a), axis=axes, keepdims=True))
    scale = np.ldexp(1.0, exponent)  # exact division below: a power of two
    with np.errstate(invalid="ignore", divide="ignore", under="ignore"):
        y = a / scale
        rest = np.sqrt(np.sum(y * y, axis=axes, keepdims=True))  # in [1/2, sqrt(size)]
        u = y / rest
        length = rest * scale
        parts = [length] + [np.sum(u.reshape(u.shape + (1,) * n) * full_part(p, x.shape, n),
                                   axis=axes, keepdims=True)
                            for p, n in zip(x._parts[1:], x._dir_ndim[1:])]
        if len(parts) == 4:
            b, c = (full_part(p, x.shape, 1) for p in x._parts[1:3])
            products = np.sum(b[..., :, None] * c[..., None, :], axis=axes, keepdims=True)
            parts[3] = parts[3] + (products - parts[1][..., :, None] * parts[2][..., None, :]) \
                / length[..., None, None]
        root = np.sqrt(1.0 if divisor is None else divisor)
        return [p / np.reshape(root, np.shape(root) + (1,) * n)
                for p, n in zip(parts, x._dir_ndim)]


def _cone(x, axis, divisor, zero, second):
    """The eps1eps2 part of the Euclidean norm at 0: where x reaches 0 with no eps1 part of
    an entry's row and no eps2 part of its column, it moves by its eps1eps2 parts d alone,
    and the norm (a cone) by the norm of d (sqrt(sum(d**2) / divisor)), as hypot at the
    origin; elsewhere ``second`` (NaN: no second derivative)."""
    axes = normalize_axis(axis, x.ndim)
    b, c, d = (full_part(p, x.shape, n) for p, n in zip(x._parts[1:], x._dir_ndim[1:]))
    b, c = (np.sum(np.abs(p), axis=axes, keepdims=True) for p in (b, c))
    flat = zero[..., None, None] & (b[..., :, None] + c[..., None, :] == 0)
    if not np.any(flat):
        return second
    square = np.sum(d * d, axis=axes, keepdims=True)
    cone = np.sqrt(square if divisor is None else square / divisor)
    return one_sided(x._directional, flat, cone, square > 0, second)


_DUAL_ORD = ("numpy.linalg.%s with a dual %s: the order of a norm is a constant (dualnum "
             "differentiates norms in x, not in their order); pass its real part (%s.real)")


def _constant_order(name, keyword, ord):
    """TypeError for a dual ord (cond's p)."""
    if array_type(ord) is not None:
        raise TypeError(_DUAL_ORD % (name, keyword, keyword))


def _numpy_norm_of_an_ndarray(name):
    """NumPy's own norm NAME of an ndarray x with a dual ord (its dispatcher asks dualnum
    only about x) fails where it raises x to that power with out=: the reason, not the
    ufunc's (README, Limitations: at the other orders NumPy compares ord by its value)."""
    def why(frame_locals):
        return _DUAL_ORD % (name, "ord", "ord") if array_type(frame_locals.get("ord")) \
            is not None else None
    refuses_caller("numpy.linalg._linalg", [name], why)


_numpy_norm_of_an_ndarray("norm")
_numpy_norm_of_an_ndarray("vector_norm")


def _vector(x, ord, axis, keepdims):
    """The vector norm of order ``ord`` over ``axis`` (an int or a tuple)."""
    if isinstance(ord, str):
        raise ValueError("Invalid norm order '%s' for vectors" % ord)
    if ord is None or ord == 2:
        return _euclidean(x, axis, keepdims)
    if ord == 0:  # the count of nonzero elements: an integer of the real parts
        return np.sum(x.real != 0, axis=axis, keepdims=keepdims).astype(np.float64)
    size = abs(x)
    if ord == np.inf:
        return np.max(size, axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return np.min(size, axis=axis, keepdims=keepdims)
    if ord == 1:
        return np.sum(size, axis=axis, keepdims=keepdims)
    return np.sum(size ** ord, axis=axis, keepdims=keepdims) ** (1.0 / ord)


def _matrix(x, ord, axes, keepdims):
    """The matrix norm of order ``ord`` over the two ``axes``."""
    row, col = normalize_axis(tuple(axes), x.ndim)
    if row == col:
        raise ValueError("Duplicate axes given.")
    if ord in (None, "fro"):
        return _euclidean(x, (row, col), keepdims)
    if ord in (2, -2, "nuc"):
        s = _svdvals(np.moveaxis(x, (row, col), (-2, -1)))
        value = np.sum(s, axis=-1) if ord == "nuc" else s[..., 0 if ord == 2 else -1]
    elif ord in (1, -1, np.inf, -np.inf):
        inner, outer = (row, col) if ord in (1, -1) else (col, row)
        sums = np.sum(abs(x), axis=inner)
        extreme = np.max if ord in (1, np.inf) else np.min
        value = extreme(sums, axis=outer - (outer > inner))
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        value = np.expand_dims(value, tuple(sorted((row, col))))
    return scalar_or_array(value) if isinstance(value, ArrayBase) else value


@implements(np.linalg.norm)
def _norm(x, ord=None, axis=None, keepdims=False):
    """The norm of NumPy's conventions: over all elements (ord None), the vector norms of a
    1-D x or an int axis, the matrix norms of a 2-D x or a pair of axes. The norm of 0 has
    derivative 0 (the cone point, as absolute at 0). The Euclidean norms (ord None, 2 of
    vectors, 'fro') are NumPy's value where the sum of squares lies in [2^-600, 2^600]; beyond,
    where NumPy's unscaled square gives 0 or inf, the true norm and its derivatives, from
    real parts scaled by a power of two (``_scaled``), which is more accurate.

    >>> import dualnum as dn
    >>> np.linalg.norm(dn.DualArray([3e-170, 4e-170], [1.0, 0.0]))
    Dual(5e-170, 0.6)
    """
    _constant_order("norm", "ord", ord)
    if axis is None:
        if ord is None:
            return _euclidean(x, None, keepdims)
        if x.ndim not in (1, 2):
            raise ValueError("Improper number of dimensions to norm.")
        axis = tuple(range(x.ndim))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    if len(axes) == 1:
        return _vector(x, ord, axes[0], keepdims)
    if len(axes) == 2:
        return _matrix(x, ord, axes, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


@implements(np.linalg.vector_norm)
def _vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """The vector norm over ``axis`` (None: all elements, as one vector)."""
    _constant_order("vector_norm", "ord", ord)
    if axis is None:
        value = _vector(x.ravel(), ord, 0, False)
        return value.reshape((1,) * x.ndim) if keepdims else value
    return _vector(x, ord, axis, keepdims)


@implements(np.linalg.matrix_norm)
def _matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """The matrix norm of the matrices in the last two axes."""
    _constant_order("matrix_norm", "ord", ord)
    if x.ndim < 2:
        raise ValueError("Input array must be at least 2-dimensional, but it is %d" % x.ndim)
    return _matrix(x, ord, (-2, -1), keepdims)


@implements(np.linalg.cond)
def _cond(x, p=None):
    """The condition number: the ratio of extreme singular values (p None, 2, -2), else
    norm(x, p) norm(inv(x), p), as NumPy computes it."""
    _constant_order("cond", "p", p)
    if p in (None, 2, -2):
        s = _svdvals(x)
        value = s[..., 0] / s[..., -1] if p != -2 else s[..., -1] / s[..., 0]
        return scalar_or_array(value) if isinstance(value, ArrayBase) else value
    return _matrix_norm(x, ord=p) * _matrix_norm(_inv(x), ord=p)


@implements(np.linalg.matrix_rank)
def _matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """The rank (an integer) of the real parts; a dual tol or rtol counts by its value."""
    return np.linalg.matrix_rank(A.real if isinstance(A, ArrayBase) else A, _value(tol),
                                 hermitian, rtol=_value(rtol))


def _value(x):
    return x.real if isinstance(x, ArrayBase) else x
