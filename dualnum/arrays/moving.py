"""Functions that move elements of dual arrays: flips, rolls, rotations, tiles, repeats, takes,
splits, triangles, diagonals, resizes, deletions and insertions, broadcasts and meshes.

One mechanism serves them all: NumPy's own function runs on the *positions* of the elements
(an integer array numbering the elements 1, 2, ...; 0 stands for a zero element), with the
user's arguments, and every part (the real part and each perturbation part, with its trailing
direction axes) is gathered by the positions that come out. So each function moves exactly as
NumPy's does, and the derivative parts ride along with their values: a zero that a function
fills in (tril, triu, diagflat) is a constant, and values from other operands (insert,
choose, put_along_axis) bring their own parts. The cost is one integer array of the result's
shape and one gather per part; the results are copies, never views.
"""
import inspect

import numpy as np
import numpy.fft  # noqa: F401  (fftshift and ifftshift move values)

from ._registry import implements, write_out
from ._storage import ArrayBase
from ._util import normalize_axis, refuse, shared
from .elementwise import full_part
from .joining import as_arrays


def positions(*arrays):
    """The element positions of each array, numbered on from one array to the next; 0 is
    left for the zero element of :func:`gather`."""
    out, start = [], 1
    for a in arrays:
        out.append(np.arange(start, start + a.size).reshape(a.shape))
        start += a.size
    return out


def _flat(x):
    """Each part of x with the elements in one leading axis: (size,) + direction shape."""
    return [full_part(p, x.shape, c).reshape((x.size,) + p.shape[p.ndim - c:])
            for p, c in zip(x._parts, x._dir_ndim)]


def gather(sources, index):
    """The dual array whose element at each place of ``index`` (an integer array, or a list
    or tuple of them) is the element of that position among the ``sources`` (dual arrays of
    one layout, numbered by :func:`positions`; 0: a zero, every part 0)."""
    if isinstance(index, (list, tuple)):
        return type(index)(gather(sources, i) for i in index)
    index = np.asarray(index)
    flats = [_flat(s) for s in sources]
    first = sources[0]
    if len(sources) == 1 and (index.size == 0 or index.min() > 0):  # no zero: no copy
        return first._with_parts([f[index - 1] for f in flats[0]])
    columns = zip(*flats)
    return first._with_parts([np.concatenate((np.zeros((1,) + f[0].shape[1:]),) + f)[index]
                              for f in columns])


def _moved(func):
    """func (a NumPy function of one array and its arguments) on dual arrays, by positions;
    out= (where func has it) filled as NumPy would."""
    name = next(iter(inspect.signature(func).parameters))  # the array, also by keyword

    def apply(*args, **kwargs):
        a, *args = (kwargs.pop(name),) + args if name in kwargs else args
        out = kwargs.pop("out", None)
        (pos,) = positions(a)
        return write_out(func.__name__, gather([a], func(pos, *args, **kwargs)), out)
    implements(func)(apply)


for _func in (np.flip, np.fliplr, np.flipud, np.roll, np.rot90, np.rollaxis, np.tile,
              np.repeat, np.take, np.take_along_axis, np.diagonal, np.diagflat, np.tril,
              np.triu, np.split, np.array_split, np.hsplit, np.vsplit, np.dsplit, np.unstack,
              np.resize, np.delete, np.matrix_transpose, np.fft.fftshift, np.fft.ifftshift):
    _moved(_func)


@implements(np.atleast_3d)
def _atleast_3d(*arys):
    arrays = as_arrays(arys)
    out = [gather([a], np.atleast_3d(p)) for a, p in zip(arrays, positions(*arrays))]
    return out[0] if len(out) == 1 else out


@implements(np.broadcast_arrays)
def _broadcast_arrays(*args, subok=False):
    """The operands broadcast to one shape (copies); ``subok`` concerns ndarray subclasses,
    and a dual array stays one either way."""
    arrays = as_arrays(args)
    return tuple(gather(arrays, np.broadcast_arrays(*positions(*arrays))))


@implements(np.meshgrid)
def _meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate arrays; every result is a copy (``copy=False`` asks for views, which the
    gathered parts cannot be, so it is refused)."""
    if not copy:
        refuse("meshgrid", "copy=False", "the results of dual arrays are copies, not views")
    arrays = as_arrays(xi)
    return tuple(gather(arrays, np.meshgrid(*positions(*arrays), sparse=sparse,
                                            indexing=indexing)))


@implements(np.lib.stride_tricks.sliding_window_view)
def _sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    """The windows as a copy of the parts; read-only unless ``writeable`` (as NumPy's view);
    ``subok`` as in broadcast_arrays."""
    (pos,) = positions(x)
    out = gather([x], np.lib.stride_tricks.sliding_window_view(pos, window_shape, axis))
    return out if writeable else out._map(lambda p, c: shared(p))


@implements(np.compress)
def _compress(condition, a, axis=None, out=None):
    (pos,) = positions(a)
    return write_out("compress", gather([a], np.compress(real_of(condition), pos, axis)), out)


@implements(np.extract)
def _extract(condition, arr):
    (pos,) = positions(arr)
    return gather([arr], np.extract(real_of(condition), pos))


@implements(np.choose)
def _choose(a, choices, out=None, mode="raise"):
    """Each element from the choice that ``a`` (integers; the real parts of a dual array)
    names."""
    arrays = as_arrays(choices)
    picked = np.choose(real_of(a), positions(*arrays), mode=mode)
    return write_out("choose", gather(arrays, picked), out)


@implements(np.insert)
def _insert(arr, obj, values, axis=None):
    """``values`` (numbers, arrays, duals) inserted before the indices ``obj``: NumPy inserts
    their positions, so they broadcast as NumPy broadcasts them."""
    arr, values = as_arrays([arr, values])
    pos, value_pos = positions(arr, values)
    return gather([arr, values], np.insert(pos, obj, value_pos, axis))


@implements(np.put_along_axis)
def _put_along_axis(arr, indices, values, axis):
    """``values`` written into ``arr`` (a dual array, in place) at ``indices`` along ``axis``,
    as NumPy writes them; returns None, as NumPy does."""
    if not isinstance(arr, ArrayBase):
        raise TypeError("numpy.put_along_axis writes into arr: a dual value needs a dual "
                        "array arr (a float ndarray cannot hold derivative parts)")
    _, values = as_arrays([arr, values])
    pos, value_pos = positions(arr, values)
    np.put_along_axis(pos, indices, value_pos, axis)
    arr[...] = gather([arr, values], pos)


@implements(np.trim_zeros)
def _trim_zeros(filt, trim="fb", axis=None):
    """The elements inside the leading and trailing zeros (of the real parts), along ``axis``
    (None: every axis), as NumPy trims them."""
    real = filt.real
    kept = np.trim_zeros(real, trim, axis)  # checks trim and axis; the shape of the result
    if real.ndim == 0 or kept.shape == real.shape:
        return filt
    found = np.argwhere(real)
    front = found.min(axis=0) if len(found) and "f" in trim.lower() else [0] * real.ndim
    axes = normalize_axis(axis, real.ndim)
    return filt[tuple(slice(front[i], front[i] + n) if i in axes else slice(None)
                      for i, n in enumerate(kept.shape))]


def real_of(value):
    """The real parts of a dual array (an index, a condition, a sample to count), also inside
    a list or tuple; anything else as it is."""
    if isinstance(value, (list, tuple)):
        return type(value)(real_of(v) for v in value)
    return value.real if isinstance(value, ArrayBase) else value
