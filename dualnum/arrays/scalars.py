"""Scalar duals in NumPy's protocols: the dual arrays' implementations serve them too.

NumPy hands a call that involves a ``Dual`` or ``HyperDual`` (and no dual array) to the
scalar type's ``__array_ufunc__`` (NEP 13) or ``__array_function__`` (NEP 18). The compiled
scalar types answer the common ufunc calls themselves (``np.sin(x)``, ``np.add(x, 1.0)``:
src/functions.pxi.in); the rest comes here. The scalar duals become 0-d dual arrays (a list
or object array holding them, one dual array), the arrays' implementation runs, and a 0-d
result without directions becomes a scalar again. So scalars follow every convention of the
arrays: ``np.clip(x, 0.0, 1.0)`` at a tie shares the derivative as ``maximum`` does,
``np.where`` of scalars gives a scalar, a scalar dual beside a float ndarray gives a dual
array, and a function the arrays do not implement raises the registry's TypeError.

NumPy asks these protocols only of the arguments themselves and of the items of the
sequences that ``concatenate``, ``stack``, ``hstack`` and ``vstack`` take: a list argument
such as ``np.max([x, 0.5])`` becomes a NumPy object array before dualnum sees it.

Importing this module registers these entries, and the elementwise rules for the module
functions (``dualnum.sin`` on a dual array), with the scalar types.
"""
import numbers

import numpy as np

from .. import _scalar
from ._registry import REFUSED, array_function, array_ufunc, method_call, ufunc_call
from ._storage import ArrayBase
from .elementwise import binary, unary
from .operands import ARRAY_TYPES, array_type, deferred, from_scalar
from .reductions import scalar_or_array

_SCALARS = (numbers.Real, _scalar.Dual, _scalar.HyperDual)


def scalar_ufunc(ufunc, method, inputs, kwargs):
    """``ufunc`` (``method`` ``"__call__"``, ``"reduce"``, ...) applied to scalar duals as
    to 0-d dual arrays, with ``out=``, ``where=`` and the arrays' other keywords: a dual
    array, or a scalar where the result is 0-d. NotImplemented where the arrays have no
    implementation; TypeError as the arrays raise it (dualnum.arrays._registry).

    Beside an array type that takes over (``operands.deferred``: a lazy dual array), its
    own __array_ufunc__ answers: NumPy would ask it next, but the compiled entry that calls
    this one reads NotImplemented as a ufunc without a rule."""
    other = next((a for a in inputs if deferred(a)), None)
    if other is not None:
        return other.__array_ufunc__(ufunc, method, *inputs, **kwargs)
    call = method_call(ufunc, method)
    if call is None:
        if ufunc in REFUSED or ufunc_call(ufunc) is not None:  # the arrays' refusal of the
            # ufunc, or of its method (multiply.at), which says why and what to write
            return array_ufunc(ufunc, method, inputs, dict(kwargs))
        return NotImplemented
    # (ufunc.at writes into its first operand: that array itself, not a dual copy of it)
    inputs = [a if method == "at" and i == 0 else _operand(a) for i, a in enumerate(inputs)]
    if method == "__call__" and not kwargs:  # the common case: x * ndarray
        return _scalar_result(call(*inputs))
    return _scalar_result(array_ufunc(ufunc, method, inputs, dict(kwargs)))


def scalar_function(func, types, args, kwargs):
    """NumPy function ``func`` (NEP 18) with scalar duals among its arguments, as the dual
    arrays implement it (HANDLED_FUNCTIONS) on 0-d arrays: a dual array, or a scalar where
    the result is 0-d. NotImplemented where a dual array takes part (its own
    ``__array_function__`` answers) or an unknown type does; TypeError naming a function
    that the arrays do not implement."""
    if any(issubclass(t, ArrayBase) for t in types):
        return NotImplemented
    args = [_operand(a) for a in args]
    kwargs = {k: _operand(v) for k, v in kwargs.items()}
    return _scalar_result(array_function(func, types, args, kwargs))


def _operand(value):
    """A scalar dual as a 0-d dual array; a list, tuple or object array holding scalar duals
    as one dual array (or, where its elements are not all numbers, as a list of operands);
    anything else as it is."""
    cls = ARRAY_TYPES.get(type(value))
    if cls is not None:
        return from_scalar(cls, value)
    if not (isinstance(value, (list, tuple))
            or (isinstance(value, np.ndarray) and value.dtype == object)):
        return value
    items = np.asarray(value, dtype=object)
    if not all(isinstance(v, _SCALARS) for v in items.flat):  # ragged, or holding arrays
        if isinstance(value, np.ndarray):  # an object array of anything (np.full's buffer
            return value                   # of Nones, written into): NumPy's to handle
        return [_operand(v) for v in value]
    cls = array_type(*items.flat)  # TypeError for Dual beside HyperDual
    return value if cls is None else cls(items)


def _scalar_result(result):
    """Scalars in, scalars out: a 0-d dual array without directions as a scalar dual (each
    of the results of a ufunc with two outputs, such as divmod)."""
    if isinstance(result, tuple):
        return tuple(_scalar_result(r) for r in result)
    return scalar_or_array(result) if isinstance(result, ArrayBase) else result


_scalar.register_array_functions(ArrayBase, unary, binary, scalar_ufunc, scalar_function)
