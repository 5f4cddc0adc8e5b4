"""Reductions, statistics, quantiles and linear algebra of empty dual arrays: NumPy's own
results, as constants.

Where every dual operand of such a function is empty (size 0), its result is a function of
no element at all: a constant (the sum 0, the product 1, the mean NaN, the determinant of a
0 x 0 matrix 1, ...), whose perturbation parts are 0. So NumPy's function runs on the real
parts, with its values, shapes, warnings and exceptions (numpy.max of an empty array:
ValueError; numpy.linalg.cond: LinAlgError), and its float results take zero perturbation
parts of the operand's type, directions and tag. The implementations, written for elements
to combine, need not handle empty operands (LAPACK refuses 0 x 0 matrices, a sort of
nothing has no middle element).

This module wraps the implementations that ``reductions``, ``statistics``, ``quantiles``,
``linalg``, ``decompositions`` and ``norms`` registered, and the ufunc reductions
(``numpy.add.reduce``, ...); a call with a nonempty dual operand costs one size test.
"""
import functools
import inspect

import numpy as np

from ._registry import HANDLED_FUNCTIONS, REDUCTIONS, write_out
from ._storage import ArrayBase
from .operands import constant, holds_dual
from .reductions import scalar_or_array

_MODULES = ("reductions", "statistics", "quantiles", "linalg", "decompositions", "norms")

# Results that the implementations return as plain numbers also at dual operands: the sign
# of slogdet (piecewise constant); integer results (ranks, indices) are plain anyway.
_PLAIN_FIELDS = {"sign"}


def _empty_lead(values):
    """The first dual array among ``values`` where every dual operand among them is an
    empty dual array; else None."""
    found = None
    for value in values:
        if isinstance(value, ArrayBase):
            if value.size:
                return None
            found = value if found is None else found
        elif holds_dual(value):
            return None
    return found


def _real(value):
    return value.real if isinstance(value, ArrayBase) else value


def _as_constant(x, result, field=None):
    """NumPy's ``result`` with zero perturbation parts beside the dual array x: float
    arrays and numbers become constants, tuples (named ones keep their type) item by item,
    integer and boolean results stay plain."""
    if isinstance(result, tuple):
        items = [_as_constant(x, r, f) for r, f in
                 zip(result, getattr(result, "_fields", (None,) * len(result)))]
        return type(result)(*items) if hasattr(result, "_fields") else tuple(items)
    if field in _PLAIN_FIELDS or np.asarray(result).dtype.kind != "f":
        return result
    return scalar_or_array(constant(x, result))


def _on_empty(function, impl):
    """impl, or NumPy's ``function`` on the real parts (see the module's docstring) where
    every dual operand is empty."""
    signature = inspect.signature(impl)

    @functools.wraps(impl)
    def call(*args, **kwargs):
        x = _empty_lead(args + tuple(kwargs.values()))
        if x is None:
            return impl(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        out = bound.arguments.pop("out", None)
        result = function(*map(_real, bound.args),
                          **{k: _real(v) for k, v in bound.kwargs.items()})
        return write_out(function.__name__, _as_constant(x, result), out)
    return call


def _reduction_on_empty(method, impl):
    """The ufunc method ``method`` (numpy.add.reduce, ...) on an empty dual array: NumPy's
    on the real parts, a constant; else impl."""
    def call(x, axis, **keywords):
        if x.size:
            return impl(x, axis, **keywords)
        return _as_constant(x, method(x.real, axis, **keywords))
    return call


for _function, _impl in list(HANDLED_FUNCTIONS.items()):
    if _impl.__module__.rsplit(".", 1)[-1] in _MODULES:
        HANDLED_FUNCTIONS[_function] = _on_empty(_function, _impl)
for (_ufunc, _method), _impl in list(REDUCTIONS.items()):
    REDUCTIONS[_ufunc, _method] = _reduction_on_empty(getattr(_ufunc, _method), _impl)
