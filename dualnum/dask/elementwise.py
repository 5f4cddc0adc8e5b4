"""Elementwise derivatives of Dask arrays: ``derivative``, ``second_derivative`` and
``derivatives`` (any order) of an elementwise f over a ``dask.array.Array`` x, as lazy Dask
arrays of x's chunks, each chunk computed by the in-memory function (``dualnum.api``,
``dualnum.higher``) on that chunk alone. ``dn.derivative`` and the others route a Dask x
here (``api._dask_array``); nothing is computed until the result is.

The same bits as the in-memory call on the whole of x, whatever the chunks: the in-memory
call evaluates f in blocks, and its rules pick their path (compiled kernel, NumPy twin or
vector loop, which round differently) by the size of the block (``api._path_size``), which
a chunk need not share. So each chunk is evaluated as part of the whole array
(``sized_as``): a chunk of at most one block takes the whole array's path; a larger chunk
goes in blocks of its own, of at least half a block, past the size (``EVERY_TWIN``) from
which every rule takes the path of the large arrays, which the whole array's blocks take
too. Taylor arithmetic (``order=``) has one path at every size (its blocks give the same
bits wherever they start). A NaN's sign bit is not a value and may differ: it does in the
in-memory call too, where an infinity elsewhere in a block raises a floating-point flag
that sends the block to another loop (sin'' of NaN is -NaN there).

f must be elementwise, as over NumPy arrays. Each chunk's call runs the in-memory check
(``api._check_elementwise``), so an f that is not elementwise raises its ValueError when
the chunks are computed at the latest; and when the graph is built, f is evaluated once
on a small made-up array of x's number of axes (``_check_now``), which raises that
ValueError at once for most such f (sums, means, sorts) without computing anything of x.
"""
import numbers
import warnings

import dask
import dask.array as da
import numpy as np

from .. import api, higher
from ..arrays._storage import sized_as


class ChunkFunction:
    """``function(f, chunk, **keywords)`` on a chunk (an ndarray) of an array of ``size``
    elements, with f's rules on the path of the whole array's in-memory call (see the
    module). ``function`` is ``dn.derivative``, ``dn.second_derivative`` or
    ``dn.derivatives``; ``keywords`` its own (``order``, ``args``, ``kwargs``). Returns what
    the function returns, as arrays of the chunk's shape: a tuple for ``derivatives`` (but
    one array for a tuple of one, ``order=0``, as Dask and xarray take one output).
    Picklable (cloudpickle carries f), so a cluster's workers can run it: what
    ``chunk_function`` makes, for Dask's ``apply_gufunc`` and xarray's ``apply_ufunc``."""

    def __init__(self, function, f, size, keywords):
        self.function, self.f, self.keywords = function, f, keywords
        block = _block(function, keywords)
        self.path = api._path_size(size, block) if size and block else 0

    def __call__(self, chunk):
        # in the task's own thread (workers=1, unless the keywords say): Dask's scheduler
        # already runs chunks at once, on threads, processes or a cluster
        keywords = dict({"workers": 1}, **self.keywords)
        with sized_as(self.path):
            out = self.function(self.f, chunk, **keywords)
        if isinstance(out, tuple) and len(out) > 1:
            return tuple(np.asarray(part) for part in out)
        # (a 0-d chunk gives a float; derivatives to order 0, a tuple of one: one output)
        return np.asarray(out[0] if isinstance(out, tuple) else out)

    def __repr__(self):
        return "ChunkFunction(%s, %r, path size %d, %r)" % (
            self.function.__name__, self.f, self.path, self.keywords)


def _block(function, keywords):
    """The in-memory call's block for ``function`` with ``keywords``: BLOCK for duals,
    HYPER_BLOCK for hyper-duals, 0 for Taylor numbers (one path at every size)."""
    if function is api.derivative:
        order = keywords.get("order", 1)
        return api.BLOCK if order == 1 and type(order) is int else 0
    if function is api.second_derivative:
        return api.HYPER_BLOCK
    return api.HYPER_BLOCK if keywords.get("order") is None else 0


_FUNCTIONS = {"derivative": api.derivative, "second_derivative": api.second_derivative,
              "derivatives": api.derivatives}


