# The scalar Taylor series of any order, Taylor: normalised coefficients t_k = f^(k)(x0)/k!
# in one C array. A Taylor is a series of one element for the kernels above: products and
# quotients take dn_taylor_mul and dn_taylor_div, as the series arrays do (mul, div), the
# rule table's functions rule_unary and rule_binary, with n = 1, so that a scalar and an
# element of an array get the same bits.
cimport cython
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.number cimport PyNumber_Divmod
from cpython.object cimport Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE
from libc.math cimport isfinite
from libc.string cimport memcpy

import contextvars
import numbers
import operator
import sys
import warnings
from functools import partial

# The product and quotient kernels of one element (n = 1, stride 1): the same functions as
# the arrays', inlined with those constants (GCC and Clang: flatten), which takes their
# element loops away (order 10: 55 ns rather than 370 for a product) and leaves the
# operations and their order, so the bits, as they are.
cdef extern from *:
    """
    #if defined(__GNUC__)
    #define DN_TAYLOR_FLATTEN __attribute__((flatten))
    #else
    #define DN_TAYLOR_FLATTEN
    #endif
    static DN_TAYLOR_FLATTEN void dn_taylor_mul_one(int d, const double *a, const double *b,
                                                   double *out)
    {
        dn_taylor_mul(d, 1, a, 1, b, 1, out, 1);
    }
    static DN_TAYLOR_FLATTEN int dn_taylor_div_one(int d, const double *a, const double *b,
                                                  double *out, int *shortp)
    {
        dn_taylor_div(d, 1, a, 1, b, 1, out, 1);
        return b[0] == 0.0 ? dn__quotient_at_zero(d, a, 1, 0.0, b, 1, out, 1, shortp) : 0;
    }
    """
    void dn_taylor_mul_one(int d, const double *a, const double *b, double *out) nogil
    int dn_taylor_div_one(int d, const double *a, const double *b, double *out,
                          int *shortp) nogil


class TaylorWarning(RuntimeWarning):
    """A Taylor result has NaN coefficients: the function has no Taylor series at the point
    (a kink, a jump, a pole, a branch point), or the input series lacks ``orders`` orders to
    determine the result's top coefficients (a leading-zero case, as sqrt of a series
    starting with t^2)."""
    orders = 0


# A derivative of order n (dualnum.higher) evaluates f and reads the ``orders`` of the
# TaylorWarnings that evaluation gave, to evaluate again with more orders where the kernels
# were short of them; it then issues the last evaluation's warnings itself. Meanwhile they
# go to the list in this context variable, with where each arose, instead of to warnings:
# a context variable is each thread's (and each Dask task's) own, where
# warnings.catch_warnings is one state for the whole process before Python 3.14, and
# threads evaluating at once would read, or lose, each other's.
TAYLOR_RECORD = contextvars.ContextVar("dualnum_taylor_record", default=None)


def issue_taylor_warning(w, int stacklevel=1):
    """warnings.warn(w, stacklevel=stacklevel) of a TaylorWarning w, or, where
    ``TAYLOR_RECORD`` holds a list, (w, filename, line number) of that frame appended to
    it. (This function has no frame of its own: stacklevel 1 is its caller.)"""
    record = TAYLOR_RECORD.get()
    if record is None:
        warnings.warn(w, stacklevel=stacklevel)
        return
    frame = sys._getframe(stacklevel - 1)
    record.append((w, frame.f_code.co_filename, frame.f_lineno))


TAYLOR_NO_CONVERSION = (
    "cannot convert a Taylor to {0}: that would drop its higher coefficients. Use NumPy's "
    "ufuncs (numpy.sin) or scipy.special's rather than math.*, and read the parts "
    "explicitly (t.real, t.coefficients, t.derivatives()) where plain numbers are needed")

cdef tuple TAYLOR_NUMPY_REALS = (np.floating, np.integer, np.bool_)


cdef inline int taylor_real(object o, double *out) except -1:
    """1 and o's value in *out if o is a real number (int, float, bool, NumPy real, any
    numbers.Real), else 0."""
    if type(o) is float or type(o) is int or isinstance(o, (float, int)):
        out[0] = <double>o
        return 1
    if isinstance(o, TAYLOR_NUMPY_REALS) or isinstance(o, numbers.Real):
        out[0] = float(o)
        return 1
    return 0


cdef inline Taylor taylor_new(int d):
    """An uninitialised Taylor of order d: its one allocation."""
    cdef Taylor r = Taylor.__new__(Taylor)
    r.c = <double *>PyMem_Malloc((d + 1) * sizeof(double))
    if r.c == NULL:
        raise MemoryError()
    r.d = d
    return r


