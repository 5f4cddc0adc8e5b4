"""Elementwise rules and arithmetic on dual arrays, registered for NumPy's and SciPy's ufuncs.

Rules of the table go through the kernels of :mod:`dualnum.ufuncs` (one pass per rule,
every part at once) or, for large arrays, their vector loops (plain arrays, where the build
has them) or NumPy twins (:mod:`dualnum._jets`) and the type's chain rule; sums and
differences are NumPy's own loops on each part. The common cases of the operators are taken
earlier, in ArrayBase (src/_storage.pyx); these functions handle every mix of operands;
:mod:`.scalars` hands them the module functions' dual arrays (``dualnum.sin`` on a dual
array).
"""
import contextlib
import sys

import numpy as np

from .. import _jets, _scalar, rules, ufuncs
from . import _registry
from ._registry import implements, implements_optional_ufuncs, implements_ufunc
from ._storage import ArrayBase, path_size
from ._util import ONES, ZEROS, holds_parts, scaled, shared
from .operands import align, array_type, deferred, parts_beside, real_constant

# From this many elements on, rules with a NumPy twin (dualnum._jets) may use it: NumPy's
# SIMD loops outrun the C library's one-element-at-a-time exp, log, tanh, ...; below it, the
# one kernel call costs less than the twin's several NumPy calls.
SIMD_MIN_SIZE = 512
_JETS = _jets.JETS
# Where a twin's NumPy calls outrun the kernel later: the size at which the kernel, called
# directly, and the twin cost the same, measured on one plain array of each size from 512
# to 65536 elements (fastest of repeats), between the dual arrays' and the hyper-dual
# arrays' (which differ by up to 1.8x, arcsin: one size for both, so that derivative and
# derivatives round alike); the twins not listed are faster from SIMD_MIN_SIZE on. The log
# and inverse-sine twins take several NumPy passes per rule, against one kernel loop whose
# C-library calls are quick there.
TWIN_FROM = {
    "arccos": 5500, "arccosh": 2000, "arcsin": 6000, "arcsinh": 850, "arctan": 640,
    "arctanh": 1100, "ceil": 3500, "exp": 600, "exp2": 850, "floor": 3500, "log": 3200,
    "log10": 1600, "log1p": 1900, "log2": 3300, "rint": 4000, "tan": 1100, "trunc": 4000,
}
EVERY_TWIN = max(TWIN_FROM.values())  # the size from which every rule with a twin takes it
_SWITCH = {name: TWIN_FROM.get(name, SIMD_MIN_SIZE) for name in _JETS}


# The rules with vector loops (src/vector_loops.h, where the build has them: ufuncs.VECTOR):
# the rule and the chain rule in one pass over memory, with the C library's SIMD variants of
# exp, log, tanh, ... (glibc's libmvec), within the twins' ulp bound. A plain array (without
# directions) of SIMD_MIN_SIZE elements or more takes them in place of the twin: measured on
# 1000 and 1e5 elements, 1.1-3x faster than the twin and its chain rule, and 2-5x faster than
# the kernel (tests/test_vector.py holds them to the twins' bound; benchmarks/ measures them).
VECTOR = frozenset(ufuncs.VECTOR)


def vector_from(name):
    """The array size from which a plain array takes rule ``name``'s vector loop (never,
    for a rule without one)."""
    return SIMD_MIN_SIZE if name in VECTOR else sys.maxsize


@contextlib.contextmanager
def vector_loops(enabled):
    """Within this context the vector loops are taken (``enabled``, where the build has
    them) or not (every array as in a build without them: the NumPy twins), then as before;
    for the tests and benchmarks that compare the two paths. Not thread-safe."""
    global VECTOR
    before = VECTOR
    VECTOR = frozenset(ufuncs.VECTOR) if enabled else frozenset()
    _register_direct()
    try:
        yield
    finally:
        VECTOR = before
        _register_direct()


def vector_kernel(cls, name, unit=False):
    """The ufunc of rule ``name``'s vector loop for arrays of type ``cls``
    (``ufuncs.vector_dual_NAME``, ``vector_hyper_NAME``; with ``unit``, the loop of a unit
    seed, ``vector_dual_unit_NAME``), or None: no vector loop for that rule (or none at all,
    as in a build without them), or a type without kernels."""
    if name not in VECTOR:
        return None
    return _loop(cls, name, unit, "vector_")


def twin_from(name):
    """The array size from which rule ``name`` runs its NumPy twin (never, for a rule
    without one)."""
    return _SWITCH.get(name, sys.maxsize)
