"""Sorting, partitioning, unique values and the set functions of dual arrays.

The order comes from the real parts (NumPy's argsort, argpartition, unique on them), and the
elements are gathered with every part (:mod:`.moving`). Where real parts tie, sorting is a
kink: the k-th smallest of x_i = x_j is min(x_i, x_j) or max(x_i, x_j), whose derivatives at
the tie are the mean of the one-sided ones (dualnum's convention, as for ``max``/``min``).
So tied elements share the mean of their derivative parts, and their second-order part is
NaN where an eps1 and an eps2 perturbation of tied elements meet (no second derivative
exists there); a unique value takes the mean of the elements equal to it.
"""
import numpy as np

from ._registry import implements
from ._util import normalize_axis
from .elementwise import one_sided
from .moving import _flat, gather, positions
from .joining import as_arrays


def share_ties(x, ids, ordered=False):
    """x with the perturbation parts of the elements of equal ``ids`` (an integer array of
    x's shape) replaced by their mean, and eps1eps2 NaN where perturbations of a tie meet.
    ``ordered``: the tied elements are the tie's order statistics, in x's flat order (sort,
    partition); where a tie carries no eps1 part of an entry's row and no eps2 part of its
    column, its elements move by their eps1eps2 parts d alone, and the j-th smallest of them
    by the j-th smallest d: the tie's d sorted, exactly (as the minimum rule at a tie)."""
    ids = ids.reshape(-1)
    counts = np.bincount(ids)
    if counts.max(initial=0) <= 1:
        return x
    flats = _flat(x)

    def total(f):
        sums = np.zeros((len(counts),) + f.shape[1:])
        np.add.at(sums, ids, f)
        return sums

    sizes = np.maximum(counts, 1)  # ids need not be consecutive: unused ids count 0
    parts = [flats[0]] + [(total(f) / sizes.reshape((-1,) + (1,) * (f.ndim - 1)))[ids]
                          for f in flats[1:]]
    if x._dir_ndim == (0, 1, 1, 2):  # hyper-duals: a tie of moving elements is a kink
        b, c = (total(np.abs(f))[ids] for f in flats[1:3])
        tie = (counts[ids] > 1)[:, None, None]
        parts[3] = np.where(tie & (b[:, :, None] * c[:, None, :] > 0), np.nan, parts[3])
        if ordered:
            flat = tie & (b[:, :, None] + c[:, None, :] == 0)
            moved = total(flats[3] != 0)[ids] > 0
            parts[3] = one_sided(x._directional, flat, sorted_within(flats[3], ids), moved,
                                 parts[3])
    return x._with_parts([p.reshape(x.shape + p.shape[1:]) for p in parts])


def sorted_within(d, ids):
    """d (shape (n, ...)) with the entries of the elements of equal ``ids`` sorted among
    them, entry by entry, the smallest going to the first of them in flat order."""
    order = np.lexsort((d, np.broadcast_to(ids.reshape((-1,) + (1,) * (d.ndim - 1)), d.shape)),
                       axis=0)
    out = np.empty_like(d)
    out[np.argsort(ids, kind="stable")] = np.take_along_axis(d, order, axis=0)
    return out


def _runs(real, axis):
    """Ids of the runs of equal neighbours along ``axis`` (of a sorted array)."""
    r = np.moveaxis(real, axis, -1)
    new = np.ones(r.shape, dtype=bool)
    new[..., 1:] = r[..., 1:] != r[..., :-1]
    return np.moveaxis(np.cumsum(new.reshape(-1)).reshape(r.shape), -1, axis)


def _flat_axis(a, axis):
    """(a, axis), with a flattened for axis None, as NumPy's sort and partition take it."""
    if axis is None:
        return a.ravel(), -1
    normalize_axis(axis, a.ndim)  # NumPy's AxisError
    return a, axis


