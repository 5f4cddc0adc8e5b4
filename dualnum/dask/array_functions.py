"""The NumPy functions that lazy dual arrays implement (NEP 18), each without computing.

Sums, cumulative sums, reshapes, transposes and joins act on each part alike with Dask's
own function (a sum of dual numbers is the sum of each part). Elementwise functions
(``where``, ``clip``) and the products (``matmul``, ``dot``, ``tensordot``: the product
rule) run the in-memory implementation chunk by chunk (:func:`._lazy.chunkwise`); a
product joins the chunks of its contracted axes into one per task, in the first chunk's axis
order (:func:`._lazy.joined`: a transposed operand keeps the layout BLAS rounds by), so its
elements are the in-memory ones where its free axes are one chunk each. ``mean`` is the
sum over the count, as in memory. Any other function raises the TypeError of
``LazyArray.__array_function__``.
"""
import math
import operator

import dask.array as da
import numpy as np

from ..arrays._util import diff_axis, differences, normalize_axis
from ._lazy import (SPECIAL_UFUNCS, LazyArray, as_lazy, chunkwise, elementwise, implements,
                    refuse)

_NO = object()


def _plain_keywords(name, dtype=None, out=None, **others):
    """dtype= (None or float64), out= (None) and any keyword given beyond NumPy's
    defaults (``others``: name -> value, _NO where not given): TypeError otherwise."""
    if dtype is not None and np.dtype(dtype) != np.float64:
        refuse(name, "dtype=%s" % np.dtype(dtype), "the parts are float64")
    if out is not None:
        refuse(name, "out=", "a lazy result is a new array; write it after .compute()")
    for key, value in others.items():
        if value is not _NO:
            refuse(name, "%s=" % key, "call .compute() first for the in-memory array, "
                   "which takes it")


@implements(np.shape)
def _shape(a):
    return a.shape


@implements(np.ndim)
def _ndim(a):
    return a.ndim


@implements(np.size)
def _size(a, axis=None):
    return a.size if axis is None else a.shape[axis]


@implements(np.sum)
def _sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NO, where=_NO):
    """Each part summed with Dask's sum over the axes of S: per chunk, then the chunks'
    sums (a tree of ``split_every`` of them), as Dask sums."""
    _plain_keywords("sum", dtype, out, initial=initial, where=where)
    axes = normalize_axis(axis, a.ndim)
    return a._map(lambda p, c: da.sum(p, axis=axes, keepdims=keepdims))


@implements(np.mean)
def _mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=_NO):
    """The sum over the number of elements summed, as the in-memory mean."""
    _plain_keywords("mean", dtype, out, where=where)
    axes = normalize_axis(axis, a.ndim)
    count = math.prod(a.shape[i] for i in axes)
    if math.isnan(count):
        refuse("mean", "an axis of unknown length (after a boolean mask)",
               "call x.compute_chunk_sizes() first, or .compute()")
    return _sum(a, axis, keepdims=keepdims) / int(count)


@implements(np.cumsum)
def _cumsum(a, axis=None, dtype=None, out=None):
    """Each part's prefix sums with Dask's cumsum: per chunk, then each chunk's sums plus
    the total of the chunks before it (the in-memory bits where the axis is one chunk)."""
    _plain_keywords("cumsum", dtype, out)
    if axis is None:
        a, axis = np.reshape(a, -1), 0
    (ax,) = normalize_axis(axis, a.ndim)
    return a._map(lambda p, c: da.cumsum(p, axis=ax))


@implements(np.ravel)
def _ravel(a, order="C"):
    """As the method (dualnum/dask/methods.py): the elements in one axis."""
    return a.ravel(order)


@implements(np.copy)
def _copy(a, order="K", subok=False):
    """As the method: a lazy array of the same parts (never written in place)."""
    return a.copy(order)


@implements(np.diff)
def _diff(a, n=1, axis=-1, prepend=_NO, append=_NO):
    """Differences of neighbours, n times: ``a[1:] - a[:-1]`` along the axis, as in
    memory."""
    _plain_keywords("diff", prepend=prepend, append=append)
    return differences(a, n, diff_axis(a, n, axis))


