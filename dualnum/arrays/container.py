"""DualArray and HyperDualArray: arrays of dual numbers as structures of float64 arrays.

A DualArray holds ``real`` (shape S) and ``dual`` (shape S); a HyperDualArray holds ``real``,
``eps1``, ``eps2`` and ``eps1eps2``. The perturbation parts may also carry directions: a
trailing axis of k directions (``dual.shape == S + (k,)``; for hyper-duals ``eps1: S + (k,)``,
``eps2: S + (m,)``, ``eps1eps2: S + (k, m)``), so that one evaluation of a function yields a
whole gradient, Jacobian or Hessian. Code that ignores directions never sees them: shapes,
indexing, broadcasting and NumPy functions all act on S.

Internally every perturbation part keeps its direction axes (length 1 for a plain array), so
one set of kernels (:mod:`dualnum.ufuncs`) serves both.

What differs between the types is stated once per class: the scalar type of an element, the
parts' names and direction axes, the prefix of its kernels, and the two pieces of algebra that
are the type's own, the chain rule (``_chain``) and the product rule (``_product``). Every
linear operation (sums, reshapes, indexing, concatenation, products with constant matrices)
acts on each part alike and works for any type unchanged.
"""
import numbers
import operator

import numpy as np

from .. import ufuncs
from .._scalar import TAGGED, Dual, HyperDual
from . import _registry, operands
from ._storage import ArrayBase, note_unsafe
from .parts import DualParts, HyperDualParts, ValuesShape
from ._util import (ONES, ZEROS, RefusedConversions, dask_inside, expand_key, normalize_axis,
                    plain_ndarray, refuse, scaled)
from ._util import ndarray_method as _method

_FLOAT = np.float64
_UFUNCS = _registry.UFUNCS


def _in_place(op):
    """The in-place operator of op (x += y): op's result written into x, as ndarray's (whose
    views see it); ValueError where the result has another shape than x."""
    def method(self, other):
        result = op(self, other)
        if result.shape != self.shape:
            raise ValueError("non-broadcastable output operand with shape %s doesn't match "
                             "the broadcast shape %s" % (self.shape, result.shape))
        self[...] = result
        return self
    return method


