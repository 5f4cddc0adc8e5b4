# generated from functions.pxi.in and tests/golden/table.py by src/generate.py: edit those, not this
# The module-level functions (dualnum.sin, ...), one per rule, and the table that routes
# NumPy's and SciPy's ufuncs on Dual and HyperDual scalars to them.

ctypedef dn_jet (*unary_rule)(double, double, double) noexcept nogil

# rules whose parameters p (and q) are arguments of the function (leaky_relu's alpha,
# betainc's a and b): name -> how many
cdef dict PARAMETRISED = {'scaled_exp': 1, 'ive': 1}
ctypedef dn_jet2 (*binary_rule)(double, double) noexcept nogil


# What dualnum.arrays (which sits above this module) registers: the array base type, the
# array implementations of the rules, unary(name, x, p) and binary(name, x, y), and NumPy's
# two protocols for calls that the scalar types do not answer themselves,
# ufunc(ufunc, method, inputs, kwargs) and function(func, types, args, kwargs).
cdef type array_base = None
cdef object array_unary = None
cdef object array_binary = None
cdef object array_ufunc_hook = None
cdef object array_function_hook = None


def register_array_functions(base, unary, binary, ufunc, function):
    """Let the module functions (dualnum.sin, ...) hand instances of ``base`` (dual arrays)
    to ``unary(name, x, p)`` and ``binary(name, x, y)``, and the scalar types hand NumPy's
    ufunc calls beyond their own (ndarray operands, ufunc methods, keywords) to
    ``ufunc(ufunc, method, inputs, kwargs)`` (NotImplemented where the arrays have no
    implementation) and every NumPy function (NEP 18) to ``function(func, types, args,
    kwargs)``."""
    global array_base, array_unary, array_binary, array_ufunc_hook, array_function_hook
    array_base, array_unary, array_binary = base, unary, binary
    array_ufunc_hook, array_function_hook = ufunc, function


cdef inline bint is_scalar_dual(object x):
    return type(x) is Dual or type(x) is HyperDual


cdef inline bint is_real_array(object x):
    """An ndarray of at least one dimension and a real (or bool) dtype: beside a scalar dual,
    the operand of a dual array operation."""
    return isinstance(x, np.ndarray) and x.ndim > 0 and x.dtype.kind in "biuf"


def constant_parameter(value, str func, str name):
    """The parameter ``name`` of scipy.special.FUNC (the order of a Bessel function, ...),
    which dualnum holds constant: a float, or a float64 ndarray for an array of them.

    Raises TypeError for a dual parameter (a Dual, a dual array, or a list or object array
    holding duals: its derivative would be dropped, as dualnum differentiates in x only)
    and for one that is not real.

    >>> import dualnum as dn
    >>> dn._scalar.constant_parameter([1, 2], "jv", "v")
    array([1., 2.])
    """
    cdef double p
    if as_real(value, &p):
        return p
    if not is_scalar_dual(value) and not (array_base is not None
                                          and isinstance(value, array_base)):
        values = np.asarray(value, dtype=object if isinstance(value, (list, tuple)) else None)
        if values.dtype.kind in "biuf":
            return float(values) if values.ndim == 0 else values.astype(np.float64)
        if not any(is_scalar_dual(v) or (array_base is not None and isinstance(v, array_base))
                   for v in values.flat):
            try:
                return values.astype(np.float64)
            except (TypeError, ValueError):
                raise TypeError("scipy.special.%s: the %s must be real numbers, not %s" % (
                    func, name, values.dtype)) from None
    raise TypeError(
        "scipy.special.%s: its parameter %s is a dual number, and dualnum differentiates %s "
        "in x only (its derivative in %s would be dropped); pass %s as a number or a float "
        "array, and the dual as x, SciPy's last argument" % (func, name, func, name, name))


cdef object unary_other(object x, unary_rule rule, double p, double q, object func, str name):
    """A rule applied to anything but a Dual, HyperDual or float."""
    cdef double s
    if as_real(x, &s):
        return rule(s, p, q).f0
    if array_base is not None and isinstance(x, array_base):
        return array_unary(name, x, *(p, q)[:PARAMETRISED.get(name, 0)])
    apply = getattr(x, "_apply_rule", None)  # the Taylor types (dualnum._taylor, series)
    if apply is not None:
        return apply(name, *(p, q)[:PARAMETRISED.get(name, 0)])
    return elementwise(func, (x,))


