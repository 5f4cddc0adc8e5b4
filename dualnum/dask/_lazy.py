"""Lazy dual arrays: the parts of a DualArray or HyperDualArray held as Dask arrays.

A lazy array holds one ``dask.array.Array`` per part, as the in-memory classes
(:mod:`dualnum.arrays.container`) hold one ndarray per part: ``real`` of shape S, each
perturbation part of shape S plus its direction axes (one, of length 1, for a plain array;
those of k directions with ``directional``). The parts share their chunks over S; each
direction axis is one chunk.

An operation that acts on elements where they are (a ufunc, an operator, ``where``,
``clip``) or on whole rows and columns (a matrix product) is a task per chunk that rebuilds
the chunk's in-memory dual array from its parts and calls the in-memory implementation on it
(:func:`chunkwise`), so each element of the result is the in-memory result's, bit for bit:
a rule whose kernel or NumPy twin is chosen by the array's size takes the choice of the
whole array (``sized_as``), not of the chunk. A linear operation that only moves or sums
elements (indexing, reshape, sums) is Dask's own operation on each part.

Nothing here computes: building a result only adds tasks to the parts' graphs. A small
evaluation of the in-memory implementation on one-element examples (:func:`probe`) tells
the result's type, directions and tag, and raises the in-memory errors (a mix of Dual and
HyperDual, perturbation confusion, an unhandled ufunc) when the operation is written, not
when it is computed.
"""
import functools
import math
import numbers
import operator
import warnings

import dask
import dask.array as da
import numpy as np
from dask.highlevelgraph import HighLevelGraph

from .. import arrays as memory
from .._scalar import Dual, HyperDual
from ..arrays._storage import ArrayBase, sized_as
from ..arrays._util import RefusedConversions, ShapeMethods, expand_key
from ..arrays.parts import DualParts, HyperDualParts, ValuesShape
from ..arrays.elementwise import binary, unary
from ..arrays.operands import defer_to, from_scalar
from ..arrays.reductions import scalar_or_array
from .masks import merged
from .methods import LazyMethods, refuse

_FLOAT = np.float64
# NumPy function -> implementation on lazy dual arrays (NEP 18), filled by array_functions
HANDLED_FUNCTIONS = {}
# ufuncs that are not elementwise (np.matmul) -> implementation (NEP 13)
SPECIAL_UFUNCS = {}
_COMPUTE_FIRST = ("call .compute() first for the in-memory %s, which implements it (or "
                  "use the parts, lazy Dask arrays: %s)")


def implements(*functions):
    """Register the decorated function as the lazy arrays' implementation of each of
    ``functions`` (NumPy functions)."""
    def register(impl):
        for f in functions:
            HANDLED_FUNCTIONS[f] = impl
        return impl
    return register


