"""NumPy functions of rounding, NaN replacement and complex numbers on dual arrays, and
``numpy.lib.scimath`` (``np.emath``): dual numbers are real, so each is the real function.

* ``round``/``around`` (any ``decimals``) and ``fix``: NumPy's value, derivative 0 (they
  jump, as ``floor`` and ``ceil``: the parts are those of the ``rint`` and ``trunc`` rules).
* ``nan_to_num``: an element whose real part is NaN or infinite takes its replacement
  (``nan=``, ``posinf=``, ``neginf=``: numbers or real arrays, as in NumPy) with zero
  perturbation parts: a replaced NaN has no derivative to carry, and neither has the
  constant that replaces an infinity. Every other element keeps its parts, NaN parts
  included (a NaN derivative says that none exists there; it is not replaced).
* ``isneginf``, ``isposinf`` and the tests ``isreal``, ``iscomplex``, ``isrealobj``,
  ``iscomplexobj`` read the real parts (every dual is real).
* The complex family on real duals: ``real`` is the dual array itself (its "real part" as a
  complex number is all of it, not ``.real``, the value part), ``imag`` zeros with zero
  parts, ``angle`` 0 or pi (deg=True: 0 or 180), a constant, ``real_if_close`` the array
  itself (as NumPy returns a real array, whatever ``tol``). ``sort_complex`` is refused: its
  result is complex.
* ``numpy.lib.scimath``'s ``sqrt log log2 log10 logn power arccos arcsin arctanh``: the
  real functions (the rule table's) inside their real domain; outside it their values
  would be complex, so a dual argument there raises ValueError (never a silent NaN).
"""
import numpy as np

from ._registry import implements, refuses, write_out
from ._storage import ArrayBase
from ._util import refuse
from .elementwise import unary
from .operands import array_type
from .ufuncs_more import constant_like, with_real


def _rounding(func, rule):
    name = func.__name__

    @implements(func)
    def rounded(a, decimals=0, out=None):
        return write_out(name, with_real(unary(rule, a), np.asarray(func(a.real, decimals))),
                         out)
    return rounded


_rounding(np.round, "rint")
_rounding(np.around, "rint")


@implements(np.fix)
def _fix(x, out=None):
    return write_out("fix", unary("trunc", x), out)


@implements(np.nan_to_num)
def _nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    for keyword, value in (("nan", nan), ("posinf", posinf), ("neginf", neginf)):
        if array_type(value) is not None:
            refuse("nan_to_num", keyword + "= a dual", "a replacement is a constant: give "
                   "a number or a real array")
    real = np.nan_to_num(x.real, nan=nan, posinf=posinf, neginf=neginf)
    kept = np.isfinite(x.real)
    result = x._map(lambda p, c: np.where(kept.reshape(kept.shape + (1,) * c), p, 0.0)
                    if c else real)
    if copy:
        return result
    x[...] = result  # in place, as NumPy's copy=False
    return x


def _real_part_test(func):
    name = func.__name__

    @implements(func)
    def test(x, out=None):
        if isinstance(out, ArrayBase):
            refuse(name, "out= a dual array", "the result is a bool ndarray")
        return func(x.real, out=out)
    return test


_real_part_test(np.isneginf)
_real_part_test(np.isposinf)


def _of_the_real_parts(func):
    implements(func)(lambda x: func(x.real))


for _func in (np.isreal, np.iscomplex, np.isrealobj, np.iscomplexobj):
    _of_the_real_parts(_func)


@implements(np.real)
def _real(val):
    return val


@implements(np.imag)
def _imag(val):
    return constant_like(val, np.zeros(val.shape))


@implements(np.angle)
def _angle(z, deg=False):
    return constant_like(z, np.angle(z.real, deg))


@implements(np.real_if_close)
def _real_if_close(a, tol=100):
    return a


refuses("its result is complex, and dual numbers are real (np.sort sorts real ones)",
        np.sort_complex)


# ---------------------------------------------------------------- numpy.lib.scimath
_SCIMATH = np.lib.scimath


def _real_domain(name, value, inside, domain):
    """The ValueError of scimath's NAME where a real part of ``value`` lies outside its real
    domain (``inside``; NaN is inside: its result is a real NaN)."""
    values = np.asarray(value.real if isinstance(value, ArrayBase) else value)
    outside = ~(inside(values) | np.isnan(values))
    if outside.any():
        raise ValueError("numpy.lib.scimath.%s at %r would be complex, and dual numbers are "
                         "real: keep its argument in %s"
                         % (name, float(values[outside].flat[0]), domain))


def _non_negative(v):
    return v >= 0.0


def _unit(v):
    return np.abs(v) <= 1.0


def _scimath(name, inside, domain):
    """scimath's NAME(x) as numpy.NAME inside the real domain."""
    real_func = getattr(np, name)

    @implements(getattr(_SCIMATH, name))
    def apply(x):
        _real_domain(name, x, inside, domain)
        return real_func(x)
    return apply


for _name in ("sqrt", "log", "log2", "log10"):
    _scimath(_name, _non_negative, "x >= 0")
for _name in ("arccos", "arcsin", "arctanh"):
    _scimath(_name, _unit, "-1 <= x <= 1")


@implements(_SCIMATH.power)
def _power(x, p):
    _real_domain("power", x, _non_negative, "x >= 0")
    return np.power(x, p)


@implements(_SCIMATH.logn)
def _logn(n, x):
    for value in (n, x):
        _real_domain("logn", value, _non_negative, "n >= 0 and x >= 0")
    return np.log(x) / np.log(n)


# numpy.fft (imported on first use), by name: the transforms are linear, but their results
# (or, for the inverse real transforms and hfft, their inputs) are complex
_LINEAR = "the transform is linear: apply it to each part, x.real and x.dual, yourself"
refuses("its result is complex, and complex dual numbers are not supported yet (%s)"
        % _LINEAR, *["numpy.fft." + n for n in (
            "fft fft2 fftn ifft ifft2 ifftn ihfft rfft rfft2 rfftn").split()])
refuses("its result is real but its input is a complex (Hermitian) spectrum, and complex "
        "dual numbers are not supported yet (%s)" % _LINEAR,
        *["numpy.fft." + n for n in "hfft irfft irfft2 irfftn".split()])