@implements(np.sort)
def _sort(a, axis=-1, kind=None, order=None, *, stable=None):
    """The elements sorted by their real parts along ``axis`` (None: flattened); ties share
    their derivatives (see the module)."""
    a, axis = _flat_axis(a, axis)
    (pos,) = positions(a)
    order = np.argsort(a.real, axis=axis, kind=kind, order=order, stable=stable)
    y = gather([a], np.take_along_axis(pos, order, axis))
    return share_ties(y, _runs(y.real, axis), ordered=True)


@implements(np.partition)
def _partition(a, kth, axis=-1, kind="introselect", order=None):
    """The elements arranged as NumPy's argpartition of the real parts arranges them; equal
    real parts share their derivatives, as in sort."""
    a, axis = _flat_axis(a, axis)
    (pos,) = positions(a)
    picked = np.argpartition(a.real, kth, axis=axis, kind=kind, order=order)
    y = gather([a], np.take_along_axis(pos, picked, axis))
    ranks = np.argsort(y.real, axis=axis, kind="stable")
    ids = np.empty(y.shape, dtype=np.intp)
    np.put_along_axis(ids, ranks, _runs(np.take_along_axis(y.real, ranks, axis), axis), axis)
    return share_ties(y, ids, ordered=True)


@implements(np.unique)
def _unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *,
            equal_nan=True, sorted=True):
    """The unique values (or slices along ``axis``) of the real parts, each with the mean of
    the derivative parts of the elements equal to it; the indices, inverse and counts of
    NumPy's unique of the real parts."""
    real = np.unique(ar.real, True, True, return_counts, axis, equal_nan=equal_nan,
                     sorted=sorted)
    first, inverse = real[1], real[2]
    if axis is None:
        values = np.take(share_ties(ar, inverse.reshape(ar.shape)).ravel(), first)
    else:
        (ax,) = normalize_axis(axis, ar.ndim)
        rest = np.arange(ar.size // max(ar.shape[ax], 1)).reshape(
            ar.shape[:ax] + (1,) + ar.shape[ax + 1:])
        ids = np.expand_dims(inverse.reshape(-1), tuple(i for i in range(ar.ndim) if i != ax))
        values = np.take(share_ties(ar, ids * rest.size + rest), first, axis=ax)
    extras = [r for r, wanted in zip(real[1:], (return_index, return_inverse, return_counts))
              if wanted]
    return (values, *extras) if extras else values


def _pick(x, values):
    """The elements of unique(x) with the real parts ``values`` (sorted or not)."""
    u = _unique(x.ravel())
    return np.take(u, np.searchsorted(u.real, values))


def _unique_result(func):
    """unique_values, unique_counts, ...: NumPy's result on the real parts, its values dual."""
    def apply(x):
        real = func(x.real)
        if isinstance(real, np.ndarray):
            return _pick(x, real)
        return real._replace(values=_pick(x, real.values))
    implements(func)(apply)


for _func in (np.unique_values, np.unique_counts, np.unique_inverse, np.unique_all):
    _unique_result(_func)


def _pair(ar1, ar2):
    """Both operands as dual arrays of one layout, and their elements joined."""
    a, b = as_arrays([ar1, ar2])
    return a, b, np.concatenate([a.ravel(), b.ravel()])


@implements(np.union1d)
def _union1d(ar1, ar2):
    return _unique(_pair(ar1, ar2)[2])


@implements(np.intersect1d)
def _intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    """The values in both, each the mean of the elements (of both) equal to it."""
    a, b, both = _pair(ar1, ar2)
    real = np.intersect1d(a.real, b.real, assume_unique, return_indices)
    if not return_indices:
        return _pick(both, real)
    return (_pick(both, real[0]),) + real[1:]


@implements(np.setdiff1d)
def _setdiff1d(ar1, ar2, assume_unique=False):
    """The values of ar1 not in ar2, each the mean of ar1's elements equal to it."""
    a, b, _ = _pair(ar1, ar2)
    return _pick(a, np.setdiff1d(a.real, b.real, assume_unique))


@implements(np.setxor1d)
def _setxor1d(ar1, ar2, assume_unique=False):
    a, b, both = _pair(ar1, ar2)
    return _pick(both, np.setxor1d(a.real, b.real, assume_unique))
