"""``scipy.signal.convolve`` and ``correlate`` of dual arrays in any number of dimensions,
with SciPy's signatures, reached from SciPy's own names (``scipy_routes``).

A convolution is bilinear: the parts of conv(a, b) follow the product rule (``_product``
of the dual type: conv(a, db) + conv(da, b), and for hyper-duals the cross terms), each
term one SciPy convolution of float arrays with the ``method`` asked for. The direction
axes of a part become trailing axes of the convolution, against axes of length 1 of the
other factor, where a full convolution leaves them as they are; the 'same' and 'valid'
windows are then cut from the full result, on the signal axes only, as SciPy cuts them.
correlate(a, b) is convolve(a, b reversed along every axis) (real numbers: no conjugate),
the identity SciPy's own FFT correlation uses.
"""
import numpy as np

from ._storage import ArrayBase
from .operands import coerce, lead, real_constant
from .products import parts_front, back


def convolve(in1, in2, mode="full", method="auto"):
    """The N-D convolution of in1 and in2 (same number of dimensions; dual arrays,
    ndarrays, lists), as ``scipy.signal.convolve``: mode 'full' (shape s1 + s2 - 1), 'same'
    (in1's shape, centred), 'valid' (|s1 - s2| + 1, one operand at least as large as the
    other along every axis, else ValueError); method 'auto', 'direct' or 'fft'.

    >>> import numpy as np, scipy.signal, dualnum as dn
    >>> x = dn.DualArray(np.ones((2, 2)), np.eye(2))
    >>> scipy.signal.convolve(x, np.ones((1, 2)), mode="valid").dual.tolist()
    [[1.0], [1.0]]
    """
    first = lead(in1, in2)
    a, b = (coerce(first, x) if isinstance(x, ArrayBase) else real_constant(x, type(first))
            for x in (in1, in2))
    if a.ndim == b.ndim == 0:
        return a * b
    _check(a.shape, b.shape, mode)
    nd = a.ndim

    def op(p, q):
        return _window(_full(p, q, nd, method), nd, a.shape, b.shape, mode)
    parts = type(first)._product(op, parts_front(a, first), parts_front(b, first))
    return first._with_parts([parts[0]] + [back(p, c) for p, c in
                                           zip(parts[1:], first._dir_ndim[1:])])


def correlate(in1, in2, mode="full", method="auto"):
    """The N-D cross-correlation of in1 and in2, as ``scipy.signal.correlate``:
    ``convolve(in1, in2 reversed along every axis, mode, method)`` (see :func:`convolve`
    for the shapes and errors).

    >>> import numpy as np, scipy.signal, dualnum as dn
    >>> x = dn.DualArray(np.array([1.0, 2.0]), np.array([1.0, 0.0]))
    >>> scipy.signal.correlate(x, np.array([1.0, 3.0])).dual.tolist()
    [3.0, 1.0, 0.0]
    """
    kernel = in2 if isinstance(in2, ArrayBase) else np.asarray(in2)
    return convolve(in1, np.flip(kernel), mode, method)


def _check(s1, s2, mode):
    """SciPy's ValueErrors for the operands' shapes and the mode."""
    if len(s1) != len(s2):
        raise ValueError("volume and kernel should have the same dimensionality")
    if mode not in ("full", "same", "valid"):
        raise ValueError("acceptable mode flags are 'valid', 'same', or 'full'.")
    if mode == "valid" and not (all(i >= j for i, j in zip(s1, s2))
                                or all(j >= i for i, j in zip(s1, s2))):
        raise ValueError("For 'valid' mode, one must be at least as large as the other in "
                         "every dimension")


def _full(p, q, nd, method):
    """The full convolution of two parts over their last ``nd`` axes, their leading
    (direction) axes, which broadcast, moved behind and kept."""
    import scipy.signal  # only reached from SciPy's own names: SciPy is loaded
    lead_ndim = max(p.ndim, q.ndim) - nd

    def behind(x):
        x = x.reshape((1,) * (lead_ndim + nd - x.ndim) + x.shape)
        return np.moveaxis(x, tuple(range(lead_ndim)), tuple(range(nd, nd + lead_ndim)))
    full = scipy.signal.convolve(behind(p), behind(q), "full", method)
    return np.moveaxis(full, tuple(range(nd, nd + lead_ndim)), tuple(range(lead_ndim)))


def _window(full, nd, s1, s2, mode):
    """SciPy's window of a full convolution in its last ``nd`` axes: in1's shape (s1)
    centred for 'same', |s1 - s2| + 1 centred for 'valid'."""
    if mode == "full":
        return full
    size = s1 if mode == "same" else tuple(abs(i - j) + 1 for i, j in zip(s1, s2))
    lead_ndim = full.ndim - nd
    key = tuple(slice((n - m) // 2, (n - m) // 2 + m)
                for n, m in zip(full.shape[lead_ndim:], size))
    return full[(Ellipsis,) + key]
