"""Functions that build arrays from the values of dual arrays: pad, vander, piecewise,
apply_along_axis, apply_over_axes, and the weighted counts bincount and histogram.

pad is linear in the array for each of the modes it handles (the padded values are copies,
reflections 2 edge - x, means, or ramps to constant end values), so each part is padded alike
(a constant fill and the ramp's end values are constants: zero in the perturbation parts).
A weighted count is linear in the weights: each part of the weights is counted alike.
"""
import numpy as np

from ._registry import implements
from ._storage import ArrayBase
from ._util import refuse
from .moving import real_of
from .operands import ARRAY_TYPES, array_type

_ORDER_STATISTICS = ("maximum", "minimum", "median")


@implements(np.pad)
def _pad(array, pad_width, mode="constant", **kwargs):
    """Every part padded as NumPy pads the real part; the perturbation parts of a constant
    fill ('constant', 'empty') and of linear_ramp's end values are 0. The modes that pad with
    order statistics of the edges or call a function are refused."""
    if callable(mode) or mode in _ORDER_STATISTICS:
        refuse("pad", "mode=%r" % (mode,), "its values are order statistics of the edges "
               "(kinks at ties) or a function's; build the pad with np.max, np.min or "
               "np.median and np.concatenate instead" if not callable(mode) else
               "a function that pads in place; pad with np.concatenate instead")
    for name in ("constant_values", "end_values"):
        if isinstance(kwargs.get(name), ArrayBase) or type(kwargs.get(name)) in ARRAY_TYPES:
            refuse("pad", name + "= a dual", "it takes numbers; pad with 0 and add the dual "
                   "values, or join them with np.concatenate")
    real = np.pad(array.real, pad_width, mode, **kwargs)  # NumPy's checks and the real part
    nd = array.ndim
    width = _pairs(pad_width, nd)
    perturbation = dict(kwargs)
    if mode in ("constant", "empty"):
        mode, perturbation = "constant", {"constant_values": 0.0}
    if mode == "linear_ramp":
        perturbation["end_values"] = 0.0
    if perturbation.get("stat_length") is not None:
        perturbation["stat_length"] = _pairs(perturbation["stat_length"], nd)

    def pad(p, c):
        extend = dict(perturbation)
        if "stat_length" in extend and extend["stat_length"] is not None:
            extend["stat_length"] = np.concatenate([extend["stat_length"],
                                                    np.ones((c, 2), int)])
        return np.pad(p, np.concatenate([width, np.zeros((c, 2), int)]), mode, **extend)
    return array._with_parts([real] + [pad(p, c) for p, c in
                                       zip(array._parts[1:], array._dir_ndim[1:])])


def _pairs(value, nd):
    """A per-axis (before, after) value as an (nd, 2) array, as np.pad reads it."""
    x = np.asarray(value)
    if x.size == 2 and x.shape != (2, 1):
        x = x.ravel()
    return np.broadcast_to(x, (nd, 2))


@implements(np.vander)
def _vander(x, N=None, increasing=False):
    """Columns of exact integer powers x**j (each with its derivative j x**(j-1))."""
    if x.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    powers = np.arange(len(x) if N is None else N, dtype=float)
    return x[:, None] ** (powers if increasing else powers[::-1])


@implements(np.piecewise)
def _piecewise(x, condlist, funclist, *args, **kw):
    """Each function of funclist on the elements of x (a dual array) that its condition
    selects, as NumPy evaluates them; an extra function (or value) takes the elements no
    condition selects, and the rest are 0."""
    conditions = [real_of(c) for c in condlist] if isinstance(condlist, (list, tuple)) \
        else real_of(condlist)
    if np.isscalar(conditions) or (not isinstance(conditions[0], (list, np.ndarray))
                                   and x.ndim != 0):
        conditions = [conditions]
    conditions = np.asarray(conditions, dtype=bool)
    if len(conditions) == len(funclist) - 1:
        conditions = np.concatenate([conditions, ~np.any(conditions, axis=0, keepdims=True)])
    if len(conditions) != len(funclist):
        raise ValueError("with {} condition(s), either {} or {} functions are expected"
                         .format(len(conditions), len(conditions), len(conditions) + 1))
    y = x._map(lambda p, c: np.zeros(x.shape + p.shape[p.ndim - c:]))
    for condition, func in zip(conditions, funclist):
        if not callable(func):
            y[condition] = func
        elif np.any(condition):
            y[condition] = func(x[condition], *args, **kw)
    return y


