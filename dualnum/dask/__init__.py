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
* ``xarray``: derivatives of functions of ``xarray.DataArray`` fields.
"""
from .directions import gradient, hessian, jacobian

__all__ = ["jacobian", "gradient", "hessian"]
