# cython: language_level=3
"""Reuse of array buffers while a block-by-block evaluation runs (see src/pool.h)."""
import os

cimport numpy as cnp
from cpython.pycapsule cimport PyCapsule_New

cdef extern from "pool.h":
    ctypedef struct dn_pool:
        int active
    dn_pool dn_the_pool
    cnp.PyDataMem_Handler dn_pool_handler
    void dn_pool_release(dn_pool *p)
    int dn_keep_freed_heap()

cnp.import_array()

# The environment variables and tunables by which a user sets glibc's heap thresholds.
_MALLOC_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
                    "MALLOC_MMAP_MAX_")

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


def keep_freed_heap(environ=os.environ):
    """Set glibc's heap thresholds to the ceiling of its own dynamic rule (mmap threshold
    32 MB, trim threshold 64 MB: the state glibc reaches once a program has freed a 32 MB
    array), so that the temporaries of dual-array operations (several parts per result)
    reuse heap memory instead of faulting fresh pages in on every call (src/pool.h says
    why). Left alone where the user set the thresholds (``MALLOC_*_`` variables or
    ``glibc.malloc`` tunables in ``environ``). Returns True where set; False there and
    where the C library is not glibc.

    >>> keep_freed_heap({"MALLOC_TRIM_THRESHOLD_": "131072"})
    False
    """
    if any(name in environ for name in _MALLOC_SETTINGS) \
            or "glibc.malloc." in environ.get("GLIBC_TUNABLES", ""):
        return False
    return dn_keep_freed_heap() == 1
