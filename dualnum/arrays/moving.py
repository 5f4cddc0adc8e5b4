"""Functions that move elements of dual arrays: flips, rolls, rotations, tiles, repeats, takes,
splits, triangles, diagonals, resizes, deletions and insertions, broadcasts and meshes.

One mechanism serves them all: NumPy's own function runs on the *positions* of the elements
(an integer array numbering the elements 1, 2, ...; 0 stands for a zero element), with the
user's arguments, and every part (the real part and each perturbation part, with its trailing
direction axes) is gathered by the positions that come out. So each function moves exactly as
NumPy's does, and the derivative parts ride along with their values: a zero that a function
fills in (tril, triu, diagflat) is a constant, and values from other operands (insert,
choose, put_along_axis) bring their own parts. The cost is one integer array of the result's
shape and one gather per part; its results are copies.

The functions that move the elements of one array within it (flips, rolls, rotations,
takes, tiles, repeats, diagonals, triangles, splits, transposes) take a cheaper path where no
argument is dual: NumPy's function on the real part (its checks, its result, its views),
then the same function on each perturbation part with the direction axes moved to the front
and the axes counted from the end (:func:`per_part`), so the results are views wherever
NumPy's are, and cost what NumPy's cost per part. ``flip``, a view that costs NumPy half a
microsecond, slices every part as NumPy's flip slices its array.
"""
import inspect

import numpy as np
import numpy.fft  # noqa: F401  (fftshift and ifftshift move values)

from ._registry import implements, write_out
from ._storage import ArrayBase
from ._util import holds_parts, normalize_axis, refuse, shared
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


def by_positions(func, a, *args, **kwargs):
    """func (a NumPy function of one array and its arguments) on the dual array a, by
    positions."""
    (pos,) = positions(a)
    return gather([a], func(pos, *args, **kwargs))


def _front(p, c):
    """Part p with its c direction axes moved to the front (a transpose: np.moveaxis
    costs 30 times more)."""
    nd = p.ndim - c
    return p.transpose(tuple(range(nd, p.ndim)) + tuple(range(nd)))


def _back(p, c):
    """The inverse of :func:`_front` for a result of the same number of direction axes."""
    return p.transpose(tuple(range(c, p.ndim)) + tuple(range(c)))


def per_part(a, real, call):
    """The dual array (or list or tuple of them) of NumPy's result ``real`` on a's real part
    and of ``call(part)`` on each perturbation part of a, whose direction axes come first
    (so that ``call``, NumPy's function with its axes counted from the end, leaves them
    alone)."""
    several = isinstance(real, (list, tuple))  # the splits, unstack
    outs = [[_back(r, c) for r in call(_front(full_part(p, a.shape, c), c))] if several
            else _back(call(_front(full_part(p, a.shape, c), c)), c)
            for p, c in zip(a._parts[1:], a._dir_ndim[1:])]
    if several:
        return type(real)(a._with_parts(ps) for ps in zip(real, *outs))
    return a._with_parts([np.asarray(real)] + outs)  # (flip of a 0-d array: a scalar)


def _from_end(axis, ndim):
    """``axis`` (None: every axis; an int or a tuple) counted from the end of ``ndim`` axes."""
    axes = tuple(i - ndim for i in normalize_axis(axis, ndim))
    return axes if axis is None or isinstance(axis, tuple) else axes[0]


def _flat_last(f, nd):
    """Part f (direction axes first) with its nd array axes in one, last."""
    return f.reshape(f.shape[:f.ndim - nd] + (-1,))


def _unflat(call, nd):
    """``call`` on the array axes of a part in one (a NumPy function's axis=None), the
    result reshaped back where it keeps the size."""
    return lambda f: call(_flat_last(f, nd)).reshape(f.shape)


def _flat_or_axis(func, axis, nd, *args, **kwargs):
    """``func(part, *args, axis, **kwargs)``: over the flattened array axes for axis None
    (take, repeat), else along ``axis`` counted from the end."""
    if axis is None:
        return lambda f: func(_flat_last(f, nd), *args, -1, **kwargs)
    return lambda f: func(f, *args, _from_end(axis, nd), **kwargs)


def _tile_call(reps, nd):
    """np.tile on a part: reps longer than the array axes add axes before them (after the
    direction axes), as np.tile adds them in front."""
    reps = tuple(reps) if np.iterable(reps) else (reps,)

    def call(f):
        c = f.ndim - nd
        return np.tile(f.reshape(f.shape[:c] + (1,) * (len(reps) - nd) + f.shape[c:]), reps)
    return call


def _triangle(func, k, nd):
    """np.tril or np.triu on a part: a 1-d array is the row of every row of a square, as
    NumPy reads it."""
    if nd > 1:
        return lambda f: func(f, k)
    return lambda f: func(np.broadcast_to(f[..., None, :], f.shape + f.shape[-1:]), k)


def _split_call(indices_or_sections, axis, nd):
    """The splits of a part along ``axis``: array_split's, which are split's wherever split
    accepts the sections (NumPy's call on the real part has checked that)."""
    return lambda f: np.array_split(f, indices_or_sections, _from_end(axis, nd))


def _rollaxis_call(axis, start, nd):
    """np.rollaxis on a part, its axes counted past the direction axes."""
    start = start + nd if start < 0 else start
    return lambda f: np.rollaxis(f, normalize_axis(axis, nd)[0] + f.ndim - nd,
                                 start + f.ndim - nd)