class _Base(ValuesShape, RefusedConversions, ArrayBase):
    """What DualArray and HyperDualArray share: parts, shape, indexing, structure (the
    storage and the hot operators are compiled, in ArrayBase)."""

    __slots__ = ()
    _scalar = None          # the scalar type of one element
    _dir_ndim = ()          # number of direction axes of each part
    _kernel_prefix = ""     # the prefix of its kernels in dualnum.ufuncs
    _square_kernel = None   # its kernel of the square rule: x**2 (ArrayBase.__pow__)
    _names = ()             # the parts' public names
    __array_priority__ = 20

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        operands.register_array_type(cls)
        _registry.accepts(cls, cls._scalar)

    # ---- construction ----
    def __init__(self, real, *perturbations, directional=False):
        if not perturbations and _holds_scalars(real, self._scalar):
            other = _from_scalars(type(self), real)
            self._parts, self._directional, self._tag = other._parts, False, other._tag
            return
        parts = [np.array(_real_part(type(self), p, n), dtype=_FLOAT)  # copies
                 for p, n in zip((real,) + perturbations, self._names)]
        cores = self._dir_ndim[1:]
        if directional:
            shape = np.broadcast_shapes(parts[0].shape, *[p.shape[:p.ndim - c]
                                                          for p, c in zip(parts[1:], cores)])
            targets = [shape + d for d in self._direction_shapes(parts)]
        else:
            shape = np.broadcast_shapes(*[p.shape for p in parts])
            targets = [shape] + [shape + (1,) * c for c in cores]
            parts = [parts[0]] + [p.reshape(p.shape + (1,) * c) for p, c in zip(parts[1:], cores)]
        self._parts = tuple(p if p.shape == t else np.array(np.broadcast_to(p, t))
                            for p, t in zip(parts, targets))
        self._directional = bool(directional)

    def _direction_shapes(self, parts):
        """The trailing direction shape of each part (for a type's parts)."""
        raise NotImplementedError

    # ---- the type's own algebra (each type defines these; see DualArray) ----
    def _chain(self, twin, guard=False):
        """The chain rule with g, g', ... from a rule's NumPy twin (guarded outside the
        domain where ``guard``)."""
        raise TypeError("%s has no chain rule for NumPy twins" % type(self).__name__)

    @classmethod
    def _product(cls, op, a, b):
        """The parts of a bilinear op(a, b) by the product rule."""
        raise TypeError("%s has no product rule" % cls.__name__)

    def _direction_part_shapes(self):
        return self._direction_shapes(self._parts)[1:]

    # ---- shape ----
    @property
    def real(self):
        """The real parts, a float64 ndarray."""
        return self._parts[0]

    def __len__(self):
        if self.ndim == 0:
            raise TypeError("len() of a 0-d %s" % type(self).__name__)
        return self.shape[0]

    def _public(self, i):
        """Part i as the user sees it: without its direction axes unless directional."""
        part = self._parts[i]
        if self._directional or not self._dir_ndim[i]:
            return part
        return part.reshape(part.shape[:part.ndim - self._dir_ndim[i]])

    def _map(self, fn):
        """Apply fn(part, core_ndim) to every part (structural operations)."""
        return self._with_parts([fn(p, c) for p, c in zip(self._parts, self._dir_ndim)])

    def _element(self, values):
        """One element, of the parts ``values``, as the scalar type: carrying the array's
        tag where the scalar type has tags (Dual, HyperDual)."""
        tagged = TAGGED.get(self._scalar)
        return self._scalar(*values) if tagged is None else tagged(self._tag, *values)

    @property
    def T(self):
        return self.transpose()

    def transpose(self, *axes):
        """Permute the axes (of S), as ndarray.transpose."""
        nd = self.ndim
        if len(axes) == 1 and not isinstance(axes[0], int):
            axes = axes[0]  # transpose((1, 0)) or transpose(None)
        axes = tuple(reversed(range(nd))) if axes is None or axes == () else \
            tuple(normalize_axis(a, nd)[0] for a in axes)
        return self._map(lambda p, c: p.transpose(axes + tuple(range(nd, nd + c))))

    def reshape(self, *shape, order="C", copy=None):
        """Reshape (the S axes), as ndarray.reshape: ``order`` 'C', 'F' or 'A' ('F' where the
        real parts are Fortran-ordered), ``copy`` True (always), False (a view, or
        ValueError) or None (a view where one can be)."""
        if len(shape) == 1 and not isinstance(shape[0], int):
            shape = shape[0]  # reshape((2, 3)) as well as reshape(2, 3)
        real = self._parts[0]
        if order == "A":
            order = "F" if np.isfortran(real) else "C"
        shape = real.reshape(shape, order=order).shape  # resolves -1, checks size and order
        return self._map(lambda p, c: p.reshape(shape + p.shape[p.ndim - c:], order=order,
                                                copy=copy))

    def ravel(self, order="C"):
        """The elements in one axis, as ndarray.ravel. ``order='K'`` (memory order) is that of
        the real parts where they are C- or F-contiguous; elsewhere the parts share no memory
        order, and it is refused."""
        if order == "K":
            real = self._parts[0]
            if real.ndim <= 1 or real.flags.c_contiguous:
                order = "C"
            elif real.flags.f_contiguous:
                order = "F"
            else:
                refuse("ravel", "order='K' here", "the real parts are neither C- nor "
                       "F-contiguous, so the parts share no memory order; use 'C' or 'F'")
        return self.reshape(-1, order=order)

    def flatten(self, order="C"):
        """A copy in one axis, as ndarray.flatten."""
        return self.ravel(order).copy()

    def copy(self, order="C"):
        """A copy with fresh (writeable) parts, laid out by ``order`` as ndarray.copy."""
        return self._map(lambda p, c: p.copy(order=order))

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def __reduce__(self):
        return (_rebuild, (type(self), tuple(np.array(p) for p in self._parts),
                           self._directional, self._tag))

    # ---- indexing ----
    def _index(self, key):  # x[key] for keys other than one slice (see ArrayBase)
        key = expand_key(_plain_key(key), self.ndim)
        out = self._map(lambda p, c: p[key + (Ellipsis,)])
        if out.ndim == 0 and not self._directional:
            return self._element([float(p.reshape(-1)[0]) for p in out._parts])
        return out

    def __setitem__(self, key, value):
        """x[key] = value for any key (ints, slices, fancy indices, boolean masks) and any
        value (dual arrays, scalar duals, numbers, ndarrays, nested lists of them), broadcast
        as NumPy does. A value with directions needs an array that carries them: ValueError
        where this one has none (allocate it from the dual argument: np.zeros_like(p))."""
        key = expand_key(_plain_key(key), self.ndim) + (Ellipsis,)
        self._square = None  # a kept square (|x|, hypot, norms) is of the values overwritten
        if isinstance(value, ArrayBase) and value._directional and not self._directional \
                and operands.perturbed(value):
            raise ValueError(
                "cannot write a %s with directions %s into one without: allocate the array "
                "to fill from the dual argument that carries them (np.zeros_like(p), "
                "dualnum.zeros(shape, like=p))" % (type(value).__name__, value._directions()))
        tag = operands.common_tag([self, value])
        if tag is not None:  # a constant array takes on the tag of a value that moves
            self._tag = tag
        value = operands.coerce(self, value)
        parts = list(self._parts)
        for i, (p, v, c) in enumerate(zip(parts, value._parts, self._dir_ndim)):
            if not isinstance(p, np.ndarray) or not p.flags.writeable:
                parts[i] = p = np.array(p)  # a shared (read-only) part, or a NumPy scalar
            target = p[key]
            p[key] = np.broadcast_to(v, target.shape) if c else v
        self._parts = tuple(parts)

    # ---- in-place operators: as for ndarrays, the result is written into this array ----
    __iadd__, __isub__ = _in_place(operator.add), _in_place(operator.sub)
    __imul__, __itruediv__ = _in_place(operator.mul), _in_place(operator.truediv)
    __ipow__, __imatmul__ = _in_place(operator.pow), _in_place(operator.matmul)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __reversed__(self):  # needed: a dual array is no sequence (see src/_storage.pyx)
        for i in range(len(self) - 1, -1, -1):
            yield self[i]

    # ---- conversions that would drop derivatives ----
    def _refuse_conversion(self, target):
        raise TypeError(
            "cannot convert a %s to %s: that would drop its derivative parts; use .real "
            "for the values (and %s for the derivatives). Storing it in an ndarray "
            "(buf[i] = x, buf[...] = x) asks for this conversion, and %s" % (
                type(self).__name__, target, ", ".join("." + n for n in self._names[1:]),
                _registry.FLOAT_BUFFER))

    def __bool__(self):
        if self.size != 1:
            raise ValueError("the truth value of a %s with more than one element is "
                             "ambiguous (it compares real parts: use .real.any()/.all())"
                             % type(self).__name__)
        return bool(self.real.reshape(-1)[0])

    def __array__(self, dtype=None, copy=None):
        """An object array of scalar duals: the slow but exact path taken by code that calls
        ``np.asarray`` on its input. Arrays with directions cannot degrade so. Counted by
        itself (dualnum.arrays.watching), not wrapped: the caller it looks for is a frame
        above."""
        note_unsafe()
        return _registry.object_array(self, dtype, self._scalars)

    def _scalars(self):
        """The elements as scalar duals, in C order (np.asarray)."""
        if self._directional:
            raise DirectionsError(
                "np.asarray() on a %s with directions: a scalar %s holds one direction only "
                "(dualnum's API falls back to one direction per pass for such functions)"
                % (type(self).__name__, self._scalar.__name__))
        flat = [p.reshape(-1) for p in self._parts]
        return [self._element(v) for v in zip(*[f.tolist() for f in flat])]

    def __repr__(self):
        head = type(self).__name__ + "("
        fields = []
        for i, name in enumerate(self._names):
            prefix = " " * len(head) + name + "="
            text = np.array2string(self._public(i), separator=", ", prefix=prefix)
            fields.append(name + "=" + text)
        if self._directional:
            fields.append("directional=True")
        return head + (",\n" + " " * len(head)).join(fields) + ")"

    # ---- operands ----
    def _directions(self):
        return tuple(self._parts[i].shape[self._parts[i].ndim - 1] for i in
                     range(1, len(self._parts)) if self._dir_ndim[i] == 1)

    # ---- the other operators: the implementations registered for NumPy's ufuncs ----
    def __matmul__(self, other):
        return _UFUNCS[np.matmul](self, other)

    def __rmatmul__(self, other):
        return _UFUNCS[np.matmul](other, self)

    def __floordiv__(self, other):
        return _UFUNCS[np.floor_divide](self, other)

    def __rfloordiv__(self, other):
        return _UFUNCS[np.floor_divide](other, self)

    def __mod__(self, other):
        return _UFUNCS[np.remainder](self, other)

    def __rmod__(self, other):
        return _UFUNCS[np.remainder](other, self)

    def __divmod__(self, other):
        return _UFUNCS[np.divmod](self, other)

    def __rdivmod__(self, other):
        return _UFUNCS[np.divmod](other, self)

    def __pos__(self):
        return self.copy()  # a new array, as +ndarray is

    def __abs__(self):
        return _UFUNCS[np.absolute](self)

    def __lt__(self, other):
        return _UFUNCS[np.less](self, other)

    def __le__(self, other):
        return _UFUNCS[np.less_equal](self, other)

    def __gt__(self, other):
        return _UFUNCS[np.greater](self, other)

    def __ge__(self, other):
        return _UFUNCS[np.greater_equal](self, other)

    def __eq__(self, other):
        return _UFUNCS[np.equal](self, other)

    def __ne__(self, other):
        return _UFUNCS[np.not_equal](self, other)

    __hash__ = None

    # the ndarray methods that are NumPy functions, with NumPy's arguments (NEP 18: a
    # function that dual arrays do not implement raises the registry's TypeError)
    sum, mean, prod = _method(np.sum), _method(np.mean), _method(np.prod)
    var, std = _method(np.var), _method(np.std)
    max, min, argmax, argmin = _method(np.max), _method(np.min), _method(np.argmax), \
        _method(np.argmin)
    any, all = _method(np.any), _method(np.all)
    cumsum, cumprod, dot = _method(np.cumsum), _method(np.cumprod), _method(np.dot)
    clip, squeeze = _method(np.clip), _method(np.squeeze)
    round, trace, diagonal = _method(np.round), _method(np.trace), _method(np.diagonal)
    swapaxes, repeat, take = _method(np.swapaxes), _method(np.repeat), _method(np.take)
    nonzero, ptp = _method(np.nonzero), _method(np.ptp)
    argsort, searchsorted = _method(np.argsort), _method(np.searchsorted)
    conj = conjugate = _method(np.conjugate)

    def __round__(self, ndigits=None):
        """round(x) and round(x, n): numpy.round of the array, as ndarray's."""
        return np.round(self, 0 if ndigits is None else ndigits)

    def fill(self, value):
        """Set every element to ``value``, a number or a scalar dual, as ndarray.fill;
        ValueError for an array of values, as NumPy's (``x[...] = values`` broadcasts)."""
        if np.ndim(value) != 0:
            raise ValueError("fill takes one value (a number or a scalar dual), not an array "
                             "of shape %s: write x[...] = values to broadcast them"
                             % (np.shape(value),))
        self[...] = value

    @property
    def nbytes(self):
        """The bytes of every part's elements (with directions, each direction's), as
        ndarray.nbytes counts those of its elements."""
        return sum(p.nbytes for p in self._parts)

    def sort(self, axis=-1, kind=None, order=None, *, stable=None):
        """Sort in place along ``axis``, as ndarray.sort: numpy.sort of the array, written
        back (the parts move with their real parts)."""
        self[...] = np.sort(self, axis=axis, kind=kind, order=order, stable=stable)

    # ---- the element type ----
    @property
    def dtype(self):
        """The dtype of the parts: float64 (the elements are scalar duals; ``np.asarray``
        gives an object array of them)."""
        return self._parts[0].dtype

    def astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
        """A copy (with ``copy=False``, an array sharing the parts where it can), as
        ndarray.astype, for dtype float64, the parts' own; any other dtype is refused with a
        TypeError: the parts are float64 (``x.real.astype(dtype)`` converts the values
        alone)."""
        if np.dtype(dtype) != _FLOAT:
            refuse("ndarray.astype", "dtype=%s" % np.dtype(dtype),
                   "the parts of a dual array are float64, and another dtype would round or "
                   "drop them (x.real.astype(...) converts the values alone)")
        # each part as ndarray.astype gives it (order=, casting= checked, copy=False
        # sharing it where it can); subok: the result keeps the array's type either way
        return self._map(lambda p, c: p.astype(_FLOAT, order=order, casting=casting,
                                               copy=copy))

    def item(self, *args):
        """One element as a scalar dual, as ndarray.item: no argument for an array of one
        element, a flat index, or one index per axis (IndexError, ValueError as NumPy's).
        An array with directions raises DirectionsError: a scalar dual holds one
        direction."""
        self._scalar_elements("item()")
        return self._element([self._public(i).item(*args) for i in range(len(self._names))])

    def tolist(self):
        """The elements as nested lists of scalar duals (a scalar dual for a 0-d array), as
        ndarray.tolist; DirectionsError for an array with directions."""
        self._scalar_elements("tolist()")
        return self.__array__().tolist()

    def _scalar_elements(self, what):
        """DirectionsError where ``what`` would make scalar duals of an array with
        directions."""
        if self._directional:
            raise DirectionsError(
                "%s on a %s with directions: a scalar %s holds one direction only (index "
                "the parts instead)" % (what, type(self).__name__, self._scalar.__name__))


