"""Jacobians, gradients and Hessians whose direction chunks are Dask tasks.

dualnum's ``jacobian``, ``gradient`` and ``hessian`` seed x along chunks of unit directions
and evaluate f once per chunk; the chunks are independent of each other. Here each chunk
(for the Hessian, each block of rows and columns of its lower triangle) is one
``dask.delayed`` task that evaluates f the in-memory way (``dualnum.api.along`` and
``hessian_block``, or one direction per evaluation, ``_one_pass_each``, where f converts its
input with ``np.asarray``), and the result is a lazy ``dask.array.Array`` of the in-memory
result's shape, chunked along the direction axes. Nothing is evaluated before it is
computed, except, in ``jacobian``, f once at x on floats, for the shape of its result.

What travels how. f, bound with ``args`` and ``kwargs`` (``dualnum.api._function``), and x,
copied when the function is called, are one node each of the graph: the threaded scheduler
shares them, the processes scheduler and dask.distributed pickle them with cloudpickle
(lambdas, closures and functions defined in ``__main__`` travel by value). A task carries
only the bounds of its directions and builds its own unit seeds where it runs (never an n x
n identity); it returns its columns of the Jacobian (shape ``f(x).shape + (k,)``) or its
block of the Hessian, and only those travel back.

Chunking (``chunk``: directions per task, rows and columns per block for the Hessian).
Given, any int >= 1 (a chunk larger than x.size is one task). By default, as many tasks as
the active scheduler runs at once (``_workers``: a dask.distributed Client's threads, the
threaded or processes scheduler's ``num_workers``, the CPU count unless set, 1 for the
synchronous scheduler), with at most ``dualnum.api.CHUNK`` directions a task and
``HESSIAN_CHUNK`` rows and columns a block, the most the in-memory functions give one
evaluation. The chunks are fixed in the graph when the function is called: computing it on
another scheduler gives the same tasks and the same bits.

Bits. Every task evaluates f as the in-memory function evaluates a pass of the same
directions, so the result equals, bit for bit and on every scheduler, the in-memory
evaluation of the same chunks. It equals ``dualnum.jacobian``'s, ``gradient``'s and
``hessian``'s wherever the chunks are theirs (one chunk of all directions up to
``dualnum.api.CHUNK`` inputs, one block up to ``HESSIAN_CHUNK``) or f's arithmetic along one
direction does not depend on how many others ride along, as in elementwise functions. A
product through BLAS (``@``, ``np.dot``) whose perturbation parts are dense, or a sum of a
product's result, may round its last bit differently for another number of directions
(the order of the sums follows the shape).

Errors that depend on f's result (an f that is not scalar-valued for ``gradient`` and
``hessian``, one that returns another shape than at x on floats, f raising) are raised by
``compute``, from the task that meets them; a RuntimeWarning for NaN second derivatives is
given by the task that finds them (in its worker's process).
"""
import math
import numbers
import uuid

import dask
import dask.array as da
import numpy as np

from .. import api
from .._scalar import new_tag
from ..api import (_extract, _function, _no_second_derivative, _not_scalar_valued,
                   _one_pass_each, _real_array, _scalar_valued, _unit_columns, along,
                   hessian_block)
from ..arrays import DirectionsError
from .elementwise import constants


def jacobian(f, x, *, args=(), kwargs=None, chunk=None):
    """Jacobian of f at x as a lazy Dask array of shape ``f(x).shape + x.shape``, each chunk
    of ``chunk`` directions (inputs) one task on the active scheduler (module docstring:
    the default chunking, what travels how, the bits).

    f, x, ``args`` and ``kwargs`` are checked as by ``dualnum.jacobian`` (the same
    TypeError and ValueError); x is held in memory (a NumPy array, a nested list or a
    number), and a Dask collection is a TypeError. f is evaluated once at x, on floats,
    for the shape of its result; the derivatives are computed by the tasks. ``chunk``: a
    positive int or None (TypeError, ValueError otherwise). ``compute`` raises the
    ValueError of f returning another shape on duals than on floats, and whatever f
    raises.

    >>> import numpy as np, dualnum.dask as dnd
    >>> J = dnd.jacobian(lambda p: p[0] * p[1:], [2.0, 3.0, 4.0], chunk=2)
    >>> J.shape, J.chunks
    ((2, 3), ((2,), (2, 1)))
    >>> J.compute()
    array([[3., 2., 0.],
           [4., 0., 2.]])
    """
    f, x = _checked(f, x, args, kwargs)
    bounds = _bounds(x.size, _chunk(chunk, x.size))
    out_shape = _out_shape(f, x)
    return _columns(f, x, bounds, out_shape, "jacobian").reshape(out_shape + x.shape)


