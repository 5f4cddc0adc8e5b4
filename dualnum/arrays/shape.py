"""Functions that move, select or combine elements of dual arrays: each acts on every part
alike (the direction axes of the perturbation parts riding along), so they serve any dual
type unchanged. Mixed operands (ndarrays, numbers, lists, scalar duals) are aligned by
:mod:`.operands`.
"""
import numpy as np

from ._registry import implements
from ._storage import ArrayBase
from ._util import no_extras, normalize_axis
from .elementwise import binary
from .operands import align
from .reductions import scalar_or_array


def _lead(arrays):
    """The arrays as one dual type with common directions."""
    return align(*arrays)[0]


@implements(np.concatenate)
def _concatenate(arrays, axis=0, out=None, **kwargs):
    no_extras("concatenate", out=out, **kwargs)
    arrays = _lead(list(arrays))
    if axis is None:
        arrays, axis = [a.ravel() for a in arrays], 0
    (ax,) = normalize_axis(axis, arrays[0].ndim)
    parts = [np.concatenate([a._parts[i] for a in arrays], axis=ax)
             for i in range(len(arrays[0]._parts))]
    return arrays[0]._with_parts(parts)


@implements(np.stack)
def _stack(arrays, axis=0, out=None, **kwargs):
    no_extras("stack", out=out, **kwargs)
    arrays = _lead(list(arrays))
    (ax,) = normalize_axis(axis, arrays[0].ndim + 1)
    return _concatenate([np.expand_dims(a, ax) for a in arrays], axis=ax)


@implements(np.hstack)
def _hstack(tup, **kwargs):
    arrays = [np.atleast_1d(a) for a in _lead(list(tup))]
    return _concatenate(arrays, axis=0 if arrays[0].ndim == 1 else 1)


@implements(np.vstack)
def _vstack(tup, **kwargs):
    return _concatenate([np.atleast_2d(a) for a in _lead(list(tup))], axis=0)


@implements(np.atleast_1d)
def _atleast_1d(*arys):
    out = [a if a.ndim >= 1 else a.reshape(1) for a in _lead(list(arys))]
    return out[0] if len(out) == 1 else out


@implements(np.atleast_2d)
def _atleast_2d(*arys):
    out = [a if a.ndim >= 2 else a.reshape((1,) * (2 - a.ndim) + a.shape)
           for a in _lead(list(arys))]
    return out[0] if len(out) == 1 else out


@implements(np.reshape)
def _reshape(a, shape=None, order="C", **kwargs):
    shape = kwargs.pop("newshape", shape)
    return a.reshape(shape, order=order)


@implements(np.ravel)
def _ravel(a, order="C"):
    return a.reshape(-1, order=order)


@implements(np.transpose)
def _transpose(a, axes=None):
    return a.transpose(axes)


@implements(np.moveaxis)
def _moveaxis(a, source, destination):
    src = normalize_axis(tuple(np.atleast_1d(source).tolist()), a.ndim)
    dst = normalize_axis(tuple(np.atleast_1d(destination).tolist()), a.ndim)
    order = [n for n in range(a.ndim) if n not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return a.transpose(order)


@implements(np.swapaxes)
def _swapaxes(a, axis1, axis2):
    order = list(range(a.ndim))
    (i,), (j,) = normalize_axis(axis1, a.ndim), normalize_axis(axis2, a.ndim)
    order[i], order[j] = order[j], order[i]
    return a.transpose(order)


@implements(np.squeeze)
def _squeeze(a, axis=None):
    axes = normalize_axis(axis, a.ndim) if axis is not None else \
        tuple(i for i, n in enumerate(a.shape) if n == 1)
    if any(a.shape[i] != 1 for i in axes):
        raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    return a.reshape(tuple(n for i, n in enumerate(a.shape) if i not in axes))


@implements(np.expand_dims)
def _expand_dims(a, axis):
    axes = tuple(np.atleast_1d(axis).tolist())
    nd = a.ndim + len(axes)
    axes = normalize_axis(axes, nd)
    sizes = iter(a.shape)
    return a.reshape(tuple(1 if i in axes else next(sizes) for i in range(nd)))


@implements(np.broadcast_to)
def _broadcast_to(array, shape, subok=False):
    shape = tuple(np.atleast_1d(shape).tolist()) if np.ndim(shape) else (int(shape),)
    return array._map(lambda p, c: np.broadcast_to(p, shape + p.shape[p.ndim - c:]))


@implements(np.shape)
def _shape(a):
    return a.shape


@implements(np.ndim)
def _ndim(a):
    return a.ndim


@implements(np.size)
def _size(a, axis=None):
    return a.size if axis is None else a.shape[axis]


@implements(np.copy)
def _copy(a, order="K", subok=False):
    return a.copy()


@implements(np.where)
def _where(condition, x=None, y=None):
    if x is None and y is None:
        return np.nonzero(condition.real if isinstance(condition, ArrayBase) else condition)
    cond = np.asarray(condition.real if isinstance(condition, ArrayBase) else condition,
                      dtype=bool)
    x, y = _lead([x, y])
    parts = [np.where(cond.reshape(cond.shape + (1,) * c), px, py)
             for px, py, c in zip(x._parts, y._parts, x._dir_ndim)]
    return x._with_parts(parts)


@implements(np.clip)
def _clip(a, a_min=None, a_max=None, out=None, **kwargs):
    no_extras("clip", out=out, **kwargs)
    if a_min is not None:
        a = binary("maximum", a, a_min)
    if a_max is not None:
        a = binary("minimum", a, a_max)
    return a


@implements(np.diff)
def _diff(a, n=1, axis=-1):
    (ax,) = normalize_axis(axis, a.ndim)
    for _ in range(n):
        hi = tuple(slice(1, None) if i == ax else slice(None) for i in range(a.ndim))
        lo = tuple(slice(None, -1) if i == ax else slice(None) for i in range(a.ndim))
        a = a[hi] - a[lo]
    return a


@implements(np.diag)
def _diag(v, k=0):
    if v.ndim == 1:
        n = len(v) + abs(k)
        rows = np.arange(len(v)) + max(-k, 0)
        cols = np.arange(len(v)) + max(k, 0)
        out = v._map(lambda p, c: np.zeros((n, n) + p.shape[p.ndim - c:]))
        out[rows, cols] = v
        return out
    if v.ndim == 2:
        length = max(0, min(v.shape[0] - max(-k, 0), v.shape[1] - max(k, 0)))
        rows = np.arange(length) + max(-k, 0)
        return v[rows, rows + k]
    raise ValueError("numpy.diag needs a 1-D or 2-D array")


@implements(np.trace)
def _trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    no_extras("trace", dtype=dtype, out=out)
    (i,), (j,) = normalize_axis(axis1, a.ndim), normalize_axis(axis2, a.ndim)
    return scalar_or_array(a._map(lambda p, c: np.trace(p, offset, i, j)))


@implements(np.argmax)
def _argmax(a, axis=None, out=None, **kwargs):
    return np.argmax(a.real, axis=axis, **kwargs)


@implements(np.argmin)
def _argmin(a, axis=None, out=None, **kwargs):
    return np.argmin(a.real, axis=axis, **kwargs)


