"""Order statistics of dual arrays: median, quantile, percentile and their nan* forms, with
every ``method`` of NumPy's quantile.

A quantile is an order statistic or the interpolation between two neighbouring ones,
(1 - g) s_j + g s_(j+1). The values are NumPy's own (its function on the real parts, with its
checks and warnings). The index j and the weight g come from the same NumPy function applied
to the positions 0, 1, ..., n - 1 of the sorted elements (NaN at the positions of NaN
elements for the nan* forms), so every method, and NumPy's counting of NaN, is NumPy's; the
perturbation parts are the same combination of the sorted elements' parts.

At a tie of real parts the order of the tied elements is arbitrary: each order statistic
among them takes the mean of their parts (dualnum's convention at kinks, as max and min do),
and its second-order part is NaN where tied elements carry an eps1 and an eps2 part (a kink
has no second derivative). An interpolation between two tied elements is thereby NaN in
its second-order part even where the sum of the two is smooth (the median of two equal
elements).
"""
import functools
import warnings

import numpy as np

from ._registry import implements, write_out
from ._storage import ArrayBase
from ._util import normalize_axis, refuse, shared
from .elementwise import full_part, one_sided
from .operands import array_type
from .reductions import _NO, scalar_or_array
from .sorting import sorted_within


def _rows(a, axes):
    """a with the reduced axes last, as one axis: one row per result."""
    keep = [i for i in range(a.ndim) if i not in axes]
    x = np.transpose(a, keep + list(axes))
    return np.reshape(x, x.shape[:len(keep)] + (-1,))


def _sorted(x):
    """(the parts of the rows x sorted by the real parts (NaN last), ties sharing their
    parts; the sorting order)."""
    order = np.argsort(x.real, axis=-1, kind="stable")
    parts = [np.take_along_axis(full_part(p, x.shape, c) if c else p,
                                order.reshape(order.shape + (1,) * c), axis=x.ndim - 1)
             for p, c in zip(x._parts, x._dir_ndim)]
    return _share_ties(parts, x._dir_ndim, x._directional), order


def _share_ties(parts, dir_ndim, directional):
    """Every element of a run of equal real parts (along the last axis of the real part)
    takes the mean of the run's perturbation parts; eps1eps2 is NaN where the run has two
    elements or more and carries an eps1 and an eps2 part (as max at a tie), and the run's
    eps1eps2 parts sorted where it carries neither (the order statistics of elements that
    move by their eps1eps2 parts alone, as in np.sort)."""
    s = parts[0]
    same = s[..., 1:] == s[..., :-1]
    if not same.any():
        return parts
    new = np.ones(s.shape, dtype=bool)
    new[..., 1:] = ~same
    starts = np.flatnonzero(new.reshape(-1))
    sizes = np.diff(np.append(starts, s.size))

    def runs(p, c, reduce=np.add.reduceat):  # the sum over each run, one row per run
        return reduce(p.reshape((s.size,) + p.shape[p.ndim - c:]), starts, axis=0)

    def spread(per_run, p):  # each run's value back at its elements
        return np.repeat(per_run, sizes, axis=0).reshape(p.shape)
    shared = [s] + [spread(runs(p, c) / sizes.reshape((-1,) + (1,) * c), p)
                    for p, c in zip(parts[1:], dir_ndim[1:])]
    if len(parts) == 4:
        b, c = (runs(np.abs(parts[i]), 1) for i in (1, 2))
        kink = (sizes > 1)[:, None, None] & (b[:, :, None] * c[:, None, :] > 0)
        shared[3] = np.where(spread(kink, parts[3]), np.nan, shared[3])
        flat = (sizes > 1)[:, None, None] & (b[:, :, None] + c[:, None, :] == 0)
        ids = np.repeat(np.arange(len(sizes)), sizes)
        ordered = sorted_within(parts[3].reshape((s.size,) + parts[3].shape[-2:]), ids)
        moved = spread(runs(parts[3] != 0, 2) > 0, parts[3])
        shared[3] = one_sided(directional, spread(flat, parts[3]),
                              ordered.reshape(parts[3].shape), moved, shared[3])
    return shared