def _jet(twin, real, guard):
    """A NumPy twin's jet (g, g'[, g'']) at ``real``, with src/chain.h's guard (dn_defined)
    where ``guard``: where g or g' is NaN and the argument is not (outside the domain), every
    derivative is NaN. NumPy's min is NaN where an element is: one pass over g and one over
    g', no temporaries, in the common case of no NaN."""
    jet = twin(real)
    if not guard or not (np.isnan(np.min(jet[0])) or np.isnan(np.min(jet[1]))):
        return jet
    undefined = (np.isnan(jet[0]) | np.isnan(jet[1])) & ~np.isnan(real)
    return (jet[0],) + tuple(np.where(undefined, np.nan, f) for f in jet[1:])


def _unit(part, real, buffer):
    """``part`` is a plain perturbation part (one direction) of every element of ``real``
    that views ``buffer`` (_util.ONES or ZEROS: the API's unit seeds), so holds only its
    value."""
    return part.base is buffer and part.shape == real.shape + (1,)


def _own(part, *others):
    """``part`` as an array of its own (a copy where it is one of ``others``: a twin's jet
    may hand out one array for g and g', exp's, and the parts of a result must not share
    memory, which writing into one would change in the other); a number (a constant g')
    filled out to the first other's shape."""
    if np.ndim(part) == 0:
        return np.full(np.shape(others[0]), part)
    return part.copy() if any(part is o for o in others) else part


