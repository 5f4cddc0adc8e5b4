# Turning Python operands into C doubles, and the messages for operands that cannot be.

# Why a dual result cannot be stored in a float ndarray, and what to write instead: said by
# every refusal of it (the conversions of scalar duals and dual arrays, out= of ufuncs and
# functions, in-place operators); dualnum.arrays._registry takes it from here.
FLOAT_BUFFER = (
    "a float ndarray cannot hold derivative parts: build the result as a dual array instead, "
    "allocated with np.zeros_like(p) or dualnum.zeros(shape, like=p) (p being the dual "
    "argument of f) and filled (out[i] = ..., acc += term), or collect the pieces in a list "
    "and join them with np.stack or np.concatenate")
NO_CONVERSION = (
    "cannot convert a {0} to {1}: that would drop its derivative parts. Use dualnum "
    "functions (dualnum.sin) or NumPy ufuncs (numpy.sin) instead of math.*, and read the "
    "parts explicitly (x.real, ...) where a plain number is needed. Storing it in an "
    "ndarray (buf[i] = x) asks for this conversion, and " + FLOAT_BUFFER)
MIXED_TYPES = (
    "cannot mix Dual and HyperDual in one operation: seed every input with the same type "
    "(HyperDual carries everything Dual does)")

cdef tuple NUMPY_REALS = (np.floating, np.integer, np.bool_)


cdef object no_operand(object other):
    """NotImplemented for an operand of + - * / that the scalar types do not know (Python
    then asks the operand), but a TypeError for a scipy.sparse matrix: its own operators
    would build a sparse matrix of objects (csr_matrix) or give up without saying why."""
    sparse = sys.modules.get("scipy.sparse")
    if sparse is not None and sparse.issparse(other):
        raise TypeError(
            "cannot use a scipy.sparse %s beside a scalar dual: scipy.sparse holds no dual "
            "numbers; write S.toarray() * x for the elementwise product (exact), or S @ x "
            "for a matrix product with a dual array x" % type(other).__name__)
    return NotImplemented


cdef inline int as_real(object o, double *out) except -1:
    """1 and o's value in *out if o is a real number (int, float, bool, NumPy real, Fraction,
    any numbers.Real), else 0."""
    if type(o) is float or type(o) is int or isinstance(o, (float, int)):
        out[0] = <double>o  # C-level conversion; bool and NumPy's float64 included
        return 1
    if isinstance(o, NUMPY_REALS) or isinstance(o, numbers.Real):
        out[0] = float(o)
        return 1
    return 0


def elementwise(func, args):
    """Apply the scalar function ``func`` element by element over array arguments (NumPy
    broadcasting): the exact but slow path for lists and object arrays of duals."""
    if not any(isinstance(a, (np.ndarray, list, tuple)) for a in args):
        raise TypeError(
            "dualnum.%s() takes real numbers, Dual, HyperDual or arrays of them, not %s" % (
                getattr(func, "__name__", "function"),
                ", ".join(type(a).__name__ for a in args)))
    # scalar duals go in as 0-d object arrays, or NumPy would hand them back to
    # __array_ufunc__ instead of to func
    args = [np.array(a, dtype=object) if isinstance(a, (Dual, HyperDual)) else a
            for a in args]
    out = np.frompyfunc(func, len(args), 1)(*args)
    if isinstance(out, np.ndarray) and all(type(v) is float for v in out.flat):
        return out.astype(np.float64)  # plain numbers in, plain numbers out
    return out


cdef inline bint compare_reals(double a, double b, int op):
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
