"""Sparse Jacobians: one dual evaluation with a direction per colour of the Jacobian's
pattern, and each entry read from the compressed result (Curtis, Powell and Reid 1974)."""
import numpy as np
import scipy.sparse as sp

from .. import api
from .colouring import Colouring, colour
from .detect import hessian_sparsity, jacobian_sparsity


def colouring_for(f, x, sparsity, kind="column"):
    """The colouring to evaluate with: detected and coloured (``"auto"`` or None: the Jacobian's
    pattern for a column colouring, the Hessian's for a star colouring), the colouring of a
    given pattern, or a given Colouring (reused as it is; a star colouring only where a
    star colouring is asked for, since it leaves entries to be read from the other row)."""
    if isinstance(sparsity, Colouring):
        found = sparsity
        if kind == "column" and found.kind != "column":
            raise ValueError("a star colouring (for sparse Hessians) cannot give a Jacobian: "
                             "colour the pattern with dn.colour(pattern)")
    elif sparsity is None or isinstance(sparsity, str):
        if sparsity not in (None, "auto"):
            raise ValueError("sparsity=%r: give 'auto', a pattern (a scipy.sparse or NumPy "
                             "array) or a Colouring" % sparsity)
        detect = jacobian_sparsity if kind == "column" else hessian_sparsity
        found = colour(detect(f, x), kind)
    else:
        found = colour(sparsity, kind)
    if found.pattern.shape[1] != x.size:
        raise ValueError("the sparsity pattern has %d columns, but x has %d elements"
                         % (found.pattern.shape[1], x.size))
    return found


def seeds_of(found, x):
    """The colouring's seeds shaped x.shape + (colours,) (one zero direction where there
    are no colours: f does not depend on x)."""
    seeds = found.seeds() if found.count else np.zeros((x.size, 1))
    return seeds.reshape(x.shape + seeds.shape[-1:])


def jacobian(f, x, sparsity="auto", *, args=(), kwargs=None):
    """The Jacobian of f at x as a ``scipy.sparse.csr_array`` of shape (f(x).size, x.size)
    (rows and columns in C order), holding every entry of the pattern (a structural nonzero
    that is 0 at x is stored as 0).

    ``sparsity``: ``"auto"`` (``jacobian_sparsity`` and ``colour``, at every call), a
    pattern (a scipy.sparse or NumPy array of f(x).size rows and x.size columns, which must
    hold every nonzero: an entry outside it is lost, and may spoil the entries of its
    colour), or a ``Colouring`` from ``colour`` (reused: the way to evaluate at many x of
    one structure). f is evaluated once, on dual arrays with one direction per colour.
    ValueError for a pattern of the wrong shape; errors of f and x as in ``dn.jacobian``.

    >>> import numpy as np, dualnum as dn
    >>> def residual(t):
    ...     return t[1:] - t[:-1] ** 2
    >>> dn.jacobian(residual, [1.0, 2.0, 3.0], sparsity="auto").toarray()
    array([[-2.,  1.,  0.],
           [ 0., -4.,  1.]])
    """
    f = api._function(f, args, kwargs)
    x = api._real_array(x)
    found = colouring_for(f, x, sparsity)
    seeds = seeds_of(found, x)
    tag = api.new_tag()
    pattern = found.pattern
    compressed = _along(f, x, seeds, tag).reshape(-1, seeds.shape[-1])
    if pattern.shape[0] != compressed.shape[0]:
        raise ValueError("the sparsity pattern has %d rows, but f returns %d values"
                         % (pattern.shape[0], compressed.shape[0]))
    rows, columns = row_of_entries(pattern), pattern.indices
    data = compressed[rows, found.colours[columns]]
    nan = np.isnan(data)
    if nan.any():  # a NaN spreads through its colour's sum: read those entries from units
        data[nan] = from_units(lambda units: _along(f, x, units, tag), x, rows[nan],
                               columns[nan])
    return read_rows(pattern, data)


def _along(f, x, seeds, tag):
    """f's derivatives along ``seeds`` (x.shape + (k,)): one dual evaluation, or one per
    direction where f takes no directions (it converts its input with np.asarray)."""
    try:
        return api.along(f, x, seeds, tag)
    except api.DirectionsError:
        return api._one_pass_each(f, x, "dual", seeds, tag=tag)


def from_units(product, x, i, j, block=64):
    """Entries (i, j) of a derivative matrix M, from ``product(units)`` = M's columns along
    unit directions (an array of x.shape + (k,) in, rows by k out), ``block`` columns per
    evaluation, as the dense Jacobian and Hessian read them: a NaN or infinity among the
    derivatives along one input stays in that input's column there, where a colour's seed
    carries it into every entry read from that colour."""
    columns, which = np.unique(j, return_inverse=True)
    out = np.empty(i.size)
    for start in range(0, columns.size, block):
        chosen = columns[start:start + block]
        units = np.zeros((x.size, chosen.size))
        units[chosen, np.arange(chosen.size)] = 1.0
        part = np.asarray(product(units.reshape(x.shape + (chosen.size,))))
        part = part.reshape(-1, chosen.size)
        here = (which >= start) & (which < start + chosen.size)
        out[here] = part[i[here], which[here] - start]
    return out


def row_of_entries(pattern):
    """The row of each stored entry of the CSR ``pattern``, in its order."""
    return np.repeat(np.arange(pattern.shape[0]), np.diff(pattern.indptr))


def read_rows(pattern, data):
    """A csr_array of ``pattern``'s structure holding ``data`` (one value per entry, in the
    pattern's order: no sorting)."""
    return sp.csr_array((data, pattern.indices.copy(), pattern.indptr.copy()),
                        shape=pattern.shape)
