"""Colouring: columns of a sparsity pattern grouped so that one direction per group recovers
every entry (Curtis, Powell and Reid, "On the estimation of sparse Jacobian matrices",
IMA J. Appl. Math. 13, 1974; Gebremedhin, Manne and Pothen, "What color is your Jacobian?
Graph coloring for computing derivatives", SIAM Review 47, 2005).

Two columns that share a nonzero row must differ in colour: a greedy colouring of the
column intersection graph (columns adjacent where they share a row), by networkx
(``greedy_color``, largest degree first): a well-kept library, BSD-licensed like dualnum,
rather than a colouring of our own (measured: 3.8 s for 10⁶ columns of a path, most of it
building the graph).
"""
import networkx as nx
import numpy as np
import scipy.sparse as sp


class Colouring:
    """A colouring of a pattern's columns: ``colours[j]`` the colour of column j (0 to
    ``count - 1``); ``groups[c]`` the columns of colour c, in increasing order; ``pattern``
    the pattern it colours (CSR boolean)."""

    def __init__(self, pattern, colours):
        self.pattern = pattern
        self.colours = np.asarray(colours, dtype=np.intp)
        self.count = int(self.colours.max()) + 1 if self.colours.size else 0
        order = np.argsort(self.colours, kind="stable")
        bounds = np.searchsorted(self.colours[order], np.arange(self.count + 1))
        self.groups = [order[a:b] for a, b in zip(bounds, bounds[1:])]

    def __repr__(self):
        return "Colouring(%d columns, %d colours)" % (self.colours.size, self.count)

    def seeds(self):
        """The seed matrix: x.size rows, one column per colour, 1 where the column of x has
        that colour (a dense float array: the directions of one evaluation)."""
        seed = np.zeros((self.colours.size, self.count))
        seed[np.arange(self.colours.size), self.colours] = 1.0
        return seed


def _pattern(pattern):
    """pattern as a CSR boolean array; TypeError for anything but a 2-D array or matrix."""
    if sp.issparse(pattern):
        found = sp.csr_array(pattern, dtype=np.bool_)
    elif isinstance(pattern, np.ndarray) and pattern.ndim == 2:
        found = sp.csr_array(pattern != 0)
    else:
        raise TypeError("colour takes a sparsity pattern: a 2-D scipy.sparse array or "
                        "NumPy array (jacobian_sparsity's or hessian_sparsity's result), "
                        "not %s" % type(pattern).__name__)
    found.sum_duplicates()
    found.eliminate_zeros()
    return found


def colour(pattern):
    """A colouring of the columns of ``pattern`` (m x n, a scipy.sparse or NumPy array)
    such that no two columns of one colour share a nonzero row: with one direction per
    colour (``Colouring.seeds``), every entry of a matrix of that pattern is read directly
    from one product of the matrix and the seeds.

    >>> import numpy as np, dualnum as dn
    >>> tridiagonal = np.eye(6) + np.eye(6, k=1) + np.eye(6, k=-1)
    >>> found = dn.sparse.colour(tridiagonal)
    >>> found.count, found.colours.tolist()
    (3, [1, 2, 0, 1, 2, 0])
    """
    found = _pattern(pattern)
    n = found.shape[1]
    shared = (found.T @ found).tocoo()  # columns sharing a row
    off = shared.row < shared.col
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(zip(shared.row[off].tolist(), shared.col[off].tolist()))
    colours = nx.greedy_color(graph, strategy="largest_first")
    return Colouring(found, [colours[j] for j in range(n)])


def is_valid(colouring):
    """No two columns of one colour share a nonzero row of the colouring's pattern."""
    pattern = colouring.pattern
    by_colour = sp.csr_array((np.ones(pattern.shape[1], dtype=np.intp),
                              (np.arange(pattern.shape[1]), colouring.colours)),
                             shape=(pattern.shape[1], max(colouring.count, 1)))
    hits = pattern.astype(np.intp) @ by_colour  # per row, the columns of each colour
    return bool(hits.nnz == 0 or hits.max() <= 1)