class LazyArray(ValuesShape, RefusedConversions, ShapeMethods, LazyMethods):
    """What the lazy DualArray and HyperDualArray share: parts, shape, indexing, operators,
    NumPy's protocols and Dask's collection protocol. ``_memory`` is the in-memory class
    whose facts (part names, direction axes) and implementations it takes."""

    __slots__ = ("_parts", "_directional", "_tag")
    _memory = None
    __array_priority__ = 30  # above the in-memory classes' 20 and Dask's 11

    def __init__(self, real, *perturbations, directional=False):
        cls = self._memory
        parts = [_float_part(p, n, type(self).__name__)
                 for p, n in zip((real,) + perturbations, cls._names)]
        if any(math.isnan(s) for p in parts for s in p.shape):
            raise ValueError("a part of a %s has axes of unknown length (a boolean mask's "
                             "result): call its .compute_chunk_sizes() first, so that the "
                             "parts can be broadcast and chunked alike" % type(self).__name__)
        cores = cls._dir_ndim[1:]
        if directional:
            shape = np.broadcast_shapes(parts[0].shape, *[
                p.shape[:p.ndim - c] for p, c in zip(parts[1:], cores)])
            directions = cls._direction_shapes(None, parts)[1:]
        else:
            shape = np.broadcast_shapes(*[p.shape for p in parts])
            parts = [parts[0]] + [p.reshape(p.shape + (1,) * c) for p, c in
                                  zip(parts[1:], cores)]
            directions = [(1,) * c for c in cores]
        targets = [shape] + [shape + d for d in directions]
        parts = [p if p.shape == t else da.broadcast_to(p, t) for p, t in zip(parts, targets)]
        self._parts = aligned(parts, cls._dir_ndim)
        self._directional = bool(directional)
        self._tag = 0

    @classmethod
    def _new(cls, parts, directional, tag):
        """A lazy array holding ``parts`` (aligned Dask arrays) as they are."""
        self = object.__new__(cls)
        self._parts = tuple(parts)
        self._directional = directional
        self._tag = tag
        return self

    def _with_parts(self, parts):
        return self._new(parts, self._directional, self._tag)

    # ---- parts and shape ----
    @property
    def real(self):
        """The real parts: a Dask array of shape S."""
        return self._parts[0]

    def _public(self, i):
        """Part i as the user sees it: without its direction axes unless directional."""
        part, core = self._parts[i], self._memory._dir_ndim[i]
        if self._directional or not core:
            return part
        return part[(Ellipsis,) + (0,) * core]

    @property
    def chunks(self):
        """The chunks of S, as Dask's ``Array.chunks``."""
        return self._parts[0].chunks

    @property
    def dtype(self):
        """float64, the dtype of every part."""
        return self._parts[0].dtype

    def _direction_shapes(self):
        return [p.shape[p.ndim - c:] for p, c in zip(self._parts, self._memory._dir_ndim)]

    def __len__(self):
        if self.ndim == 0:
            raise TypeError("len() of a 0-d %s" % _name(self))
        return self.shape[0]

    def __repr__(self):
        directions = ", directions=%s" % (self.directions,) if self._directional else ""
        return "%s<shape=%s, chunks=%s%s>" % (_name(self), self.shape, self.chunks,
                                              directions)

    # ---- structure: each part alike, its direction axes left alone ----
    def _map(self, fn):
        return self._with_parts([fn(p, c) for p, c in zip(self._parts, self._memory._dir_ndim)])

    def __getitem__(self, key):
        if isinstance(key, (LazyArray, ArrayBase)) or (
                isinstance(key, tuple) and any(isinstance(k, (LazyArray, ArrayBase))
                                               for k in key)):
            raise IndexError("dual arrays cannot be used as indices")
        key = expand_key(key, self.ndim)
        masked = merged(self._parts, self.shape, key)
        if masked is not None:  # a boolean mask of several axes
            parts, key, new_axes = masked
            out = self._with_parts([p[key + (Ellipsis,)] for p in
                                    aligned(parts, self._memory._dir_ndim)])
            return out if new_axes is None else out[new_axes]
        key += (Ellipsis,)
        return self._map(lambda p, c: p[key])

    def __setitem__(self, key, value):
        raise TypeError("a %s is not written in place: build a new one (np.where(mask, "
                        "value, x), np.concatenate), or call .compute() first for the "
                        "in-memory %s" % (_name(self), self._memory.__name__))

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


    # ---- conversions that would compute and drop derivatives ----
    def _refuse_conversion(self, target):
        raise TypeError(
            "cannot convert a %s to %s: that would compute it and drop its derivative parts; "
            "call .compute() first for the in-memory %s, or use the parts, lazy Dask "
            "arrays: .real for the values (and %s for the derivatives)" % (
                _name(self), target, self._memory.__name__,
                ", ".join("." + n for n in self._memory._names[1:])))

    def __array__(self, dtype=None, copy=None):
        self._refuse_conversion("a NumPy array (np.asarray)")

    def __bool__(self):
        self._refuse_conversion("bool")

    __hash__ = None

    # ---- Dask's own functions: a lazy dual array is one Dask array per part, not one ----
    def to_dask_array(self, *args, **kwargs):
        """Raises TypeError: da.asarray and da.asanyarray, which the functions of dask.array
        (da.sum, da.stack, ...) call on their operands, take an object that has this method
        as the Dask array it returns; otherwise they would wrap the lazy array as one
        element (with a warning) or compute it."""
        raise TypeError(_dask_functions(self))

    @property
    def shards(self):
        """Raises TypeError: da.from_array reads it (a Zarr array's shards) before it would
        wrap the lazy array as one element."""
        raise TypeError(_dask_functions(self))

    # ---- NumPy's protocols ----
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: a ufunc's call, chunk by chunk through the in-memory implementation
        (matmul: :mod:`.array_functions`); TypeError for its methods and keywords."""
        name = "numpy.%s" % ufunc.__name__
        if method != "__call__":
            raise TypeError("%s.%s is not implemented for lazy dual arrays (dualnum.dask): "
                            "use the NumPy function (np.sum, np.cumsum, ...) or "
                            % (name, method) + _compute_first(self))
        if kwargs:
            refuse(ufunc.__name__, "%s=" % sorted(kwargs)[0],
                   "a lazy result is a new array; apply the keyword after .compute()")
        if not all(_operand(x) for x in inputs):
            return NotImplemented
        special = SPECIAL_UFUNCS.get(ufunc)
        if special is not None:
            return special(*inputs)
        if ufunc.signature is not None:
            raise TypeError("%s is not implemented for lazy dual arrays (dualnum.dask): "
                            % name + _compute_first(self))
        if ufunc.__name__.endswith(" (vectorized)"):  # np.frompyfunc's: object arrays
            raise TypeError(
                "the ufunc %s of np.frompyfunc, which dualnum's functions call for an array "
                "of parameters (dualnum.jv(v, x)), runs on object arrays: lazy dual arrays "
                "take scipy.special's ufunc (scipy.special.jv(v, x)) or one number of "
                "parameters per call; or " % ufunc.__name__ + _compute_first(self))
        return elementwise(ufunc, inputs)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: HANDLED_FUNCTIONS, or a TypeError naming func and the fix."""
        impl = HANDLED_FUNCTIONS.get(func)
        if impl is None:
            raise TypeError("%s.%s is not implemented for lazy dual arrays (dualnum.dask), "
                            "and nothing is computed silently: " % (
                                getattr(func, "__module__", "numpy"), func.__name__)
                            + _compute_first(self))
        if not all(issubclass(t, (LazyArray, ArrayBase, np.ndarray, da.Array))
                   for t in types):
            return NotImplemented
        return impl(*args, **kwargs)

    # ---- Dask's collection protocol: dask.compute(x), x.persist() ----
    def __dask_graph__(self):
        return HighLevelGraph.merge(*[p.__dask_graph__() for p in self._parts])

    def __dask_keys__(self):
        return [p.__dask_keys__() for p in self._parts]

    def __dask_layers__(self):
        return sum((p.__dask_layers__() for p in self._parts), ())

    def __dask_tokenize__(self):
        return (type(self).__name__, [p.name for p in self._parts], self._directional,
                self._tag)

    __dask_optimize__ = staticmethod(da.Array.__dask_optimize__)
    __dask_scheduler__ = staticmethod(da.Array.__dask_scheduler__)

    def __dask_postcompute__(self):
        return _finalize, (self._memory, [p.__dask_postcompute__() for p in self._parts],
                           self._directional, self._tag)

    def __dask_postpersist__(self):
        return _rebuild, (type(self), [p.__dask_postpersist__() for p in self._parts],
                          self._directional, self._tag)

    def compute(self, **kwargs):
        """The in-memory DualArray or HyperDualArray (a scalar dual for a 0-d array
        without directions, as NumPy's full reductions give), computed by the active Dask
        scheduler (``dask.compute`` keywords)."""
        return dask.compute(self, **kwargs)[0]

    def persist(self, **kwargs):
        """A lazy array of the same parts, computed and kept by the scheduler (workers'
        memory on a cluster): ``dask.persist``."""
        return dask.persist(self, **kwargs)[0]

    # ---- operators: each the in-memory operator, chunk by chunk ----
    def _operator(op, swap=False):
        def method(self, other):
            if not _operand(other):
                return NotImplemented
            return elementwise(op, (other, self) if swap else (self, other))
        return method

    __add__, __radd__ = _operator(operator.add), _operator(operator.add, True)
    __sub__, __rsub__ = _operator(operator.sub), _operator(operator.sub, True)
    __mul__, __rmul__ = _operator(operator.mul), _operator(operator.mul, True)
    __truediv__ = _operator(operator.truediv)
    __rtruediv__ = _operator(operator.truediv, True)
    __pow__, __rpow__ = _operator(operator.pow), _operator(operator.pow, True)
    __floordiv__ = _operator(operator.floordiv)
    __rfloordiv__ = _operator(operator.floordiv, True)
    __mod__, __rmod__ = _operator(operator.mod), _operator(operator.mod, True)
    __lt__, __le__ = _operator(operator.lt), _operator(operator.le)
    __gt__, __ge__ = _operator(operator.gt), _operator(operator.ge)
    __eq__, __ne__ = _operator(operator.eq), _operator(operator.ne)
    del _operator

    # divmod() calls the lazy implementation itself: np.divmod(dual, lazy) would ask the
    # scalar dual first, whose compiled protocol calls divmod(dual, lazy) again
    def __divmod__(self, other):
        return self.__array_ufunc__(np.divmod, "__call__", self, other)

    def __rdivmod__(self, other):
        return self.__array_ufunc__(np.divmod, "__call__", other, self)

    def __matmul__(self, other):
        return np.matmul(self, other)

    def __rmatmul__(self, other):
        return np.matmul(other, self)

    # ---- dualnum's functions (dualnum.sin(x), dualnum.arctan2(y, x)): the compiled
    # functions hand an operand they do not know to these, as they hand Taylor series ----
    def _apply_rule(self, name, *params):
        """The rule ``name`` (with its number parameters), chunk by chunk through the
        in-memory arrays' rule, as dualnum.NAME applies it to an in-memory array."""
        return elementwise(functools.partial(_rule, name), (self,) + params)

    def _apply_rule2(self, name, x, y):
        """The rule ``name`` of two arguments of x and y (one of them this array), chunk by
        chunk through the in-memory arrays' rule."""
        return elementwise(functools.partial(binary, name), (x, y))

    def __neg__(self):
        return elementwise(operator.neg, (self,))

    def __pos__(self):
        return elementwise(operator.pos, (self,))

    def __abs__(self):
        return elementwise(operator.abs, (self,))