cdef inline Taylor taylor_constant(double value, int d):
    """The series of a constant, of order d."""
    cdef Taylor r = taylor_new(d)
    cdef int k
    r.c[0] = value
    for k in range(1, d + 1):
        r.c[k] = 0.0
    return r


cdef int taylor_orders_differ(int a, int b) except -1:
    raise ValueError(
        "Taylor series of orders %d and %d in one operation: the result would be known to "
        "order %d only; build every input to one order (Taylor.variable(x, order))"
        % (a, b, min(a, b)))


cdef inline int taylor_same_order(Taylor a, Taylor b) except -1:
    if a.d != b.d:
        taylor_orders_differ(a.d, b.d)
    return 0


cdef int taylor_rule_index(tuple names, str name):
    """The position of a rule in the kernels' tuple of names, -1 where they lack it."""
    return names.index(name) if name in names else -1


cdef int TAYLOR_POWER = taylor_rule_index(tuple(BINARY_RULES), "power")
cdef int TAYLOR_POWER_EXPONENT = taylor_rule_index(tuple(UNARY_RULES),
                                                   "power_constant_exponent")
cdef int TAYLOR_POWER_BASE = taylor_rule_index(tuple(UNARY_RULES), "power_constant_base")
cdef int TAYLOR_ABSOLUTE = taylor_rule_index(tuple(UNARY_RULES), "absolute")


# the rules behind operators, as the caller wrote them
cdef dict TAYLOR_SPELLED = {"power_constant_exponent": "t ** p (power_constant_exponent)",
                            "power_constant_base": "c ** t (power_constant_base)",
                            "power": "t ** u (power)", "absolute": "abs (absolute)"}


cdef int taylor_warn(str name, bint broken, int shortfall, double x0, int d) except -1:
    """The TaylorWarning of a kernel that put NaN in a result."""
    name = TAYLOR_SPELLED.get(name, name)
    if broken:
        message = (
            "%s: NaN put in the Taylor coefficients from where the series fails: the "
            "function has no Taylor series at %r (a kink, a jump, a pole or a branch point "
            "there). Fix: expand about another point, or write the function so that it is "
            "smooth there (x * x rather than abs(x) ** 2)" % (name, x0))
    else:
        message = (
            "%s: NaN put in the top %d coefficient(s): the input series starts with zero "
            "coefficients, and they need %d more input orders than the %d given. Fix: "
            "evaluate with order %d (Taylor.variable(x, %d)) and keep the coefficients up to "
            "order %d (its own top %d stay NaN)"
            % (name, shortfall, shortfall, d, d + shortfall, d + shortfall, d, shortfall))
    w = TaylorWarning(message)
    w.orders = shortfall
    issue_taylor_warning(w)  # compiled frames are not on the stack: the caller
    return 0


cdef Taylor taylor_unary(int rule, Taylor a, double p, double q):
    """The rule table's function of one argument (UNARY_RULES[rule]) of a."""
    cdef int shortfall = 0
    if dn_taylor_unary_scipy[rule]:
        load_scipy()
    cdef Taylor r = taylor_new(a.d)
    cdef int status = rule_unary(rule, a.d, 1, a.c, 1, r.c, 1, p, q, &shortfall)
    if status != 0 or shortfall > 0:
        taylor_status(UNARY_RULES[rule], status, shortfall, a.c[0], a.d)
    elif dn_taylor_any_nan(r.d + 1, r.c):
        taylor_unreported(UNARY_RULES[rule], r, a, None)
    return r


cdef Taylor taylor_binary(int rule, Taylor a, Taylor b):
    """The rule table's function of two arguments (BINARY_RULES[rule]) of a and b."""
    taylor_same_order(a, b)
    cdef int shortfall = 0
    cdef Taylor r = taylor_new(a.d)
    cdef int status = rule_binary(rule, a.d, 1, a.c, 1, b.c, 1, r.c, 1, &shortfall)
    if status != 0 or shortfall > 0:
        taylor_status(BINARY_RULES[rule], status, shortfall, a.c[0], a.d)
    elif dn_taylor_any_nan(r.d + 1, r.c):
        taylor_unreported(BINARY_RULES[rule], r, a, b)
    return r


cdef int taylor_unreported(str name, Taylor r, Taylor a, Taylor b) except -1:
    """The TaylorWarning of NaN in r that no kernel reported (the catch-all), unless an
    input has NaN."""
    if dn_taylor_any_nan(a.d + 1, a.c) or (b is not None and dn_taylor_any_nan(b.d + 1, b.c)):
        return 0
    orders = [k for k in range(r.d + 1) if r.c[k] != r.c[k]]
    w = TaylorWarning(nan_message(TAYLOR_SPELLED.get(name, name), orders,
                                  not isfinite(r.c[0])))
    issue_taylor_warning(w)  # compiled frames are not on the stack: the caller
    return 0


