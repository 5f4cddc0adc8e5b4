# cython: language_level=3
"""Reuse of array buffers while a block-by-block evaluation runs (see src/pool.h)."""
cimport numpy as cnp
from cpython.pycapsule cimport PyCapsule_New

cdef extern from "pool.h":
    ctypedef struct dn_pool:
        int active
    dn_pool dn_the_pool
    cnp.PyDataMem_Handler dn_pool_handler
    void dn_pool_release(dn_pool *p)

cnp.import_array()

_handler = PyCapsule_New(&dn_pool_handler, "mem_handler", NULL)


class reuse_buffers:
    """Context manager: NumPy arrays created inside take their data from a small cache of
    freed buffers, which is emptied when the outermost such block exits.

    >>> import numpy as np
    >>> with reuse_buffers():
    ...     total = sum(float(np.ones(1000).sum()) for _ in range(3))
    >>> total
    3000.0
    """

    def __enter__(self):
        dn_the_pool.active += 1
        self._previous = cnp.PyDataMem_SetHandler(_handler)
        return self

    def __exit__(self, *exc):
        cnp.PyDataMem_SetHandler(self._previous)
        dn_the_pool.active -= 1
        if dn_the_pool.active == 0:
            dn_pool_release(&dn_the_pool)
        return False
