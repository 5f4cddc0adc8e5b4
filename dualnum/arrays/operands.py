"""The one home of mixed operands: one dual type, common directions, one derivative
computation, constants as zero parts.

Every function that takes several operands (arithmetic, rules of two arguments, stacking,
products, solves) brings them to one layout here: numbers, ndarrays, lists, scalar duals and
dual arrays become arrays of the leading operand's type that carry its directions and its tag,
a constant with perturbation parts of zeros. Operands that carry perturbations of two
computations (two tags, src/tags.pxi) are refused with the TypeError of perturbation
confusion.
"""
import functools
import numbers

import numpy as np

from .._scalar import Dual, HyperDual, confusion, mixed_types
from ._storage import ArrayBase
from ._util import dask_array, shared, sparse_matrix

# scalar type -> its array type, filled as the array types are defined (container.py)
ARRAY_TYPES = {}
# Array types whose own operators and ufunc implementations take dual arrays, registered by
# their module (dualnum.dask's lazy arrays, by defer_to): an operation that meets one
# answers NotImplemented, so that Python calls its reflected operator and NumPy its
# __array_ufunc__ (NEP 13), as the NEP 18 dispatch answers types it does not know.
_DEFER_TO = ()

_FLOAT = np.float64
NUMBERS = (float, int, np.floating, np.integer)
REAL_KINDS = "biuf"  # NumPy dtype kinds that hold real numbers: bool, (unsigned) int, float


def register_array_type(cls):
    """Make ``cls`` (an ArrayBase subclass) the array type of its scalar type ``cls._scalar``."""
    ARRAY_TYPES[cls._scalar] = cls


def defer_to(*types):
    """Register array types that take over an operation with dual arrays (``deferred``)."""
    global _DEFER_TO
    _DEFER_TO += types


def deferred(*operands):
    """An operand is of a type registered by ``defer_to``: the operation is left to it."""
    return _DEFER_TO != () and any(isinstance(o, _DEFER_TO) for o in operands)


def deferring(impl):
    """The ufunc implementation ``impl``, answering NotImplemented where ``deferred``."""
    @functools.wraps(impl)
    def call(*operands):
        return NotImplemented if deferred(*operands) else impl(*operands)
    return call


def array_type(*operands):
    """The dual array type among the operands (scalar duals count), or None; TypeError for
    a mix of types (perturbation confusion where they belong to two computations)."""
    kinds = {type(o) if isinstance(o, ArrayBase) else ARRAY_TYPES.get(type(o))
             for o in operands}
    kinds.discard(None)
    if len(kinds) > 1:
        tags = sorted({o._tag for o in operands if isinstance(o, (ArrayBase, Dual, HyperDual))})
        raise mixed_types(tags[0], tags[-1])
    return kinds.pop() if kinds else None


def lead(*operands):
    """The operand whose type, directions and tag a result takes: the first dual array with
    directions, else the first dual array, else (only scalar duals and numbers) a 0-d
    constant of the operands' dual type. Only arrays of the result's computation
    (``common_tag``) can lead: those of another are constants, whose directions mean
    nothing; a leading constant takes on the result's tag."""
    first = operands[0]
    if isinstance(first, ArrayBase) and all([first._same_layout(o) for o in operands[1:]]):
        return first  # the common case, arrays of one layout and tag: 1 us less per call
    kind = array_type(*operands)  # refuses a mix of dual types
    tag = common_tag(operands)
    arrays = [o for o in operands if isinstance(o, ArrayBase) and tag in (None, o._tag)]
    first = next((a for a in arrays if a._directional), arrays[0] if arrays else None)
    if first is None:
        first = kind(np.asarray(0.0))
    if tag is None or tag == first._tag:
        return first
    return type(first)._wrap(first._parts, first._directional, tag)