cdef int taylor_status(str name, int status, int shortfall, double x0, int d) except -1:
    """What a rule kernel's status (1: no Taylor series, -1: no memory) and shortfall
    call for: a MemoryError or a TaylorWarning."""
    if status < 0:
        raise MemoryError("no memory for the scratch series of %s" % name)
    return taylor_warn(name, status == 1, shortfall, x0, d)


cdef int taylor_no_rule(str name) except -1:
    raise TypeError("%s is not defined for Taylor: the Taylor kernels have no rule %r"
                    % (name, name))


cdef inline Taylor taylor_sum(Taylor a, Taylor b):
    taylor_same_order(a, b)
    cdef Taylor r = taylor_new(a.d)
    cdef int k
    for k in range(a.d + 1):
        r.c[k] = a.c[k] + b.c[k]
    return r


cdef inline Taylor taylor_difference(Taylor a, Taylor b):
    taylor_same_order(a, b)
    cdef Taylor r = taylor_new(a.d)
    cdef int k
    for k in range(a.d + 1):
        r.c[k] = a.c[k] - b.c[k]
    return r


cdef inline Taylor taylor_shift(Taylor a, double s, double sign):
    """s + sign a (sign = 1 or -1): a constant moves coefficient 0 only."""
    cdef Taylor r = taylor_new(a.d)
    cdef int k
    for k in range(a.d + 1):
        r.c[k] = sign * a.c[k]
    r.c[0] += s
    return r


cdef inline Taylor taylor_scale(Taylor a, double s):
    cdef Taylor r = taylor_new(a.d)
    cdef int k
    for k in range(a.d + 1):
        r.c[k] = a.c[k] * s
    return r


@cython.cdivision(True)
cdef inline Taylor taylor_divide_by(Taylor a, double s):
    """a / s: every coefficient divided by s (IEEE's inf and NaN where s is 0)."""
    cdef Taylor r = taylor_new(a.d)
    cdef int k
    for k in range(a.d + 1):
        r.c[k] = a.c[k] / s
    return r


cdef inline Taylor taylor_product(Taylor a, Taylor b):
    taylor_same_order(a, b)
    cdef Taylor r = taylor_new(a.d)
    dn_taylor_mul_one(a.d, a.c, b.c, r.c)
    if dn_taylor_any_nan(r.d + 1, r.c):
        taylor_unreported("multiply", r, a, b)
    return r


cdef inline Taylor taylor_quotient(Taylor a, Taylor b):
    """a / b, with leading zeros of b handled (dn__quotient_at_zero, as the arrays')."""
    taylor_same_order(a, b)
    cdef Taylor r = taylor_new(a.d)
    cdef int shortfall = 0
    cdef int status = dn_taylor_div_one(a.d, a.c, b.c, r.c, &shortfall)
    if status != 0 or shortfall > 0:
        taylor_status("t / u (divide)", status, shortfall, b.c[0], a.d)
    elif dn_taylor_any_nan(r.d + 1, r.c):
        taylor_unreported("t / u (divide)", r, a, b)
    return r


cdef Taylor taylor_divide_constant(double s, Taylor a):
    """s / a: the series of 1 / a (the quotient kernel on the series of 1) times s."""
    cdef Taylor one = taylor_constant(1.0, a.d)
    cdef Taylor r = taylor_new(a.d)
    cdef int k, shortfall = 0
    cdef int status = dn_taylor_div_one(a.d, one.c, a.c, r.c, &shortfall)
    for k in range(a.d + 1):
        r.c[k] *= s
    if status != 0 or shortfall > 0:
        taylor_status("c / t (divide)", status, shortfall, a.c[0], a.d)
    elif dn_taylor_any_nan(r.d + 1, r.c) and s == s:
        taylor_unreported("c / t (divide)", r, a, None)
    return r


cdef Taylor taylor_power_exponent(Taylor a, double s):
    if TAYLOR_POWER_EXPONENT < 0:
        taylor_no_rule("power_constant_exponent")
    return taylor_unary(TAYLOR_POWER_EXPONENT, a, s, 0.0)


cdef Taylor taylor_power_base(double s, Taylor a):
    if TAYLOR_POWER_BASE < 0:
        taylor_no_rule("power_constant_base")
    return taylor_unary(TAYLOR_POWER_BASE, a, s, 0.0)