def _name(x):
    return "dualnum.dask." + type(x).__name__


def _rule(name, x, *params):
    """dualnum.NAME's rule on a chunk (a scalar dual for a 0-d chunk without directions,
    as a 0-d array, as the in-memory array is)."""
    if isinstance(x, (Dual, HyperDual)):
        x = from_scalar(memory.DualArray if isinstance(x, Dual) else memory.HyperDualArray, x)
    return unary(name, x, *params)


def _dask_functions(x):
    """The refusal of dask.array's functions (da.asarray, da.from_array, da.sum, ...)."""
    return ("dask.array's functions do not take a %s, which holds one Dask array per part: "
            "use NumPy's functions, which it implements lazily (np.sum(x) or x.sum(), "
            "np.stack, np.where, ...), or Dask's on the parts, lazy Dask arrays (%s)"
            % (_name(x), ", ".join("." + n for n in x._memory._names)))


def _compute_first(x):
    return _COMPUTE_FIRST % (x._memory.__name__, ", ".join(
        "." + n for n in x._memory._names))


def _finalize(results, cls, posts, directional, tag):
    """The in-memory array of the computed parts (the parts' own finalize joins their
    chunks)."""
    parts = [np.asarray(f(r, *a), dtype=_FLOAT) for r, (f, a) in zip(results, posts)]
    return scalar_or_array(cls._wrap(tuple(parts), directional, tag))


