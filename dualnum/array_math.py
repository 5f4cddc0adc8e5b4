"""Elementwise arithmetic on DualArray and HyperDualArray.

Rules of the table go through the kernels of :mod:`dualnum.ufuncs` (one pass per rule, every
part at once) or, for large arrays, their NumPy twins; sums and differences are NumPy's own
loops on each part. The common cases of the operators are taken earlier, in ArrayBase
(src/_core.pyx); these functions handle every mix of operands.
"""
import numpy as np

from . import _jets, ufuncs
from ._scalar import Dual, HyperDual
from .array import DualArray, HyperDualArray, _Base, _shared

_KERNEL_PREFIX = {DualArray: "dual_", HyperDualArray: "hyper_"}
_ARRAY_OF = {Dual: DualArray, HyperDual: HyperDualArray}


def array_type(*operands):
    """The dual array type among the operands (scalar duals count), or None."""
    kinds = {type(o) if isinstance(o, _Base) else _ARRAY_OF.get(type(o)) for o in operands}
    kinds.discard(None)
    if len(kinds) > 1:
        from ._scalar import MIXED_TYPES
        raise TypeError(MIXED_TYPES)
    return kinds.pop() if kinds else None


def as_arrays(*operands):
    """The operands as arrays of one dual type with matching directions."""
    cls = array_type(*operands)
    lead = next((o for o in operands if isinstance(o, _Base) and o._directional),
                next((o for o in operands if isinstance(o, _Base)), None))
    if lead is None:  # only scalar duals and numbers
        lead = cls(np.asarray(0.0))
    return [lead._coerce(o) for o in operands], lead


_KERNELS = {}


def _kernel(cls, name):
    kernel = _KERNELS.get((cls, name))
    if kernel is None:
        kernel = _KERNELS[cls, name] = getattr(ufuncs, _KERNEL_PREFIX[cls] + name)
    return kernel


_ZEROS = {}


def _zero_parts(x):
    """Perturbation parts of a constant next to x: zeros of x's direction shapes (cached,
    read-only, broadcast by the kernels)."""
    key = (type(x), x._parts[-1].shape[x._parts[-1].ndim - x._core[-1]:])
    zeros = _ZEROS.get(key)
    if zeros is None:
        if len(_ZEROS) >= 32:  # a Hessian's chunks vary the shapes: keep the cache small
            _ZEROS.clear()
        zeros = tuple(_shared(np.zeros(shape)) for shape in x._direction_part_shapes())
        _ZEROS[key] = zeros
    return zeros


def _same_directions(x, y):
    if x._directional != y._directional:
        return False
    # the last part (dual, or eps1eps2) holds every direction axis
    p, q, c = x._parts[-1], y._parts[-1], x._core[-1]
    return not x._directional or p.shape[p.ndim - c:] == q.shape[q.ndim - c:]


_NUMBERS = (float, int, np.floating, np.integer)


def _parts_beside(x, y):
    """The parts of operand y for a kernel call beside the dual array x."""
    if type(y) is type(x) and _same_directions(x, y):
        return y._parts
    if isinstance(y, _NUMBERS) or (type(y) is np.ndarray and y.dtype != object):
        return (y,) + _zero_parts(x)
    return x._coerce(y)._parts


# From this many elements on, rules with a NumPy twin (dualnum._jets) use it: NumPy's SIMD
# loops outrun the C library's one-element-at-a-time exp, log, tanh, ...; below it, the one
# kernel call costs less than the twin's several NumPy calls.
SIMD_MIN_SIZE = 512


def unary(name, x, p=None):
    """Rule `name` (with parameter p, if the rule takes one) applied to a dual array."""
    if x._parts[0].size >= SIMD_MIN_SIZE:
        twin = _jets.JETS.get(name)
        if twin is not None:
            return _chain(x, twin)
    args = x._parts if p is None else x._parts + (np.asarray(p, dtype=np.float64),)
    return x._wrap(_kernel(type(x), name)(*args), x._directional)


def _chain(x, twin):
    """The chain rule with derivatives from a NumPy twin of the rule."""
    if type(x) is DualArray:
        f0, f1 = twin[0](x.real)
        return x._wrap((f0, ufuncs.scale(f1[..., None], x._parts[1])), x._directional)
    f0, f1, f2 = twin[1](x.real)
    if np.ndim(f2) == 0:  # a constant second derivative (square): a full array keeps the
        f2 = np.full_like(f1, f2)  # chain loop on its contiguous path
    _, b, c, d = x._parts
    if not x._directional:  # one pass over plain parts (k = m = 1)
        e1, e2, e12 = ufuncs.chain_hyper(f1, f2, b[..., 0], c[..., 0], d[..., 0, 0])
        return x._wrap((f0, e1[..., None], e2[..., None], e12[..., None, None]), False)
    g1 = f1[..., None]
    e12 = ufuncs.chain_second(g1[..., None], f2[..., None, None],
                              b[..., :, None], c[..., None, :], d)
    return x._wrap((f0, ufuncs.scale(g1, b), ufuncs.scale(g1, c), e12), x._directional)


def binary(name, x, y):
    """Two-argument rule `name` applied to any mix of dual arrays, duals and numbers."""
    if isinstance(x, _Base) and not (isinstance(y, _Base) and y._directional
                                     and not x._directional):
        lead, args = x, x._parts + _parts_beside(x, y)
    elif isinstance(y, _Base):
        lead, args = y, _parts_beside(y, x) + y._parts
    else:
        (x, y), lead = as_arrays(x, y)
        args = x._parts + y._parts
    return lead._wrap(_kernel(type(lead), name)(*args), lead._directional)


def _is_constant_operand(value):
    return not isinstance(value, (_Base, Dual, HyperDual))


def add(x, y, sign=1.0):
    """x + y (or x - y with sign=-1) with NumPy's loops on each part, for any mix of
    operands (the operators of ArrayBase take the common cases before calling this)."""
    op = np.add if sign > 0 else np.subtract
    (a, b), lead = as_arrays(x, y)
    parts = [op(p, q) for p, q in zip(a._parts, b._parts)]
    shape = parts[0].shape
    return lead._wrap([parts[0]] + [_full(p, shape, c) for p, c in zip(parts[1:], lead._core[1:])],
                      lead._directional)


def _full(part, shape, core):
    """A perturbation part spread over the result's shape (a constant operand's zeros do not
    broadcast it there by themselves)."""
    target = shape + part.shape[part.ndim - core:]
    return part if part.shape == target else np.array(np.broadcast_to(part, target))


def multiply(x, y):
    return binary("multiply", x, y)


def divide(x, y):
    return binary("divide", x, y)


def power(x, y):
    """x ** y: a constant exponent or base takes the one-argument rules (exact at 0)."""
    if _is_constant_operand(y):
        if (type(y) is float or type(y) is int) and y == 2:  # x**2: a cheaper rule
            return unary("square", x)
        return unary("power_constant_exponent", x, y)
    if _is_constant_operand(x):
        return unary("power_constant_base", y, x)
    return binary("power", x, y)


def compare(op, x, y):
    """A comparison of real parts: a bool ndarray."""
    real = [o.real if isinstance(o, (_Base, Dual, HyperDual)) else o for o in (x, y)]
    return op(*real)
