"""NumPy's ufuncs beyond the rule table's names, on dual arrays: each composed exactly from
the rules and the arrays' own operations, or refused with the reason.

* Another name for a rule or an operation: ``fabs`` (``absolute``), ``float_power``
  (``power``: the parts are float64 anyway), ``conjugate`` (a real dual is its own
  conjugate: a copy), ``deg2rad``/``radians`` and ``rad2deg``/``degrees`` (a product with
  the constant NumPy multiplies by, so the values are NumPy's to the bit).
* ``fmax``/``fmin``: ``maximum``/``minimum`` (a tie shares the derivative), except that
  where one operand is NaN the result is the other one, with its parts.
* Signs and steps: ``copysign(x, y) = |x| copysign(1, y)`` (at x = 0 the kink of ``|x|``:
  derivative 0, second derivative NaN; derivative 0 in y, which only flips the sign);
  ``heaviside(x, h0)``: 0 or 1 with derivative 0, and where x is 0 the second operand
  itself, with its parts.
* Python's floor division (NumPy's ``floor_divide``, ``remainder``, ``divmod``, the
  operators ``// % divmod`` of dual arrays): the quotient q = floor(x / y) jumps, so it is
  a constant; the remainder has the parts of x - q y and NumPy's value, as the scalar
  types' ``%`` (src/helpers.h, dn_divmod).
* The float decompositions: ``modf`` (the fractional part x - trunc(x) carries x's parts,
  the integral part is ``trunc``), ``frexp`` (the mantissa x / 2^e with every part scaled
  by 2^-e, the exponent e an int ndarray), ``ldexp(x, i)`` (every part scaled by 2^i; i an
  integer array or number, not a dual: the derivative in i does not exist).
* The float grid: ``spacing`` (the ulp is constant between powers of two: derivative 0) and
  ``nextafter(x, y)`` (x moved by one ulp, a piecewise-constant step: x's parts). Both are
  handled rather than refused because code uses them for tolerances and nudges
  (``x + np.spacing(x)``, ``np.nextafter(lo, hi)``), where refusing would stop a program
  whose derivative is exact away from the powers of two.
* ``clip`` (the ufunc behind ``np.clip``): ``maximum``, then ``minimum``; ``_ones_like``:
  ones, a constant.

Refused, with the reason: the bitwise and integer ufuncs, ``isnat`` and the string ufuncs.
The comparisons, the logical ufuncs and the tests (``isnan`` ...) read the real parts
(:mod:`.elementwise`); ``matmul`` and its kin are in :mod:`.linalg`.
"""
import numpy as np

from ._registry import implements_ufunc, refuses
from ._storage import ArrayBase
from ._util import shared
from .elementwise import binary, full_part, multiply, power, subtract, unary
from .operands import align, array_type, constant, deferring

# NumPy's own multipliers (npy_deg2rad, npy_rad2deg), so that the values are its own
_RADIANS_PER_DEGREE = np.pi / 180.0
_DEGREES_PER_RADIAN = 180.0 / np.pi


def constant_like(x, real):
    """``real`` as an array of x's type, directions and tag with zero perturbation parts of
    its whole shape: the result of a function that jumps or is constant (derivative 0)."""
    real = np.asarray(real, dtype=np.float64)
    return constant(x, real)._map(lambda p, c: full_part(p, real.shape, c))


def with_real(x, real):
    """x with its real parts replaced by ``real`` (of x's shape): where NumPy's value of a
    function is exact and x already holds its derivative parts."""
    return x._with_parts((np.asarray(real),) + x._parts[1:])


def _is_dual(value):
    return array_type(value) is not None


@implements_ufunc(np.fabs)
def fabs(x):
    return unary("absolute", x)


implements_ufunc(np.float_power)(power)


@implements_ufunc(np.conjugate)
def conjugate(x):
    return x.copy()


@implements_ufunc(np.deg2rad, np.radians)
def deg2rad(x):
    return x * _RADIANS_PER_DEGREE


@implements_ufunc(np.rad2deg, np.degrees)
def rad2deg(x):
    return x * _DEGREES_PER_RADIAN


def _ignoring_nan(name):
    def extreme(x, y):
        """The rule's maximum or minimum; where one operand is NaN, the other one."""
        (a, b), _ = align(x, y)
        with np.errstate(invalid="ignore"):  # a NaN operand is expected: no warning
            out = binary(name, a, b)
        a_nan, b_nan = np.isnan(a.real), np.isnan(b.real)
        if a_nan.any() or b_nan.any():  # rare: the common case pays two tests only
            out = np.where(b_nan, a, np.where(a_nan, b, out))
        return out
    return extreme


implements_ufunc(np.fmax)(deferring(_ignoring_nan("maximum")))
implements_ufunc(np.fmin)(deferring(_ignoring_nan("minimum")))


@implements_ufunc(np.copysign)
@deferring
def copysign(x, y):
    (a, b), _ = align(x, y)
    return _times(unary("absolute", a), np.copysign(1.0, b.real))


@implements_ufunc(np.heaviside)
@deferring
def heaviside(x, h0):
    (a, b), _ = align(x, h0)
    return np.where(a.real == 0.0, b, constant_like(a, np.heaviside(a.real, b.real)))