def _rebuild(dsk, cls, posts, directional, tag, rename=None):
    return cls._new([f(dsk, *a, rename=rename) for f, a in posts], directional, tag)


# ---- operands ----

_NUMBERS = (numbers.Real, np.number, np.bool_)


def _operand(x):
    """x is an operand the lazy arrays take: lazy and in-memory dual arrays, scalar duals,
    Dask and NumPy arrays, real numbers (lists become arrays)."""
    return isinstance(x, (LazyArray, ArrayBase, Dual, HyperDual, da.Array, np.ndarray,
                          _NUMBERS, list, tuple))


def _float_part(value, name, owner):
    """A part given to a lazy array's constructor: a float64 Dask array (numbers and NumPy
    arrays through ``da.asarray``); TypeError for dual arrays and non-real data."""
    if isinstance(value, (LazyArray, ArrayBase, Dual, HyperDual)):
        raise TypeError("the %s part of a %s must hold real numbers, not a %s: its parts "
                        "are the parts to pass" % (name, owner, type(value).__name__))
    part = value if isinstance(value, da.Array) else da.asarray(np.asarray(value))
    if part.dtype.kind not in "biuf":
        raise TypeError("the %s part of a %s must hold real numbers, not an array of dtype "
                        "%s" % (name, owner, part.dtype))
    return part.astype(_FLOAT)