cdef tuple taylor_divmod(Taylor a, Taylor b):
    """(a // b, a % b) with Python's float semantics on coefficient 0: the quotient q is a
    constant (it jumps: derivatives 0), the remainder has the higher coefficients of
    a - q b."""
    taylor_same_order(a, b)
    q, rem = PyNumber_Divmod(a.c[0], b.c[0])  # Python's float semantics
    cdef Taylor r = taylor_new(a.d)
    cdef double qd = q
    cdef int k
    for k in range(a.d + 1):
        r.c[k] = a.c[k] - qd * b.c[k]
    r.c[0] = rem
    return taylor_constant(qd, a.d), r


cdef inline bint taylor_compare(double a, double b, int op):
    if op == Py_LT:
        return a < b
    if op == Py_LE:
        return a <= b
    if op == Py_EQ:
        return a == b
    if op == Py_NE:
        return a != b
    if op == Py_GT:
        return a > b
    return a >= b


cdef inline object taylor_operand(object o, int d):
    """o as a Taylor of order d: itself, the series of a real number, or None."""
    cdef double s
    if type(o) is Taylor:
        return o
    if taylor_real(o, &s):
        return taylor_constant(s, d)
    taylor_not_complex(o)
    return None


cdef object taylor_not_implemented(object other):
    """NotImplemented for an operand Taylor does not take; TypeError for a complex one."""
    taylor_not_complex(other)
    return NotImplemented


cdef int taylor_not_complex(object o) except -1:
    """TypeError for a complex operand, which a (real) Taylor series cannot take."""
    if isinstance(o, (complex, np.complexfloating)) or (
            isinstance(o, np.ndarray) and o.dtype.kind == "c"):
        raise TypeError("Taylor numbers are real: a complex operand (%r) is refused; hold "
                        "the real and imaginary parts' series apart" % (o,))
    return 0