cdef object binary_apply(object x, object y, binary_rule rule, object func, str name):
    """A two-argument rule applied to any mix of duals (of one type) and real numbers."""
    cdef dn_dual dx, dy
    cdef dn_hyper hx, hy
    cdef double a, b
    cdef long long tx, ty
    apply = getattr(x, "_apply_rule2", None) or getattr(y, "_apply_rule2", None)
    if apply is not None:  # the Taylor types
        return apply(name, x, y)
    if array_base is not None and (isinstance(x, array_base) or isinstance(y, array_base)
                                   or (is_scalar_dual(x) and is_real_array(y))
                                   or (is_real_array(x) and is_scalar_dual(y))):
        return array_binary(name, x, y)  # a scalar dual beside an ndarray: a dual array
    # both tags start as that of the dual operand: a real one keeps it (a constant, it
    # takes any tag), one of the other dual type is compared with it
    if type(x) is Dual or type(y) is Dual:
        tx = ty = (<Dual>(x if type(x) is Dual else y))._tag
        if as_dual(x, &dx, &tx) and as_dual(y, &dy, &ty):
            return wrap_dual(dn_dual_apply2(rule(dx.re, dy.re), dx, dy),
                             join_dual(tx, &dx, ty, &dy))
    elif type(x) is HyperDual or type(y) is HyperDual:
        tx = ty = (<HyperDual>(x if type(x) is HyperDual else y))._tag
        if as_hyper(x, &hx, &tx) and as_hyper(y, &hy, &ty):
            return wrap_hyper(dn_hyper_apply2(rule(hx.re, hy.re), hx, hy),
                              join_hyper(tx, &hx, ty, &hy))
    elif as_real(x, &a) and as_real(y, &b):
        return rule(a, b).f
    return elementwise(func, (x, y))


