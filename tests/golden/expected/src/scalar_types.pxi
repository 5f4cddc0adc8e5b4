# generated from scalar_types.pxi.in and tests/golden/table.py by src/generate.py: edit those, not this
# The scalar number types Dual and HyperDual. Both come from this one template, so their
# operators cannot drift apart; each knows only its parts and the algebra of chain.h.


cdef inline double scalar_part(object value, str where) except? -1.0:
    """A part given to a scalar type's constructor, as a float (float(), so a TypeError for
    what is not a real number); a Dask collection refused (dask_collections.pxi)."""
    if type(value) is float:
        return <double>value
    refuse_dask(value, where)
    return value



cdef inline dn_dual sum_dual(dn_dual x, dn_dual y) noexcept nogil:
    cdef dn_dual r
    r.re = x.re + y.re
    r.du = x.du + y.du
    return r


cdef inline dn_dual diff_dual(dn_dual x, dn_dual y) noexcept nogil:
    cdef dn_dual r
    r.re = x.re - y.re
    r.du = x.du - y.du
    return r


cdef inline dn_dual constant_dual(double value) noexcept nogil:
    cdef dn_dual r
    r.re = 0.0
    r.du = 0.0
    r.re = value
    return r


cdef inline dn_dual multiply_dual(dn_dual x, dn_dual y) noexcept nogil:
    return dn_dual_apply2(dn_rule_multiply(x.re, y.re), x, y)


cdef inline dn_dual divide_dual(dn_dual x, dn_dual y) noexcept nogil:
    return dn_dual_apply2(dn_rule_divide(x.re, y.re), x, y)


cdef inline Dual wrap_dual(dn_dual v, long long tag):
    cdef Dual r = Dual.__new__(Dual)
    r.v = v
    r._tag = tag
    return r


cdef inline int as_dual(object o, dn_dual *out, long long *tag) except -1:
    """1 and o in *out (and its tag in *tag) if o is a Dual, 1 and o in *out (*tag left
    alone: a constant takes any tag) if o is a real number, 0 if o is something else;
    TypeError for the other dual type (*tag: the tag of the operand beside o)."""
    if type(o) is Dual:  # the common case, inlined into the operators
        out[0] = (<Dual>o).v
        tag[0] = (<Dual>o)._tag
        return 1
    return other_as_dual(o, out, tag)


cdef int other_as_dual(object o, dn_dual *out, long long *tag) except -1:
    """as_dual for an o that is not a Dual."""
    cdef double s
    if as_real(o, &s):
        out[0] = constant_dual(s)
        return 1
    if isinstance(o, (Dual, HyperDual)):
        raise mixed_types(tag[0], o._tag)
    return 0


cdef inline bint perturbed_dual(dn_dual x) noexcept nogil:
    """x has a perturbation part that is not zero (NaN counts: it is not a constant)."""
    return x.du != 0.0


cdef inline long long join_dual(long long a, dn_dual *x, long long b, dn_dual *y) except -1:
    """The tag of a result of x (tag a) and y (tag b): theirs where they agree (one
    comparison, inlined: the common case), else see other_join_dual."""
    return a if a == b else other_join_dual(a, x, b, y)


cdef long long other_join_dual(long long a, dn_dual *x, long long b, dn_dual *y) except -1:
    """The tag of a result of x (tag a) and y (tag b != a): that of the one with a
    perturbation, as a constant belongs to any computation; TypeError where both have one
    (src/tags.pxi)."""
    if not perturbed_dual(y[0]):
        return a
    if not perturbed_dual(x[0]):
        return b
    raise confusion(a, b)


cdef object absolute_dual(Dual x):
    """|x|, keeping its square x*x (see the class's sq)."""
    cdef Dual r = wrap_dual(dn_dual_apply(dn_rule_absolute(x.v.re, 0.0, 0.0), x.v), x._tag)
    r.sq = multiply_dual(x.v, x.v)
    r.has_sq = True
    return r


cdef object square_dual(Dual x):
    """x*x: the kept square of |x|, hypot or a norm, else the square rule."""
    if x.has_sq:
        return wrap_dual(x.sq, x._tag)
    return wrap_dual(dn_dual_apply(dn_rule_square(x.v.re, 0.0, 0.0), x.v), x._tag)