def common_tag(operands):
    """The tag of a result computed from ``operands``: the tag that the dual ones (arrays,
    scalar duals, scalar duals inside object arrays) share, else the one tag of those that
    carry a perturbation (a constant belongs to any computation), None where none does.
    TypeError where two carry perturbations of different tags (perturbation confusion)."""
    duals = []
    for o in operands:
        if isinstance(o, (ArrayBase, Dual, HyperDual)):
            duals.append(o)
        elif isinstance(o, np.ndarray) and o.dtype == object:
            duals += [v for v in o.flat if isinstance(v, (Dual, HyperDual))]
    tags = {o._tag for o in duals}
    if len(tags) == 1:
        return tags.pop()
    moving = sorted({o._tag for o in duals if perturbed(o)})
    if len(moving) > 1:
        raise confusion(*moving[:2])
    return moving[0] if moving else None


def perturbed(x):
    """x (a dual array or a scalar dual) has a perturbation part that is not zero."""
    if isinstance(x, ArrayBase):
        return not is_constant(x)
    return any(getattr(x, name) for name in ARRAY_TYPES[type(x)]._names[1:])


def align(*operands):
    """The operands as arrays of one dual type with the leading operand's directions, and
    that leading operand."""
    first = lead(*operands)
    return [coerce(first, o) for o in operands], first


def coerce(x, value):
    """``value`` (an array of x's type, a scalar dual, numbers, ndarrays, lists, object
    arrays of scalar duals) as an array of x's type, directions and tag (x carries the tag
    of the result, as ``lead`` gives it).

    Raises TypeError for another dual type, a value that is not numeric or one that carries
    perturbations of another tag than x (perturbation confusion), ValueError for an array
    that carries other directions than x.
    """
    cls = type(x)
    if type(value) is cls:
        if x._same_layout(value):
            return value
        if is_constant(value):  # of any computation: it belongs to x's as well
            return x._with_parts(value._parts) if x._same_directions(value) else \
                constant(x, value.real)
        if value._tag != x._tag:
            raise confusion(x._tag, value._tag)
        raise ValueError("cannot combine %s with directions %s and %s (directions %s)" % (
            cls.__name__, _directions_text(x), cls.__name__, _directions_text(value)))
    if isinstance(value, cls._scalar):
        perturbed_ = any(getattr(value, n) for n in cls._names[1:])
        if perturbed_ and value._tag != x._tag:
            raise confusion(x._tag, value._tag)
        if not x._directional:
            return from_scalar(cls, value)
        if perturbed_:
            raise ValueError("a scalar %s carries one direction; this array carries %s"
                             % (cls._scalar.__name__, _directions_text(x)))
        return constant(x, value.real)
    if isinstance(value, (ArrayBase, Dual, HyperDual)):
        raise mixed_types(x._tag, value._tag)
    if isinstance(value, (list, tuple)) and _holds_arrays(value):
        return _stacked(x, value)
    if isinstance(value, np.ndarray) and value.dtype == object or \
            isinstance(value, (list, tuple)) and any(isinstance(v, (Dual, HyperDual))
                                                     for v in np.asarray(value, object).flat):
        return coerce(x, cls(np.asarray(value, object)))  # scalar duals (and numbers)
    return constant(x, real_constant(value, cls))


def holds_dual(value):
    """value is or holds a dual number: a dual array, a scalar dual, a (nested) sequence or
    an object array with one."""
    if isinstance(value, (list, tuple)):
        return any(holds_dual(v) for v in value)
    if isinstance(value, np.ndarray):
        return value.dtype == object and any(holds_dual(v) for v in value.flat)
    return isinstance(value, (ArrayBase, Dual, HyperDual))

def _holds_arrays(items):
    """A (nested) sequence holds dual arrays."""
    return any(isinstance(v, ArrayBase) or isinstance(v, (list, tuple)) and _holds_arrays(v)
               for v in items)


def _stacked(x, items):
    """A (nested) sequence of operands, some of them dual arrays (the 0-d elements of an
    array with directions, say), as one array of x's layout, the items along a new first
    axis as np.array stacks them; ValueError for items of different shapes."""
    items = [coerce(x, v) for v in items]
    shapes = {v.shape for v in items}
    if len(shapes) != 1:
        raise ValueError("cannot join a sequence of items of shapes %s into one %s"
                         % (sorted(shapes), type(x).__name__))
    (shape,) = shapes
    return x._with_parts([np.stack([np.broadcast_to(v._parts[i], shape + d) for v in items])
                          for i, d in enumerate([()] + list(x._direction_part_shapes()))])