@implements(np.reshape)
def _reshape(a, shape=None, order="C", *, newshape=None, copy=None):
    if order != "C":
        refuse("reshape", "order=%r" % (order,), "Dask reshapes in C order only")
    if copy is not None:
        refuse("reshape", "copy=", "a lazy result is a new array")
    shape = newshape if shape is None else shape
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    if any(math.isnan(s) for s in a.shape):
        refuse("reshape", "an axis of unknown length (after a boolean mask)",
               "call x.compute_chunk_sizes() first, or .compute()")
    if -1 in shape:  # resolved as NumPy resolves it
        known = math.prod(s for s in shape if s != -1)
        shape = tuple(a.size // known if s == -1 else s for s in shape)
    return a._map(lambda p, c: p.reshape(shape + p.shape[p.ndim - c:]))


@implements(np.transpose)
def _transpose(a, axes=None):
    nd = a.ndim
    axes = tuple(reversed(range(nd))) if axes is None else \
        tuple(normalize_axis(ax, nd)[0] for ax in axes)
    return a._map(lambda p, c: p.transpose(axes + tuple(range(nd, nd + c))))


@implements(np.swapaxes)
def _swapaxes(a, axis1, axis2):
    order = list(range(a.ndim))
    (i,), (j,) = normalize_axis(axis1, a.ndim), normalize_axis(axis2, a.ndim)
    order[i], order[j] = order[j], order[i]
    return _transpose(a, order)


@implements(np.squeeze)
def _squeeze(a, axis=None):
    axes = tuple(i for i, n in enumerate(a.shape) if n == 1) if axis is None else \
        normalize_axis(axis, a.ndim)
    return a._map(lambda p, c: p.squeeze(axis=axes))


@implements(np.expand_dims)
def _expand_dims(a, axis):
    axes = normalize_axis(axis if isinstance(axis, tuple) else (axis,),
                          a.ndim + (len(axis) if isinstance(axis, tuple) else 1))
    shape = list(a.shape)
    for ax in sorted(axes):
        shape.insert(ax, 1)
    return _reshape(a, tuple(shape))


def _joined(arrays):
    """The operands of a join as lazy arrays of the first dual one's type, directions and
    tag (a constant with zero parts)."""
    arrays = list(arrays)
    like = next(x for x in arrays if isinstance(x, LazyArray))
    return [as_lazy(x, like) for x in arrays], like


@implements(np.concatenate)
def _concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    _plain_keywords("concatenate", dtype, out)
    if casting != "same_kind":
        refuse("concatenate", "casting=%r" % (casting,), "every operand becomes float64")
    if axis is None:
        refuse("concatenate", "axis=None", "ravel the operands first (np.ravel)")
    arrays, like = _joined(arrays)
    (ax,) = normalize_axis(axis, like.ndim)
    parts = [da.concatenate([x._parts[i] for x in arrays], axis=ax)
             for i in range(len(like._parts))]
    return like._with_parts(parts)


@implements(np.stack)
def _stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    _plain_keywords("stack", dtype, out)
    arrays, like = _joined(arrays)
    (ax,) = normalize_axis(axis, like.ndim + 1)
    parts = [da.stack([x._parts[i] for x in arrays], axis=ax)
             for i in range(len(like._parts))]
    return like._with_parts(parts)


@implements(np.where)
def _where(condition, *values):
    """np.where(condition, x, y), chunk by chunk (the one-argument form, nonzero, is
    refused: its length is a computed value)."""
    if len(values) != 2:
        refuse("where", "one argument (the nonzero form)", "its result's length is known "
               "only when computed; call .compute() first")
    return elementwise(np.where, (condition,) + values)


@implements(np.clip)
def _clip(a, a_min=_NO, a_max=_NO, out=None, *, min=_NO, max=_NO, **kwargs):
    _plain_keywords("clip", out=out, **{k: v for k, v in kwargs.items()})
    low = a_min if a_min is not _NO else (None if min is _NO else min)
    high = a_max if a_max is not _NO else (None if max is _NO else max)
    return elementwise(np.clip, (a, low, high))


# ---- products: the in-memory product of each row block and column block, the contracted
# axes joined ----

def _product(func, a, b, a_index, b_index, out_index, kwargs=None):
    return chunkwise(func, (a, b), (a_index, b_index), out_index, kwargs)


def _matmul(a, b):
    """a @ b: the leading axes broadcast, the last of a with b's second to last (or only)
    contracted."""
    na, nb = np.ndim(a), np.ndim(b)
    if na == 0 or nb == 0:
        raise ValueError("matmul: Input operand %d does not have enough dimensions"
                         % (0 if na == 0 else 1))
    batch = max(na, nb, 2) - 2
    rows, inner, cols = batch, batch + 1, batch + 2
    stack = tuple(range(batch))
    a_index = (stack[batch - (na - 2):] if na > 2 else ()) + ((rows,) if na > 1 else ()) \
        + (inner,)
    b_index = (stack[batch - (nb - 2):] if nb > 2 else ()) + (inner,) \
        + ((cols,) if nb > 1 else ())
    out_index = stack + ((rows,) if na > 1 else ()) + ((cols,) if nb > 1 else ())
    return _product(np.matmul, a, b, a_index, b_index, out_index)


implements(np.matmul)(_matmul)
SPECIAL_UFUNCS[np.matmul] = _matmul


@implements(np.dot)
def _dot(a, b, out=None):
    """np.dot: for 1-D and 2-D operands the matrix product; the last axis of a with b's
    second to last (or only) in N-D; a 0-d operand scales the other."""
    _plain_keywords("dot", out=out)
    na, nb = np.ndim(a), np.ndim(b)
    if na == 0 or nb == 0:
        return elementwise(operator.mul, (a, b))
    a_index = tuple(range(na))
    b_free = tuple(range(na, na + nb - 1))
    inner = a_index[-1]
    b_index = b_free[:-1] + (inner,) + b_free[-1:] if nb > 1 else (inner,)
    return _product(np.dot, a, b, a_index, b_index, a_index[:-1] + b_free)


@implements(np.tensordot)
def _tensordot(a, b, axes=2):
    na, nb = np.ndim(a), np.ndim(b)
    if isinstance(axes, int):
        a_axes, b_axes = list(range(na - axes, na)), list(range(axes))
    else:
        a_axes, b_axes = ([x] if isinstance(x, int) else list(x) for x in axes)
    a_axes = [normalize_axis(x, na)[0] for x in a_axes]
    b_axes = [normalize_axis(x, nb)[0] for x in b_axes]
    a_index = tuple(range(na))
    b_index = [None] * nb
    for i, j in zip(a_axes, b_axes):
        b_index[j] = i
    free = iter(range(na, na + nb))
    b_index = tuple(x if x is not None else next(free) for x in b_index)
    out_index = tuple(i for i in a_index if i not in a_axes) + tuple(
        j for k, j in enumerate(b_index) if k not in b_axes)
    return _product(np.tensordot, a, b, a_index, b_index, out_index,
                    {"axes": (a_axes, b_axes)})

