"""Reductions of dual arrays: sum, mean, prod, max, min, cumsum, cumprod, and the ufunc
methods ``add.reduce``, ``multiply.reduce``, ``maximum.reduce``, ``minimum.reduce``,
``add.accumulate`` and ``multiply.accumulate``.

Sums act on each part alike; products are exact pairwise (or prefix) multiplications by the
type's own rule; max and min take the derivative of the extreme element, shared equally among
ties (dualnum's convention at kinks).
"""
import numbers

import numpy as np

from ._registry import implements, implements_reduction, write_out
from ._util import float64_only, normalize_axis, refuse
from .elementwise import full_part, multiply, one_sided

_NO = np._NoValue  # NumPy's "not given" (initial=, where= of its reductions)


def _axes(x, axis):
    return normalize_axis(axis, x.ndim)


def scalar_or_array(x):
    """NumPy returns scalars from full reductions; so do dual arrays without directions."""
    if x.ndim == 0 and not x._directional:
        return x[()]
    return x


def _constant(initial, name):
    """initial= of sum, max and min: a number (a constant), or not given; TypeError for a
    dual, which NumPy's float loops would have to convert."""
    if initial is not _NO and not isinstance(initial, numbers.Real):
        refuse(name, "initial=%s" % type(initial).__name__,
               "it takes a number (a constant); combine a dual with the result instead "
               "(+, np.maximum, np.minimum)")
    return initial


def _masks(a, where):
    """where= broadcast to a's shape, for each part with length-1 direction axes."""
    mask = np.broadcast_to(where, a.shape)
    return [mask.reshape(a.shape + (1,) * c) for c in a._dir_ndim]


@implements(np.sum)
def _sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NO, where=True):
    """Each part summed alike; ``initial`` (a number) starts the sum of the real parts and
    ``where=`` leaves elements out, as in NumPy."""
    if axis is None and a.ndim == 1:  # the common case: one axis, given as an int
        axes = 0
    else:
        axes = _axes(a, axis)
    reduce = np.add.reduce
    if dtype is None and out is None and initial is _NO and where is True:  # the common case
        return scalar_or_array(a._with_parts([reduce(p, axes, None, None, keepdims)
                                              for p in a._parts]))
    float64_only("sum", dtype)
    _constant(initial, "sum")
    masks = [True] * len(a._parts) if where is True else _masks(a, where)
    starts = [initial] + [_NO] * (len(a._parts) - 1)  # the perturbation parts start at 0
    parts = [reduce(p, axes, None, None, keepdims, i, m) for p, i, m in
             zip(a._parts, starts, masks)]
    return write_out("sum", scalar_or_array(a._with_parts(parts)), out)


@implements(np.mean)
def _mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    """The sum over the number of elements summed (those ``where=`` selects)."""
    float64_only("mean", dtype)
    axes = _axes(a, axis)
    if where is True:
        count = int(np.prod([a.shape[i] for i in axes]))
    else:
        count = np.sum(np.broadcast_to(where, a.shape), axis=axes, keepdims=keepdims)
    return write_out("mean", _sum(a, axis, keepdims=keepdims, where=where) / count, out)


def _pairwise(x, axis, combine):
    """Reduce along `axis` by combining halves: log2(n) passes of the exact elementwise rule."""
    x = np.moveaxis(x, axis, 0)
    while len(x) > 1:
        half = len(x) // 2
        head = combine(x[:half], x[half:2 * half])
        x = np.concatenate([head, x[2 * half:]]) if len(x) % 2 else head
    return x.reshape(x.shape[1:])


@implements(np.prod)
def _prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NO, where=True):
    """Pairwise exact products; elements that ``where=`` leaves out count as 1, and the
    result is multiplied by ``initial``, as in NumPy."""
    float64_only("prod", dtype)
    axes = _axes(a, axis)
    x = a if where is True else np.where(np.broadcast_to(where, a.shape), a, 1.0)
    for ax in sorted(axes, reverse=True):
        if x.shape[ax] == 0:
            x = np.sum(x, axis=ax) * 0.0 + 1.0
        else:
            x = _pairwise(x, ax, multiply)
    if initial is not _NO:
        x = x * initial
    if keepdims:
        x = x.reshape(tuple(1 if i in axes else n for i, n in enumerate(a.shape)))
    return write_out("prod", scalar_or_array(x), out)


def _lone_extreme(name, a, keepdims):
    """max/min over every axis where one element attains it, the common case: that
    element's parts, found by argmax/argmin: a pass or two over the real parts, where the
    weights of _extreme take passes over every part. The same parts as those weights give,
    but for the sign of a zero part and the NaN that an infinite part elsewhere (times its
    weight 0) puts there; None at a tie or a NaN."""
    real = a.real.reshape(-1)
    at = np.argmax(real) if name == "max" else np.argmin(real)  # a NaN's, if any
    if np.count_nonzero(real == real[at]) != 1:
        return None
    shape = (1,) * a.ndim if keepdims else ()
    return a._with_parts([full_part(p, a.shape, c).reshape((a.size,) + p.shape[p.ndim - c:])[at]
                          .reshape(shape + p.shape[p.ndim - c:])
                          for p, c in zip(a._parts, a._dir_ndim)])