def tanh(x):
    """tanh(x): elementwise, with derivative 1/cosh^2 x.

    Domain: all real x. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.tanh(dn.Dual(0.8, 1.0))
    >>> y.dual == dn.derivative(dn.tanh, 0.8)
    True
    """
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_tanh((<Dual>x).v.re, 0.0, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_tanh(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_tanh((<HyperDual>x).v.re, 0.0, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_tanh, 0.0, 0.0, tanh, "tanh")


def arcsin(x):
    """arcsin(x): elementwise, with derivative 1/sqrt(1 - x^2).

    Domain: -1 <= x <= 1. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.arcsin(dn.Dual(0.5, 1.0))
    >>> y.dual == dn.derivative(dn.arcsin, 0.5)
    True
    """
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_arcsin((<Dual>x).v.re, 0.0, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_arcsin(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_arcsin((<HyperDual>x).v.re, 0.0, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_arcsin, 0.0, 0.0, arcsin, "arcsin")


def log2(x):
    """log2(x): elementwise, with derivative 1/(x ln 2).

    Domain: x > 0. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.log2(dn.Dual(2.0, 1.0))
    >>> y.dual == dn.derivative(dn.log2, 2.0)
    True
    """
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_log2((<Dual>x).v.re, 0.0, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_log2(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_log2((<HyperDual>x).v.re, 0.0, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_log2, 0.0, 0.0, log2, "log2")


def sqrt(x):
    """sqrt(x): elementwise, with derivative 1/(2 sqrt x).

    Domain: x >= 0. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.sqrt(dn.Dual(2.0, 1.0))
    >>> y.dual == dn.derivative(dn.sqrt, 2.0)
    True
    """
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_sqrt((<Dual>x).v.re, 0.0, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_sqrt(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_sqrt((<HyperDual>x).v.re, 0.0, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_sqrt, 0.0, 0.0, sqrt, "sqrt")


def scaled_exp(x, double rate=1.0):
    """scaled_exp(x, rate=1.0): elementwise, with derivative rate exp(rate x).

    Domain: all real x. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.scaled_exp(dn.Dual(0.5, 1.0))
    >>> y.dual == dn.derivative(dn.scaled_exp, 0.5)
    True
    """
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_scaled_exp((<Dual>x).v.re, rate, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_scaled_exp(<double>x, rate, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_scaled_exp((<HyperDual>x).v.re, rate, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_scaled_exp, rate, 0.0, partial(scaled_exp, rate=rate), "scaled_exp")


def erf(x):
    """erf(x): elementwise, with derivative 2/sqrt(pi) exp(-x^2).

    Domain: all real x. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.erf(dn.Dual(0.7, 1.0))
    >>> y.dual == dn.derivative(dn.erf, 0.7)
    True
    """
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_erf((<Dual>x).v.re, 0.0, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_erf(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_erf((<HyperDual>x).v.re, 0.0, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_erf, 0.0, 0.0, erf, "erf")


def ndtri(x):
    """ndtri(x): elementwise, with derivative sqrt(2 pi) exp(ndtri(x)^2/2).

    Domain: 0 < x < 1. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.ndtri(dn.Dual(0.9, 1.0))
    >>> y.dual == dn.derivative(dn.ndtri, 0.9)
    True
    """
    load_scipy()
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_ndtri((<Dual>x).v.re, 0.0, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_ndtri(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_ndtri((<HyperDual>x).v.re, 0.0, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_ndtri, 0.0, 0.0, ndtri, "ndtri")


def ive(v, x):
    """ive(v, x), as scipy.special.ive: elementwise in x, with derivative
    ive(v - 1, x) - (v/x + 1) ive(v, x).

    v: constant, a number or an array broadcast against x (TypeError for a
    dual one: the derivative is taken in x only).

    Domain: x > 0. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.ive(0.0, dn.Dual(2.0, 1.0))
    >>> y.dual == dn.derivative(lambda t: dn.ive(0.0, t), 2.0)
    True
    """
    cdef double p = 0.0, q = 0.0
    load_scipy()
    constants = [constant_parameter(v, "ive", "v")]
    if any(type(c) is not float for c in constants):  # arrays of them, broadcast against x
        if array_base is not None and isinstance(x, array_base):
            return array_unary("ive", x, *constants)
        return elementwise(ive, (*constants, x))
    p, = constants
    if type(x) is Dual:
        return wrap_dual(dn_dual_apply(dn_rule_ive((<Dual>x).v.re, p, 0.0), (<Dual>x).v),
                         (<Dual>x)._tag)
    if type(x) is float:
        return dn_rule_ive(<double>x, p, 0.0).f0
    if type(x) is HyperDual:
        return wrap_hyper(dn_hyper_apply(dn_rule_ive((<HyperDual>x).v.re, p, 0.0), (<HyperDual>x).v),
                          (<HyperDual>x)._tag)
    return unary_other(x, dn_rule_ive, p, 0.0, partial(ive, p), "ive")


def absolute(x):
    """absolute(x): elementwise, with derivative sign x.

    Domain: all real x. Takes a float (returns a float), a Dual, a HyperDual, or an
    array or list of them (element by element).

    >>> import dualnum as dn
    >>> y = dn.absolute(dn.Dual(0.7, 1.0))
    >>> y.dual == dn.derivative(dn.absolute, 0.7)
    True
    """
    if type(x) is Dual:  # the kept square (scalar_types.pxi)
        return absolute_dual(<Dual>x)
    if type(x) is float:
        return dn_rule_absolute(<double>x, 0.0, 0.0).f0
    if type(x) is HyperDual:
        return absolute_hyper(<HyperDual>x)
    return unary_other(x, dn_rule_absolute, 0.0, 0.0, absolute, "absolute")


def hypot(x, y):
    """hypot(x, y): elementwise, with partial derivatives x/hypot, y/hypot.

    Domain: all real x, y (origin: derivative 0). Takes any mix of floats and duals of one type, or arrays of them.

    >>> import dualnum as dn
    >>> z = dn.hypot(dn.Dual(0.4, 1.0), 2.5)
    >>> z.dual == dn.derivative(lambda t: dn.hypot(t, 2.5), 0.4)
    True
    """
    root = binary_apply(x, y, dn_rule_hypot, hypot, "hypot")
    if type(root) is Dual or type(root) is HyperDual:
        return with_square(root, x * x + y * y)
    return root  # dual arrays keep their square themselves


def xlogy(x, y):
    """xlogy(x, y): elementwise, with partial derivatives log y, x/y.

    Domain: y > 0. Takes any mix of floats and duals of one type, or arrays of them.

    >>> import dualnum as dn
    >>> z = dn.xlogy(dn.Dual(0.4, 1.0), 2.5)
    >>> z.dual == dn.derivative(lambda t: dn.xlogy(t, 2.5), 0.4)
    True
    """
    return binary_apply(x, y, dn_rule_xlogy, xlogy, "xlogy")


def maximum(x, y):
    """maximum(x, y): elementwise, with partial derivatives 1 where x wins.

    Domain: all real x, y. Takes any mix of floats and duals of one type, or arrays of them.

    >>> import dualnum as dn
    >>> z = dn.maximum(dn.Dual(0.4, 1.0), 2.5)
    >>> z.dual == dn.derivative(lambda t: dn.maximum(t, 2.5), 0.4)
    True
    """
    return binary_apply(x, y, dn_rule_maximum, maximum, "maximum")


def with_square(root, square):
    """``root``, a scalar dual equal to sqrt(square) (hypot, a norm), keeping ``square`` (a
    dual of its type), so that a power of it is taken of the square, smooth where the root
    has a kink at 0 (rules.py, "Kinks")."""
    if type(root) is Dual:
        (<Dual>root).sq = (<Dual>square).v
        (<Dual>root).has_sq = True
    else:
        (<HyperDual>root).sq = (<HyperDual>square).v
        (<HyperDual>root).has_sq = True
    return root


def _real_part_test(test):
    return lambda x: test(x.real if isinstance(x, (Dual, HyperDual)) else x)


# NumPy ufunc -> the scalar function that implements it for Dual and HyperDual.
UFUNC_FUNCTIONS = {
    np.add: operator.add, np.subtract: operator.sub, np.multiply: operator.mul,
    np.divide: operator.truediv, np.floor_divide: operator.floordiv,
    np.remainder: operator.mod, np.divmod: divmod, np.negative: operator.neg,
    np.positive: operator.pos,
    np.less: operator.lt, np.less_equal: operator.le, np.greater: operator.gt,
    np.greater_equal: operator.ge, np.equal: operator.eq, np.not_equal: operator.ne,
    np.isnan: _real_part_test(np.isnan), np.isinf: _real_part_test(np.isinf),
    np.isfinite: _real_part_test(np.isfinite), np.signbit: _real_part_test(np.signbit),
    np.tanh: tanh,
    np.arcsin: arcsin,
    np.log2: log2,
    np.sqrt: sqrt,
    np.absolute: absolute,
    np.hypot: hypot,
    np.maximum: maximum,
}


@cython.final
cdef class UnaryRule:
    """A rule of one argument (its C function), as a value that a dict can hold."""
    cdef unary_rule rule


cdef UnaryRule rule_object(unary_rule rule):
    cdef UnaryRule r = UnaryRule.__new__(UnaryRule)
    r.rule = rule
    return r


# NumPy ufunc -> its rule, for the fast path of the scalar types' __array_ufunc__: np.sin(x)
# applies the rule without calling dualnum.sin. SciPy's ufuncs join once SciPy is met.
cdef dict UNARY_RULES = {
    np.tanh: rule_object(dn_rule_tanh),
    np.arcsin: rule_object(dn_rule_arcsin),
    np.log2: rule_object(dn_rule_log2),
    np.sqrt: rule_object(dn_rule_sqrt),
}

# scipy.special ufunc name -> function (and rule); matched lazily (by identity, as SciPy's
# ufuncs may carry other __name__s: digamma is 'psi') so that SciPy stays optional. The rules
# that call SciPy's kernels have no fast path: their function loads the kernels first.
SCIPY_FUNCTIONS = {
    "erf": erf,
    "ndtri": ndtri,
    "ive": ive,
    "xlogy": xlogy,
}
cdef dict SCIPY_RULES = {
    "erf": rule_object(dn_rule_erf),
}


cdef dict scipy_ufuncs = {}


def scalar_function_for(ufunc):
    """The dualnum function implementing a NumPy or SciPy ufunc, or None."""
    func = UFUNC_FUNCTIONS.get(ufunc)
    if func is None and not scipy_ufuncs and "scipy.special" in sys.modules:
        special = sys.modules["scipy.special"]
        scipy_ufuncs.update({getattr(special, name): f for name, f in SCIPY_FUNCTIONS.items()})
        UNARY_RULES.update({getattr(special, name): r for name, r in SCIPY_RULES.items()})
    return func if func is not None else scipy_ufuncs.get(ufunc)


cdef inline bint plain_operands(tuple inputs):
    """Python floats and ints and scalar duals only: what the scalar functions take as they
    are (the fast path of __array_ufunc__)."""
    for a in inputs:
        if not (type(a) is float or type(a) is int or type(a) is Dual or type(a) is HyperDual):
            return False
    return True


cdef bint scalar_operands(tuple inputs):
    """No arrays: numbers, scalar duals, NumPy scalars and 0-d arrays only."""
    for a in inputs:
        if isinstance(a, (list, tuple)) or (isinstance(a, np.ndarray) and a.ndim):
            return False
    return True


cdef bint element_operands(tuple inputs):
    """Some ndarray that the scalar functions take element by element: an object array (of
    scalar duals), or one that is not real (complex, which they refuse)."""
    for a in inputs:
        if isinstance(a, np.ndarray) and a.ndim and not is_real_array(a):
            return True
    return False


cdef object plain_scalar(object a):
    """NumPy scalars and 0-d arrays as Python numbers, so that ``operator.mul(a, dual)``
    reaches the dual's own operator instead of NumPy's scalar code (which would come back
    here)."""
    if isinstance(a, np.ndarray):
        a = a[()]
    return a.item() if isinstance(a, np.generic) else a


def array_ufunc(ufunc, method, tuple inputs, dict kwargs):
    """NEP 13 for the scalar types, past the fast path of their ``__array_ufunc__``.

    * A ufunc of UFUNC_FUNCTIONS called on scalars (numbers, scalar duals, NumPy scalars,
      0-d arrays), with ``out=`` at most: its scalar function, a scalar.
    * Object arrays (of scalar duals): the scalar function element by element, an object
      array.
    * Anything else (real ndarrays or lists beside a scalar dual, ufunc methods, the other
      keywords, ufuncs that only the arrays implement): the dual arrays' implementation,
      with the scalar duals as 0-d dual arrays, so that scalars follow the arrays'
      conventions: a dual array, or a scalar where the result is 0-d. What the arrays lack
      (``//`` and ``%``) goes element by element.

    Raises TypeError for a ufunc without a rule, a method or a keyword that neither takes.

    >>> import numpy as np, dualnum as dn
    >>> np.signbit(dn.Dual(-0.0, 1.0)), np.multiply(dn.Dual(2.0, 1.0), [1.0, 3.0]).dual
    (np.True_, array([1., 3.]))
    """
    func = scalar_function_for(ufunc)
    if ufunc is np.divmod and method == "__call__" and not kwargs:
        return (array_ufunc(np.floor_divide, method, inputs, kwargs),
                array_ufunc(np.remainder, method, inputs, kwargs))
    plain_call = (func is not None and method == "__call__"
                  and (not kwargs or kwargs.keys() == {"out"}))
    if plain_call and scalar_operands(inputs):
        return stored(func(*[plain_scalar(a) for a in inputs]), kwargs)
    if not (plain_call and element_operands(inputs)) and array_ufunc_hook is not None:
        result = array_ufunc_hook(ufunc, method, inputs, kwargs)
        if result is not NotImplemented:
            return result
    if plain_call:
        return stored(elementwise(func, inputs), kwargs)
    if func is None:
        raise TypeError(
            "numpy ufunc %r has no derivative rule in dualnum; write the function with "
            "supported operations (see dualnum.rules) or dualnum functions" % ufunc.__name__)
    if method != "__call__":
        raise TypeError("ufunc method %s.%s is not supported on duals" % (ufunc.__name__,
                                                                          method))
    raise TypeError("numpy.%s on duals takes no keyword arguments but out= (got %s)" % (
        ufunc.__name__, ", ".join(kwargs)))


cdef object stored(object result, dict kwargs):
    """The result of a ufunc, written into ``out=`` where one is given."""
    out = kwargs.get("out")
    if out is None:
        return result
    out[0][...] = result
    return out[0]


def array_function(func, types, args, kwargs):
    """NEP 18 entry point of the scalar types: the dual arrays' implementation of ``func``
    (dualnum.arrays.HANDLED_FUNCTIONS), with scalar duals as 0-d dual arrays and a 0-d
    result as a scalar; a TypeError naming any other function.

    >>> import numpy as np, dualnum as dn
    >>> x = dn.Dual(2.0, 1.0)
    >>> np.where(x > 1.0, x * x, 1.0)  # a scalar, where NumPy gives floats a 0-d array
    Dual(4.0, 4.0)
    >>> np.sort_complex(x)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: numpy.sort_complex is not supported on dual arrays: its result is complex...
    """
    if array_function_hook is None:
        return NotImplemented
    return array_function_hook(func, types, args, kwargs)