def aligned(parts, cores):
    """The parts with the same chunks over S and each direction axis one chunk."""
    ndim = parts[0].ndim
    args, extra = [], ndim
    for p, c in zip(parts, cores):
        if c:
            p = p.rechunk({a: -1 for a in range(ndim, ndim + c)})
        args += [p, tuple(range(ndim)) + tuple(range(extra, extra + c))]
        extra += c
    return tuple(da.core.unify_chunks(*args)[1])


def as_lazy(x, like):
    """x (a lazy or in-memory dual array of like's type, a constant) as a lazy array of
    like's type, directions and tag: a constant's perturbation parts are zero. TypeError
    for another dual type or other directions (the in-memory rules of joining them)."""
    if isinstance(x, ArrayBase):
        x = type_of(x)._new(aligned([da.asarray(p) for p in x._parts], x._dir_ndim),
                            x._directional, x._tag)
    if isinstance(x, LazyArray):
        if type(x) is not type(like):
            raise TypeError("cannot combine a %s with a %s" % (_name(x), _name(like)))
        if x._direction_shapes() != like._direction_shapes():
            raise ValueError("cannot combine lazy dual arrays with other directions: %s and "
                             "%s" % (x.directions, like.directions))
        return x
    if isinstance(x, (Dual, HyperDual)):
        raise TypeError("scalar duals are not joined to lazy dual arrays here: make a lazy "
                        "array of it first")
    real = da.asarray(np.asarray(x) if not isinstance(x, da.Array) else x).astype(_FLOAT)
    parts = [real] + [da.zeros(real.shape + d, chunks=real.chunks + tuple((n,) for n in d))
                      for d in like._direction_shapes()[1:]]
    return type(like)._new(parts, like._directional, like._tag)


# ---- chunk by chunk: the in-memory implementation on each chunk ----

def in_memory(cls, parts, directional, tag):
    """The in-memory array of a chunk's parts, as the in-memory layer holds it: a scalar
    dual for a 0-d array without directions."""
    x = cls._wrap(tuple(np.asarray(p, dtype=_FLOAT) for p in parts), directional, tag)
    return scalar_or_array(x)