# The twins of rules with a restricted domain, whose jets get the kernels' guard outside it
# (container._jet); a rule of all real x is NaN only at a NaN argument, or at +-inf where
# its g' is NaN too (tests/test_twins.py: test_twins_outside_the_domain).
_GUARDED = {r.name for r in rules.UNARY if not r.domain.startswith(rules.ALL_REALS)}

_KERNELS = {}


def kernel(cls, name, unit=False):
    """The kernel of rule ``name`` for arrays of type ``cls`` (dualnum.ufuncs; with ``unit``,
    its loop of a unit seed, ``dual_unit_NAME``); TypeError for a type without kernels."""
    found = _loop(cls, name, unit)
    if found is None:
        raise TypeError("%s has no kernel for the rule %r" % (cls.__name__, name))
    return found


def _loop(cls, name, unit, prefix=""):
    """The ufunc ``ufuncs.<prefix><kind>_[unit_]<name>`` for arrays of type cls (kind: its
    kernel prefix, dual or hyper), or None (cached)."""
    key = cls, name, unit, prefix
    found = _KERNELS.get(key, False)
    if found is False:
        found = _KERNELS[key] = getattr(ufuncs, prefix + cls._kernel_prefix +
                                        ("unit_" if unit else "") + name,
                                        None) if cls._kernel_prefix else None
    return found


def apply(name, lead, *parts):
    """Rule ``name``'s kernel on ``parts`` (those of one or two operands, then a parameter),
    as an array of ``lead``'s type, directions and tag. The kernels read a 1 x 1 eps1eps2
    block as an element without directions (e1 and e2 seed one variable) and larger blocks
    as pairs of different seeds, where a kink reached with no first-order parts has no value
    (src/chain.h): an array with one direction of each gets a zero second eps1 direction,
    dropped from the result."""
    run = kernel(type(lead), name)
    if not (lead._directional and len(lead._parts) == 4
            and lead._parts[3].shape[-2:] == (1, 1)):
        return lead._with_parts(run(*parts))
    parts = list(parts)
    for i in range(1, len(parts) - 2, 4):  # each operand's eps1 and eps1eps2 parts
        for j, axis in ((i, -1), (i + 2, -2)):
            parts[j] = np.concatenate([parts[j], np.zeros_like(parts[j])], axis=axis)
    out = run(*parts)
    return lead._with_parts((out[0], out[1][..., :1], out[2], out[3][..., :1, :]))


def one_sided(directional, flat, side, moved, second):
    """``second`` with ``side`` where ``flat``: a kink reached with no first-order parts moves
    to the side of its eps1eps2 parts d, exactly where e1 and e2 seed one variable (no
    directions). An entry of an array with directions pairs two seeds, whose product changes
    sign: it has no value there (NaN) where its d (``moved``) are not all 0, as in the
    kernels (src/chain.h: dn_chain_second_mixed)."""
    if directional:
        side = np.where(moved, np.nan, side)
    return np.where(flat, side, second)


def unary(name, x, *params):
    """Rule ``name`` applied to a dual array, with its parameters (numbers or float arrays,
    broadcast against x) if the rule takes any."""
    if x._square is not None and name == "square":
        return x._square()
    parts = x._parts
    size = path_size(parts[0].size)
    vector = vector_kernel(type(x), name) if size >= vector_from(name) else None
    if vector is not None and not x._directional:
        out = x._with_parts(vector(*parts))
    elif size >= twin_from(name):
        out = x._chain(_JETS[name], name in _GUARDED)
    else:
        out = apply(name, x, *parts, *(np.asarray(p, dtype=np.float64) for p in params))
    if name == "absolute":
        keep_square(out, lambda a: a * a, x)
    return out


def keep_square(out, square, *operands):
    """Give ``out`` (|x|, hypot(x, y): kinked where their square is smooth) the square
    ``square(*operands)``, computed when a power or product asks for it (see power). The
    operands are snapshots (copies of the dual arrays and ndarrays), and out's parts become
    read-only: writing into out (x[i] = ..., x += ..., out=) copies them first and drops
    the square (container.__setitem__), and a later write into an operand does not reach
    the snapshot, so the square never goes stale."""
    frozen = [a._with_parts([p.copy() for p in a._parts]) if isinstance(a, ArrayBase)
              else a.copy() if isinstance(a, np.ndarray) else a for a in operands]
    out._parts = tuple(shared(p) if isinstance(p, np.ndarray) else p for p in out._parts)
    out._square = lambda: square(*frozen)
    return out


