"""Reductions of dual arrays: sum, mean, prod, max, min, cumsum, cumprod, and the ufunc
methods ``add.reduce``, ``multiply.reduce``, ``maximum.reduce``, ``minimum.reduce``,
``add.accumulate`` and ``multiply.accumulate``.

Sums act on each part alike; products are exact pairwise (or prefix) multiplications by the
type's own rule; max and min take the derivative of the extreme element, shared equally among
ties (dualnum's convention at kinks).
"""
import numpy as np

from ._registry import implements, implements_reduction
from ._util import no_extras, normalize_axis
from .elementwise import multiply


def _axes(x, axis):
    return normalize_axis(axis, x.ndim)


def scalar_or_array(x):
    """NumPy returns scalars from full reductions; so do dual arrays without directions."""
    if x.ndim == 0 and not x._directional:
        return x[()]
    return x


@implements(np.sum)
def _sum(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    if dtype is not None or out is not None or kwargs:
        no_extras("sum", dtype=dtype, out=out, **kwargs)
    if axis is None and a.ndim == 1:  # the common case: one axis, given as an int
        axes = 0
    else:
        axes = _axes(a, axis)
    reduce = np.add.reduce
    return scalar_or_array(a._with_parts([reduce(p, axes, None, None, keepdims)
                                          for p in a._parts]))


@implements(np.mean)
def _mean(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    no_extras("mean", dtype=dtype, out=out, **kwargs)
    axes = _axes(a, axis)
    count = int(np.prod([a.shape[i] for i in axes]))
    return _sum(a, axis, keepdims=keepdims) / count


def _pairwise(x, axis, combine):
    """Reduce along `axis` by combining halves: log2(n) passes of the exact elementwise rule."""
    x = np.moveaxis(x, axis, 0)
    while len(x) > 1:
        half = len(x) // 2
        head = combine(x[:half], x[half:2 * half])
        x = np.concatenate([head, x[2 * half:]]) if len(x) % 2 else head
    return x.reshape(x.shape[1:])


@implements(np.prod)
def _prod(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    no_extras("prod", dtype=dtype, out=out, **kwargs)
    axes = _axes(a, axis)
    x = a
    for ax in sorted(axes, reverse=True):
        if x.shape[ax] == 0:
            x = np.sum(x, axis=ax) * 0.0 + 1.0
        else:
            x = _pairwise(x, ax, multiply)
    if keepdims:
        x = x.reshape(tuple(1 if i in axes else n for i, n in enumerate(a.shape)))
    return scalar_or_array(x)


def _extreme(a, axis, keepdims, pick):
    """max/min along axes: the derivative of the extreme element; at ties the mean of the
    tied elements' derivatives (dualnum's convention for kinks)."""
    axes = _axes(a, axis)
    best = pick(a.real, axis=axes, keepdims=True)
    tied = (a.real == best)
    weight = tied / tied.sum(axis=axes, keepdims=True)
    if np.isnan(best).any():
        weight = np.where(np.isnan(best), np.nan, weight)
    real = best if keepdims else best.reshape([n for i, n in enumerate(best.shape)
                                               if i not in axes])
    parts = [real] + [(p * weight.reshape(weight.shape + (1,) * c)).sum(
        axis=axes, keepdims=keepdims) for p, c in zip(a._parts[1:], a._dir_ndim[1:])]
    return scalar_or_array(a._with_parts(parts))


@implements(np.max, np.amax)
def _max(a, axis=None, out=None, keepdims=False, **kwargs):
    no_extras("max", out=out, **kwargs)
    return _extreme(a, axis, keepdims, np.max)


@implements(np.min, np.amin)
def _min(a, axis=None, out=None, keepdims=False, **kwargs):
    no_extras("min", out=out, **kwargs)
    return _extreme(a, axis, keepdims, np.min)


@implements(np.cumsum)
def _cumsum(a, axis=None, dtype=None, out=None):
    no_extras("cumsum", dtype=dtype, out=out)
    if axis is None:
        a, axis = a.ravel(), 0
    (ax,) = _axes(a, axis)
    return a._map(lambda p, c: np.cumsum(p, axis=ax))


@implements(np.cumprod)
def _cumprod(a, axis=None, dtype=None, out=None):
    """Prefix products by doubling steps (Hillis-Steele): log2(n) exact multiplications."""
    no_extras("cumprod", dtype=dtype, out=out)
    if axis is None:
        a, axis = a.ravel(), 0
    (ax,) = _axes(a, axis)
    x = np.moveaxis(a, ax, 0)
    step = 1
    while step < len(x):
        x = np.concatenate([x[:step], multiply(x[step:], x[:-step])])
        step *= 2
    return np.moveaxis(x, 0, ax)


implements_reduction(np.add, "reduce")(lambda x, axis, keepdims: _sum(x, axis, keepdims=keepdims))
implements_reduction(np.multiply, "reduce")(
    lambda x, axis, keepdims: _prod(x, axis, keepdims=keepdims))
implements_reduction(np.maximum, "reduce")(
    lambda x, axis, keepdims: _max(x, axis, keepdims=keepdims))
implements_reduction(np.minimum, "reduce")(
    lambda x, axis, keepdims: _min(x, axis, keepdims=keepdims))
implements_reduction(np.add, "accumulate")(lambda x, axis: _cumsum(x, axis))
implements_reduction(np.multiply, "accumulate")(lambda x, axis: _cumprod(x, axis))