@cython.final
@cython.freelist(64)
cdef class Taylor:
    """A truncated Taylor series of order d at a point x0: the normalised coefficients
    t_k = f^(k)(x0) / k!, k = 0..d, of some f(x0 + t).

    ``Taylor(coefficients)`` takes a 1-D sequence of real numbers (d + 1 of them, d >= 0);
    ``Taylor.variable(x, order)`` is the series of x + t, the input of a computation whose
    derivatives to that order are wanted::

        >>> import numpy as np
        >>> from dualnum import Taylor
        >>> y = np.exp(Taylor.variable(0.0, 4))
        >>> y.coefficients  # 1/k!
        array([1.        , 1.        , 0.5       , 0.16666667, 0.04166667])
        >>> y.derivatives()
        array([1., 1., 1., 1., 1.])

    Arithmetic (+ - * / ** // %, abs) works with Taylor series of the same order (others:
    ValueError) and with int, float, bool and NumPy real scalars on either side: a constant
    adds to coefficient 0, scales every coefficient in * and /, and takes the rule table's
    ``power_constant_exponent`` (t ** c) or ``power_constant_base`` (c ** t). NumPy's and
    scipy.special's ufuncs of the rule table (``numpy.sin(t)``, ``scipy.special.erf(t)``)
    give the Taylor series of the function; others raise TypeError. Where the function has
    no Taylor series at the point, or the input lacks orders to determine the top
    coefficients, those are NaN and a TaylorWarning says so. Comparisons, ``bool()`` and
    ``hash()`` use coefficient 0 only. Values are immutable. ``float(t)``, ``int(t)`` and
    ``math.sin(t)`` raise TypeError rather than drop the higher coefficients.
    """
    cdef double *c
    cdef int d


    def _apply_rule(self, str name, double p=0.0, double q=0.0):
        """The rule table's function ``name`` (one argument, parameters p, q) of this series:
        what dualnum's module functions (dn.sin, dn.jv, ...) call on a Taylor."""
        cdef int rule = taylor_rule_index(tuple(UNARY_RULES), name)
        if rule < 0:
            taylor_no_rule(name)
        return taylor_unary(rule, self, p, q)

    def _apply_rule2(self, str name, x, y):
        """The rule table's function ``name`` of two arguments of x and y, a Taylor and a real
        number or two Taylors of one order (dn.arctan2, dn.hypot, ...)."""
        cdef int rule = taylor_rule_index(tuple(BINARY_RULES), name)
        if rule < 0:
            taylor_no_rule(name)
        a, b = taylor_operand(x, self.d), taylor_operand(y, self.d)
        if a is None or b is None:
            raise TypeError("dualnum.%s takes a Taylor with real numbers or Taylors of its "
                            "order, not %s and %s" % (name, type(x).__name__,
                                                      type(y).__name__))
        return taylor_binary(rule, a, b)
    def __init__(self, coefficients):
        cdef cnp.ndarray a = taylor_coefficients(coefficients)
        cdef double *c = <double *>PyMem_Malloc(a.shape[0] * sizeof(double))
        if c == NULL:
            raise MemoryError()
        memcpy(c, cnp.PyArray_DATA(a), a.shape[0] * sizeof(double))
        PyMem_Free(self.c)  # __init__ called again
        self.c = c
        self.d = a.shape[0] - 1

    def __dealloc__(self):
        PyMem_Free(self.c)

    @classmethod
    def variable(cls, x, order):
        """The series of x + t to the given order: coefficients x, 1, 0, ..., 0 (only x
        where order is 0). TypeError for an x that is not a real number or an order that is
        not an integer, ValueError for a negative order."""
        cdef double s
        refuse_dask(x, "Taylor.variable()")
        if not taylor_real(x, &s):
            raise TypeError("Taylor.variable() takes a real number x, not %s"
                            % type(x).__name__)
        if isinstance(order, bool) or not isinstance(order, (int, np.integer)):
            raise TypeError("Taylor.variable() takes an order that is a non-negative int, "
                            "not %r" % (order,))
        d = operator.index(order)
        if d < 0:
            raise ValueError("the order of a Taylor series is 0 or more, not %d" % d)
        if d > 1 << 24:
            raise ValueError("order %d is too large for a Taylor series" % d)
        cdef Taylor r = taylor_constant(s, d)
        if d:
            r.c[1] = 1.0
        return r

    @property
    def order(self):
        """The order d: the series holds coefficients 0..d."""
        return self.d

    @property
    def real(self):
        """Coefficient 0, the value f(x0), a float."""
        return self.c[0]

    @property
    def coefficients(self):
        """The normalised coefficients t_k = f^(k)(x0) / k!, a new float64 array of d + 1."""
        cdef cnp.ndarray out = np.empty(self.d + 1)
        memcpy(cnp.PyArray_DATA(out), self.c, (self.d + 1) * sizeof(double))
        return out

    def derivatives(self):
        """The derivatives f^(k)(x0) = k! t_k, k = 0..d, a new float64 array."""
        cdef cnp.ndarray out = np.empty(self.d + 1)
        cdef double *o = <double *>cnp.PyArray_DATA(out)
        cdef double factorial = 1.0
        cdef int k
        for k in range(self.d + 1):
            if k:
                factorial *= k
            o[k] = self.c[k] * factorial
        return out

    def __repr__(self):
        return "Taylor(%r)" % [self.c[k] for k in range(self.d + 1)]

    def __format__(self, spec):
        """format(t, spec) and f-strings: the spec applied to each coefficient ("" gives
        str(t)); ValueError for a spec that floats do not take."""
        if not spec:
            return str(self)
        return "Taylor([%s])" % ", ".join([format(self.c[k], spec) for k in range(self.d + 1)])

    def __reduce__(self):
        return (Taylor, (tuple([self.c[k] for k in range(self.d + 1)]),))

    def __copy__(self):
        return self  # immutable

    def __deepcopy__(self, memo):
        return self

    def __hash__(self):
        return hash(self.c[0])  # consistent with == on coefficient 0

    def __bool__(self):
        return self.c[0] != 0.0

    def __float__(self):
        raise TypeError(TAYLOR_NO_CONVERSION.format("float"))

    def __int__(self):
        raise TypeError(TAYLOR_NO_CONVERSION.format("int"))

    def __complex__(self):
        raise TypeError(TAYLOR_NO_CONVERSION.format("complex"))

    def __richcmp__(self, other, int op):
        cdef double s
        if type(other) is Taylor:
            return taylor_compare(self.c[0], (<Taylor>other).c[0], op)
        if taylor_real(other, &s):
            return taylor_compare(self.c[0], s, op)
        return NotImplemented

    def __neg__(self):
        return taylor_scale(self, -1.0)

    def __pos__(self):
        return self

    def __abs__(self):
        if TAYLOR_ABSOLUTE < 0:
            taylor_no_rule("absolute")
        return taylor_unary(TAYLOR_ABSOLUTE, self, 0.0, 0.0)

    def __add__(self, other):
        cdef double s
        if type(other) is Taylor:
            return taylor_sum(self, other)
        if taylor_real(other, &s):
            return taylor_shift(self, s, 1.0)
        return taylor_not_implemented(other)

    def __radd__(self, other):
        cdef double s
        if taylor_real(other, &s):
            return taylor_shift(self, s, 1.0)
        return taylor_not_implemented(other)

    def __sub__(self, other):
        cdef double s
        if type(other) is Taylor:
            return taylor_difference(self, other)
        if taylor_real(other, &s):
            return taylor_shift(self, -s, 1.0)
        return taylor_not_implemented(other)

    def __rsub__(self, other):
        cdef double s
        if taylor_real(other, &s):
            return taylor_shift(self, s, -1.0)
        return taylor_not_implemented(other)

    def __mul__(self, other):
        cdef double s
        if type(other) is Taylor:
            return taylor_product(self, other)
        if taylor_real(other, &s):
            return taylor_scale(self, s)
        return taylor_not_implemented(other)

    def __rmul__(self, other):
        cdef double s
        if taylor_real(other, &s):
            return taylor_scale(self, s)
        return taylor_not_implemented(other)

    def __truediv__(self, other):
        cdef double s
        if type(other) is Taylor:
            return taylor_quotient(self, other)
        if taylor_real(other, &s):
            return taylor_divide_by(self, s)
        return taylor_not_implemented(other)

    def __rtruediv__(self, other):
        cdef double s
        if taylor_real(other, &s):
            return taylor_divide_constant(s, self)
        return taylor_not_implemented(other)

    def __pow__(self, other, mod):
        cdef double s
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for Taylor")
        if taylor_real(other, &s):  # a constant exponent: no log of the base
            return taylor_power_exponent(self, s)
        if type(other) is Taylor:
            if TAYLOR_POWER < 0:
                taylor_no_rule("power")
            return taylor_binary(TAYLOR_POWER, self, other)
        return taylor_not_implemented(other)

    def __rpow__(self, other, mod):
        cdef double s
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for Taylor")
        if taylor_real(other, &s):
            return taylor_power_base(s, self)
        return taylor_not_implemented(other)

    def __divmod__(self, other):
        b = taylor_operand(other, self.d)
        return NotImplemented if b is None else taylor_divmod(self, b)

    def __rdivmod__(self, other):
        a = taylor_operand(other, self.d)
        return NotImplemented if a is None else taylor_divmod(a, self)

    def __floordiv__(self, other):
        return divmod(self, other)[0]

    def __rfloordiv__(self, other):
        return divmod(other, self)[0]

    def __mod__(self, other):
        return divmod(self, other)[1]

    def __rmod__(self, other):
        return divmod(other, self)[1]

    def __floor__(self):
        return taylor_named_unary("floor", self)

    def __ceil__(self):
        return taylor_named_unary("ceil", self)

    def __trunc__(self):
        return taylor_named_unary("trunc", self)

    def __round__(self, ndigits=None):
        """round(t) is the rint rule (ties to even, as round() of a float); round(t, n)
        the constant series of numpy.round(t.real, n) (it jumps: derivatives 0)."""
        if ndigits is None:
            return taylor_named_unary("rint", self)
        return taylor_constant(np.round(self.c[0], operator.index(ndigits)), self.d)

    def __getattr__(self, name):
        """The rule table's public functions of one argument and no parameter as methods,
        ``t.sin()``, as Dual has them: NumPy's ufuncs call them on object arrays."""
        if not name.startswith("__"):
            rule = taylor_method_rule(name)
            if rule is not None:
                return partial(taylor_method, <int>rule, self)
        raise AttributeError("'Taylor' object has no attribute %r" % name)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: the Taylor arrays' implementation of func (dualnum.series), with the
        Taylor series as 0-d Taylor arrays and a 0-d result as a Taylor; TypeError naming
        a function that they do not implement."""
        if taylor_array_hook is None:
            import dualnum.series  # registers the hooks (loaded on first use)
        return taylor_function_hook(func, types, args, kwargs)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: NumPy's and scipy.special's ufuncs of the rule table give the Taylor
        series of the function (the rule kernels); the arithmetic ufuncs (numpy.add, ...)
        are the operators and the comparisons look at coefficient 0. Other ufuncs, ufunc
        methods (reduce, ...) and keywords raise TypeError; operands other than Taylor and
        real scalars (arrays) are left to their own types (NotImplemented)."""
        cdef object rule
        if method == "__call__" and not kwargs and len(inputs) == 1:
            # the common case, np.sin(t): inputs[0] is self, as NumPy asks only its operands
            rule = TAYLOR_UFUNC_UNARY.get(ufunc)
            if rule is not None:
                return taylor_unary(<int>rule, self, 0.0, 0.0)
        return taylor_array_ufunc(ufunc, method, inputs, kwargs)