def binary(name, x, y):
    """Two-argument rule ``name`` applied to any mix of dual arrays, duals and numbers
    (NotImplemented beside an array type that takes over: ``operands.deferred``)."""
    if isinstance(x, ArrayBase) and not (isinstance(y, ArrayBase) and y._directional
                                         and not x._directional):
        beside = parts_beside(x, y)
        if beside is not None:  # y a number, float ndarray or array of x's layout and tag
            return _keeping_square(name, x, y, apply(name, x, *x._parts, *beside))
    elif isinstance(y, ArrayBase):
        beside = parts_beside(y, x)
        if beside is not None:
            return _keeping_square(name, x, y, apply(name, y, *beside, *y._parts))
    if deferred(x, y):
        return NotImplemented
    (a, b), lead = align(x, y)
    return _keeping_square(name, x, y, apply(name, lead, *a._parts, *b._parts))


def _keeping_square(name, x, y, out):
    """hypot(x, y) keeps its smooth square x*x + y*y (see power)."""
    if name == "hypot":
        keep_square(out, lambda a, b: a * a + b * b, x, y)
    return out


def _is_constant_operand(value):
    return not isinstance(value, (ArrayBase, _scalar.Dual, _scalar.HyperDual))


@implements_ufunc(np.add)
def add(x, y, sign=1.0):
    """x + y (or x - y with sign=-1) with NumPy's loops on each part, for any mix of
    operands."""
    if deferred(x, y):
        return NotImplemented
    op = np.add if sign > 0 else np.subtract
    (a, b), lead = align(x, y)
    parts = [op(p, q) for p, q in zip(a._parts, b._parts)]
    shape = parts[0].shape
    return lead._with_parts([parts[0]] + [full_part(p, shape, c) for p, c in
                                          zip(parts[1:], lead._dir_ndim[1:])])


@implements_ufunc(np.subtract)
def subtract(x, y):
    return add(x, y, -1.0)


def full_part(part, shape, ndirs):
    """A perturbation part spread over the shape S of its array (a constant's cached zero
    parts have its direction axes only)."""
    target = shape + part.shape[part.ndim - ndirs:]
    return part if part.shape == target else np.array(np.broadcast_to(part, target))


@implements_ufunc(np.multiply)
def multiply(x, y):
    if x is y and x._square is not None:
        return x._square()
    return binary("multiply", x, y)


@implements_ufunc(np.divide)
def divide(x, y):
    """x / y; a dual array over a float64 ndarray of its shape by :func:`over_constant`."""
    if isinstance(x, ArrayBase) and type(y) is np.ndarray and y.dtype == np.float64 \
            and y.shape == x.shape:
        return over_constant(x, y)
    return binary("divide", x, y)


def over_constant(x, y):
    """x / y for a dual array x and a float64 ndarray y of its shape, with NumPy's loops:
    the value x.real / y and each perturbation part times 1/y (the quotient rule's
    derivative in x) with the kernels' guard of zero parts (ufuncs.scale), as the divide
    kernel computes them. NumPy picks its loops for the machine's SIMD (AVX-512 where there
    is one), where the kernel, built for the compiler's default target (two lanes), takes
    two divisions per element (x / y and 1 / y): this path costs 3 NumPy passes, the
    kernel 4 times a float division. Differences: the sign of a zero part (the kernel adds
    the zero term of y's parts, which turns -0 into +0) and, for hyper-duals, an eps1 eps2
    part where eps1 eps2 overflows (the kernel's term 0 (eps1 eps2) is NaN there). Not
    slower at any size (measured from 64 elements on): as fast for duals on small arrays,
    3 to 30 times faster for hyper-duals with directions, which the kernel reads as pairs
    of seeds (see apply)."""
    r = 1.0 / y
    return x._with_parts([np.asarray(x._parts[0] / y)] + [  # (0-d: a NumPy scalar)
        scaled(r, p, c) for p, c in zip(x._parts[1:], x._dir_ndim[1:])])


