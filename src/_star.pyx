# cython: boundscheck=False, wraparound=False, cdivision=True
"""Greedy star colouring of a symmetric sparsity pattern (dualnum.sparse._star).

A star colouring is a distance-1 colouring of the adjacency graph (i ~ j where H[i, j] is a
nonzero off the diagonal) in which every path on four vertices uses at least three colours
(Fertin, Raspaud and Reed, "Star coloring of graphs", J. Graph Theory 47, 2004; its use for
Hessians: Coleman and Moré 1984, Gebremedhin, Manne and Pothen, SIAM Review 47, 2005, 4.1).
Then every nonzero H[i, j] is read directly from B = H S, S the colouring's seeds: from
B[i, colour j] where j is i's only neighbour of its colour, else from B[j, colour i].

The vertices are coloured in the given order, each with the smallest colour that keeps
every path on four coloured vertices through it (at an end, or inside) with three colours.
For each vertex the count of its coloured neighbours of each colour is kept, so that the
test "x has a neighbour other than w of colour(w)" is one lookup.
"""
import numpy as np
cimport numpy as cnp

cnp.import_array()


def star_colours(const cnp.intp_t[::1] indptr, const cnp.intp_t[::1] indices,
                 const cnp.intp_t[::1] order):
    """colours (an intp array of n = len(indptr) - 1) of the pattern given by ``indptr`` and
    ``indices`` (CSR, symmetric, without its diagonal), coloured in ``order``."""
    cdef Py_ssize_t n = indptr.shape[0] - 1
    colours_array = np.full(n, -1, dtype=np.intp)
    cdef cnp.intp_t[::1] colour = colours_array
    # forbidden[c] == stamp: colour c is taken for the vertex of that stamp
    cdef cnp.intp_t[::1] forbidden = np.full(n + 1, -1, dtype=np.intp)
    cdef Py_ssize_t width = 4  # colours the count table holds; doubled as needed
    count_array = np.zeros((n, width), dtype=np.int32)
    cdef int[:, ::1] count = count_array
    cdef Py_ssize_t step, v, w, x, p, q, c, cw, stamp
    for step in range(n):
        v = order[step]
        stamp = step
        for p in range(indptr[v], indptr[v + 1]):  # distance 1
            w = indices[p]
            if colour[w] >= 0:
                forbidden[colour[w]] = stamp
        for p in range(indptr[v], indptr[v + 1]):
            w = indices[p]
            cw = colour[w]
            if cw < 0:
                # w uncoloured: keep v's colour off w's coloured neighbours, so that w
                # finds two distinct colours beside it (fewer colours in the end, measured)
                for q in range(indptr[w], indptr[w + 1]):
                    x = indices[q]
                    if x != v and colour[x] >= 0:
                        forbidden[colour[x]] = stamp
                continue
            if count[v, cw] >= 2:
                # v inside a path u - v - w - x with colour(u) == colour(w): x's colour
                # would make it two-coloured
                for q in range(indptr[w], indptr[w + 1]):
                    x = indices[q]
                    if x != v and colour[x] >= 0:
                        forbidden[colour[x]] = stamp
            else:
                # v at the end of v - w - x - y with colour(y) == colour(w), y != w
                for q in range(indptr[w], indptr[w + 1]):
                    x = indices[q]
                    if x != v and colour[x] >= 0 and count[x, cw] >= 2:
                        forbidden[colour[x]] = stamp
        c = 0
        while forbidden[c] == stamp:
            c += 1
        colour[v] = c
        if c >= width:
            width *= 2
            grown = np.zeros((n, width), dtype=np.int32)
            grown[:, :width // 2] = count_array
            count_array = grown
            count = count_array
        for p in range(indptr[v], indptr[v + 1]):
            count[indices[p], c] += 1
    return colours_array
