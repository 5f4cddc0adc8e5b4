"""SciPy's functions that dual arrays reach by their SciPy names: each is wrapped so that a
call with a dual operand goes to dualnum's implementation and any other call to SciPy's
function, unchanged (one type check more).

SciPy converts its arguments with ``np.asarray`` and computes with LAPACK, SuperLU or
compiled loops on floats, so it cannot itself return dual arrays, and a dual array's
``__array__`` cannot hand SciPy's caller a result (``scipy.special.logsumexp`` and
``log_softmax`` would call ``np.isfinite`` on the object array of scalar duals, which has no
loop for objects). The wrapper replaces the function in the public module
(``scipy.linalg``, ``scipy.sparse.linalg``, ``scipy.signal``, ``scipy.special``) and in
every SciPy module that holds it (where SciPy defined it), once that module is imported:
at once for those imported before dualnum, else right after their import (a finder on
``sys.meta_path`` that watches for these few module names and otherwise finds nothing).
What it cannot reach is a name bound before dualnum was imported (``from scipy.linalg
import solve_triangular`` above ``import dualnum``): that name is SciPy's function, whose
``np.asarray`` of a dual array raises a TypeError that says so
(``scipy_callers``); import dualnum first, or call the function through its module.
"""
import functools
import importlib.abc
import sys

from .. import rules
from ._registry import CALLERS, refuses_caller
from . import scipy_linalg, scipy_signal, scipy_stats, softmax
from .operands import holds_dual
from .elementwise import _parameter_first
from .scalars import _operand, _scalar_result

_POLYGAMMA = _parameter_first(next(r for r in rules.UNARY if r.name == "polygamma"))


def polygamma(n, x):
    """scipy.special.polygamma(n, x) (a Python function in SciPy, not a ufunc) with a dual
    x, as SciPy's ufuncs of a parameter take one (jv(v, x)): n a constant (a number, or an
    array broadcast against x; TypeError for a dual n: the derivative is taken in x only),
    the result of x's shape broadcast with n's, a scalar dual for scalars. The rule's
    values: psi^(n)(x), derivatives psi^(n+1)(x), psi^(n+2)(x) (src/polygamma.h, DLMF 5.15).

    >>> import scipy.special as sp, dualnum as dn
    >>> sp.polygamma(1, dn.Dual(2.0, 1.0)).dual == sp.polygamma(2, 2.0)
    True
    """
    if _taylor_series(x):  # the Taylor types: dualnum's polygamma, of the same rule
        from .. import polygamma as taylor_polygamma
        return taylor_polygamma(n, x)
    return _scalar_result(_POLYGAMMA(n, _operand(x)))


polygamma.takes_taylor = True


def _taylor_series(x):
    """x is a Taylor series (dualnum.Taylor or a TaylorArray: what takes the rules by
    ``_apply_rule``)."""
    return hasattr(type(x), "_apply_rule")


def _routed_operand(x):
    """x is an operand that dualnum's implementation takes: dual, or a Taylor series."""
    return holds_dual(x) or _taylor_series(x)


# public module -> {name: dualnum's implementation, taking SciPy's signature}
ROUTES = {
    "scipy.linalg": {"solve_triangular": scipy_linalg.solve_triangular,
                     "cho_solve": scipy_linalg.cho_solve,
                     "lu_solve": scipy_linalg.lu_solve},
    "scipy.sparse.linalg": {"spsolve": scipy_linalg.spsolve},
    "scipy.signal": {"convolve": scipy_signal.convolve, "correlate": scipy_signal.correlate},
    "scipy.special": {"logsumexp": softmax.logsumexp, "softmax": softmax.softmax,
                      "log_softmax": softmax.log_softmax, "polygamma": polygamma},
}

# public module -> (the module defining a class, the class, {method: dualnum's
# implementation, taking the instance first}): methods wrapped on the class
METHOD_ROUTES = {
    "scipy.stats": ("scipy.stats._distn_infrastructure", "rv_continuous",
                    {"pdf": scipy_stats.pdf, "logpdf": scipy_stats.logpdf,
                     "cdf": scipy_stats.cdf}),
}

