"""dualnum over Dask: derivatives of data larger than memory, and of many directions at once.

Dask (and, for its helper, xarray) is optional: ``import dualnum`` never imports it, and this
subpackage is loaded on first use (``dualnum.dask``, or a Dask array given to the API).

* ``elementwise``: ``derivative``, ``second_derivative``, ``derivatives`` (any order) of an
  elementwise f over a ``dask.array.Array``: a lazy Dask array of the same chunks, each
  chunk the in-memory result of its elements, bit for bit.
* ``arrays``: ``DualArray`` and ``HyperDualArray`` whose parts are Dask arrays, so that a
  function that is not elementwise (reductions, slicing) stays lazy.
* ``directions``: ``jacobian``, ``gradient``, ``hessian`` whose direction chunks are
  independent tasks on the active Dask scheduler (threads, processes or a cluster).
* ``xarray``: derivatives of functions of ``xarray.DataArray`` fields. For elementwise
  derivatives no helper is needed: ``elementwise.chunk_function`` is the function to give
  ``xarray.apply_ufunc(..., dask="parallelized")`` (README, "xarray fields").
"""
try:
    import dask.array  # noqa: F401  (the subpackage's one requirement, named below)
except ImportError as err:
    raise ImportError('dualnum.dask needs Dask (dask.array): pip install "dualnum[dask]" '
                      "(%s)" % err) from err

from .arrays import DualArray, HyperDualArray, jvp, value_and_jvp
from .directions import gradient, hessian, jacobian
from .elementwise import chunk_function, derivative, derivatives, second_derivative

__all__ = ["DualArray", "HyperDualArray", "chunk_function", "derivative", "derivatives",
           "gradient", "hessian", "jacobian", "jvp", "second_derivative", "value_and_jvp"]