@implements_ufunc(np.power)
def power(x, y):
    """x ** y: a constant exponent or base takes the one-argument rules (exact at 0); x**2
    the cheaper square rule; a power of |x|, hypot or a norm is taken of its kept square,
    (s ** (y / 2)), smooth where the root has a kink at 0."""
    if deferred(x, y):
        return NotImplemented
    if _is_constant_operand(y):
        if (type(y) is float or type(y) is int) and y == 2:
            return unary("square", x)  # (which takes a kept square)
        y = real_constant(y, type(x))
        if x._square is not None and np.all(np.asarray(y) >= 2):
            # below 2, |x|**y has no second derivative at 0 (y = 1: a kink; 1 < y < 2: an
            # infinite one), which the rule on x gives as NaN; s**(y/2) would not
            with np.errstate(divide="ignore"):  # s**(y/2) at s = 0: its derivatives are
                return power(x._square(), y / 2)  # guarded by the zero parts
        return unary("power_constant_exponent", x, y)
    if _is_constant_operand(x):
        return unary("power_constant_base", y, real_constant(x, type(y)))
    return binary("power", x, y)


@implements_ufunc(np.negative)
def negative(x):
    return -x


@implements_ufunc(np.positive)
def positive(x):
    return x.copy()


def _real(operand):
    """The real part of a dual operand, or the operand itself."""
    return operand.real if holds_parts(operand) or isinstance(
        operand, (_scalar.Dual, _scalar.HyperDual)) else operand


def _comparison(op):
    def compare(x, y):
        """A comparison (or logical operation) of real parts: a bool ndarray (TypeError
        for Dual beside HyperDual, as for the scalar types)."""
        array_type(x, y)
        return op(_real(x), _real(y))
    implements_ufunc(op)(compare)


def _real_test(test):
    def check(x):
        """A test of the real parts: a bool ndarray."""
        return test(x.real)
    implements_ufunc(test)(check)


for _op in (np.less, np.less_equal, np.greater, np.greater_equal, np.equal, np.not_equal,
            np.logical_and, np.logical_or, np.logical_xor):
    _comparison(_op)
for _test in (np.isnan, np.isinf, np.isfinite, np.signbit, np.logical_not):
    _real_test(_test)


def _unary_call(name):
    return lambda x, *p: unary(name, x, *p)


def _binary_call(name):
    return lambda x, y: binary(name, x, y)


for _r in rules.UNARY:
    if _r.numpy:
        implements_ufunc(getattr(np, _r.numpy))(_unary_call(_r.name))
for _r in rules.BINARY:
    if _r.numpy and _r.numpy != "power":  # power: the dispatch above
        implements_ufunc(getattr(np, _r.numpy))(_binary_call(_r.name))
# Direct calls (src/_storage.pyx): the rules of NumPy's one-operand ufuncs, but absolute,
# which keeps its square (keep_square); a plain array to the vector loop from vector_from on,
# any other to the NumPy twin from twin_from on, as in unary.
_registry.direct_kernel = kernel
_registry.vector_kernel = vector_kernel
_registry.UNIT_SEEDS = (ONES, ZEROS)


def _register_direct():
    for r in rules.UNARY:
        if r.numpy and not r.params and r.name != "absolute":
            _registry.DIRECT[getattr(np, r.numpy)] = (r.name, twin_from(r.name),
                                                      vector_from(r.name))


_register_direct()


def _parameter_first(rule):
    """scipy.special's call of a rule with parameters, which SciPy puts first (jv(v, x),
    betainc(a, b, x)): each a constant (TypeError for a dual one), x the dual array."""
    def call(*args):
        *params, x = args
        return unary(rule.name, x, *(_scalar.constant_parameter(p, rule.scipy, name)
                                     for p, (name, _) in zip(params, rule.params)))
    return call


implements_optional_ufuncs("scipy.special", {
    **{r.scipy: _parameter_first(r) if r.params else _unary_call(r.name)
       for r in rules.UNARY if r.scipy and r.scipy not in rules.SCIPY_FUNCTIONS},
    **{r.scipy: _binary_call(r.name) for r in rules.BINARY if r.scipy}})


@implements(np.i0)
def i0(x):
    """numpy.i0(x): the modified Bessel function of order 0, elementwise (the ``i0`` rule;
    its values come from SciPy, ImportError without it); shape of x.

    >>> import numpy as np, dualnum as dn
    >>> bool(np.i0(dn.DualArray([0.0, 1.0], 1.0)).dual[0] == 0.0)  # I_0' = I_1, 0 at 0
    True
    """
    return unary("i0", x)


@implements(np.sinc)
def sinc(x):
    """numpy.sinc(x): sin(pi x)/(pi x), 1 at 0, elementwise (the ``sinc`` rule); shape of x.

    >>> import numpy as np, dualnum as dn
    >>> float(np.sinc(dn.DualArray([0.0], 1.0)).dual[0])  # sinc'(0) = 0
    0.0
    """
    return unary("sinc", x)
