"""Functions that move, select or reshape elements of dual arrays: each acts on every part
alike (the direction axes of the perturbation parts riding along), so they serve any dual
type unchanged. Mixed operands (ndarrays, numbers, lists, scalar duals) are aligned by
:mod:`.operands`; the functions that join operands are in :mod:`.joining`.
"""
import numpy as np

from ._registry import implements, write_out
from ._util import diff_axis, differences, float64_only, normalize_axis, refuse
from .elementwise import binary
from .operands import coerce, lead
from .joining import as_arrays, join, promoted
from .reductions import scalar_or_array


_NO = np._NoValue  # NumPy's "not given"


@implements(np.atleast_1d)
def _atleast_1d(*arys):
    out = [promoted(a, 1) for a in as_arrays(arys)]
    return out[0] if len(out) == 1 else out


@implements(np.atleast_2d)
def _atleast_2d(*arys):
    out = [promoted(a, 2) for a in as_arrays(arys)]
    return out[0] if len(out) == 1 else out


@implements(np.reshape)
def _reshape(a, /, shape, order="C", *, copy=None):
    return a.reshape(shape, order=order, copy=copy)


@implements(np.ravel)
def _ravel(a, order="C"):
    return a.ravel(order)


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
    """A read-only view of every part; ``subok`` concerns ndarray subclasses, and a dual
    array stays a dual array either way (it is not one)."""
    shape = tuple(np.atleast_1d(shape).tolist()) if np.ndim(shape) else (int(shape),)
    return array._map(lambda p, c: np.broadcast_to(p, shape + p.shape[p.ndim - c:]))


def _on_the_real_parts(func):
    """func on the real parts, with NumPy's own arguments: for the functions of dual arrays
    that only read their real parts (shapes, positions of extremes)."""
    def apply(a, *args, **kwargs):
        return func(a.real, *args, **kwargs)
    implements(func)(apply)


for _func in (np.shape, np.ndim, np.size, np.argmax, np.argmin):
    _on_the_real_parts(_func)


@implements(np.copy)
def _copy(a, order="K", subok=False):
    """Fresh parts laid out by ``order``; ``subok`` as in broadcast_to."""
    return a.copy(order)


@implements(np.clip)
def _clip(a, a_min=_NO, a_max=_NO, out=None, *, min=_NO, max=_NO, **kwargs):
    """maximum with the lower bound, then minimum with the upper one (a bound of None is
    none); the bounds given as a_min, a_max or min=, max=, resolved as NumPy does."""
    if kwargs:
        refuse("clip", ", ".join(k + "=" for k in kwargs),
               "of the ufunc keywords, dual arrays take out= only")
    if a_min is _NO and a_max is _NO:
        a_min, a_max = (None if min is _NO else min), (None if max is _NO else max)
    elif a_min is _NO or a_max is _NO:
        raise TypeError("clip() missing 1 required positional argument: %r"
                        % ("a_min" if a_min is _NO else "a_max"))
    elif min is not _NO or max is not _NO:
        raise ValueError("Passing `min` or `max` keyword argument when `a_min` and `a_max` "
                         "are provided is forbidden.")
    # a plain a beside a dual bound takes the bound's type (two constants have no type)
    a = coerce(lead(a, a_min, a_max), a)
    if a_min is not None:
        a = binary("maximum", a, a_min)
    if a_max is not None:
        a = binary("minimum", a, a_max)
    if a_min is None and a_max is None:
        a = a.copy()  # a new array, as NumPy's
    return write_out("clip", a, out)


@implements(np.diff)
def _diff(a, n=1, axis=-1, prepend=_NO, append=_NO):
    """Differences of neighbours, n times, after joining ``prepend`` and ``append`` (numbers
    or arrays, broadcast across the other axes as NumPy does) along the axis."""
    if n == 0:
        return a
    ax = diff_axis(a, n, axis)
    if prepend is not _NO or append is not _NO:
        edge = a.shape[:ax] + (1,) + a.shape[ax + 1:]

        def piece(end):  # a number spreads over the other axes
            if end is _NO:
                return []
            return [np.broadcast_to(end, edge) if np.ndim(end) == 0 else end]
        a = join(piece(prepend) + [a] + piece(append), ax)
    return differences(a, n, ax)


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
    float64_only("trace", dtype)
    (i,), (j,) = normalize_axis(axis1, a.ndim), normalize_axis(axis2, a.ndim)
    return write_out("trace", scalar_or_array(a._map(lambda p, c: np.trace(p, offset, i, j))),
                     out)