def _route(original, implementation):
    """``original`` for calls without dual operands, else ``implementation`` (or
    ``original`` where that returns NotImplemented). A dual operand may also be inside a
    list, a tuple (cho_solve's (c, lower)) or an object array; an implementation marked
    ``takes_taylor`` takes the Taylor series too."""
    takes = _routed_operand if getattr(implementation, "takes_taylor", False) else holds_dual

    @functools.wraps(original)
    def routed(*args, **kwargs):
        if any(map(takes, args)) or any(map(takes, kwargs.values())):
            result = implementation(*args, **kwargs)
            if result is not NotImplemented:
                return result
        return original(*args, **kwargs)
    routed.__dualnum_route__ = implementation
    return routed


def install(name):
    """Wrap the routed functions of the public module ``name`` (imported) wherever SciPy's
    modules hold them, and the routed methods of its class."""
    if name in METHOD_ROUTES:
        module, cls, methods = METHOD_ROUTES[name]
        owner = getattr(sys.modules[module], cls)
        for attr, implementation in methods.items():
            if not hasattr(vars(owner)[attr], "__dualnum_route__"):
                setattr(owner, attr, _route(vars(owner)[attr], implementation))
    public = sys.modules[name]
    for attr, implementation in ROUTES.get(name, {}).items():
        original = getattr(public, attr)
        if hasattr(original, "__dualnum_route__"):
            continue
        routed = _route(original, implementation)
        for module in list(sys.modules.values()):
            # the module's own names (a deprecated shim's __getattr__ would warn)
            if getattr(module, "__name__", "").startswith("scipy") \
                    and vars(module).get(attr) is original:
                setattr(module, attr, routed)


class _Installer:
    """The loader of a routed module: the module's own, then :func:`install`."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        module.__spec__.loader = module.__loader__ = self.loader
        self.loader.exec_module(module)
        install(module.__name__)


class _Watcher(importlib.abc.MetaPathFinder):
    """Finds the routed modules with the finders after it, and installs the routes once
    such a module has run; finds nothing else."""

    def find_spec(self, name, path, target=None):
        if name not in ROUTES and name not in METHOD_ROUTES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Installer(spec.loader)
                return spec
        return None


for _name in {**ROUTES, **METHOD_ROUTES}:
    if _name in sys.modules:
        install(_name)
if not any(isinstance(f, _Watcher) for f in sys.meta_path):
    sys.meta_path.insert(0, _Watcher())

_EARLY = ("%s was bound before dualnum was imported, so it is SciPy's own function, which "
          "runs on floats and cannot take dual arrays: import dualnum before binding it, or "
          "call it through its module (%s)")
# (module, the function's code name there: the batched ones run an inner _NAME, the public
# name)
for _module, _code, _public in (
        ("scipy.linalg._basic", "solve_triangular", "scipy.linalg.solve_triangular"),
        ("scipy.linalg._decomp_cholesky", "_cho_solve", "scipy.linalg.cho_solve"),
        ("scipy.linalg._decomp_cholesky", "cho_solve", "scipy.linalg.cho_solve"),
        ("scipy.linalg._decomp_lu", "_lu_solve", "scipy.linalg.lu_solve"),
        ("scipy.linalg._decomp_lu", "lu_solve", "scipy.linalg.lu_solve"),
        ("scipy.sparse.linalg._dsolve.linsolve", "spsolve", "scipy.sparse.linalg.spsolve")):
    refuses_caller(_module, [_code], _EARLY % (_public.rsplit(".", 1)[1], _public + "(...)"))


def _batched(frame_locals):
    """The refusal of the function that SciPy's batching wrapper (scipy._lib._util
    ._apply_over_batch, which converts the arguments itself) calls, if it has one."""
    f = frame_locals.get("f")
    why = CALLERS.get((getattr(f, "__module__", None), getattr(f, "__name__", None)))
    return why(frame_locals) if callable(why) else why


refuses_caller("scipy._lib._util", ["wrapper"], _batched)