def real_constant(value, cls, where="beside a %s"):
    """``value`` (numbers, ndarrays, lists) as a float64 ndarray, to go beside an array of type
    ``cls`` (or ``where`` else: "as the real part of a %s"); TypeError for anything that is
    not real (None, text, complex, datetimes) and for scipy.sparse matrices (only their
    matrix products take dual arrays)."""
    if sparse_matrix(value):
        raise TypeError("cannot use a scipy.sparse %s elementwise beside a %s: a matrix "
                        "product is S @ x (also what * means for a scipy.sparse matrix); "
                        "for elementwise arithmetic use the dense S.toarray()"
                        % (type(value).__name__, cls.__name__))
    if deferred(value) or dask_array(value):  # np.asarray would refuse, or compute, it
        raise TypeError(
            "cannot use a lazy %s %s: make the in-memory array lazy (dualnum.dask.%s of its "
            "parts, whose operations take Dask arrays and lazy dual arrays), or pass the lazy "
            "operand's .compute()" % ("Dask array" if dask_array(value) else
                                      "dualnum.dask." + type(value).__name__,
                                      where % cls.__name__, cls.__name__))
    try:
        values = np.asarray(value)
    except (TypeError, ValueError):  # a ragged list, say
        raise TypeError("cannot use %s as a %s" % (type(value).__name__,
                                                   cls.__name__)) from None
    if values.dtype == object:  # real numbers such as Fraction pass
        odd = [v for v in values.flat if not isinstance(v, numbers.Real)]
        if odd:
            raise TypeError(_not_real(odd[0], None, where % cls.__name__))
    elif values.dtype.kind not in REAL_KINDS:
        raise TypeError(_not_real(value, values.dtype, where % cls.__name__))
    return values.astype(_FLOAT, copy=False)


def _not_real(value, dtype, where):
    """The refusal of an operand that is not real (dtype None: not a NumPy number)."""
    complex_ = isinstance(value, complex) or dtype is not None and dtype.kind == "c"
    return "cannot use %s%s %s: dual numbers are real%s; %s" % (
        type(value).__name__, "" if dtype is None else " (dtype %s)" % dtype, where,
        ", complex numbers are not supported" if complex_ else "",
        "pass the real part explicitly (np.real(z)) if that is what is meant" if complex_
        else "pass real numbers")


def from_scalar(cls, value):
    """The scalar dual ``value`` as a 0-d array of type cls, without directions, of its
    computation (tag)."""
    return cls._wrap([np.array(getattr(value, n), ndmin=c) for n, c in
                      zip(cls._names, cls._dir_ndim)], False, value._tag)


def _directions_text(x):
    return str(x._directions()) if x._directional else "none"


def constant(x, real):
    """``real`` (float64) with zero perturbation parts of x's type and directions."""
    return x._with_parts([np.asarray(real, dtype=_FLOAT)] + list(zero_parts(x)))


def is_constant(x):
    """No perturbation part of the dual array x is nonzero."""
    return not any(np.any(p) for p in x._parts[1:])


_ZEROS = {}


def zero_parts(x):
    """The perturbation parts of a constant beside x: zeros of x's direction shapes
    (cached, read-only, broadcast by NumPy and the kernels)."""
    last = x._parts[-1]  # the last part holds every direction axis
    key = (type(x), last.shape[last.ndim - x._dir_ndim[-1]:])
    zeros = _ZEROS.get(key)
    if zeros is None:
        if len(_ZEROS) >= 32:  # a Hessian's chunks vary the shapes: keep the cache small
            _ZEROS.clear()
        zeros = tuple(shared(np.zeros(shape)) for shape in x._direction_part_shapes())
        _ZEROS[key] = zeros
    return zeros


def parts_beside(x, y):
    """The parts of operand y for a kernel call beside the dual array x, without copies:
    those of an array of x's layout and tag, or a number or float ndarray with cached zero
    parts; None for any other y (``align`` brings it to a common layout and tag)."""
    if x._same_layout(y):
        return y._parts
    if isinstance(y, NUMBERS) or (type(y) is np.ndarray and y.dtype.kind in REAL_KINDS):
        return (y,) + zero_parts(x)
    return None
