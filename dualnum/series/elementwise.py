"""NumPy's and scipy.special's ufuncs on Taylor arrays (NEP 13), and the operators.

Every ufunc with an entry in the rule table (dualnum.rules: its ``numpy=`` or ``scipy=``
name) runs the entry's Taylor kernel (dualnum._taylor.unary / binary). Hand-written, as the
scalar type (dualnum.Taylor) computes them, so that an element of an array and a scalar get
the same bits: ``+`` and ``-`` (a constant moves coefficient 0 alone), ``*`` and ``/`` of
two series (the product and quotient kernels), ``*`` and ``/`` by a constant (every
coefficient scaled), ``c / x`` (c times the series 1/x, the quotient kernel's), ``x ** c``
and ``c ** x`` (the rules ``power_constant_exponent`` and ``power_constant_base``), ``//``,
``%`` and divmod (Python's float semantics on coefficient 0: the quotient a constant, the
remainder a - q b), comparisons and the tests isnan ... signbit (on coefficient 0, bool
arrays), fmax/fmin (maximum/minimum but where one value is NaN), and the linear ufuncs
(deg2rad ...: each coefficient alike). Any other ufunc raises a TypeError naming it
(dualnum.arrays._registry).
"""
import numpy as np

from .. import rules
from .container import FAMILY, SCALAR, TaylorArray, common_order, operand
from .kernels import binary as run_binary
from .kernels import constant_series, lifted, product, quotient, unary as run_unary

_wrap = TaylorArray._wrap


def _name(ufunc):
    return "numpy." + ufunc.__name__


def _taylor(x, what):
    """The Taylor operand x (a TaylorArray, a scalar Taylor as a 0-d one), or TypeError."""
    a = operand(x)
    if not isinstance(a, TaylorArray):
        raise TypeError("%s takes a Taylor series here, not a constant" % what)
    return a


def _shifted(series, constant, op, series_first):
    """op (add or subtract) of a series and a constant: coefficient 0 alone changes (the
    constant first: the other coefficients negated for subtract)."""
    c = series._c if series_first or op is np.add else -series._c
    if constant.ndim == 0 or constant.shape == series.shape:
        c = c.copy() if c is series._c else c
    else:
        shape = np.broadcast_shapes(series.shape, constant.shape)
        c = np.array(np.broadcast_to(lifted(c, len(shape)), c.shape[:1] + shape))
    c[0] = op(series._c[0], constant) if series_first else op(constant, series._c[0])
    return _wrap(c)


def _scaled(series, constant, op, series_first=True):
    """op (multiply or divide) of every coefficient of a series (array of shape (d + 1,) +
    S) and a constant, broadcast over S."""
    n = max(series.ndim - 1, constant.ndim)
    k = constant.reshape((1,) * (n - constant.ndim + 1) + constant.shape)
    s = lifted(series, n)
    return _wrap(op(s, k) if series_first else op(k, s))


def _series_of(value, order):
    """The series of an operand of the given order: its coefficients, or a constant's."""
    return value._c if isinstance(value, TaylorArray) else constant_series(value, order)


@FAMILY.implements_ufunc(np.add)
def add(x, y, op=np.add):
    a, b = operand(x), operand(y)
    if isinstance(a, TaylorArray) and isinstance(b, TaylorArray):
        common_order(a, b)
        n = max(a.ndim, b.ndim)
        return _wrap(op(lifted(a._c, n), lifted(b._c, n)))
    if isinstance(a, TaylorArray):
        return _shifted(a, b, op, True)
    return _shifted(b, a, op, False)


@FAMILY.implements_ufunc(np.subtract)
def subtract(x, y):
    return add(x, y, np.subtract)


def _product_like(x, y, kernel, ufunc, right):
    """x * y or x / y: two series by the product or quotient ``kernel``; a series and a
    constant coefficientwise (``ufunc``), a constant times ``right(b)`` (b's series, or that
    of 1 / b) where only y is a series."""
    a, b = operand(x), operand(y)
    if isinstance(a, TaylorArray) and isinstance(b, TaylorArray):
        common_order(a, b)
        return _wrap(kernel(a._c, b._c))
    if isinstance(a, TaylorArray):
        return _scaled(a._c, b, ufunc)
    return _scaled(right(b), a, np.multiply, False)


@FAMILY.implements_ufunc(np.multiply)
def multiply(x, y):
    return _product_like(x, y, product, np.multiply, lambda b: b._c)


@FAMILY.implements_ufunc(np.divide)
def divide(x, y):
    return _product_like(x, y, quotient, np.divide, lambda b: quotient(
        constant_series(np.ones(b.shape), b.order), b._c))


@FAMILY.implements_ufunc(np.power, np.float_power)
def power(x, y):
    """x ** y: a constant exponent or base takes the one-argument rules (exact where x
    starts at 0); two series the rule ``power``."""
    a, b = operand(x), operand(y)
    if isinstance(a, TaylorArray) and isinstance(b, TaylorArray):
        common_order(a, b)
        return _wrap(run_binary("power", a._c, b._c, "t ** u (power)"))
    if isinstance(a, TaylorArray):
        return _wrap(run_unary("power_constant_exponent", a._c, (b,),
                               "t ** p (power_constant_exponent)"))
    return _wrap(run_unary("power_constant_base", b._c, (a,), "c ** t (power_constant_base)"))


@FAMILY.implements_ufunc(np.divmod)
def divmod_(x, y):
    """(x // y, x % y) with Python's float semantics on coefficient 0 (NumPy's): the
    quotient q a constant series (it jumps: derivatives 0), the remainder x - q y."""
    a, b = operand(x), operand(y)
    order = common_order(a, b)
    sa, sb = _series_of(a, order), _series_of(b, order)
    n = max(sa.ndim, sb.ndim) - 1
    sa, sb = lifted(sa, n), lifted(sb, n)
    q, r0 = np.divmod(sa[0], sb[0])
    rest = sa[1:] - q * sb[1:]
    remainder = np.concatenate([np.broadcast_to(r0, rest.shape[1:])[None], rest])
    return _wrap(constant_series(q, order)), _wrap(remainder)


