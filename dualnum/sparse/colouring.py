"""Colouring: columns of a sparsity pattern grouped so that one direction per group recovers
every entry (Curtis, Powell and Reid, "On the estimation of sparse Jacobian matrices",
IMA J. Appl. Math. 13, 1974; Gebremedhin, Manne and Pothen, "What color is your Jacobian?
Graph coloring for computing derivatives", SIAM Review 47, 2005).

Column colouring (Jacobians): two columns that share a nonzero row differ in colour, a
greedy colouring of the column intersection graph (columns adjacent where they share a
row) by rustworkx (``graph_greedy_color``, largest degree first): a well-kept library
(Apache-2.0) rather than a colouring of our own. networkx, which does the same, took 3.8 s
for 10⁶ columns of a path against 0.8 s (most of it building the graph).

Star colouring (symmetric patterns, Hessians): fewer colours, since H[i, j] may be read
from row i or from row j. No maintained Python graph library has it (networkx and
rustworkx colour distance-1 only; ColPack is C++ without Python bindings), so it is
dualnum's own: ``dualnum.sparse._star``, compiled (0.1 s for 10⁶ columns of a path).
"""
import numpy as np
import rustworkx as rx
import scipy.sparse as sp

from ._star import star_colours


class Colouring:
    """A colouring of a pattern's columns: ``colours[j]`` the colour of column j (0 to
    ``count - 1``, read-only); ``groups[c]`` the columns of colour c, in increasing order;
    ``pattern`` the pattern it colours (CSR boolean); ``kind`` ``"column"`` or ``"star"``.

    Made by ``colour``; one made by hand is checked (``is_valid``) unless ``check=False``:
    ValueError for colours that are not one non-negative integer per column, or from which
    some entry cannot be read."""

    def __init__(self, pattern, colours, kind="column", *, check=True):
        _check_kind(kind)
        self.pattern = _pattern(pattern)
        if kind == "star":
            symmetric(self.pattern)
        self.kind = kind
        colours = np.asarray(colours)
        if (colours.shape != (self.pattern.shape[1],) or colours.dtype.kind not in "iub"
                or np.any(colours < 0)):
            raise ValueError("a colouring needs one integer colour, 0 or more, per column of "
                             "the pattern (%d columns); got %s" % (self.pattern.shape[1],
                                                                  _described(colours)))
        self.colours = colours.astype(np.intp)
        self.colours.flags.writeable = False
        self.count = int(self.colours.max()) + 1 if self.colours.size else 0
        order = np.argsort(self.colours, kind="stable")
        bounds = np.searchsorted(self.colours[order], np.arange(self.count + 1))
        self.groups = [order[a:b] for a, b in zip(bounds, bounds[1:])]

        if check and not is_valid(self):
            raise ValueError("these colours do not colour the pattern: %s" % (
                "two columns of one colour share a row" if kind == "column" else
                "some entry can be read from neither of its rows (not a star colouring)"))

    def __repr__(self):
        return "Colouring(%d columns, %d colours, %s)" % (self.colours.size, self.count,
                                                          self.kind)

    def seeds(self):
        """The seed matrix: x.size rows, one column per colour, 1 where the column of x has
        that colour (a dense float array: the directions of one evaluation)."""
        seed = np.zeros((self.colours.size, self.count))
        seed[np.arange(self.colours.size), self.colours] = 1.0
        return seed


def _check_kind(kind):
    if kind not in ("column", "star"):
        raise ValueError("kind=%r: give 'column' (Jacobians) or 'star' (symmetric patterns, "
                         "Hessians)" % (kind,))


def _described(value):
    """A short description of value for a message: its shape and dtype, or its type."""
    if isinstance(value, np.ndarray):
        return "an array of shape %s and dtype %s" % (value.shape, value.dtype)
    return type(value).__name__


def _pattern(pattern):
    """pattern as a CSR boolean array; TypeError for anything but a 2-D array or matrix."""
    if sp.issparse(pattern):
        found = sp.csr_array(pattern, dtype=np.bool_, copy=True)  # the caller's stays
    elif isinstance(pattern, np.ndarray) and pattern.ndim == 2:
        found = sp.csr_array(pattern != 0)
    else:
        raise TypeError("a sparsity pattern must be a 2-D scipy.sparse array or "
                        "NumPy array (jacobian_sparsity's or hessian_sparsity's result), "
                        "not %s" % type(pattern).__name__)
    found.sum_duplicates()
    found.eliminate_zeros()
    return found