def _term(op, p, q):
    """op(p, q), or None when either factor is a constant's missing part."""
    return None if p is None or q is None else op(p, q)


def _total(*terms):
    """The sum of the terms that exist."""
    present = [t for t in terms if t is not None]
    return sum(present[1:], present[0])


def _axis(part, at):
    """A part with a new length-1 axis at position ``at`` (0 or 1) of its leading direction
    axes, so that eps1 (k) and eps2 (m) terms broadcast to (k, m); None stays None."""
    if part is None:
        return None
    return part[:, None] if at == 1 else part[None, :]


class DirectionsError(TypeError):
    """Raised where an array with directions would have to become scalar duals."""


def _rebuild(cls, parts, directional, tag):
    return cls._wrap(parts, directional, tag)


def _plain_key(key):
    """Dual arrays cannot serve as indices (their real parts would have to be read silently)."""
    if isinstance(key, _Base):
        raise IndexError("dual arrays cannot be used as indices")
    return key


def _real_part(cls, value, name):
    """A part given to the constructor of cls, checked: real numbers (TypeError for complex
    numbers, text, ...) in a plain array (TypeError for np.matrix, masked arrays, ...), not
    a Dask array (TypeError: its conversion would compute it)."""
    if dask_inside(value):   # (Dask is never imported for this)
        raise TypeError(
            "the %s part of a %s is (or holds) a Dask array, which would be computed into "
            "memory here: "
            "use dualnum.dask.%s (lazy, its parts Dask arrays), or pass %s.compute() for an "
            "in-memory array" % (name, cls.__name__, cls.__name__, name))
    plain_ndarray(value, name)
    return operands.real_constant(value, cls, "as the %s part of a %%s" % name)