@FAMILY.implements_ufunc(np.floor_divide)
def floor_divide(x, y):
    return divmod_(x, y)[0]


@FAMILY.implements_ufunc(np.remainder)
def remainder(x, y):
    return divmod_(x, y)[1]


@FAMILY.implements_ufunc(np.negative)
def negative(x):
    return _wrap(-_taylor(x, "numpy.negative")._c)


@FAMILY.implements_ufunc(np.positive, np.conjugate)
def positive(x):
    return _taylor(x, "numpy.positive").copy()


def _linear(ufunc):
    """A linear ufunc of one argument (deg2rad ...): applied to every coefficient."""
    def call(x):
        return _wrap(ufunc(_taylor(x, _name(ufunc))._c))
    FAMILY.implements_ufunc(ufunc)(call)


for _u in (np.deg2rad, np.rad2deg, np.radians, np.degrees):
    _linear(_u)


def _value(x):
    """Coefficient 0 of a Taylor operand; a constant as it is."""
    if isinstance(x, TaylorArray):
        return x._c[0]
    if SCALAR is not None and isinstance(x, SCALAR):
        return x.coefficients[0]
    return x


def _comparison(op):
    def compare(x, y):
        """A comparison (or logical operation) of the values (coefficient 0): a bool
        ndarray."""
        return op(_value(x), _value(y))
    FAMILY.implements_ufunc(op)(compare)


def _value_test(test):
    def check(x):
        """A test of the values (coefficient 0): a bool ndarray."""
        return test(_value(x))
    FAMILY.implements_ufunc(test)(check)


for _op in (np.less, np.less_equal, np.greater, np.greater_equal, np.equal, np.not_equal,
            np.logical_and, np.logical_or, np.logical_xor):
    _comparison(_op)
for _test in (np.isnan, np.isinf, np.isfinite, np.signbit, np.logical_not):
    _value_test(_test)


def unary(name, x, *params, what=None):
    """Rule ``name`` of the Taylor operand x, with the rule's parameters (constants:
    numbers or float arrays, broadcast against x)."""
    return _wrap(run_unary(name, _taylor(x, what or name)._c, params, what))


def binary(name, x, y, what=None):
    """Two-argument rule ``name`` of two operands, at least one of them Taylor (a constant
    is the series of a constant)."""
    a, b = operand(x), operand(y)
    order = common_order(a, b)
    return _wrap(run_binary(name, _series_of(a, order), _series_of(b, order), what or name))


def _unary_call(name, what):
    return lambda x: unary(name, x, what=what)


def _binary_call(name, what):
    return lambda x, y: binary(name, x, y, what)


for _r in rules.UNARY:
    if _r.numpy:
        _ufunc = getattr(np, _r.numpy)
        FAMILY.implements_ufunc(_ufunc)(_unary_call(_r.name, _name(_ufunc)))
for _r in rules.BINARY:
    if _r.numpy and _r.numpy != "power":  # power: above
        _ufunc = getattr(np, _r.numpy)
        FAMILY.implements_ufunc(_ufunc)(_binary_call(_r.name, _name(_ufunc)))
FAMILY.implements_ufunc(np.fabs)(_unary_call("absolute", "numpy.fabs"))


def _nan_ignoring(name, ufunc):
    """fmax/fmin: the rule maximum/minimum, but where one value (coefficient 0) is NaN
    and the other not, the other series."""
    def call(x, y):
        a, b = operand(x), operand(y)
        out = binary(name, a, b, _name(ufunc))
        c = out._c
        for mine, other in ((a, b), (b, a)):
            picked = np.isnan(_value(other)) & ~np.isnan(_value(mine))
            if np.any(picked):
                series = np.broadcast_to(lifted(_series_of(mine, out.order), c.ndim - 1),
                                         c.shape)
                c = np.where(picked, series, c)
        return _wrap(c)
    FAMILY.implements_ufunc(ufunc)(call)


_nan_ignoring("maximum", np.fmax)
_nan_ignoring("minimum", np.fmin)


def _parameter_first(rule, what):
    """scipy.special's call of a rule with parameters, which SciPy puts first (jv(v, x),
    betainc(a, b, x)): each a constant (TypeError for a Taylor one), x the Taylor array."""
    def call(*args):
        *params, x = args
        for p, (pname, _) in zip(params, rule.params):
            if not isinstance(operand(p), np.ndarray):
                raise TypeError("%s takes its parameter %s as a constant (numbers), not a "
                                "Taylor series" % (what, pname))
        return unary(rule.name, x, *(operand(p) for p in params), what=what)
    return call


FAMILY.implements_optional_ufuncs("scipy.special", {
    **{r.scipy: _parameter_first(r, "scipy.special." + r.scipy) if r.params
       else _unary_call(r.name, "scipy.special." + r.scipy)
       for r in rules.UNARY if r.scipy and r.scipy not in rules.SCIPY_FUNCTIONS},
    **{r.scipy: _binary_call(r.name, "scipy.special." + r.scipy)
       for r in rules.BINARY if r.scipy}})


# dualnum's module functions (dn.sin, dn.arctan2, ...) on Taylor arrays: the rules above
# (src/functions.pxi.in asks an operand it does not know for these methods)
TaylorArray._apply_rule = lambda self, name, *params: unary(name, self, *params)
TaylorArray._apply_rule2 = lambda self, name, x, y: binary(name, x, y)