def _quotient(x, y):
    """x and y as arrays of one dual type, and (q, r) = NumPy's divmod of their real parts."""
    (a, b), _ = align(x, y)
    return a, b, np.divmod(a.real, b.real)


@implements_ufunc(np.floor_divide)
@deferring
def floor_divide(x, y):
    a, _, (q, _) = _quotient(x, y)
    return constant_like(a, q)


@implements_ufunc(np.remainder)
@deferring
def remainder(x, y):
    a, b, (q, r) = _quotient(x, y)
    return with_real(subtract(a, multiply(q, b)), r)


@implements_ufunc(np.divmod)
@deferring
def divmod_(x, y):
    a, b, (q, r) = _quotient(x, y)
    return constant_like(a, q), with_real(subtract(a, multiply(q, b)), r)


@implements_ufunc(np.modf)
def modf(x):
    fraction, _ = np.modf(x.real)
    return with_real(x._map(lambda p, c: shared(p)), fraction), unary("trunc", x)


@implements_ufunc(np.frexp)
def frexp(x):
    mantissa, exponent = np.frexp(x.real)
    return _scaled(x, -exponent, mantissa), exponent


@implements_ufunc(np.ldexp)
def ldexp(x, i):
    if _is_dual(i) or not isinstance(x, ArrayBase):
        raise TypeError("numpy.ldexp(x, i) on duals takes a dual x and an integer exponent i "
                        "(an int ndarray or number): 2^i jumps with i, which has no "
                        "derivative; for a real exponent write x * 2.0 ** i")
    return _scaled(x, i)


def _scaled(x, exponent, real=None):
    """Every part of x times 2^exponent (an integer array or number), exactly; ``real``:
    the result's real part where it is known already (frexp's mantissa), then only the
    perturbation parts are scaled. NumPy's ldexp is fast for C int exponents (frexp's) and
    slow for others (int64: 40 times slower), which take a product with that power of two
    where it is a normal double (NumPy's fast loop), else ldexp."""
    exponent = np.asarray(exponent)
    first = 0 if real is None else 1
    if exponent.dtype == np.intc or exponent.size and (exponent.min() < -1022
                                                       or exponent.max() > 1023):
        scale, factor = np.ldexp, exponent
    else:
        scale, factor = np.multiply, np.ldexp(1.0, exponent)
    parts = [np.asarray(scale(p, factor.reshape(factor.shape + (1,) * c)))
             for p, c in zip(x._parts[first:], x._dir_ndim[first:])]
    return x._with_parts(parts if real is None else [np.asarray(real)] + parts)


def _times(x, factor):
    """Every part of x times ``factor`` (a float array that broadcasts against x's shape),
    with NumPy's loops: for factors that need no zero guard (finite ones)."""
    return x._map(lambda p, c: np.asarray(p * factor.reshape(factor.shape + (1,) * c)))


@implements_ufunc(np.spacing)
def spacing(x):
    return constant_like(x, np.spacing(x.real))


@implements_ufunc(np.nextafter)
@deferring
def nextafter(x, y):
    (a, b), _ = align(x, y)
    real = np.nextafter(a.real, b.real)
    return with_real(a._map(lambda p, c: shared(full_part(p, real.shape, c))), real)


def _umath():
    """The module of NumPy's ufuncs, also those it exports nowhere else (the string ones)."""
    return np._core.umath if hasattr(np, "_core") else np.core.umath


_UMATH = _umath()


@implements_ufunc(_UMATH.clip)
def clip(x, low, high):
    (a, lo, hi), _ = align(x, low, high)
    return binary("minimum", binary("maximum", a, lo), hi)


@implements_ufunc(_UMATH._ones_like)
def ones_like(x):
    return constant_like(x, np.ones(x.shape))


refuses("it acts on the bits or the divisors of integers, which have no derivative (dual "
        "arrays hold float64 parts); apply it to integer arrays", np.bitwise_and,
        np.bitwise_or, np.bitwise_xor, np.invert, np.left_shift, np.right_shift, np.gcd,
        np.lcm, *[getattr(np, n) for n in ("bitwise_count",) if hasattr(np, n)])
refuses("it tests datetimes (NaT), and dual numbers are real numbers", np.isnat)
_TEXT = ("_center _expandtabs _expandtabs_length _ljust _lstrip_chars _lstrip_whitespace "
         "_partition _partition_index _replace _rjust _rpartition _rpartition_index "
         "_rstrip_chars _rstrip_whitespace _slice _strip_chars _strip_whitespace _zfill count "
         "endswith find index isalnum isalpha isdecimal isdigit islower isnumeric isspace "
         "istitle isupper rfind rindex startswith str_len").split()
refuses("it acts on strings, and dual numbers are real numbers",
        *[getattr(_UMATH, n) for n in _TEXT if isinstance(getattr(_UMATH, n, None), np.ufunc)])
# numpy.strings and numpy.char (imported on first use), by name
_TEXT_FUNCTIONS = ["numpy.strings." + n for n in (
    "_join _rsplit _split _splitlines capitalize center decode encode expandtabs ljust lower "
    "mod multiply partition replace rjust rpartition swapcase title translate upper "
    "zfill").split()] + ["numpy.char." + n for n in (
        "equal greater greater_equal less less_equal not_equal").split()]
refuses("it acts on strings, and dual numbers are real numbers", *_TEXT_FUNCTIONS)