# func: the call on a part (direction axes first) of a's ndim and func's arguments
_PER_PART = {
    np.fliplr: lambda nd: lambda f: np.flip(f, 1 - nd),
    np.flipud: lambda nd: lambda f: np.flip(f, -nd),
    np.rot90: lambda nd, k=1, axes=(0, 1): lambda f: np.rot90(f, k, _from_end(tuple(axes),
                                                                              nd)),
    np.roll: lambda nd, shift, axis=None: (
        _unflat(lambda f: np.roll(f, shift, -1), nd) if axis is None
        else lambda f: np.roll(f, shift, _from_end(axis, nd))),
    np.take: lambda nd, indices, axis=None, mode="raise":
        _flat_or_axis(np.take, axis, nd, indices, mode=mode),
    np.repeat: lambda nd, repeats, axis=None: _flat_or_axis(np.repeat, axis, nd, repeats),
    np.tile: lambda nd, reps: _tile_call(reps, nd),
    np.diagonal: lambda nd, offset=0, axis1=0, axis2=1: lambda f: np.diagonal(
        f, offset, _from_end(axis1, nd), _from_end(axis2, nd)),
    np.tril: lambda nd, k=0: _triangle(np.tril, k, nd),
    np.triu: lambda nd, k=0: _triangle(np.triu, k, nd),
    np.matrix_transpose: lambda nd: np.matrix_transpose,
    np.rollaxis: lambda nd, axis, start=0: _rollaxis_call(axis, start, nd),
    np.unstack: lambda nd, axis=0: lambda f: np.unstack(f, axis=_from_end(axis, nd)),
    np.split: lambda nd, indices_or_sections, axis=0: _split_call(indices_or_sections, axis,
                                                                  nd),
    np.hsplit: lambda nd, indices_or_sections: _split_call(indices_or_sections,
                                                           1 if nd > 1 else 0, nd),
    np.vsplit: lambda nd, indices_or_sections: _split_call(indices_or_sections, 0, nd),
    np.dsplit: lambda nd, indices_or_sections: _split_call(indices_or_sections, 2, nd),
}
_PER_PART[np.array_split] = _PER_PART[np.split]


def _any_dual(values):
    return any(holds_parts(v) or isinstance(v, (list, tuple)) and _any_dual(v)
               for v in values)


def _moved(func):
    """func (a NumPy function of one array and its arguments) on dual arrays: per part
    where it only moves elements within the array and no argument is dual, else by
    positions; out= (where func has it) filled as NumPy would."""
    name, *params = inspect.signature(func).parameters  # the array, also by keyword
    call = _PER_PART.get(func)

    def apply(*args, **kwargs):
        a, *args = (kwargs.pop(name),) + args if name in kwargs else args
        if "out" in params[:len(args)]:  # out= by position: what follows it by keyword
            at = params.index("out")
            kwargs.update(zip(params[at:], args[at:]))
            args = args[:at]
        out = kwargs.pop("out", None)
        if call is None or _any_dual(args) or _any_dual(kwargs.values()):
            result = by_positions(func, a, *args, **kwargs)
        else:
            result = per_part(a, func(a.real, *args, **kwargs), call(a.ndim, *args, **kwargs))
        return write_out(func.__name__, result, out)
    implements(func)(apply)


for _func in (np.fliplr, np.flipud, np.roll, np.rot90, np.rollaxis, np.tile,
              np.repeat, np.take, np.take_along_axis, np.diagonal, np.diagflat, np.tril,
              np.triu, np.split, np.array_split, np.hsplit, np.vsplit, np.dsplit, np.unstack,
              np.resize, np.delete, np.matrix_transpose, np.fft.fftshift, np.fft.ifftshift):
    _moved(_func)


_ALL, _REVERSED = slice(None), slice(None, None, -1)


@implements(np.flip)
def _flip(m, axis=None):
    """numpy.flip of a dual array: every part reversed along the axes by the slices that
    NumPy's flip takes (m[::-1, :, ...]; the direction axes, last, untouched), views as
    NumPy's are; NumPy's flip on the real part checks a given axis. A flip costs NumPy half
    a microsecond, less than the per-part path's bookkeeping, hence this path of its own."""
    real = m._parts[0]
    nd = real.ndim
    if axis is None:
        key = (_REVERSED,) * nd
    else:
        np.flip(real, axis)  # NumPy's checks (an axis out of range, repeated)
        axes = normalize_axis(axis, nd)
        key = tuple([_REVERSED if i in axes else _ALL for i in range(nd)])
    shape = real.shape
    return m._with_parts([np.asarray(real[key])] +  # (of a 0-d array: a scalar)
                         [full_part(p, shape, c)[key]
                          for p, c in zip(m._parts[1:], m._dir_ndim[1:])])


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


@implements(np.ix_)
def _ix_(*args):
    """The open mesh: each 1-D argument reshaped to (1, ..., n, ..., 1), a dual array with
    its parts (views, as NumPy's are); an ndarray argument as NumPy gives it (a boolean one:
    its nonzero indices, integers). NumPy's checks: ValueError for an argument not 1-D."""
    meshes = np.ix_(*[real_of(a) for a in args])
    return tuple(a.reshape(m.shape) if isinstance(a, ArrayBase) else m
                 for a, m in zip(args, meshes))


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
    return value.real if holds_parts(value) else value