def _order_statistic(a, real, q, axis, method, nan, weights=None):
    """The parts of quantile q of a (NumPy's values ``real``) by the interpolation between
    order statistics that NumPy's quantile applies to the sorted positions. The order
    statistics come from a partition of each row around their ranks (linear time) where
    every row counts the same positions (no weights, no NaN to leave out) and none of them
    ties with another element; else from the full sort, which shares the parts of ties."""
    axes = normalize_axis(axis, a.ndim)
    x = _rows(a, axes)
    s = x.real
    found = None
    if weights is None and s.shape[-1] and not (nan and np.isnan(s).any()):
        found = _partitioned(x, q, method, nan)
    if found is None:
        found = _by_sort(a, x, q, method, nan, weights, axes)
    low, high, g = found  # the parts at j and j + 1 (shape Q + rows), the weight of j + 1
    shape, rows = np.shape(real), s.shape[:-1]
    # NaN in a slice, or an empty one
    bad = np.isnan(np.reshape(real, g.shape[:g.ndim - len(rows)] + rows))
    result = [np.asarray(real, dtype=float)]
    for lo, hi, c in zip(low, high, a._dir_ndim[1:]):
        w = g.reshape(g.shape + (1,) * c)
        part = np.where(w == 0, lo, (1 - w) * lo + w * hi)
        part = np.where(bad.reshape(bad.shape + (1,) * c), np.nan, part)
        result.append(part.reshape(shape + lo.shape[lo.ndim - c:]))
    return scalar_or_array(a._with_parts(result))


def _by_sort(a, x, q, method, nan, weights, axes):
    """(the perturbation parts at the order statistics j and j + 1, shape Q + the rows'
    shape; g) of quantile q of the rows x, from their full sort."""
    parts, order = _sorted(x)
    positions = np.broadcast_to(np.arange(x.shape[-1], dtype=float), x.shape)
    if nan:
        positions = np.where(np.isnan(parts[0]), np.nan, positions)
    if weights is not None:
        weights = np.take_along_axis(_weights_like(a, weights, axes), order, axis=-1)
    j, g, upper = _ranks(positions, q, method, nan, weights)
    pairs = [(p, c) for p, c in zip(parts[1:], x._dir_ndim[1:])]
    return [_at(p, c, j) for p, c in pairs], [_at(p, c, upper) for p, c in pairs], g


def _ranks(positions, q, method, nan, weights):
    """(j, g, j + 1 within the row) of quantile q: NumPy's quantile of the sorted positions
    (one row of them for all rows, or a row each; NaN at the positions of NaN elements for
    the nan forms) is j + g, the interpolation between the order statistics j and j + 1;
    shape Q + the rows' shape."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy warned on the real parts
        index = (np.nanquantile if nan else np.quantile)(positions, q, axis=-1, method=method,
                                                         weights=weights)
    index = np.where(np.isfinite(index), index, 0.0)
    j = np.floor(index).astype(np.intp)
    return j, index - j, np.minimum(j + 1, positions.shape[-1] - 1)


@functools.lru_cache(maxsize=64)
def _partition_plan(n, q_bytes, q_shape, method, nan):
    """(g, the ranks j and j + 1 of quantile q as one sorted array, the places of j and of
    j + 1 in it) for rows of n elements that all count the same positions: planned once
    per form, as NumPy's quantile of n positions costs as much as a small partition."""
    q = np.frombuffer(q_bytes).reshape(q_shape)
    j, g, upper = _ranks(np.arange(n, dtype=float), q, method, nan, None)
    ranks = np.union1d(j, upper)
    places = np.searchsorted(ranks, j), np.searchsorted(ranks, upper)
    return tuple(shared(np.asarray(v)) for v in (g, ranks, *places))


