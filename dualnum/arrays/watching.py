"""Counting what a function does to dual arrays besides elementwise arithmetic.

An elementwise derivative (``dualnum.derivative`` on an array) reads f(x)[i] as the
derivative at x[i], which is right only for an elementwise f; the API checks f on a probe
unless f did nothing but ufunc calls and arithmetic on dual arrays of its computation and
uniform constants (src/_storage.pyx counts the other ufunc calls, indexing and NumPy
functions). Everything else that f can do with a dual array is a method or property of its
class: each of those counts here, before it runs, except the few that say nothing about
where an element sits (``dtype``, ``ndim``, ``directions``) and the arithmetic operators,
which the ufunc calls they make count where needed.

A name added to the dual array classes counts unless it is listed below, so a new method
cannot open a way around the probe (tests/test_elementwise_watch.py lists every name).
"""
import functools

from ._storage import note_unsafe
from ._util import RefusedConversions
from .container import DualArray, HyperDualArray, _Base
from .parts import DualParts, HyperDualParts, ValuesShape

# Attributes that tell nothing about positions, sizes or values.
PLACELESS = frozenset({"dtype", "ndim", "directions"})
# Python's machinery of the classes, and the operators whose ufunc calls count themselves
# (src/_storage.pyx: counted).
MACHINERY = frozenset({
    "__init__", "__init_subclass__", "__slots__", "__module__", "__qualname__", "__doc__",
    "__hash__", "__dict__", "__weakref__", "__array_priority__", "__pos__", "__abs__",
    "__new__"})
# Methods that count by themselves: __array__ looks at its caller's frame, which a wrapper
# would move.
SELF_COUNTING = frozenset({"__array__"})
# The mixins whose methods and properties the classes take (shared with other arrays, as
# dualnum.dask's lazy ones, which they must not count for): each counts on the class.
MIXINS = (RefusedConversions, ValuesShape, DualParts, HyperDualParts)


def _counting(function):
    @functools.wraps(function)
    def counted(*args, **kwargs):
        note_unsafe()
        return function(*args, **kwargs)
    return counted


def watch(cls):
    """Make every method and property defined on cls or on its MIXINS count (but
    PLACELESS, MACHINERY, SELF_COUNTING, and the private names, which users do not call)."""
    inherited = [(name, value) for base in cls.__bases__ if base in MIXINS
                 for name, value in vars(base).items() if name not in vars(cls)]
    for name, value in list(vars(cls).items()) + inherited:   # the mixin's, on cls only
        private = name.startswith("_") and not name.startswith("__")
        if private or name in PLACELESS or name in MACHINERY or name in SELF_COUNTING:
            continue
        if isinstance(value, property):
            setattr(cls, name, property(_counting(value.fget),
                                        value.fset and _counting(value.fset),
                                        value.fdel, value.__doc__))
        elif isinstance(value, (staticmethod, classmethod)):
            setattr(cls, name, type(value)(_counting(value.__func__)))
        elif callable(value):
            setattr(cls, name, _counting(value))


for _cls in (_Base, DualArray, HyperDualArray):
    watch(_cls)
