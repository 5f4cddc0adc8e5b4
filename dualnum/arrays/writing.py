"""NumPy's functions that write into an array, on dual arrays: copyto, place, put, putmask,
fill_diagonal.

Where the values go is NumPy's own answer: its function runs on an index array of the
destination's shape, writing the positions 0, 1, ... of the values in the order it takes them
(repeating them as it does), so that its indexing, wrapping, clipping, repetition and errors
are NumPy's; the values, any mix of operands, are then written there by the container's
``x[key] = value`` (directions and tags as there). A float ndarray cannot hold derivative
parts: writing duals into one raises the TypeError that says what to write instead.
"""
import inspect

import numpy as np

from ._registry import FLOAT_BUFFER, implements
from ._storage import ArrayBase
from .joining import as_arrays
from .operands import array_type


def _destination(name, a):
    """TypeError unless a, the array written into, is a dual array."""
    if not isinstance(a, ArrayBase):
        raise TypeError("numpy.%s into a %s ndarray: %s" % (name, np.asarray(a).dtype,
                                                             FLOAT_BUFFER))


def _writes(func):
    """Register func's implementation: writing into an object ndarray (which holds scalar
    duals) is NumPy's own, with the dual operands as object arrays of scalar duals."""
    def register(impl):
        first = next(iter(inspect.signature(impl).parameters))  # the array written into

        def write(*args, **kwargs):
            a = args[0] if args else kwargs.get(first)
            if isinstance(a, np.ndarray) and a.dtype == object:
                return func(*[_objects(v) for v in args],
                            **{k: _objects(v) for k, v in kwargs.items()})
            return impl(*args, **kwargs)
        return implements(func)(write)
    return register


def _objects(value):
    """A dual operand as an object array of scalar duals; anything else as it is."""
    return np.asarray(value, dtype=object) if array_type(value) is not None else value


def _plain(name, what, value):
    """TypeError for a dual index or mask: the positions come from real numbers only."""
    if array_type(value) is not None:
        raise TypeError("numpy.%s: the %s cannot be dual (it selects positions): pass its "
                        "real parts or a comparison (x.real, x > 0)" % (name, what))
    return value


def _write(name, a, values, positions):
    """values (flattened) written into the dual array a where ``positions(index, stream)``,
    NumPy's function on an index array filled with -1, writes ``stream`` (0, 1, ... up to
    the number of values)."""
    _destination(name, a)
    values = as_arrays([a, values])[1].ravel()
    index = np.full(a.shape, -1, dtype=np.intp)
    positions(index, np.arange(values.size))
    written = index >= 0
    a[written] = values[index[written]]


@_writes(np.put)
def _put(a, ind, v, mode="raise"):
    """a.flat[ind] = v, v repeated as needed; mode 'raise', 'wrap' or 'clip' as NumPy's."""
    _plain("put", "index", ind)
    _write("put", a, v, lambda index, stream: np.put(index, ind, stream, mode))


@_writes(np.place)
def _place(arr, mask, vals):
    """The values, in order and repeated as needed, where mask holds."""
    _plain("place", "mask", mask)
    _write("place", arr, vals, lambda index, stream: np.place(index, mask, stream))


@_writes(np.putmask)
def _putmask(a, /, mask, values):
    """a.flat[i] = values.flat[i % values.size] where mask.flat[i] holds."""
    _plain("putmask", "mask", mask)
    _write("putmask", a, values, lambda index, stream: np.putmask(index, mask, stream))


@_writes(np.fill_diagonal)
def _fill_diagonal(a, val, wrap=False):
    """val (repeated as needed) along the main diagonal; ``wrap`` for tall matrices as
    NumPy's."""
    _write("fill_diagonal", a, val, lambda index, stream: np.fill_diagonal(index, stream, wrap))


@_writes(np.copyto)
def _copyto(dst, src, casting="same_kind", where=True):
    """src, broadcast to dst's shape, written into dst where ``where`` holds; casting= is
    checked by NumPy on src's values (a dual's parts are float64)."""
    _destination("copyto", dst)
    _plain("copyto", "where= mask", where)
    value = as_arrays([dst, src])[1]
    # NumPy's checks of casting=, shapes and where=, on an ndarray's own dtype (any other
    # operand is float64 by now)
    plain = src if isinstance(src, np.ndarray) else value.real
    np.copyto(np.empty(dst.shape), plain, casting=casting, where=where)
    if where is True:
        dst[...] = value
    else:
        mask = np.broadcast_to(where, dst.shape)
        dst[mask] = np.broadcast_to(value, dst.shape)[mask]