@implements(np.apply_along_axis)
def _apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """func1d on each 1-D slice of arr along ``axis`` (dual arrays in, any results out),
    the results stacked where the axis was, as NumPy stacks them."""
    from_ = np.moveaxis(arr, axis, -1)
    outer = from_.shape[:-1]
    if 0 in outer:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0")
    results = np.stack([func1d(from_[i], *args, **kwargs) for i in np.ndindex(outer)])
    results = results.reshape(outer + results.shape[1:])
    (ax,) = [axis % arr.ndim]
    extra = results.ndim - len(outer)
    return np.moveaxis(results, tuple(range(len(outer), results.ndim)),
                       tuple(range(ax, ax + extra)))


@implements(np.apply_over_axes)
def _apply_over_axes(func, a, axes):
    """func(a, axis) for each axis in turn, keeping the number of dimensions, as NumPy."""
    for axis in np.atleast_1d(axes).tolist():
        axis = axis % a.ndim if a.ndim else axis
        result = func(a, axis)
        if np.ndim(result) != a.ndim:
            result = np.expand_dims(result, axis)
            if np.ndim(result) != a.ndim:
                raise ValueError("function is not returning an array of the correct shape")
        a = result
    return a


@implements(np.bincount)
def _bincount(x, /, weights=None, minlength=0):
    """Counts of the integers x; with dual weights, each part of the weights summed alike."""
    x = real_of(x)
    if not isinstance(weights, ArrayBase):
        return np.bincount(x, weights, minlength)
    weights = weights.ravel()
    real = np.bincount(x, weights.real, minlength)
    x = np.asarray(x).reshape(-1, 1)

    def count(part):  # every direction column at once: bin x * K + column
        k = part[:1].size
        total = np.bincount((x * k + np.arange(k)).reshape(-1), part.reshape(-1),
                            minlength=len(real) * k)
        return total.reshape((len(real),) + part.shape[1:])
    return weights._with_parts([real] + [count(p) for p in weights._parts[1:]])


def _fixed_edges(bins, range):
    """Whether the bin edges are given (explicit edges, or a range), not found from the data."""
    return range is not None and not isinstance(bins, str) or np.ndim(bins) == 1


def _constant_edges(name, bins, range):
    """Refuse dual edges (bins= or range=) of numpy.NAME with the reason."""
    if array_type(bins, *(range or ())) is not None:
        refuse(name, "dual bins= or range=", "the counts are a step function of the edges "
               "(derivative 0 between the jumps, none at them), and the edges' own "
               "derivatives would be dropped: pass their real parts (bins.real)")


@implements(np.histogram)
def _histogram(a, bins=10, range=None, density=None, weights=None):
    """Counts of the real parts (their derivative is 0 wherever it exists); with dual
    weights, each part of the weights counted alike (density= with dual weights is
    refused: normalising by the total weight is not linear). Dual edges are refused."""
    _constant_edges("histogram", bins, range)
    if isinstance(a, ArrayBase) and not _fixed_edges(bins, range):
        refuse("histogram", "bins from a dual sample's values", "the edges would move with "
               "the sample, and their derivatives would be dropped: pass bins= as edges, or "
               "range=")
    a = real_of(a)
    if not isinstance(weights, ArrayBase):
        return np.histogram(a, bins, range, density, weights)
    if density:
        refuse("histogram", "density=True with dual weights", "normalising by the total "
               "weight is not linear: divide the histogram by its sum and np.diff(edges)")
    edges = np.histogram_bin_edges(a, bins, range)
    flat = np.asarray(a, dtype=float).reshape(-1)
    # NumPy's bins: [e_i, e_i+1), the last one closed; values outside the edges are dropped
    index = np.minimum(np.searchsorted(edges, flat, side="right") - 1, len(edges) - 2)
    inside = (flat >= edges[0]) & (flat <= edges[-1])
    hist = _bincount(index[inside], weights.ravel()[inside], len(edges) - 1)
    return hist, edges


@implements(np.histogram_bin_edges)
def _histogram_bin_edges(a, bins=10, range=None, weights=None):
    _constant_edges("histogram_bin_edges", bins, range)
    if isinstance(a, ArrayBase) and not _fixed_edges(bins, range):
        refuse("histogram_bin_edges", "bins from a dual sample's values", "the edges would "
               "move with the sample, and their derivatives would be dropped: pass bins= as "
               "edges, or range=")
    return np.histogram_bin_edges(real_of(a), bins, range, real_of(weights))