class ChunkCall:
    """The task of one output chunk: rebuild each operand's chunk (``spec``: per operand
    ``("dual", (cls, nparts, directional, tag))``, ``("array", None)`` or ``("value", v)``)
    and call ``func`` on them, choosing each rule's path as for an array of ``size``
    elements (the whole array's: None, the chunk's own; or a lazy 0-d argument after the
    chunks, for a size known only when computed). ``broadcast_divide``: the call is a
    division of a dual array by a constant of another whole shape, whose in-memory path
    (elementwise.binary) a chunk of the same shape must take too. ``joins``: per chunk
    argument, the positions of its axes that the output lacks (a contracted axis, the
    direction axes), whose blocks come as nested lists (:func:`joined`)."""

    def __init__(self, func, spec, size, kwargs, broadcast_divide=False, joins=()):
        self.func, self.spec, self.size, self.kwargs = func, spec, size, kwargs
        self.broadcast_divide = broadcast_divide
        self.joins = joins

    def __call__(self, *chunks):
        chunks = [joined(c, axes) for c, axes in zip(chunks, self.joins)]
        size = self.size
        if size == "lazy":
            size = int(chunks.pop())
        args, at = [], 0
        for kind, payload in self.spec:
            if kind == "dual":
                cls, n, directional, tag = payload
                args.append(in_memory(cls, chunks[at:at + n], directional, tag))
                at += n
            elif kind == "array":
                args.append(chunks[at])
                at += 1
            else:
                args.append(payload)
        with sized_as(size or 0):
            if self.broadcast_divide and isinstance(args[0], ArrayBase) \
                    and np.shape(args[1]) == args[0].shape:
                return binary("divide", *args)
            return self.func(*args, **self.kwargs)


def joined(blocks, axes):
    """An argument's blocks along ``axes``, its axes that the output lacks (nested lists, a
    level per axis; none: the block itself), as one array laid out in the first block's
    axis order (Dask's own join lays it out in C order). A product's operand keeps the
    layout that the in-memory operand has, and so its bits: BLAS rounds a product with a
    transposed operand (``x @ x.T``, an F-ordered view in memory) otherwise than with its C
    copy."""
    if not axes:
        return blocks
    first, single = blocks, True
    for _ in axes:
        single = single and len(first) == 1
        first = first[0]
    if single:
        return first
    whole = da.core.concatenate_axes(blocks, axes)
    out = np.empty_like(first, shape=np.shape(whole), order="K")
    out[...] = whole
    return out


def _example(x):
    """A one-element example of operand x (a part of each element: 0.5, inside the domain
    of most rules), for :func:`probe`."""
    if isinstance(x, LazyArray):
        ones = (1,) * x.ndim
        parts = [np.full(ones + d, 0.5) for d in x._direction_shapes()]
        return in_memory(x._memory, parts, x._directional, x._tag)
    if isinstance(x, da.Array):
        return np.full((1,) * x.ndim, 1 if x.dtype.kind == "b" else 0.5, dtype=x.dtype)
    return x


def probe(func, args, kwargs):
    """func on one-element examples of its operands: the result's structure (its type,
    directions, tag), and the in-memory errors at once. Values are not looked at: floating
    point warnings are silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return func(*[_example(a) for a in args], **kwargs)


def _lazy_operands(args):
    """Each operand as what a chunk call takes: lazy dual arrays and Dask arrays stay (an
    in-memory dual array becomes a lazy one of one chunk, a NumPy array a Dask one, a list
    an ndarray first); numbers and scalar duals are passed as they are."""
    out = []
    for a in args:
        if isinstance(a, ArrayBase):
            a = type_of(a)._new(aligned([da.asarray(p) for p in a._parts], a._dir_ndim),
                                a._directional, a._tag)
        elif isinstance(a, (list, tuple)):
            a = np.asarray(a)
        if isinstance(a, np.ndarray):
            a = da.asarray(a)
        out.append(a)
    return out


def type_of(x):
    """The lazy class of an in-memory dual array's."""
    return LAZY_OF[type(x)]


LAZY_OF = {}  # in-memory class -> lazy class (filled by the classes below)