def chunk_function(function, f, size, **keywords):
    """The function to map over the chunks of an array of ``size`` elements so that each
    chunk holds ``function(f, chunk, **keywords)`` with the bits of
    ``function(f, whole, **keywords)`` (a ``ChunkFunction``): for ``xarray.apply_ufunc(...,
    dask="parallelized")`` and ``dask.array.map_blocks``, where the chunks are given one by
    one as NumPy arrays.

    ``function``: ``dn.derivative``, ``dn.second_derivative`` or ``dn.derivatives``
    (ValueError otherwise); ``size``: the whole array's number of elements; ``keywords``:
    the function's own (``order``, ``args``, ``kwargs``), checked when the chunks are
    computed.

    >>> import numpy as np, dualnum as dn
    >>> x = np.linspace(0.0, 1.0, 1000)
    >>> run = chunk_function(dn.derivative, np.exp, x.size)
    >>> np.array_equal(np.concatenate([run(x[:300]), run(x[300:])]), dn.derivative(np.exp, x))
    True
    """
    found = _FUNCTIONS.get(getattr(function, "__name__", None))
    if found is not function:
        raise ValueError("function must be dn.derivative, dn.second_derivative or "
                         "dn.derivatives (elementwise derivatives), not %r" % (function,))
    if isinstance(size, bool) or not isinstance(size, numbers.Integral):
        raise TypeError("size must be an int, the whole array's number of elements "
                        "(field.size), not %r" % (size,))
    if size < 1:
        raise ValueError("size must be the whole array's number of elements (field.size), "
                         "at least 1, not %d" % size)
    return ChunkFunction(function, f, int(size), keywords)


def derivative(f, x, *, order=1, args=(), kwargs=None):
    """f'(x) (with ``order=n``, f^(n)(x)) of an elementwise f at every element of the Dask
    array x: a lazy float64 Dask array of x's shape and chunks, each chunk
    ``dn.derivative(f, chunk)`` to the bit of ``dn.derivative(f, x.compute())``.
    ``dn.derivative(f, x)`` comes here for a Dask x.

    f is evaluated when the result is computed, chunk by chunk (a task per chunk, on the
    scheduler that computes it: threads, processes or a cluster, which receive f by
    cloudpickle: lambdas and closures travel), holding a few chunks at a time; and once
    when called, on a few made-up elements, to check that f is elementwise.

    Raises, when called: TypeError for a non-callable f, an x of a dtype other than bool,
    integers, floats or objects (as ``dn.derivative``), a Dask collection among ``args``
    and ``kwargs`` (they are constants, given whole to every chunk's f: pass its computed
    value), a bad ``order``; ValueError for an x of unknown chunk sizes and for an f that
    the check finds is not elementwise. When computed: the in-memory function's errors for a
    chunk (ValueError for an f that is not elementwise; TypeError for an object element
    that is not a real number).

    >>> import dask, dask.array as da, numpy as np, dualnum as dn
    >>> x = da.linspace(0.0, 1.0, 10, chunks=4)
    >>> slope = dn.derivative(np.sin, x)
    >>> slope.chunks
    ((4, 4, 2),)
    >>> bool(np.array_equal(slope.compute(scheduler="threads"), np.cos(x.compute())))
    True
    """
    return _lazy(api.derivative, f, x, 1, order=order, args=args, kwargs=kwargs)


def second_derivative(f, x, *, args=(), kwargs=None):
    """f''(x) of an elementwise f at every element of the Dask array x: a lazy float64 Dask
    array of x's shape and chunks, each chunk that of ``dn.second_derivative`` to the bit.
    A chunk with NaN in its result warns (RuntimeWarning) where it is computed: on a
    cluster, in the worker's log. Errors as in ``derivative``.

    >>> import dask.array as da, dualnum as dn
    >>> dn.second_derivative(lambda t: t ** 3, da.ones(6, chunks=4)).compute().tolist()
    [6.0, 6.0, 6.0, 6.0, 6.0, 6.0]
    """
    return _lazy(api.second_derivative, f, x, 1, args=args, kwargs=kwargs)


