"""Elementwise arithmetic on DualArray and HyperDualArray.

Rules of the table go through the kernels of :mod:`dualnum.ufuncs` (one pass per rule, every
part at once); sums, differences and negation are NumPy's own SIMD loops on each part.
"""
import numpy as np

from . import ufuncs
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


def _kernel(cls, name):
    return getattr(ufuncs, _KERNEL_PREFIX[cls] + name)


def unary(name, x, p=None):
    """Rule `name` (with parameter p, if the rule takes one) applied to a dual array."""
    args = x._parts if p is None else x._parts + (np.asarray(p, dtype=np.float64),)
    return x._wrap(_kernel(type(x), name)(*args), x._directional)


def binary(name, x, y):
    """Two-argument rule `name` applied to any mix of dual arrays, duals and numbers."""
    (x, y), lead = as_arrays(x, y)
    return lead._wrap(_kernel(type(lead), name)(*x._parts, *y._parts), lead._directional)


def _is_constant_operand(value):
    return not isinstance(value, (_Base, Dual, HyperDual))


def add(x, y, sign=1.0):
    """x + y (or x - y with sign=-1) with NumPy's loops on each part. Adding a constant
    shares the other operand's perturbation parts instead of copying them."""
    (a, b), lead = as_arrays(x, y)
    op = np.add if sign > 0 else np.subtract
    real = op(a.real, b.real)
    if _is_constant_operand(y) or (_is_constant_operand(x) and sign > 0):
        src = a if _is_constant_operand(y) else b
        rest = [_shared(np.broadcast_to(p, real.shape + p.shape[p.ndim - c:]))
                for p, c in zip(src._parts[1:], src._core[1:])]
    else:
        rest = [op(p, q) for p, q in zip(a._parts[1:], b._parts[1:])]
    return lead._wrap([real] + rest, lead._directional)


def negative(x):
    return x._map(lambda p, c: np.negative(p))


def multiply(x, y):
    return binary("multiply", x, y)


def divide(x, y):
    return binary("divide", x, y)


def power(x, y):
    """x ** y: a constant exponent or base takes the one-argument rules (exact at 0)."""
    if _is_constant_operand(y):
        return unary("power_constant_exponent", x, y)
    if _is_constant_operand(x):
        return unary("power_constant_base", y, x)
    return binary("power", x, y)


def compare(op, x, y):
    """A comparison of real parts: a bool ndarray."""
    real = [o.real if isinstance(o, (_Base, Dual, HyperDual)) else o for o in (x, y)]
    return op(*real)