def gradient(f, x, *, args=(), kwargs=None, chunk=None):
    """Gradient of a scalar-valued f at x as a lazy Dask array of x's shape, each chunk of
    ``chunk`` directions one task on the active scheduler. Nothing is evaluated before
    ``compute``, which raises ``dualnum.gradient``'s ValueError for an f that is not
    scalar-valued; f, x, ``args``, ``kwargs`` and ``chunk`` as in ``jacobian``.

    >>> import numpy as np, dualnum.dask as dnd
    >>> g = dnd.gradient(lambda p: np.sum(p ** 3), np.arange(4.0), chunk=3)
    >>> g.chunks, g.compute()
    (((3, 1),), array([ 0.,  3., 12., 27.]))
    """
    f, x = _checked(f, x, args, kwargs)
    bounds = _bounds(x.size, _chunk(chunk, x.size))
    return _columns(f, x, bounds, None, "gradient").reshape(x.shape)


def hessian(f, x, *, args=(), kwargs=None, chunk=None):
    """Hessian of a scalar-valued f at x as a lazy Dask array of shape ``x.shape +
    x.shape``, computed in blocks of ``chunk`` rows by ``chunk`` columns: each block of the
    lower triangle (the diagonal included) is one task, and the upper triangle its
    transpose, as ``dualnum.hessian`` mirrors its blocks. Nothing is evaluated before
    ``compute``, which raises ``dualnum.hessian``'s ValueError for an f that is not
    scalar-valued; f, x, ``args``, ``kwargs`` and ``chunk`` as in ``jacobian`` (the default
    chunk gives at least as many blocks of the lower triangle as the scheduler has
    workers, at most ``dualnum.api.HESSIAN_CHUNK`` rows and columns each).

    >>> import numpy as np, dualnum.dask as dnd
    >>> H = dnd.hessian(lambda p: p[0] ** 2 * p[1] + p[2] ** 3, [1.0, 2.0, 3.0], chunk=2)
    >>> H.chunks
    ((2, 1), (2, 1))
    >>> H.compute()
    array([[ 4.,  2.,  0.],
           [ 2.,  0.,  0.],
           [ 0.,  0., 18.]])
    """
    f, x = _checked(f, x, args, kwargs)
    n = x.size
    bounds = _bounds(n, _chunk(chunk, n, hessian=True))
    if n == 0:  # dualnum.hessian does not call f either
        return da.zeros(x.shape + x.shape)
    f_node, x_node, name = _nodes(f, x, "hessian")
    spans = list(zip(bounds, bounds[1:]))
    lower = {}
    for i, (r0, r1) in enumerate(spans):
        for j, (c0, c1) in enumerate(spans[:i + 1]):
            task = dask.delayed(_hessian_block, pure=True)(
                f_node, x_node, r0, r1, c0, c1, dask_key_name="%s-%d-%d" % (name, i, j))
            lower[i, j] = da.from_delayed(task, (r1 - r0, c1 - c0), dtype=np.float64,
                                          meta=np.empty((0, 0)))
    # dualnum.hessian writes a block, then its transpose: on the diagonal the transpose
    # is what stays
    rows = [[lower[i, j] if i > j else lower[j, i].T for j in range(len(spans))]
            for i in range(len(spans))]
    return da.block(rows).reshape(x.shape + x.shape)


# ---- the tasks (module functions: pickled by reference, dualnum imported where they run) ----

def _jacobian_columns(f, x, start, stop, out_shape):
    """Columns start..stop-1 of f's Jacobian at x, shape ``f(x).shape + (stop - start,)``,
    as ``dualnum.api._passes`` computes a pass of them (one direction per evaluation where
    f converts its input with np.asarray). ``out_shape``: the shape f's result must have
    (None: a scalar, for ``gradient``)."""
    tag, seeds = new_tag(), _unit_columns(x, start, stop)
    try:
        part = along(f, x, seeds, tag)
    except DirectionsError:
        part = _one_pass_each(f, x, "dual", seeds, tag=tag)
    if out_shape is None and part.ndim != 1:
        raise _not_scalar_valued(part.shape[:-1])
    if out_shape is not None and part.shape[:-1] != out_shape:
        raise ValueError("f returned shape %s at x on floats and %s on duals (directions "
                         "%d to %d): a Jacobian's shape is f(x)'s, and f must return the "
                         "same shape each time" % (out_shape, part.shape[:-1], start,
                                                   stop - 1))
    return part


def _hessian_block(f, x, r0, r1, c0, c1):
    """H[r0:r1, c0:c1] (r0 >= c0) of a scalar-valued f at x, as ``dualnum.hessian``
    computes such a block; where f converts its input with np.asarray, one pair of
    directions per evaluation, the first direction the smaller index, as
    ``dualnum.hessian``'s fall-back orders them."""
    tag = new_tag()
    try:
        part = hessian_block(f, x, r0, r1, c0, c1, tag)
    except DirectionsError:
        columns = _unit_columns(x, c0, c1)
        rows = columns if (r0, r1) == (c0, c1) else _unit_columns(x, r0, r1)
        part = _scalar_valued(_one_pass_each(f, x, "eps1eps2", columns, rows, tag=tag)).T
    return _no_second_derivative(part)