cdef object power_of_square_dual(Dual x, double s):
    """x ** s of an x that keeps its square q: q ** (s / 2), smooth at q = 0 where x has a
    kink (the derivatives of q there are zero, so the rule's infinities are guarded)."""
    if s == 2.0:
        return wrap_dual(x.sq, x._tag)
    return wrap_dual(dn_dual_apply(dn_rule_power_constant_exponent(x.sq.re, s / 2.0, 0.0), x.sq),
                      x._tag)


cdef inline dn_dual neg_dual(dn_dual x) noexcept nogil:
    cdef dn_dual r
    r.re = -x.re
    r.du = -x.du
    return r


cdef tuple divmod_dual(dn_dual x, dn_dual y, long long tag):
    """(x // y, x % y) with Python's float semantics: the quotient q is a constant, and the
    remainder has the parts of x - q y; both carry ``tag``."""
    cdef double q, r
    dn_divmod(x.re, y.re, &q, &r)
    cdef dn_dual rem = diff_dual(x, multiply_dual(y, constant_dual(q)))
    rem.re = r
    return wrap_dual(constant_dual(q), tag), wrap_dual(rem, tag)


@cython.final
@cython.freelist(64)
cdef class Dual:
    """Dual number a + b e with e**2 = 0: carries a value and one derivative.

    Arithmetic (+ - * / ** // %, abs) works with Dual and with int, float, bool and NumPy
    real scalars on either side; with a real ndarray it gives a DualArray. Every dualnum
    function is also a method (``x.sin()``), so NumPy object arrays of Dual work with
    NumPy's ufuncs, and ``numpy.sin(x)`` returns a Dual. NumPy's ufuncs and the functions
    of ``dualnum.arrays.HANDLED_FUNCTIONS`` (``np.where``, ``np.clip``, ...) treat it as a
    0-d DualArray, with the arrays' conventions, and return a Dual where the result is
    0-d; other NumPy functions raise TypeError. Comparisons, ``bool()`` and ``hash()`` use
    the real part only. Values are immutable. ``float(x)``, ``int(x)`` and ``math.sin(x)``
    raise TypeError rather than silently drop the derivative parts.

    Example
    -------
    >>> import numpy as np, dualnum as dn
    >>> x = dn.Dual(2.0, 1.0)
    >>> (x * x).dual
    4.0
    >>> np.clip(x, 0.0, 2.0).dual  # a tie at the bound shares the derivative
    0.5
    >>> type(x * np.ones(3)).__name__
    'DualArray'
    """
    cdef dn_dual v
    # the derivative computation the number belongs to (src/tags.pxi): beside v, not in
    # it, as the array kernels share the C struct
    cdef readonly long long _tag
    # |x|, hypot and norms keep their square (x*x), smooth where they have a kink at 0, so
    # that a power of them is taken of it and stays exact there (rules.py, "Kinks")
    cdef dn_dual sq
    cdef bint has_sq

    def __init__(self, real, dual=0.0):
        self._tag = 0  # built by hand
        self.v.re = scalar_part(real, "Dual()")
        self.v.du = scalar_part(dual, "Dual()")
    @property
    def real(self):
        """The real part, a float."""
        return self.v.re
    @property
    def dual(self):
        """The dual part, a float."""
        return self.v.du
    def __repr__(self):
        return "Dual(%s)" % ", ".join([repr(self.v.re), repr(self.v.du)])

    def __format__(self, spec):
        """format(x, spec) and f-strings: the spec applied to each part, as complex numbers
        do ("" gives str(x)); ValueError for a spec that floats do not take."""
        if not spec:
            return str(self)
        return "Dual(%s)" % ", ".join([format(self.v.re, spec), format(self.v.du, spec)])

    def __reduce__(self):
        return (tagged_dual, (self._tag, self.v.re, self.v.du))

    def __copy__(self):
        return self  # immutable

    def __deepcopy__(self, memo):
        return self

    def __hash__(self):
        return hash(self.v.re)  # consistent with == on the real part

    def __bool__(self):
        return self.v.re != 0.0

    def __float__(self):
        raise TypeError(NO_CONVERSION.format("Dual", "float"))

    def __int__(self):
        raise TypeError(NO_CONVERSION.format("Dual", "int"))

    def __complex__(self):
        raise TypeError(NO_CONVERSION.format("Dual", "complex"))

    def __richcmp__(self, other, int op):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return NotImplemented
        return compare_reals(self.v.re, y.re, op)

    def __neg__(self):
        return wrap_dual(neg_dual(self.v), self._tag)

    def __pos__(self):
        return self

    def __abs__(self):
        return absolute_dual(self)

    def __add__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(sum_dual(self.v, y), join_dual(self._tag, &self.v, t, &y))

    def __radd__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(sum_dual(y, self.v), join_dual(self._tag, &self.v, t, &y))

    def __sub__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(diff_dual(self.v, y), join_dual(self._tag, &self.v, t, &y))

    def __rsub__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(diff_dual(y, self.v), join_dual(self._tag, &self.v, t, &y))

    def __mul__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if other is self and self.has_sq:  # x * x of |x|, hypot, a norm: its square
            return wrap_dual(self.sq, t)
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(multiply_dual(self.v, y), join_dual(self._tag, &self.v, t, &y))

    def __rmul__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(multiply_dual(y, self.v), join_dual(self._tag, &self.v, t, &y))

    def __truediv__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(divide_dual(self.v, y), join_dual(self._tag, &self.v, t, &y))

    def __rtruediv__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return no_operand(other)
        return wrap_dual(divide_dual(y, self.v), join_dual(self._tag, &self.v, t, &y))

    def __pow__(self, other, mod):
        cdef double s
        cdef dn_dual y
        cdef long long t = self._tag
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for Dual")
        if as_real(other, &s):  # constant exponent: the cheaper rule, exact at x = 0
            if self.has_sq and s >= 2.0:  # below 2, |x|**s has no second derivative at 0
                return power_of_square_dual(self, s)
            return wrap_dual(dn_dual_apply(
                dn_rule_power_constant_exponent(self.v.re, s, 0.0), self.v), self._tag)
        if not as_dual(other, &y, &t):
            return NotImplemented
        return wrap_dual(dn_dual_apply2(dn_rule_power(self.v.re, y.re), self.v, y),
                          join_dual(self._tag, &self.v, t, &y))

    def __rpow__(self, other, mod):
        cdef double s
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for Dual")
        if not as_real(other, &s):
            return NotImplemented
        return wrap_dual(dn_dual_apply(dn_rule_power_constant_base(self.v.re, s, 0.0), self.v),
                          self._tag)

    def __floordiv__(self, other):
        return divmod(self, other)[0]

    def __rfloordiv__(self, other):
        return divmod(other, self)[0]

    def __mod__(self, other):
        return divmod(self, other)[1]

    def __rmod__(self, other):
        return divmod(other, self)[1]

    def __divmod__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return NotImplemented
        return divmod_dual(self.v, y, join_dual(self._tag, &self.v, t, &y))

    def __rdivmod__(self, other):
        cdef dn_dual y
        cdef long long t = self._tag
        if not as_dual(other, &y, &t):
            return NotImplemented
        return divmod_dual(y, self.v, join_dual(self._tag, &self.v, t, &y))

    def __floor__(self):
        return self.floor()

    def __ceil__(self):
        return self.ceil()

    def __trunc__(self):
        return self.trunc()

    def __round__(self, ndigits=None):
        """round(x) is the rint rule (ties to even, as round() of a float), a dual with
        derivative 0; round(x, n) is numpy.round(x, n)."""
        return self.rint() if ndigits is None else np.round(self, ndigits)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: NumPy's and scipy.special's ufuncs (see array_ufunc). The common calls
        are answered here: a rule on this number (np.sin(x)), and a ufunc of plain
        operands (np.add(x, 1.0), np.isnan(x))."""
        if not kwargs and method == "__call__":
            if len(inputs) == 1:  # then inputs[0] is self: NumPy asks only its operands
                rule = UNARY_RULES.get(ufunc)
                if rule is not None:
                    return wrap_dual(dn_dual_apply((<UnaryRule>rule).rule(self.v.re, 0.0, 0.0),
                                                   self.v), self._tag)
            if plain_operands(inputs):
                func = UFUNC_FUNCTIONS.get(ufunc)
                if func is not None:
                    return func(*inputs)
        return array_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: NumPy's functions, as the dual arrays implement them (see
        array_function)."""
        return array_function(func, types, args, kwargs)

    def tanh(self):
        """Same as ``dualnum.tanh(self)``."""
        return wrap_dual(dn_dual_apply(dn_rule_tanh(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def arcsin(self):
        """Same as ``dualnum.arcsin(self)``."""
        return wrap_dual(dn_dual_apply(dn_rule_arcsin(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def log2(self):
        """Same as ``dualnum.log2(self)``."""
        return wrap_dual(dn_dual_apply(dn_rule_log2(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def sqrt(self):
        """Same as ``dualnum.sqrt(self)``."""
        return wrap_dual(dn_dual_apply(dn_rule_sqrt(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def scaled_exp(self, double rate=1.0):
        """Same as ``dualnum.scaled_exp(self, rate)``."""
        return wrap_dual(dn_dual_apply(dn_rule_scaled_exp(self.v.re, rate, 0.0), self.v),
                          self._tag)

    def erf(self):
        """Same as ``dualnum.erf(self)``."""
        return wrap_dual(dn_dual_apply(dn_rule_erf(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def ndtri(self):
        """Same as ``dualnum.ndtri(self)``."""
        load_scipy()
        return wrap_dual(dn_dual_apply(dn_rule_ndtri(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def ive(self, double v=0.0):
        """Same as ``dualnum.ive(v, self)``."""
        load_scipy()
        return wrap_dual(dn_dual_apply(dn_rule_ive(self.v.re, v, 0.0), self.v),
                          self._tag)

    def absolute(self):
        """Same as ``dualnum.absolute(self)``."""
        return absolute_dual(self)

    def hypot(self, other):
        """Same as ``dualnum.hypot(self, other)``."""
        return hypot(self, other)

    def xlogy(self, other):
        """Same as ``dualnum.xlogy(self, other)``."""
        return xlogy(self, other)

    def maximum(self, other):
        """Same as ``dualnum.maximum(self, other)``."""
        return maximum(self, other)


cpdef Dual tagged_dual(long long tag, double real, double dual=0.0):
    """A Dual of these parts that belongs to the derivative computation ``tag``
    (src/tags.pxi): how dualnum's API seeds its input and dual arrays give out their
    elements. ``Dual(...)`` gives tag 0.

    >>> tagged_dual(7, 2.0, 1.0)._tag
    7
    """
    cdef dn_dual v
    v.re = real
    v.du = dual
    return wrap_dual(v, tag)


def seed_dual(double real, double dual=0.0):
    """``tagged_dual(new_tag(), ...)`` in one call: the seed of one call of dualnum's API,
    for its fast path on a float x.

    >>> seed_dual(2.0, 1.0)._tag < seed_dual(2.0, 1.0)._tag
    True
    """
    return tagged_dual(fresh_tag(), real, dual)


cdef inline dn_hyper sum_hyper(dn_hyper x, dn_hyper y) noexcept nogil:
    cdef dn_hyper r
    r.re = x.re + y.re
    r.e1 = x.e1 + y.e1
    r.e2 = x.e2 + y.e2
    r.e12 = x.e12 + y.e12
    return r


cdef inline dn_hyper diff_hyper(dn_hyper x, dn_hyper y) noexcept nogil:
    cdef dn_hyper r
    r.re = x.re - y.re
    r.e1 = x.e1 - y.e1
    r.e2 = x.e2 - y.e2
    r.e12 = x.e12 - y.e12
    return r


cdef inline dn_hyper constant_hyper(double value) noexcept nogil:
    cdef dn_hyper r
    r.re = 0.0
    r.e1 = 0.0
    r.e2 = 0.0
    r.e12 = 0.0
    r.re = value
    return r


cdef inline dn_hyper multiply_hyper(dn_hyper x, dn_hyper y) noexcept nogil:
    return dn_hyper_apply2(dn_rule_multiply(x.re, y.re), x, y)


cdef inline dn_hyper divide_hyper(dn_hyper x, dn_hyper y) noexcept nogil:
    return dn_hyper_apply2(dn_rule_divide(x.re, y.re), x, y)


cdef inline HyperDual wrap_hyper(dn_hyper v, long long tag):
    cdef HyperDual r = HyperDual.__new__(HyperDual)
    r.v = v
    r._tag = tag
    return r


cdef inline int as_hyper(object o, dn_hyper *out, long long *tag) except -1:
    """1 and o in *out (and its tag in *tag) if o is a HyperDual, 1 and o in *out (*tag left
    alone: a constant takes any tag) if o is a real number, 0 if o is something else;
    TypeError for the other dual type (*tag: the tag of the operand beside o)."""
    if type(o) is HyperDual:  # the common case, inlined into the operators
        out[0] = (<HyperDual>o).v
        tag[0] = (<HyperDual>o)._tag
        return 1
    return other_as_hyper(o, out, tag)


cdef int other_as_hyper(object o, dn_hyper *out, long long *tag) except -1:
    """as_hyper for an o that is not a HyperDual."""
    cdef double s
    if as_real(o, &s):
        out[0] = constant_hyper(s)
        return 1
    if isinstance(o, (Dual, HyperDual)):
        raise mixed_types(tag[0], o._tag)
    return 0


cdef inline bint perturbed_hyper(dn_hyper x) noexcept nogil:
    """x has a perturbation part that is not zero (NaN counts: it is not a constant)."""
    return x.e1 != 0.0 or x.e2 != 0.0 or x.e12 != 0.0


cdef inline long long join_hyper(long long a, dn_hyper *x, long long b, dn_hyper *y) except -1:
    """The tag of a result of x (tag a) and y (tag b): theirs where they agree (one
    comparison, inlined: the common case), else see other_join_hyper."""
    return a if a == b else other_join_hyper(a, x, b, y)


cdef long long other_join_hyper(long long a, dn_hyper *x, long long b, dn_hyper *y) except -1:
    """The tag of a result of x (tag a) and y (tag b != a): that of the one with a
    perturbation, as a constant belongs to any computation; TypeError where both have one
    (src/tags.pxi)."""
    if not perturbed_hyper(y[0]):
        return a
    if not perturbed_hyper(x[0]):
        return b
    raise confusion(a, b)


cdef object absolute_hyper(HyperDual x):
    """|x|, keeping its square x*x (see the class's sq)."""
    cdef HyperDual r = wrap_hyper(dn_hyper_apply(dn_rule_absolute(x.v.re, 0.0, 0.0), x.v), x._tag)
    r.sq = multiply_hyper(x.v, x.v)
    r.has_sq = True
    return r


cdef object square_hyper(HyperDual x):
    """x*x: the kept square of |x|, hypot or a norm, else the square rule."""
    if x.has_sq:
        return wrap_hyper(x.sq, x._tag)
    return wrap_hyper(dn_hyper_apply(dn_rule_square(x.v.re, 0.0, 0.0), x.v), x._tag)


cdef object power_of_square_hyper(HyperDual x, double s):
    """x ** s of an x that keeps its square q: q ** (s / 2), smooth at q = 0 where x has a
    kink (the derivatives of q there are zero, so the rule's infinities are guarded)."""
    if s == 2.0:
        return wrap_hyper(x.sq, x._tag)
    return wrap_hyper(dn_hyper_apply(dn_rule_power_constant_exponent(x.sq.re, s / 2.0, 0.0), x.sq),
                      x._tag)


cdef inline dn_hyper neg_hyper(dn_hyper x) noexcept nogil:
    cdef dn_hyper r
    r.re = -x.re
    r.e1 = -x.e1
    r.e2 = -x.e2
    r.e12 = -x.e12
    return r


cdef tuple divmod_hyper(dn_hyper x, dn_hyper y, long long tag):
    """(x // y, x % y) with Python's float semantics: the quotient q is a constant, and the
    remainder has the parts of x - q y; both carry ``tag``."""
    cdef double q, r
    dn_divmod(x.re, y.re, &q, &r)
    cdef dn_hyper rem = diff_hyper(x, multiply_hyper(y, constant_hyper(q)))
    rem.re = r
    return wrap_hyper(constant_hyper(q), tag), wrap_hyper(rem, tag)


@cython.final
@cython.freelist(64)
cdef class HyperDual:
    """Hyper-dual number a + b e1 + c e2 + d e1e2 with e1**2 = e2**2 = 0: carries a
    value, two first derivatives and their mixed second derivative.

    Arithmetic (+ - * / ** // %, abs) works with HyperDual and with int, float, bool and NumPy
    real scalars on either side; with a real ndarray it gives a HyperDualArray. Every dualnum
    function is also a method (``x.sin()``), so NumPy object arrays of HyperDual work with
    NumPy's ufuncs, and ``numpy.sin(x)`` returns a HyperDual. NumPy's ufuncs and the functions
    of ``dualnum.arrays.HANDLED_FUNCTIONS`` (``np.where``, ``np.clip``, ...) treat it as a
    0-d HyperDualArray, with the arrays' conventions, and return a HyperDual where the result is
    0-d; other NumPy functions raise TypeError. Comparisons, ``bool()`` and ``hash()`` use
    the real part only. Values are immutable. ``float(x)``, ``int(x)`` and ``math.sin(x)``
    raise TypeError rather than silently drop the derivative parts.

    Example
    -------
    >>> import numpy as np, dualnum as dn
    >>> x = dn.HyperDual(2.0, 1.0)
    >>> (x * x).eps1
    4.0
    >>> np.clip(x, 0.0, 2.0).eps1  # a tie at the bound shares the derivative
    0.5
    >>> type(x * np.ones(3)).__name__
    'HyperDualArray'
    """
    cdef dn_hyper v
    # the derivative computation the number belongs to (src/tags.pxi): beside v, not in
    # it, as the array kernels share the C struct
    cdef readonly long long _tag
    # |x|, hypot and norms keep their square (x*x), smooth where they have a kink at 0, so
    # that a power of them is taken of it and stays exact there (rules.py, "Kinks")
    cdef dn_hyper sq
    cdef bint has_sq

    def __init__(self, real, eps1=0.0, eps2=0.0, eps1eps2=0.0):
        self._tag = 0  # built by hand
        self.v.re = scalar_part(real, "HyperDual()")
        self.v.e1 = scalar_part(eps1, "HyperDual()")
        self.v.e2 = scalar_part(eps2, "HyperDual()")
        self.v.e12 = scalar_part(eps1eps2, "HyperDual()")
    @property
    def real(self):
        """The real part, a float."""
        return self.v.re
    @property
    def eps1(self):
        """The eps1 part, a float."""
        return self.v.e1
    @property
    def eps2(self):
        """The eps2 part, a float."""
        return self.v.e2
    @property
    def eps1eps2(self):
        """The eps1eps2 part, a float."""
        return self.v.e12
    def __repr__(self):
        return "HyperDual(%s)" % ", ".join([repr(self.v.re), repr(self.v.e1), repr(self.v.e2), repr(self.v.e12)])

    def __format__(self, spec):
        """format(x, spec) and f-strings: the spec applied to each part, as complex numbers
        do ("" gives str(x)); ValueError for a spec that floats do not take."""
        if not spec:
            return str(self)
        return "HyperDual(%s)" % ", ".join([format(self.v.re, spec), format(self.v.e1, spec), format(self.v.e2, spec), format(self.v.e12, spec)])

    def __reduce__(self):
        return (tagged_hyper, (self._tag, self.v.re, self.v.e1, self.v.e2, self.v.e12))

    def __copy__(self):
        return self  # immutable

    def __deepcopy__(self, memo):
        return self

    def __hash__(self):
        return hash(self.v.re)  # consistent with == on the real part

    def __bool__(self):
        return self.v.re != 0.0

    def __float__(self):
        raise TypeError(NO_CONVERSION.format("HyperDual", "float"))

    def __int__(self):
        raise TypeError(NO_CONVERSION.format("HyperDual", "int"))

    def __complex__(self):
        raise TypeError(NO_CONVERSION.format("HyperDual", "complex"))

    def __richcmp__(self, other, int op):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return NotImplemented
        return compare_reals(self.v.re, y.re, op)

    def __neg__(self):
        return wrap_hyper(neg_hyper(self.v), self._tag)

    def __pos__(self):
        return self

    def __abs__(self):
        return absolute_hyper(self)

    def __add__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(sum_hyper(self.v, y), join_hyper(self._tag, &self.v, t, &y))

    def __radd__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(sum_hyper(y, self.v), join_hyper(self._tag, &self.v, t, &y))

    def __sub__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(diff_hyper(self.v, y), join_hyper(self._tag, &self.v, t, &y))

    def __rsub__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(diff_hyper(y, self.v), join_hyper(self._tag, &self.v, t, &y))

    def __mul__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if other is self and self.has_sq:  # x * x of |x|, hypot, a norm: its square
            return wrap_hyper(self.sq, t)
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(multiply_hyper(self.v, y), join_hyper(self._tag, &self.v, t, &y))

    def __rmul__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(multiply_hyper(y, self.v), join_hyper(self._tag, &self.v, t, &y))

    def __truediv__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(divide_hyper(self.v, y), join_hyper(self._tag, &self.v, t, &y))

    def __rtruediv__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return no_operand(other)
        return wrap_hyper(divide_hyper(y, self.v), join_hyper(self._tag, &self.v, t, &y))

    def __pow__(self, other, mod):
        cdef double s
        cdef dn_hyper y
        cdef long long t = self._tag
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for HyperDual")
        if as_real(other, &s):  # constant exponent: the cheaper rule, exact at x = 0
            if self.has_sq and s >= 2.0:  # below 2, |x|**s has no second derivative at 0
                return power_of_square_hyper(self, s)
            return wrap_hyper(dn_hyper_apply(
                dn_rule_power_constant_exponent(self.v.re, s, 0.0), self.v), self._tag)
        if not as_hyper(other, &y, &t):
            return NotImplemented
        return wrap_hyper(dn_hyper_apply2(dn_rule_power(self.v.re, y.re), self.v, y),
                          join_hyper(self._tag, &self.v, t, &y))

    def __rpow__(self, other, mod):
        cdef double s
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for HyperDual")
        if not as_real(other, &s):
            return NotImplemented
        return wrap_hyper(dn_hyper_apply(dn_rule_power_constant_base(self.v.re, s, 0.0), self.v),
                          self._tag)

    def __floordiv__(self, other):
        return divmod(self, other)[0]

    def __rfloordiv__(self, other):
        return divmod(other, self)[0]

    def __mod__(self, other):
        return divmod(self, other)[1]

    def __rmod__(self, other):
        return divmod(other, self)[1]

    def __divmod__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return NotImplemented
        return divmod_hyper(self.v, y, join_hyper(self._tag, &self.v, t, &y))

    def __rdivmod__(self, other):
        cdef dn_hyper y
        cdef long long t = self._tag
        if not as_hyper(other, &y, &t):
            return NotImplemented
        return divmod_hyper(y, self.v, join_hyper(self._tag, &self.v, t, &y))

    def __floor__(self):
        return self.floor()

    def __ceil__(self):
        return self.ceil()

    def __trunc__(self):
        return self.trunc()

    def __round__(self, ndigits=None):
        """round(x) is the rint rule (ties to even, as round() of a float), a dual with
        derivative 0; round(x, n) is numpy.round(x, n)."""
        return self.rint() if ndigits is None else np.round(self, ndigits)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: NumPy's and scipy.special's ufuncs (see array_ufunc). The common calls
        are answered here: a rule on this number (np.sin(x)), and a ufunc of plain
        operands (np.add(x, 1.0), np.isnan(x))."""
        if not kwargs and method == "__call__":
            if len(inputs) == 1:  # then inputs[0] is self: NumPy asks only its operands
                rule = UNARY_RULES.get(ufunc)
                if rule is not None:
                    return wrap_hyper(dn_hyper_apply((<UnaryRule>rule).rule(self.v.re, 0.0, 0.0),
                                                   self.v), self._tag)
            if plain_operands(inputs):
                func = UFUNC_FUNCTIONS.get(ufunc)
                if func is not None:
                    return func(*inputs)
        return array_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: NumPy's functions, as the dual arrays implement them (see
        array_function)."""
        return array_function(func, types, args, kwargs)

    def tanh(self):
        """Same as ``dualnum.tanh(self)``."""
        return wrap_hyper(dn_hyper_apply(dn_rule_tanh(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def arcsin(self):
        """Same as ``dualnum.arcsin(self)``."""
        return wrap_hyper(dn_hyper_apply(dn_rule_arcsin(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def log2(self):
        """Same as ``dualnum.log2(self)``."""
        return wrap_hyper(dn_hyper_apply(dn_rule_log2(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def sqrt(self):
        """Same as ``dualnum.sqrt(self)``."""
        return wrap_hyper(dn_hyper_apply(dn_rule_sqrt(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def scaled_exp(self, double rate=1.0):
        """Same as ``dualnum.scaled_exp(self, rate)``."""
        return wrap_hyper(dn_hyper_apply(dn_rule_scaled_exp(self.v.re, rate, 0.0), self.v),
                          self._tag)

    def erf(self):
        """Same as ``dualnum.erf(self)``."""
        return wrap_hyper(dn_hyper_apply(dn_rule_erf(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def ndtri(self):
        """Same as ``dualnum.ndtri(self)``."""
        load_scipy()
        return wrap_hyper(dn_hyper_apply(dn_rule_ndtri(self.v.re, 0.0, 0.0), self.v),
                          self._tag)

    def ive(self, double v=0.0):
        """Same as ``dualnum.ive(v, self)``."""
        load_scipy()
        return wrap_hyper(dn_hyper_apply(dn_rule_ive(self.v.re, v, 0.0), self.v),
                          self._tag)

    def absolute(self):
        """Same as ``dualnum.absolute(self)``."""
        return absolute_hyper(self)

    def hypot(self, other):
        """Same as ``dualnum.hypot(self, other)``."""
        return hypot(self, other)

    def xlogy(self, other):
        """Same as ``dualnum.xlogy(self, other)``."""
        return xlogy(self, other)

    def maximum(self, other):
        """Same as ``dualnum.maximum(self, other)``."""
        return maximum(self, other)


cpdef HyperDual tagged_hyper(long long tag, double real, double eps1=0.0, double eps2=0.0, double eps1eps2=0.0):
    """A HyperDual of these parts that belongs to the derivative computation ``tag``
    (src/tags.pxi): how dualnum's API seeds its input and dual arrays give out their
    elements. ``HyperDual(...)`` gives tag 0.

    >>> tagged_hyper(7, 2.0, 1.0)._tag
    7
    """
    cdef dn_hyper v
    v.re = real
    v.e1 = eps1
    v.e2 = eps2
    v.e12 = eps1eps2
    return wrap_hyper(v, tag)


def seed_hyper(double real, double eps1=0.0, double eps2=0.0, double eps1eps2=0.0):
    """``tagged_hyper(new_tag(), ...)`` in one call: the seed of one call of dualnum's API,
    for its fast path on a float x.

    >>> seed_hyper(2.0, 1.0)._tag < seed_hyper(2.0, 1.0)._tag
    True
    """
    return tagged_hyper(fresh_tag(), real, eps1, eps2, eps1eps2)


# scalar type -> its tagged_ factory
TAGGED = { Dual: tagged_dual, HyperDual: tagged_hyper }


def seeded_part(y, seed):
    """The last perturbation part of y (dual of a Dual, eps1eps2 of a HyperDual)
    where y is a number of seed's type and computation (tag), else None: what the API's
    fast path on a float x reads from f's result.

    >>> x = seed_dual(2.0, 1.0)
    >>> seeded_part(x * x, x), seeded_part(Dual(2.0, 1.0), x), seeded_part(4.0, x)
    (4.0, None, None)
    """
    if type(y) is Dual and type(seed) is Dual and \
            (<Dual>y)._tag == (<Dual>seed)._tag:
        return (<Dual>y).v.du
    if type(y) is HyperDual and type(seed) is HyperDual and \
            (<HyperDual>y)._tag == (<HyperDual>seed)._tag:
        return (<HyperDual>y).v.e12
    return None
