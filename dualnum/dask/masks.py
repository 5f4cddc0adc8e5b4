"""Boolean masks of several axes on lazy dual arrays, taken as NumPy takes them.

Dask indexes an array with a boolean Dask mask of one axis or of the array's whole shape
only; a perturbation part carries direction axes after the values' axes, so a mask of the
values' shape (``x[x.real > 0]``) covers fewer axes than the part. NumPy's ``x[mask]`` for
a mask of k >= 2 axes picks, along one new axis, the elements where the mask holds, in C
order of the axes it covers: what the parts give once those k axes are merged into one
(a C-order reshape) and indexed with the raveled mask. Every part is merged alike, so the
parts keep one chunking of the new axis.
"""
import math

import dask.array as da
import numpy as np


def is_mask(k):
    """k is a boolean NumPy or Dask array of two axes or more."""
    return isinstance(k, (np.ndarray, da.Array)) and k.dtype == bool and k.ndim >= 2


def merged(parts, shape, key):
    """``(parts, key, new_axes)`` for a key (a tuple without Ellipsis) that holds a mask of
    several axes (:func:`is_mask`): the parts with the axes it covers merged into one, the
    key with the mask raveled in its place and without its None items, and the index that
    adds their axes after (None where there are none), so that ``part[key + (...,)]``, then
    ``[new_axes + (...,)]``, is NumPy's ``x[key]`` on each part. (Dask's getitem fails when
    computed for a None beside a boolean array.) None for a key without such a mask.

    Raises IndexError for such a mask beside an index other than slices and None (an
    integer or an array: index in two steps), or whose shape is not that of the axes it
    covers (``shape``, the values' shape, from the mask's position on)."""
    at = [i for i, k in enumerate(key) if is_mask(k)]
    if not at:
        return None
    i = at[0]
    if len(at) > 1 or any(k is not None and not isinstance(k, slice)
                          for j, k in enumerate(key) if j != i):
        raise IndexError("a boolean mask of 2 or more axes is taken with slices (and None) "
                         "beside it only: index the other axes in a step of their own, "
                         "as x[0][mask] or x[mask][:, 0]")
    mask = key[i]
    axis = sum(k is not None for k in key[:i])  # the first axis the mask covers
    covered = tuple(shape[axis:axis + mask.ndim])
    if tuple(mask.shape) != covered:
        raise IndexError("a boolean mask of shape %s does not match the axes %d to %d it "
                         "indexes, of shape %s" % (tuple(mask.shape), axis,
                                                   axis + mask.ndim - 1, covered))
    n, k = math.prod(covered), mask.ndim
    parts = [p.reshape(p.shape[:axis] + (n,) + p.shape[axis + k:]) for p in parts]
    key = key[:i] + (mask.reshape(-1),) + key[i + 1:]
    new_axes = tuple(None if k is None else slice(None) for k in key)  # one axis per item
    return (parts, tuple(k for k in key if k is not None),
            new_axes if any(k is None for k in key) else None)