cdef cnp.ndarray taylor_coefficients(object coefficients):
    """The coefficients of Taylor(coefficients), checked, as a C-contiguous float64 array
    of d + 1 >= 1 numbers."""
    cdef cnp.ndarray a
    cdef double s
    refuse_dask(coefficients, "Taylor()")
    if isinstance(coefficients, (list, tuple)):
        for v in coefficients:
            refuse_dask(v, "Taylor()")
    if isinstance(coefficients, (str, bytes)) or taylor_real(coefficients, &s):
        raise TypeError(
            "Taylor() takes a 1-D sequence of real coefficients t_k = f^(k)(x0)/k!, not %s: "
            "Taylor([x]) is a constant, Taylor.variable(x, order) the series of x + t"
            % type(coefficients).__name__)
    try:
        a = np.asarray(coefficients)
    except ValueError as e:
        raise ValueError("Taylor() takes a 1-D sequence of real coefficients: %s" % e) from None
    if a.ndim != 1:
        if a.ndim == 0:
            raise TypeError("Taylor() takes a 1-D sequence of real coefficients, not %s"
                            % type(coefficients).__name__)
        raise ValueError("Taylor() takes a 1-D sequence of real coefficients, not an array "
                         "of shape %s" % (np.shape(a),))
    if a.shape[0] == 0:
        raise ValueError("Taylor() takes at least one coefficient (order 0: a constant)")
    if a.dtype.kind == "O":
        for v in a:
            if not isinstance(v, (numbers.Real,) + TAYLOR_NUMPY_REALS):
                raise TypeError("the coefficients of a Taylor are real numbers, not %s"
                                % type(v).__name__)
    elif a.dtype.kind not in "biuf":
        raise TypeError("the coefficients of a Taylor are real numbers, not %s" % a.dtype)
    return np.ascontiguousarray(a, dtype=np.float64)


