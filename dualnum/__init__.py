"""dualnum: exact first and second derivatives with dual and hyper-dual numbers.

>>> import dualnum as dn
>>> dn.derivative(lambda x: x * dn.sin(x), 0.0)
0.0
>>> dn.second_derivative(lambda x: x ** 3, 2.0)
12.0
"""
try:
    from . import _scalar
except ImportError as exc:  # the source tree without its compiled extension
    raise ImportError(
        "dualnum's compiled extension is missing (%s). Install dualnum with "
        "`python -m pip install -e .` from the source tree, or run Python outside it." % exc
    ) from exc

from . import _pool, fd, rules
from . import ufuncs
from ._scalar import Dual, HyperDual
from ._taylor import Taylor, TaylorWarning
from .arrays import DualArray, HyperDualArray
from .arrays.creation import empty, full, ones, zeros
from .arrays.softmax import log_softmax, logsumexp, softmax
from .api import (derivative, derivatives, gradient, hessian, hvp, jacobian, jvp,
                  second_derivative)
from .checking import Check, check_grad, check_hessian, check_jacobian

_pool.keep_freed_heap()  # dual-array temporaries reuse the heap (see dualnum._pool)


def _export_rule_functions():
    names = [r.name for r in rules.UNARY if r.public] + [r.name for r in rules.BINARY if r.public]
    globals().update({name: getattr(_scalar, name) for name in names})
    return names


FUNCTIONS = tuple(_export_rule_functions())
abs = absolute  # noqa: A001, F821  (NumPy's alias)

__version__ = "0.1.0"
__all__ = ["Dual", "HyperDual", "DualArray", "HyperDualArray", "ufuncs", "derivative", "second_derivative", "derivatives",
           "Taylor", "TaylorWarning", "gradient", "hessian", "jacobian", "jvp", "hvp", "fd",
           "rules",
           "check_grad", "check_jacobian", "check_hessian", "Check",
           "zeros", "ones", "empty", "full", "logsumexp", "softmax", "log_softmax",
           *FUNCTIONS]

# Sparse derivatives need SciPy (scipy.sparse), which `import dualnum` never imports: the
# subpackage and its functions are loaded on first use (PEP 562), as are the Taylor
# arrays (dualnum.series: TaylorArray) and the functions of any order (dualnum.higher).
_LAZY = {"sparse": ".sparse", "dask": ".dask", "series": ".series", "TaylorArray": ".series",
         "taylor": ".higher", "directional_derivatives": ".higher",
         "derivative_tensor": ".higher"}
_LAZY.update(dict.fromkeys(("jacobian_sparsity", "hessian_sparsity", "colour", "sum_hessian",
                            "sum_gradient"), ".sparse"))


__all__ += ["TaylorArray", "taylor", "directional_derivatives", "derivative_tensor"]


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name):
    if name in _LAZY:
        import importlib
        module = importlib.import_module(_LAZY[name], __name__)
        return module if name in ("sparse", "dask", "series") else getattr(module, name)
    raise AttributeError("module 'dualnum' has no attribute %r" % name)