def chunkwise(func, args, indices, out_index, kwargs=None, new_sizes=None, size=None,
              broadcast_divide=False):
    """func applied chunk by chunk (Dask's ``blockwise``) to ``args`` (operands: see
    :func:`_lazy_operands`), whose S axes carry ``indices`` (a tuple per operand, None for
    a number), giving an array of axes ``out_index``. An index that is in operands and not
    in ``out_index`` is contracted: its chunks are joined into one (a matrix product's
    inner axis). ``size``: the elements whose count chooses the rules' paths (default: the
    first dual operand's whole array). The result (a lazy dual array, a Dask array, or a
    tuple of them) has the type, directions and tag of ``probe``'s."""
    kwargs = kwargs or {}
    args = _lazy_operands(args)
    example = probe(func, args, kwargs)
    spec, blockwise_args, extra = [], [], 10 ** 6  # direction axes: indices of their own
    for a, ind in zip(args, indices):
        if isinstance(a, LazyArray):
            spec.append(("dual", (a._memory, len(a._parts), a._directional, a._tag)))
            for p, c in zip(a._parts, a._memory._dir_ndim):
                blockwise_args += [p, tuple(ind) + tuple(range(extra, extra + c))]
                extra += c
        elif isinstance(a, da.Array):
            spec.append(("array", None))
            blockwise_args += [a, tuple(ind)]
        else:
            spec.append(("value", a))
    if size is None:
        first = next((a for a in args if isinstance(a, LazyArray)), None)
        size = None if first is None else first.size
    if size is not None and math.isnan(size):  # after a boolean mask: counted when computed
        first = next(a for a in args if isinstance(a, LazyArray))
        blockwise_args += [da.sum(da.ones_like(first.real, dtype=np.int64)), ()]
        size = "lazy"
    out_index = tuple(out_index)
    joins = [tuple(i for i, k in enumerate(ind) if k not in out_index)
             for ind in blockwise_args[1::2]]
    call = ChunkCall(func, spec, size, kwargs, broadcast_divide, joins)
    whole = da.blockwise(call, out_index, *blockwise_args, concatenate=False,
                         new_axes=new_sizes, dtype=_FLOAT,
                         meta=np.empty((0,) * len(out_index), dtype=_FLOAT))
    if isinstance(example, tuple):
        return tuple(_result(whole, e, j) for j, e in enumerate(example))
    return _result(whole, example, None)


def _result(whole, example, j):
    """The lazy result of the chunk calls ``whole`` (element j of each call's tuple where j
    is not None) shaped as ``example`` is."""
    nd = whole.ndim
    if isinstance(example, (ArrayBase, Dual, HyperDual)):
        cls = type(example) if isinstance(example, ArrayBase) else \
            memory.DualArray if isinstance(example, Dual) else memory.HyperDualArray
        if isinstance(example, ArrayBase):
            shapes = [p.shape[np.ndim(p) - c:] for p, c in
                      zip(example._parts, cls._dir_ndim)]
            directional, tag = example._directional, example._tag
        else:
            shapes, directional, tag = [(1,) * c for c in cls._dir_ndim], False, example._tag
        parts = []
        for i, (d, c) in enumerate(zip(shapes, cls._dir_ndim)):
            parts.append(whole.map_blocks(
                _part, j, i, cls._names[i], c, dtype=_FLOAT,
                chunks=whole.chunks + tuple((n,) for n in d),
                new_axis=list(range(nd, nd + c)) if c else None,
                meta=np.empty((0,) * (nd + c), dtype=_FLOAT)))
        return LAZY_OF[cls]._new(parts, directional, tag)
    dtype = np.asarray(example).dtype
    return whole.map_blocks(_plain, j, dtype=dtype, meta=np.empty((0,) * nd, dtype=dtype))


def _part(result, j, i, name, core):
    """Part i of a chunk call's result (of its element j): an array of a dual array's
    parts, or of a scalar dual's (0-d), with its direction axes."""
    r = result if j is None else result[j]
    if isinstance(r, ArrayBase):
        return np.asarray(r._parts[i], dtype=_FLOAT)
    return np.full((1,) * core, getattr(r, name), dtype=_FLOAT)


def _plain(result, j):
    return np.asarray(result if j is None else result[j])