def _partitioned(x, q, method, nan):
    """(the perturbation parts at the order statistics j and j + 1, shape Q + the rows'
    shape; g) of quantile q of the rows x, from a partition of the real parts around those
    ranks; None where an element at one of them ties with another element of its row (see
    _sorted). Cost: the partition, and one comparison of the rows with each order
    statistic."""
    s = x.real
    q = np.asarray(q, dtype=float)
    g, ranks, low, high = _partition_plan(s.shape[-1], q.tobytes(), q.shape, method, nan)
    chosen = np.argpartition(s, ranks, axis=-1)[..., ranks]
    values = np.take_along_axis(s, chosen, axis=-1)
    for i in range(len(ranks)):  # one comparison of the rows per rank: a tie where a row
        value = values[..., i]   # holds more than its own element (none if NaN) equal to it
        if np.count_nonzero(s == value[..., None]) > np.count_nonzero(value == value):
            return None
    rows = s.ndim - 1
    found = [], []
    for p, c in zip(x._parts[1:], x._dir_ndim[1:]):
        picked = np.take_along_axis(full_part(p, x.shape, c),
                                    chosen.reshape(chosen.shape + (1,) * c), axis=rows)
        for out, at in zip(found, (low, high)):
            part = np.take(picked, at, axis=rows)  # rows + Q + directions
            out.append(np.moveaxis(part, range(rows, rows + q.ndim), range(q.ndim))
                       if rows and q.ndim else part)
    return (*found, g.reshape(g.shape + (1,) * rows))


def _at(p, c, i):
    """p[..., i, dirs] along the rows' axis of the part p (c direction axes) for each
    index array i of shape Q + the rows' shape."""
    lead = p.shape[:p.ndim - c - 1]
    moved = np.moveaxis(i.reshape((-1,) + lead), 0, -1)
    picked = np.take_along_axis(p, moved.reshape(moved.shape + (1,) * c), axis=len(lead))
    return np.moveaxis(picked, len(lead), 0).reshape(i.shape + p.shape[p.ndim - c:])


def _weights_like(a, weights, axes):
    """The weights of quantile's inverted_cdf beside a's elements, laid out as ``_sorted``
    lays out the parts (NumPy has checked their shape)."""
    w = np.asarray(weights, dtype=float)
    if w.shape != a.shape:  # 1-D, along the one axis
        w = w.reshape([-1 if i == axes[0] else 1 for i in range(a.ndim)])
    w = np.broadcast_to(w, a.shape)
    keep = [i for i in range(a.ndim) if i not in axes]
    w = np.transpose(w, keep + list(axes))
    return w.reshape(w.shape[:len(keep)] + (-1,))


def _constant_weights(name, weights):
    """weights= of the quantiles: constants (TypeError for dual weights)."""
    if isinstance(weights, ArrayBase):
        refuse(name, "dual weights=", "a quantile is piecewise constant in the weights "
               "(derivative 0 between its jumps); pass their real parts")


def _quantile_family(name, scale, nan):
    """numpy.NAME (quantile, percentile, or their nan forms): q divided by ``scale``."""
    numpy_function = getattr(np, name)

    def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                 keepdims=_NO, *, weights=None):
        keep = False if keepdims is _NO else keepdims
        if array_type(q) is not None:  # before NumPy's function, which would come back here
            refuse(name, "a dual q", "the probabilities are constants here (the derivative "
                   "in q, the slope between order statistics, is not carried): pass q.real")
        _constant_weights(name, weights)
        real = numpy_function(a.real, q, axis, None, False, method, keep, weights=weights)
        q = np.true_divide(q, scale) if scale != 1 else q
        return write_out(name, _order_statistic(a, real, q, axis, method, nan, weights), out)
    quantile.__name__ = name
    quantile.__doc__ = ("numpy.%s of a dual array, every method (see the module's "
                        "docstring). overwrite_input= is honoured: the input is never "
                        "modified, which NumPy allows either way." % name)
    implements(numpy_function)(quantile)


_quantile_family("quantile", 1, False)
_quantile_family("percentile", 100, False)
_quantile_family("nanquantile", 1, True)
_quantile_family("nanpercentile", 100, True)


@implements(np.median)
def _median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """The middle order statistic (the mean of the two middle ones for an even count)."""
    real = np.median(a.real, axis, None, False, keepdims)
    return write_out("median", _order_statistic(a, real, 0.5, axis, "linear", False), out)


@implements(np.nanmedian)
def _nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=_NO):
    real = np.nanmedian(a.real, axis, None, False, False if keepdims is _NO else keepdims)
    return write_out("nanmedian", _order_statistic(a, real, 0.5, axis, "linear", True), out)