cdef Taylor taylor_named_unary(str name, Taylor a):
    """The rule named ``name`` of a; TypeError where the kernels have none."""
    cdef int rule = taylor_rule_index(tuple(UNARY_RULES), name)
    if rule < 0:
        taylor_no_rule(name)
    return taylor_unary(rule, a, 0.0, 0.0)


cdef dict TAYLOR_METHODS = {}


cdef object taylor_method_rule(str name):
    """The UNARY_RULES index of the method ``name`` of Taylor, or None."""
    if not TAYLOR_METHODS:
        from dualnum import rules
        names = tuple(UNARY_RULES)
        TAYLOR_METHODS.update({r.name: names.index(r.name) for r in rules.UNARY
                               if r.public and not r.params and r.name in names})
    return TAYLOR_METHODS.get(name)


def taylor_method(int rule, Taylor a):
    """The rule UNARY_RULES[rule] of a (Taylor's methods)."""
    return taylor_unary(rule, a, 0.0, 0.0)


# NumPy and scipy.special ufunc -> what it is on Taylor series: a unary rule's index (int),
# a parametrised unary rule (index, number of parameters, SciPy's order: parameters first),
# a binary rule (BINARY_RULES index, in a list of one), or an operator (a function). Filled
# from the rule table (dualnum.rules) on first use; SciPy's once scipy.special is loaded, so
# that SciPy stays optional.
cdef dict TAYLOR_UFUNC_UNARY = {}
cdef dict TAYLOR_UFUNC = {}
cdef bint taylor_ufuncs_numpy = False
cdef bint taylor_ufuncs_scipy = False


def _taylor_isnan(a):
    return a.real != a.real


def _taylor_isinf(a):
    return abs(a.real) == float("inf")


def _taylor_isfinite(a):
    return abs(a.real) < float("inf")


cdef int taylor_fill_ufuncs(str library) except -1:
    """Fill TAYLOR_UFUNC(_UNARY) with the ufuncs of ``library`` ("numpy" or "scipy")."""
    from dualnum import rules
    module = np if library == "numpy" else sys.modules["scipy.special"]
    unary_names, binary_names = tuple(UNARY_RULES), tuple(BINARY_RULES)
    for r in rules.UNARY:
        ufunc = getattr(module, getattr(r, library) or "", None)
        if ufunc is None or r.name not in unary_names or r.name in rules.SCIPY_FUNCTIONS:
            continue
        index = unary_names.index(r.name)
        if r.params:
            TAYLOR_UFUNC[ufunc] = (index, len(r.params))
        else:
            TAYLOR_UFUNC_UNARY[ufunc] = index
    for r in rules.BINARY:
        ufunc = getattr(module, getattr(r, library) or "", None)
        if ufunc is not None and r.name in binary_names:
            TAYLOR_UFUNC[ufunc] = [binary_names.index(r.name)]
    if library == "numpy":  # the operators, where the rule table has the functions too
        TAYLOR_UFUNC.update({
            np.add: operator.add, np.subtract: operator.sub, np.multiply: operator.mul,
            np.true_divide: operator.truediv, np.power: operator.pow,
            np.floor_divide: operator.floordiv, np.remainder: operator.mod,
            np.divmod: divmod, np.negative: operator.neg, np.positive: operator.pos,
            np.less: operator.lt, np.less_equal: operator.le, np.equal: operator.eq,
            np.not_equal: operator.ne, np.greater: operator.gt,
            np.greater_equal: operator.ge, np.isnan: _taylor_isnan,
            np.isinf: _taylor_isinf, np.isfinite: _taylor_isfinite})
    return 0