def _holds_scalars(value, scalar):
    if isinstance(value, scalar):
        return True
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray)
                                            and value.dtype == object):
        flat = np.asarray(value, dtype=object).reshape(-1)
        return any(isinstance(v, (Dual, HyperDual)) for v in flat)
    return False


def _from_scalars(cls, value):
    """A plain array of cls from a (nested) sequence or object array of scalar duals and
    numbers, carrying their tag (TypeError for perturbations of two tags)."""
    items = np.asarray(value, dtype=object)
    scalar = cls._scalar
    names = cls._names
    flat = items.reshape(-1)
    cols = [[] for _ in names]
    for v in flat:
        if isinstance(v, scalar):
            for col, n in zip(cols, names):
                col.append(getattr(v, n))
        elif isinstance(v, (Dual, HyperDual)):
            operands.array_type(*flat)  # raises the TypeError for a mix of dual types
        elif isinstance(v, numbers.Real):
            cols[0].append(float(v))
            for col in cols[1:]:
                col.append(0.0)
        else:
            raise TypeError("cannot build a %s from %s" % (cls.__name__, type(v).__name__))
    parts = [np.array(c, dtype=_FLOAT).reshape(items.shape) for c in cols]
    out = cls(*parts)
    out._tag = operands.common_tag([v for v in flat if isinstance(v, scalar)]) or 0
    return out