def derivatives(f, x, *, order=None, args=(), kwargs=None):
    """``(f(x), f'(x), f''(x))`` (with ``order=n``, up to f^(n)(x)) of an elementwise f at
    every element of the Dask array x: a tuple of lazy float64 Dask arrays of x's shape and
    chunks that share one task per chunk, so that ``dask.compute(*parts)`` evaluates f once
    per chunk; each the bits of ``dn.derivatives``. Errors as in ``derivative``.

    >>> import dask, dask.array as da, dualnum as dn
    >>> value, first, second = dn.derivatives(lambda t: t ** 3, da.full(5, 2.0, chunks=2))
    >>> [part.tolist() for part in dask.compute(value, first, second)]
    [[8.0, 8.0, 8.0, 8.0, 8.0], [12.0, 12.0, 12.0, 12.0, 12.0], [12.0, 12.0, 12.0, 12.0, 12.0]]
    """
    if order is None:
        outputs = 3
    else:
        outputs = higher._order(order) + 1
        higher.factorials(outputs - 1)   # (refused before anything is built)
    return _lazy(api.derivatives, f, x, outputs, order=order, args=args, kwargs=kwargs)


def _lazy(function, f, x, outputs, **keywords):
    """``function(f, chunk, **keywords)`` of every chunk of x, checked as ``derivative``
    says: a Dask array, or a tuple of ``outputs`` of them from one task per chunk."""
    api._function(f, keywords["args"], keywords["kwargs"])   # f callable, args a tuple...
    constants(keywords["args"], keywords["kwargs"])
    if function is api.derivative:   # (None too: derivative's order is a number)
        higher.factorials(higher._order(keywords["order"]))
    x = _input(x)
    if x.ndim:
        _check_now(function, f, x.ndim, keywords)
    run = ChunkFunction(function, f, x.size, keywords)
    signature = "()->" + ",".join(["()"] * outputs)
    out = da.apply_gufunc(run, signature, x, output_dtypes=(np.float64,) * outputs,
                          vectorize=False)
    if outputs > 1:
        return tuple(out)
    return (out,) if function is api.derivatives else out   # (derivatives to order 0)


def _input(x):
    """The Dask array x, checked: a dtype the in-memory call takes (its objects are checked
    chunk by chunk, when computed), and known chunk sizes."""
    if x.dtype.kind not in "biufO":
        raise api._not_real("x", np.empty(0, dtype=x.dtype))
    if np.isnan(x.size):
        raise ValueError("x has chunks of unknown size (after boolean indexing, say): call "
                         "x.compute_chunk_sizes() first; the rules' path, and so the bits, "
                         "depend on x's size")
    return x


def constants(args, kwargs):
    """TypeError for a Dask collection among f's further arguments."""
    named = [("args[%d]" % i, a) for i, a in enumerate(args)]
    named += [("kwargs[%r]" % k, v) for k, v in (kwargs or {}).items()]
    while named:   # inside lists, tuples and dicts too ([x] would compute in every task)
        name, value = named.pop()
        if isinstance(value, (list, tuple)):
            named += [("%s[%d]" % (name, i), v) for i, v in enumerate(value)]
        elif isinstance(value, dict):
            named += [("%s[%r]" % (name, k), v) for k, v in value.items()]
        elif dask.is_dask_collection(value):
            raise TypeError(
                "%s is a Dask collection (%s): f's further arguments are constants, given "
                "whole to f on every chunk, and would be computed into every task; pass "
                "its computed value (a number or a NumPy array: .compute()); a field of "
                "parameters per element makes f not elementwise (use dask.array.map_blocks "
                "over x and the field with jvp)" % (name, type(value).__name__))


# The made-up elements of the check when the graph is built: inside the domain of most
# functions (0 < t < 1), distinct, a few along each of the first two axes.
_SAMPLE = (3, 2)


def _check_now(function, f, ndim, keywords):
    """``function(f, sample, **keywords)`` on a small array of ``ndim`` axes, for its
    elementwise check (``api._check_elementwise``): its ValueError is raised now. Anything
    else f does at these made-up values (raise, warn) is left to the chunks, where x's own
    elements decide."""
    shape = (_SAMPLE + (1,) * ndim)[:ndim]
    sample = np.linspace(0.3, 0.7, int(np.prod(shape))).reshape(shape)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            function(f, sample, **keywords)
    except ValueError as err:
        if str(err).startswith(api._NOT_ELEMENTWISE.split("%s")[0]):
            raise ValueError(str(err)) from err
    except Exception:  # noqa: S110  (f at made-up values: x's chunks will tell)
        pass
