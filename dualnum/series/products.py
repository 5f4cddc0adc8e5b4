"""Products of Taylor arrays (NEP 13's matmul, NEP 18): each bilinear op(a, b) by the
Cauchy product of the series, c_k = sum_{j=0..k} op(a_j, b_(k-j)), NumPy's op on each pair
of coefficients (a constant operand: op with each coefficient of the other); numpy.prod
by successive products of the elements (the product kernel, as ``*``).
"""
import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from .container import FAMILY, TaylorArray, common_order, operand
from .kernels import constant_series, product
from .linear import _NONE, float64_only, taylor, write_out

implements = FAMILY.implements
_wrap = TaylorArray._wrap


def bilinear(op, x, y):
    """op(x, y) for a bilinear op of arrays, by the Cauchy product of the series (one
    of x and y may be a constant)."""
    a, b = operand(x), operand(y)
    if isinstance(a, TaylorArray) and isinstance(b, TaylorArray):
        common_order(a, b)
        ac, bc = a._c, b._c
        return _wrap(np.stack([_total([op(ac[j], bc[k - j]) for j in range(k + 1)])
                               for k in range(len(ac))]))
    if isinstance(a, TaylorArray):
        return _wrap(np.stack([op(ak, b) for ak in a._c]))
    return _wrap(np.stack([op(a, bk) for bk in b._c]))


def _total(terms):
    """The sum of the terms, first to last."""
    total = np.array(terms[0], dtype=np.float64)
    for t in terms[1:]:
        total = total + t
    return total


@FAMILY.implements_ufunc(np.matmul)
def matmul(x, y):
    return bilinear(np.matmul, x, y)


@implements(np.dot)
def dot(a, b, out=None):
    return write_out("dot", bilinear(np.dot, a, b), out)


@implements(np.inner)
def inner(a, b):
    return bilinear(np.inner, a, b)


@implements(np.outer)
def outer(a, b, out=None):
    return write_out("outer", bilinear(np.outer, a, b), out)


@implements(np.tensordot)
def tensordot(a, b, axes=2):
    return bilinear(lambda p, q: np.tensordot(p, q, axes), a, b)


@implements(np.prod)
def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NONE, where=True):
    """The product of the series along the axes, by successive products (first to last,
    as x[0] * x[1] * ...); elements where ``where`` is False count as 1; initial= scales
    the result."""
    x = taylor(a, "prod")
    float64_only("prod", dtype)
    axes = tuple(range(x.ndim)) if axis is None else normalize_axis_tuple(axis, x.ndim)
    rest = [i for i in range(x.ndim) if i not in axes]
    c = x._c
    if where is not True:  # the elements left out as the series 1
        one = constant_series(1.0, x.order).reshape((x.order + 1,) + (1,) * x.ndim)
        c = np.where(np.broadcast_to(where, x.shape), c, one)
    c = np.transpose(c, (0,) + tuple(i + 1 for i in rest) + tuple(i + 1 for i in axes))
    kept = c.shape[1:1 + len(rest)]
    c = c.reshape((x.order + 1,) + kept + (-1,))
    if c.shape[-1] == 0:
        total = constant_series(np.ones(kept), x.order)
    else:
        total = np.ascontiguousarray(c[..., 0])
        for i in range(1, c.shape[-1]):
            total = product(total, np.ascontiguousarray(c[..., i]))
    if initial is not _NONE:
        total = total * initial
    if keepdims:
        total = total.reshape(total.shape[:1] + tuple(1 if i in axes else n
                                                      for i, n in enumerate(x.shape)))
    return write_out("prod", _wrap(total), out)


@FAMILY.implements_reduction(np.multiply, "reduce")
def _multiply_reduce(x, axis, keepdims=False, initial=_NONE, where=True):
    return prod(x, axis, keepdims=keepdims, initial=initial, where=where)

