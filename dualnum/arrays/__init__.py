"""Arrays of dual and hyper-dual numbers: DualArray, HyperDualArray and NumPy's protocols.

The modules are imported in dependency order, each using only those before it; from
``elementwise`` on, each registers its NumPy implementations in ``_registry`` as it is
imported:

1. ``_util``       leaf helpers (read-only sharing, index expansion, axes, keyword refusals)
2. ``_registry``   the ufunc, reduction and NEP 18 tables and the two protocol dispatchers
3. ``_storage``    ArrayBase (compiled): the parts, the hot operators, the protocol entries
4. ``operands``    mixed operands: one dual type, common directions, constants
5. ``container``   DualArray, HyperDualArray: per-type facts, chain and product rules
6. ``elementwise`` rules, arithmetic and comparisons (NumPy's and scipy.special's ufuncs)
7. ``reductions``  sum mean prod max min cumsum cumprod, ufunc.reduce / accumulate
8. ``shape``       concatenate stack reshape transpose where clip diff diag ... argmax
9. ``linalg``      matmul dot inner outer linalg.solve inv det norm
10. ``ufuncs_more`` the other ufuncs: fmod % divmod modf frexp copysign fmax ..., refusals
11. ``real_functions`` round fix nan_to_num, the complex family, numpy.lib.scimath
12. ``scalars``   scalar duals in NumPy's protocols: these implementations on 0-d arrays

``HANDLED_FUNCTIONS`` maps every NumPy function that dual arrays implement to its
implementation; any other function raises a TypeError that names it.
"""
from . import _util, _registry, _storage, operands, container  # noqa: F401  (the order)
from . import elementwise, reductions, shape, linalg  # noqa: F401  (each registers itself)
from . import ufuncs_more, real_functions  # noqa: F401  (each registers itself)
from . import scalars  # noqa: F401  (registers the arrays with the scalar types)
from ._registry import HANDLED_FUNCTIONS
from .container import DirectionsError, DualArray, HyperDualArray

__all__ = ["DualArray", "HyperDualArray", "DirectionsError", "HANDLED_FUNCTIONS"]