class DualArray(DualParts, _Base):
    """Array of dual numbers a + b e: components ``real`` and ``dual`` (float64).

    ``DualArray(real, dual)`` broadcasts the two; ``DualArray(real, dual, directional=True)``
    takes ``dual`` of shape ``real.shape + (k,)``: k derivatives in one array. A sequence of
    scalar ``Dual`` works too. NumPy functions and ufuncs act on it exactly.

    >>> import numpy as np, dualnum as dn
    >>> x = dn.DualArray(np.array([0.0, 1.0]), 1.0)
    >>> y = np.sin(x) * x
    >>> y.dual.tolist() == [0.0, float(np.cos(1.0) + np.sin(1.0))]
    True
    """

    __slots__ = ()
    _scalar = Dual
    _dir_ndim = (0, 1)
    _names = ("real", "dual")
    _kernel_prefix = "dual_"
    _square_kernel = ufuncs.dual_square

    def __init__(self, real, dual=None, *, directional=False):
        if dual is None:
            if _holds_scalars(real, Dual):
                super().__init__(real)
                return
            dual = 0.0
        super().__init__(real, dual, directional=directional)

    def _direction_shapes(self, parts):
        return [(), parts[1].shape[-1:]]

    def _chain(self, twin, guard=False):
        """The chain rule g(a + b e) = g(a) + g'(a) b e, with g and g' from
        ``twin[0](real)`` (a rule's NumPy twin, dualnum._jets); ``guard``: a rule with a
        restricted domain, whose jet gets the kernels' guard outside it (``_jet``)."""
        f0, f1 = _jet(twin[0], self._parts[0], guard)  # f1 a number for a constant g' (floor)
        if _unit(self._parts[1], self._parts[0], ONES):  # g'(a) 1 = g'(a): no multiply
            return self._with_parts((f0, _own(f1, f0)[..., None]))
        return self._with_parts((f0, scaled(f1, self._parts[1], 1)))

    @staticmethod
    def _product(op, a, b):
        """The parts of op(a, b) for a bilinear op (matmul, tensordot, ...), by the product
        rule d(ab) = a db + da b. ``a`` and ``b`` are (real, [dual]) with the direction axes
        in front; a constant operand has None for its dual, and its term is skipped."""
        (ar, (da,)), (br, (db,)) = a, b
        return [op(ar, br), _total(_term(op, ar, db), _term(op, da, br))]