# ---- building the graph ----

def _checked(f, x, args, kwargs):
    """(f bound with its further arguments, x as a read-only float ndarray of its own), as
    ``dualnum.jacobian`` checks them; TypeError for a Dask collection x, which would be
    materialised."""
    if dask.is_dask_collection(x):
        raise TypeError("x must be held in memory (a NumPy array, a nested list or a "
                        "number), not a Dask %s: dualnum.dask.jacobian, gradient and "
                        "hessian spread x's directions over tasks, not its elements; pass "
                        "x.compute() (for an elementwise f over a Dask array, take "
                        "dualnum.dask's elementwise derivatives)" % type(x).__name__)
    f, x = _function(f, args, kwargs), _real_array(x)
    constants(args, kwargs)   # (f's constants travel whole into every task)
    x = x.copy()  # the point at the call, whatever the caller writes into x later
    x.flags.writeable = False
    return f, x


def _chunk(chunk, n, hessian=False):
    """The directions per task (rows and columns per block for the Hessian) for n inputs:
    ``chunk`` checked, or the default of the module docstring."""
    if chunk is None:
        workers = _workers()
        if hessian:  # t(t + 1) / 2 blocks of the lower triangle for t blocks a side
            t = math.ceil((math.sqrt(8 * workers + 1) - 1) / 2)
            return max(1, min(api.HESSIAN_CHUNK, -(-n // t)))
        return max(1, min(api.CHUNK, -(-n // workers)))
    if isinstance(chunk, bool) or not isinstance(chunk, numbers.Integral):
        raise TypeError("chunk must be an int, the directions per task (rows and columns "
                        "per block for hessian), or None for the default, not %s"
                        % type(chunk).__name__)
    if chunk < 1:
        raise ValueError("chunk must be at least 1 direction per task, not %d" % chunk)
    return int(chunk)


def _workers():
    """How many tasks the active scheduler runs at once: the threads of a dask.distributed
    Client's workers, 1 for the synchronous scheduler, else (threads, processes) Dask's
    ``num_workers`` setting or the CPU count, as those schedulers size their pools."""
    get = dask.base.get_scheduler(cls=da.Array)
    client = getattr(get, "__self__", None)
    if client is not None and hasattr(client, "nthreads"):  # a Client's get
        return max(1, sum(client.nthreads().values()))
    if get is dask.local.get_sync:
        return 1
    return dask.config.get("num_workers", None) or dask.system.CPU_COUNT


def _bounds(n, chunk):
    """The bounds of the chunks of n directions, ``chunk`` each (the last shorter); one
    empty chunk for n = 0, as ``dualnum.jacobian`` evaluates f once with no directions.

    >>> _bounds(10, 3), _bounds(2, 5), _bounds(0, 4)
    ([0, 3, 6, 9, 10], [0, 2], [0, 0])
    """
    return list(range(0, n, chunk)) + [n] if n else [0, 0]


def _out_shape(f, x):
    """The shape of f's result at x, from one evaluation on floats (a copy of x: f may write
    into its argument)."""
    y = f(np.array(x))
    if isinstance(y, np.ndarray) and y.dtype.kind in "biuf":
        return y.shape
    return np.shape(_extract(y, "real", tag=new_tag()))


def _nodes(f, x, kind):
    """The graph's nodes of f and x, and the name of the call's tasks (fresh: f need not be
    pure, so no two calls share a key)."""
    name = "dualnum-%s-%s" % (kind, uuid.uuid4().hex)
    return (dask.delayed(f, name=name + "-f", pure=True),
            dask.delayed(x, name=name + "-x", pure=True), name)


def _columns(f, x, bounds, out_shape, kind):
    """The lazy Jacobian, shape ``out_shape + (x.size,)`` (``(x.size,)`` for out_shape
    None), one task of ``_jacobian_columns`` per chunk of ``bounds``, joined along the last
    axis."""
    f_node, x_node, name = _nodes(f, x, kind)
    shape = out_shape if out_shape is not None else ()
    meta = np.empty((0,) * (len(shape) + 1))
    chunks = []
    for j, (start, stop) in enumerate(zip(bounds, bounds[1:])):
        task = dask.delayed(_jacobian_columns, pure=True)(
            f_node, x_node, start, stop, out_shape, dask_key_name="%s-%d" % (name, j))
        chunks.append(da.from_delayed(task, shape + (stop - start,), dtype=np.float64,
                                      meta=meta))
    return chunks[0] if len(chunks) == 1 else da.concatenate(chunks, axis=-1)
