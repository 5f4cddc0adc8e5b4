"""Sparse Hessians: of a scalar f from a star colouring of its pattern (Coleman and Moré,
"Estimation of sparse Hessian matrices and graph coloring problems", Math. Programming 28,
1984), and of a partially separable f = sum of element functions g_i(x), each of a few
inputs, from one coloured hyper-dual evaluation of the element vector g (Griewank and
Toint, "On the unconstrained optimization of partially separable functions", 1981;
Griewank and Walther, "Evaluating Derivatives", 2nd ed., 2008, section 10.3)."""
import numpy as np
import scipy.sparse as sp

from .. import api
from .colouring import hits, symmetric
from .evaluate import (colouring_for, from_units, jacobian, read_rows, row_of_entries,
                       seeds_of)


def hessian(f, x, sparsity="auto", *, args=(), kwargs=None):
    """The Hessian of a scalar f at x as a symmetric ``scipy.sparse.csr_array`` of shape
    (x.size, x.size) (rows and columns in C order of x), holding every entry of the pattern
    (a structural nonzero that is 0 at x is stored as 0).

    ``sparsity``: ``"auto"`` (``hessian_sparsity`` and a star colouring, at every call), a
    symmetric pattern (a scipy.sparse or NumPy array of x.size rows and columns, which must
    hold every nonzero), or a ``Colouring`` of such a pattern (from ``colour(pattern,
    kind="star")``, reused: the way to evaluate at many x of one structure).

    With C colours, the product B = H S of the Hessian and the colouring's seeds comes
    from hyper-dual evaluations that carry the C seeds and one unit direction per input,
    in passes sized by f's intermediates as for ``dn.hessian`` (the work of about x.size C
    evaluations of f, where the dense Hessian takes x.size² / 2); each entry is read from
    B (Coleman and Moré 1984). For a partially separable f (a sum of element functions of
    a few inputs each), ``sum_hessian`` costs C evaluations, whatever x.size.

    ValueError for a pattern that is not square and symmetric or of the wrong size, for a
    colouring from which an entry cannot be read, and for an f that is not scalar-valued; a
    RuntimeWarning where an entry is NaN (as ``dn.hessian``); errors of f and x as in
    ``dn.hessian``.

    >>> import numpy as np, dualnum as dn
    >>> def f(t):
    ...     return np.sum(t[1:] * t[:-1] ** 2)
    >>> dn.hessian(f, [1.0, 2.0, 3.0], sparsity="auto").toarray()
    array([[4., 2., 0.],
           [2., 6., 4.],
           [0., 4., 0.]])
    """
    f = api._function(f, args, kwargs)
    x = api._real_array(x)
    found = colouring_for(f, x, sparsity, "star")
    pattern = found.pattern
    symmetric(pattern, "a sparse Hessian")
    product = api.hessian_along(f, x, seeds_of(found, x), api.new_tag())
    rows, columns = row_of_entries(pattern), pattern.indices
    data = _read(found, product, rows, columns)
    nan = np.isnan(data)
    if nan.any():  # a NaN spreads through its colour's sum: read those entries from units
        data[nan] = _from_units(f, x, rows[nan], columns[nan])
    return read_rows(pattern, api._no_second_derivative(data))


def _from_units(f, x, i, j):
    """H[i, j] for the given entries, from unit directions (``from_units``); (i, j) and
    (j, i) read one column, the larger index's, so that the result stays symmetric."""
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    return from_units(lambda units: api.hessian_along(f, x, units, api.new_tag()), x, lo, hi)


def _read(found, product, i, j):
    """Entries (i, j) of H from B = H S (``product``) by the colouring ``found``: from
    B[lo, colour(hi)] where hi is lo's only neighbour of its colour, else from
    B[hi, colour(lo)] (lo, hi = the smaller and larger of i and j, so that (i, j) and
    (j, i) take the same value)."""
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    colours = found.colours
    count = hits(found.pattern, found).toarray()
    from_lo = count[lo, colours[hi]] == 1
    if not np.all(from_lo | (count[hi, colours[lo]] == 1)):
        raise ValueError("the colouring does not let every entry of the pattern be read (it "
                         "is not a star colouring of this pattern): colour the Hessian's "
                         "pattern with dn.colour(pattern, kind='star')")
    return np.where(from_lo, product[lo, colours[hi]], product[hi, colours[lo]])