def _extreme(name, a, axis, out, keepdims, initial, where):
    """max/min along axes: the derivative of the extreme element; at ties the mean of the
    tied elements' derivatives (dualnum's convention for kinks), and no second derivative
    but where the tied elements have no first-order parts (see _second_at_ties).
    ``initial`` (a number) and ``where=`` as in NumPy; an initial that ties takes its share,
    with derivative 0."""
    pick = np.max if name == "max" else np.min
    axes = _axes(a, axis)
    if len(axes) == a.ndim and a.size and initial is _NO and where is True:
        found = _lone_extreme(name, a, keepdims)
        if found is not None:
            return write_out(name, scalar_or_array(found), out)
    options = {}
    if initial is not _NO:
        options["initial"] = _constant(initial, name)
    if where is not True:
        options["where"] = where
    best = pick(a.real, axis=axes, keepdims=True, **options)
    tied = a.real == best
    if where is not True:
        tied &= np.broadcast_to(where, a.shape)
    at_initial = best == initial if initial is not _NO else False
    count = tied.sum(axis=axes, keepdims=True) + at_initial
    weight = tied / np.maximum(count, 1)  # 0 where only the initial attains the extreme
    if np.isnan(best).any():
        weight = np.where(np.isnan(best), np.nan, weight)
    real = best if keepdims else best.reshape([n for i, n in enumerate(best.shape)
                                               if i not in axes])
    parts = [real] + [(p * weight.reshape(weight.shape + (1,) * c)).sum(
        axis=axes, keepdims=keepdims) for p, c in zip(a._parts[1:], a._dir_ndim[1:])]
    if len(parts) == 4:  # hyper-duals: a tie is a kink
        ties = (pick, tied, count, at_initial)
        parts[3] = _second_at_ties(a, ties, axes, keepdims, parts[3])
    return write_out(name, scalar_or_array(a._with_parts(parts)), out)


def _second_at_ties(a, ties, axes, keepdims, second):
    """The eps1eps2 part of a max/min where two or more elements (or an element and
    ``initial``) tie. Where tied elements carry no eps1 part of the entry's row and no eps2
    part of its column, they move by their eps1eps2 parts d alone, and the max/min of the
    tied values moves by the max/min of their d (an initial one by 0): exact, as for the
    maximum rule at a tie. Elsewhere NaN where an eps1 and an eps2 part of tied elements
    meet (no second derivative), else ``second`` (the mean of the tied d)."""
    pick, tied, count, at_initial = ties
    several = count > 1
    if not keepdims:
        several = several.reshape(second.shape[:second.ndim - 2])
    if not np.any(several):
        return second
    _, b, c, d = a._parts
    b, c = ((tied[..., None] * np.abs(p)).sum(axis=axes, keepdims=keepdims) for p in (b, c))
    b, c = b[..., :, None], c[..., None, :]
    spread = tied.reshape(tied.shape + (1, 1))
    side = pick(np.where(spread, d, -np.inf if pick is np.max else np.inf), axis=axes,
                keepdims=keepdims)
    if np.any(at_initial):  # an initial that ties is a constant element: d = 0
        initial = np.reshape(at_initial, side.shape[:side.ndim - 2] + (1, 1))
        side = np.where(initial, pick([side, np.zeros_like(side)], axis=0), side)
    several = several[..., None, None]
    second = np.where(several & (b * c > 0), np.nan, second)
    moved = np.any(spread & (d != 0), axis=axes, keepdims=keepdims)
    return one_sided(a._directional, several & (b + c == 0), side, moved, second)


@implements(np.max, np.amax)
def _max(a, axis=None, out=None, keepdims=False, initial=_NO, where=True):
    return _extreme("max", a, axis, out, keepdims, initial, where)


@implements(np.min, np.amin)
def _min(a, axis=None, out=None, keepdims=False, initial=_NO, where=True):
    return _extreme("min", a, axis, out, keepdims, initial, where)


@implements(np.cumsum)
def _cumsum(a, axis=None, dtype=None, out=None):
    float64_only("cumsum", dtype)
    if axis is None:
        a, axis = a.ravel(), 0
    (ax,) = _axes(a, axis)
    return write_out("cumsum", a._map(lambda p, c: np.cumsum(p, axis=ax)), out)


@implements(np.cumprod)
def _cumprod(a, axis=None, dtype=None, out=None):
    """Prefix products by doubling steps (Hillis-Steele): log2(n) exact multiplications."""
    float64_only("cumprod", dtype)
    if axis is None:
        a, axis = a.ravel(), 0
    (ax,) = _axes(a, axis)
    x = np.moveaxis(a, ax, 0)
    step = 1
    while step < len(x):
        x = np.concatenate([x[:step], multiply(x[step:], x[:-step])])
        step *= 2
    return write_out("cumprod", np.moveaxis(x, 0, ax), out)


# ufunc.reduce(x, axis, keepdims=, initial=, where=): the functions of the same keywords
for _ufunc, _function in ((np.add, _sum), (np.multiply, _prod), (np.maximum, _max),
                          (np.minimum, _min)):
    implements_reduction(_ufunc, "reduce")(
        lambda x, axis, _function=_function, **keywords: _function(x, axis, **keywords))
implements_reduction(np.add, "accumulate")(lambda x, axis: _cumsum(x, axis))
implements_reduction(np.multiply, "accumulate")(lambda x, axis: _cumprod(x, axis))