class HyperDualArray(HyperDualParts, _Base):
    """Array of hyper-dual numbers a + b e1 + c e2 + d e1e2: components ``real``, ``eps1``,
    ``eps2`` and ``eps1eps2`` (float64).

    With ``directional=True``: ``eps1`` has shape ``S + (k,)``, ``eps2`` ``S + (m,)`` and
    ``eps1eps2`` ``S + (k, m)``, so one evaluation yields a block of second derivatives.

    >>> import numpy as np, dualnum as dn
    >>> x = dn.HyperDualArray(np.array([1.0, 2.0]), 1.0, 1.0, 0.0)
    >>> (x ** 3).eps1eps2.tolist()
    [6.0, 12.0]
    """

    __slots__ = ()
    _scalar = HyperDual
    _dir_ndim = (0, 1, 1, 2)
    _names = ("real", "eps1", "eps2", "eps1eps2")
    _kernel_prefix = "hyper_"
    _square_kernel = ufuncs.hyper_square

    def __init__(self, real, eps1=None, eps2=0.0, eps1eps2=0.0, *, directional=False):
        if eps1 is None:
            if _holds_scalars(real, HyperDual):
                super().__init__(real)
                return
            eps1 = 0.0
        super().__init__(real, eps1, eps2, eps1eps2, directional=directional)

    def _direction_shapes(self, parts):
        k, m = parts[1].shape[-1], parts[2].shape[-1]
        return [(), (k,), (m,), (k, m)]

    def _chain(self, twin, guard=False):
        """The chain rule of Fike and Alonso, g(a + b e1 + c e2 + d e1e2) = g(a) + g'(a) b e1
        + g'(a) c e2 + (g'(a) d + g''(a) b c) e1e2, with g, g', g'' from ``twin[1](real)``
        (a rule's NumPy twin, dualnum._jets); ``guard`` as for DualArray._chain."""
        f0, f1, f2 = _jet(twin[1], self._parts[0], guard)
        a, b, c, d = self._parts
        if _unit(b, a, ONES) and _unit(c, a, ONES) and _unit(d[..., 0], a, ZEROS):
            # unit seeds (k = m = 1): the parts are g'(a), g'(a) and g'(a) 0 + g''(a), which
            # is g''(a) + 0.0 (the kernels' sum: -0.0 becomes 0.0)
            e1 = _own(f1, f0)
            return self._with_parts((f0, e1[..., None], e1.copy()[..., None],
                                     _own(np.add(f2, 0.0), f0)[..., None, None]))
        # a constant derivative (floor: f1 and f2 numbers): full arrays keep the chain loop
        # on its contiguous path
        f1, f2 = [np.full_like(f0, f) if np.ndim(f) == 0 else f for f in (f1, f2)]
        if not self._directional:  # one pass over plain parts (k = m = 1)
            e1, e2, e12 = ufuncs.chain_hyper(f1, f2, b[..., 0], c[..., 0], d[..., 0, 0])
            return self._with_parts((f0, e1[..., None], e2[..., None], e12[..., None, None]))
        e12 = ufuncs.chain_second(f1[..., None, None], f2[..., None, None],
                                  b[..., :, None], c[..., None, :], d)
        return self._with_parts((f0, scaled(f1, b, 1), scaled(f1, c, 1), e12))

    @staticmethod
    def _product(op, a, b):
        """The parts of op(a, b) for a bilinear op, by the product rule: (ab)_1 = a b1 + a1 b,
        (ab)_2 = a b2 + a2 b, (ab)_12 = a b12 + a1 b2 + a2 b1 + a12 b. ``a`` and ``b`` are
        (real, [eps1, eps2, eps1eps2]) with the direction axes in front (eps1eps2's as
        (k, m)); a constant operand has None for its parts, and their terms are skipped."""
        (ar, (a1, a2, a12)), (br, (b1, b2, b12)) = a, b
        cross = [_term(op, _axis(a1, 1), _axis(b2, 0)), _term(op, _axis(a2, 0), _axis(b1, 1))]
        return [op(ar, br), _total(_term(op, ar, b1), _term(op, a1, br)),
                _total(_term(op, ar, b2), _term(op, a2, br)),
                _total(_term(op, ar, b12), _term(op, a12, br), *cross)]