def sum_hessian(g, x, sparsity="auto", *, args=(), kwargs=None):
    """The Hessian of the partially separable function sum(g(x)) at x, for g returning the
    element values g_i(x) (an array of any shape, m elements), each of a few inputs: a
    symmetric ``scipy.sparse.csr_array`` of shape (x.size, x.size) holding every pair of
    inputs of one element (0 where their second derivative is 0).

    ``sparsity``: the pattern of g's Jacobian (m x x.size), ``"auto"``
    (``jacobian_sparsity(g, x)`` and ``colour``, at every call), or a ``Colouring`` of it
    (from ``colour(pattern)``, reused). The inputs of one element differ in colour, so one
    hyper-dual evaluation of g with the C colours' seeds in both perturbations gives each
    element's Hessian, compressed to C x C, from which it is read and the elements summed
    (Griewank and Toint 1981). Its cost is that of about C² evaluations of g whatever
    x.size: C = 2 for Rosenbrock, C = 3 for a chain of three-input elements. Pairs of
    colours go in blocks sized by g's intermediates, as the dense ``dn.hessian``'s, and
    only each block's entries are kept (an element of every input makes C = x.size: then
    the cost is the dense Hessian's, but not m C² doubles of memory). The result is exactly
    symmetric.

    ValueError for a pattern of the wrong shape or a star colouring; a RuntimeWarning where
    an entry is NaN; errors of g and x as in ``dn.jacobian``.

    >>> import numpy as np, dualnum as dn
    >>> def elements(t):  # Rosenbrock's, summed: scipy.optimize.rosen
    ...     return 100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2
    >>> dn.sum_hessian(elements, [1.0, 1.0, 1.0]).toarray()
    array([[ 802., -400.,    0.],
           [-400., 1002., -400.],
           [   0., -400.,  200.]])
    """
    g = api._function(g, args, kwargs)
    x = api._real_array(x)
    found = colouring_for(g, x, sparsity)
    element, j, k = _pairs(found.pattern)
    a, b = found.colours[j], found.colours[k]
    # (j, k) and (k, j) read one number: the pair of colours ordered high, low
    upper = j <= k  # the lower triangle is its transpose: exactly symmetric
    element, j, k, a, b = element[upper], j[upper], k[upper], a[upper], b[upper]
    data = _element_entries(g, x, seeds_of(found, x), found.pattern.shape[0], element,
                            np.maximum(a, b), np.minimum(a, b))
    upper = sp.csr_array((data, (j, k)), shape=(x.size, x.size))  # the elements summed
    nan = np.isnan(upper.data)
    if nan.any():  # a NaN spreads through its colour's sum: read those entries from units
        upper.data[nan] = _from_units(lambda t: np.sum(g(t)), x,
                                      row_of_entries(upper)[nan], upper.indices[nan])
    api._no_second_derivative(upper.data)
    rows, columns, data = row_of_entries(upper), upper.indices, upper.data
    off = rows != columns  # the strict upper triangle, mirrored (zeros stay stored)
    return sp.csr_array((np.concatenate([data, data[off]]),
                         (np.concatenate([rows, columns[off]]),
                          np.concatenate([columns, rows[off]]))), shape=upper.shape)


def _element_entries(g, x, seeds, rows, element, high, low):
    """The entries [element, high, low] of g's element Hessians compressed by ``seeds``
    (x.shape + (C,); entry [i, a, b] = s_a' H_i s_b), from evaluations of g with the
    colours' seeds, in blocks of colour pairs as ``api._hessian_blocks`` sizes them: only
    the block's entries are kept, so memory stays that of one block whatever C."""
    count = seeds.shape[-1]
    tag = api.new_tag()
    data = np.empty(element.size)

    def block(r0, r1, c0, c1):  # colours r0..r1-1 against c0..c1-1 (r0 >= c0)
        y = g(api._seed(x, np.ascontiguousarray(seeds[..., r0:r1]),
                        np.ascontiguousarray(seeds[..., c0:c1]), tag=tag))
        part = _rows_checked(api._extract(y, "eps1eps2", (r1 - r0, c1 - c0), tag=tag)
                             .reshape(-1, r1 - r0, c1 - c0), rows)
        here = (high >= r0) & (high < r1) & (low >= c0) & (low < c1)
        data[here] = part[element[here], high[here] - r0, low[here] - c0]

    try:
        if count <= api.HESSIAN_CHUNK:
            block(0, count, 0, count)
        else:
            api._hessian_blocks(count, tag, block)
    except api.DirectionsError:  # g converts its input with np.asarray: a pass per pair
        part = api._one_pass_each(g, x, "eps1eps2", seeds, seeds, tag=tag)
        data = _rows_checked(part.reshape(-1, count, count), rows)[element, high, low]
    return data


def _rows_checked(part, rows):
    """part, after checking that g returned one value per row of the pattern."""
    if part.shape[0] != rows:
        raise ValueError("the sparsity pattern has %d rows, but g returns %d values"
                         % (rows, part.shape[0]))
    return part


def _pairs(pattern):
    """Every pair of nonzeros (j, k) of one row of the CSR ``pattern``, with its row: three
    arrays (element, j, k), sum over rows of (nonzeros in the row)² long."""
    counts = np.diff(pattern.indptr)
    rows = np.repeat(np.arange(pattern.shape[0]), counts)  # the row of each nonzero
    per = counts[rows]  # the pairs each nonzero begins
    first = np.repeat(np.arange(rows.size), per)
    starts = np.cumsum(per) - per
    second = pattern.indptr[rows[first]] + (np.arange(first.size) - np.repeat(starts, per))
    return rows[first], pattern.indices[first], pattern.indices[second]


def sum_gradient(g, x, sparsity="auto", *, args=(), kwargs=None):
    """The gradient of sum(g(x)) at x (an array of x's shape), for g returning element
    values of a few inputs each: the column sums of g's sparse Jacobian (``jacobian``, one
    dual evaluation with a direction per colour), at the cost of about C evaluations of g
    whatever x.size, where ``dn.gradient`` takes one direction per input. ``sparsity`` as
    in ``sum_hessian``.

    >>> import numpy as np, dualnum as dn
    >>> dn.sum_gradient(lambda t: t[1:] * t[:-1], [1.0, 2.0, 3.0])
    array([2., 4., 2.])
    """
    x = api._real_array(x)
    return api._scalar_out(x, np.asarray(jacobian(g, x, sparsity, args=args, kwargs=kwargs)
                                         .sum(axis=0)).reshape(x.shape))