def colour(pattern, kind="column"):
    """A colouring of the columns of ``pattern`` (m x n, a scipy.sparse or NumPy array) from
    which, with one direction per colour (``Colouring.seeds``), every entry of a matrix of
    that pattern is read directly from one product of the matrix and the seeds.

    ``kind="column"`` (Jacobians): no two columns of one colour share a nonzero row; entry
    (i, j) is read from row i of the product. ``kind="star"`` (Hessians, a symmetric
    pattern): a star colouring, in which adjacent columns differ in colour and every path
    i - j - k - l of nonzeros off the diagonal takes at least three colours; entry (i, j)
    is read from row i or from row j. It needs fewer colours: 2 for an arrow pattern (a
    dense row and column) where the column colouring needs n. Both are greedy (largest
    degree first), so neither is always minimal. ValueError for another kind, and for a
    star colouring of a pattern that is not square and symmetric; TypeError for a pattern
    that is not a 2-D array.

    >>> import numpy as np, dualnum as dn
    >>> tridiagonal = np.eye(6) + np.eye(6, k=1) + np.eye(6, k=-1)
    >>> found = dn.sparse.colour(tridiagonal)
    >>> found.count, found.colours.tolist()
    (3, [1, 2, 0, 1, 2, 0])
    >>> arrow = np.eye(6) + np.eye(6)[:, :1] + np.eye(6)[:1]
    >>> dn.sparse.colour(arrow).count, dn.sparse.colour(arrow, kind="star").count
    (6, 2)
    """
    found = _pattern(pattern)
    _check_kind(kind)
    if kind == "star":
        return Colouring(found, _star(found), "star", check=False)
    n = found.shape[1]
    shared = (found.T @ found).tocoo()  # columns sharing a row
    off = shared.row < shared.col
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(n))
    graph.add_edges_from_no_data(list(zip(shared.row[off].tolist(), shared.col[off].tolist())))
    colours = np.zeros(n, dtype=np.intp)
    found_colours = rx.graph_greedy_color(graph)
    colours[list(found_colours.keys())] = list(found_colours.values())
    return Colouring(found, colours, check=False)


def symmetric(pattern, what="a star colouring"):
    """ValueError (saying that ``what`` needs one) unless the CSR pattern is square and
    symmetric."""
    if pattern.shape[0] != pattern.shape[1] or (pattern != pattern.T).nnz:
        raise ValueError("%s needs a square symmetric pattern (a Hessian's: "
                         "hessian_sparsity's result); this one is %d x %d%s" % (
                             (what,) + pattern.shape + (
                                 "" if pattern.shape[0] != pattern.shape[1]
                                 else " and not symmetric",)))


def _star(pattern):
    """The star colouring of a square symmetric CSR pattern (``_star.star_colours``, the
    vertices by decreasing degree)."""
    symmetric(pattern)
    entries = pattern.tocoo()
    keep = entries.row != entries.col
    off = sp.csr_array((entries.data[keep], (entries.row[keep], entries.col[keep])),
                       shape=pattern.shape)
    off.sort_indices()
    degree = np.diff(off.indptr)
    order = np.argsort(-degree, kind="stable").astype(np.intp)
    return star_colours(off.indptr.astype(np.intp), off.indices.astype(np.intp), order)


def is_valid(colouring):
    """Whether every entry of the colouring's pattern can be read from the compressed
    product: for a column colouring, no two columns of one colour share a nonzero row; for
    a star colouring, adjacent columns differ in colour and each nonzero (i, j) off the
    diagonal has i's only neighbour of colour(j) in j, or j's only neighbour of colour(i)
    in i (equivalent to the star condition: a two-coloured path k - i - j - l is exactly an
    entry (i, j) that can be read from neither row)."""
    pattern = colouring.pattern
    if pattern.shape[1] != colouring.colours.size:
        return False
    if colouring.kind == "star":
        return _star_valid(colouring)
    count = hits(pattern, colouring)
    return bool(count.nnz == 0 or count.max() <= 1)


def hits(pattern, colouring):
    """For each row of the pattern, the number of its nonzero columns of each colour."""
    by_colour = sp.csr_array((np.ones(pattern.shape[1], dtype=np.intp),
                              (np.arange(pattern.shape[1]), colouring.colours)),
                             shape=(pattern.shape[1], max(colouring.count, 1)))
    return pattern.astype(np.intp) @ by_colour


def _star_valid(colouring):
    """is_valid for a star colouring (square pattern)."""
    entries = colouring.pattern.tocoo()
    colours = colouring.colours
    off = entries.row != entries.col
    i, j = entries.row[off], entries.col[off]
    if np.any(colours[i] == colours[j]):
        return False
    if not i.size:
        return True
    count = hits(colouring.pattern, colouring).toarray()
    return bool(np.all((count[i, colours[j]] == 1) | (count[j, colours[i]] == 1)))