cdef object taylor_ufunc_entry(object ufunc):
    """What ``ufunc`` is on Taylor series (see TAYLOR_UFUNC), or None."""
    global taylor_ufuncs_numpy, taylor_ufuncs_scipy
    if not taylor_ufuncs_numpy:
        taylor_fill_ufuncs("numpy")
        taylor_ufuncs_numpy = True
    if not taylor_ufuncs_scipy and "scipy.special" in sys.modules:
        taylor_fill_ufuncs("scipy")
        taylor_ufuncs_scipy = True
    entry = TAYLOR_UFUNC_UNARY.get(ufunc)
    return entry if entry is not None else TAYLOR_UFUNC.get(ufunc)


cdef str taylor_ufunc_name(object ufunc):
    """numpy.NAME or scipy.special.NAME, as the user wrote it."""
    name = getattr(ufunc, "__name__", repr(ufunc))
    if getattr(np, name, None) is ufunc:
        return "numpy." + name
    special = sys.modules.get("scipy.special")
    if special is not None and getattr(special, name, None) is ufunc:
        return "scipy.special." + name
    return name


# The Taylor arrays' NEP 13 entry for a Taylor beside arrays (real ndarrays, lists):
# ufunc, method, inputs, kwargs -> the result (dualnum.series.container registers it), so
# that t + np.arange(3.0) is a Taylor array as Dual(...) + np.arange(3.0) is a dual array.
taylor_array_hook = None
taylor_function_hook = None


def register_taylor_array_ufunc(hook, function_hook):
    """Set the Taylor arrays' NEP 13 entry, which takes a Taylor beside arrays, and their
    NEP 18 entry, which takes Taylor series among a NumPy function's arguments."""
    global taylor_array_hook, taylor_function_hook
    taylor_array_hook, taylor_function_hook = hook, function_hook


def taylor_array_ufunc(ufunc, method, tuple inputs, dict kwargs):
    """NEP 13 for Taylor past the fast path of its __array_ufunc__: beside real arrays
    (ndarrays, lists of numbers), the Taylor arrays' implementation."""
    cdef double s
    operands = []
    for x in inputs:  # Taylor, real scalars and 0-d real arrays; others answer for themselves
        if type(x) is Taylor:
            operands.append(x)
        elif taylor_real(x, &s):  # as a float: a NumPy scalar's operators call the ufunc
            operands.append(s)
        elif isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf":
            operands.append(float(x))
        elif isinstance(x, (list, tuple)) or (isinstance(x, np.ndarray)
                                              and x.dtype.kind in "biuf"):
            if taylor_array_hook is None:
                import dualnum.series  # registers it (loaded on first use)
            return taylor_array_hook(ufunc, method, inputs, kwargs)
        else:
            taylor_not_complex(x)
            return NotImplemented
    name = taylor_ufunc_name(ufunc)
    if method != "__call__":
        raise TypeError("%s.%s is not defined for Taylor" % (name, method))
    if kwargs:
        raise TypeError("%s of a Taylor takes no keywords (%s)"
                        % (name, ", ".join(sorted(kwargs))))
    entry = taylor_ufunc_entry(ufunc)
    if entry is None:
        raise TypeError(
            "%s is not defined for Taylor: the rule table has no Taylor rule for it"
            % name)
    if type(entry) is int:
        return taylor_unary(entry, operands[0], 0.0, 0.0)
    if type(entry) is tuple:  # SciPy's order: the constant parameters, then the argument
        rule, count = entry
        *params, x = operands
        if len(params) != count or type(x) is not Taylor or \
                any(type(p) is Taylor for p in params):
            raise TypeError("%s takes Taylor series in its last argument only: its "
                            "parameters are constants" % name)
        params = [float(p) for p in params] + [0.0, 0.0]
        return taylor_unary(rule, x, params[0], params[1])
    if type(entry) is list:
        a, b = operands
        d = (<Taylor>a).d if type(a) is Taylor else (<Taylor>b).d
        return taylor_binary(entry[0], taylor_operand(a, d), taylor_operand(b, d))
    return entry(*operands)