def elementwise(func, operands, kwargs=None):
    """func (a ufunc, an operator, np.where, np.clip) of operands that broadcast as NumPy
    broadcasts them, chunk by chunk."""
    ndims = [np.ndim(o) if not isinstance(o, (LazyArray, da.Array)) else o.ndim
             for o in operands]
    shapes = [o.shape if isinstance(o, (LazyArray, da.Array)) else np.shape(o)
              for o in operands if _holds_elements(o)]
    if not any(math.isnan(s) for shape in shapes for s in shape):
        np.broadcast_shapes(*shapes)   # NumPy's error now, not Dask's about chunks later
    nd = max(ndims)
    indices = [tuple(range(nd - n, nd)) if _holds_elements(o) else None
               for o, n in zip(operands, ndims)]
    divide = func in (np.divide, operator.truediv) and len(operands) == 2 \
        and isinstance(operands[0], (LazyArray, ArrayBase)) \
        and not isinstance(operands[1], (LazyArray, ArrayBase, Dual, HyperDual)) \
        and np.shape(operands[1]) != operands[0].shape
    return chunkwise(func, operands, indices, range(nd), kwargs, broadcast_divide=divide)


def _holds_elements(x):
    """x is an array operand (split into chunks), not a number passed whole."""
    return isinstance(x, (LazyArray, ArrayBase, da.Array, np.ndarray, list, tuple))


class DualArray(DualParts, LazyArray):
    """A lazy array of dual numbers a + b e whose parts ``real`` and ``dual`` are Dask
    arrays (numbers and NumPy arrays are converted with ``da.asarray``), broadcast and given
    the same chunks; with ``directional=True``, ``dual`` has shape ``S + (k,)``.

    NumPy's ufuncs, dualnum's functions (``dualnum.sin(x)``), the operators and the
    functions of ``HANDLED_FUNCTIONS`` build lazy results; ``.compute()`` (or
    ``dask.compute``) gives the in-memory ``dualnum.DualArray``, equal bit for bit to the
    in-memory computation (see the README). Anything else raises a TypeError naming it:
    nothing is computed silently.

    Raises TypeError for parts that are not real numbers.

    >>> import numpy as np, dask.array as da, dualnum.dask as dd
    >>> x = dd.DualArray(da.linspace(0.0, 1.0, 4, chunks=2), 1.0)
    >>> y = np.sum(np.sin(x) ** 2)
    >>> y
    dualnum.dask.DualArray<shape=(), chunks=()>
    >>> round(float(y.dual.compute()), 12)  # the sum of 2 sin(t) cos(t)
    2.499605131259
    """

    __slots__ = ()
    _memory = memory.DualArray

    def __init__(self, real, dual=0.0, *, directional=False):
        super().__init__(real, dual, directional=directional)



class HyperDualArray(HyperDualParts, LazyArray):
    """A lazy array of hyper-dual numbers a + b e1 + c e2 + d e1e2 whose parts ``real``,
    ``eps1``, ``eps2`` and ``eps1eps2`` are Dask arrays, as :class:`DualArray` (with
    ``directional=True``: ``eps1`` ``S + (k,)``, ``eps2`` ``S + (m,)``, ``eps1eps2``
    ``S + (k, m)``); ``.compute()`` gives the in-memory ``dualnum.HyperDualArray``.

    >>> import numpy as np, dask.array as da, dualnum.dask as dd
    >>> x = dd.HyperDualArray(da.from_array(np.array([1.0, 2.0]), chunks=1), 1.0, 1.0)
    >>> (x ** 3).eps1eps2.compute().tolist()
    [6.0, 12.0]
    """

    __slots__ = ()
    _memory = memory.HyperDualArray

    def __init__(self, real, eps1=0.0, eps2=0.0, eps1eps2=0.0, *, directional=False):
        super().__init__(real, eps1, eps2, eps1eps2, directional=directional)


LAZY_OF.update({memory.DualArray: DualArray, memory.HyperDualArray: HyperDualArray})
# an in-memory operation with a lazy operand (mem + lazy, np.arctan2(mem, lazy)) answers
# NotImplemented, so that the lazy array's reflected operator or __array_ufunc__ runs it
defer_to(LazyArray)
