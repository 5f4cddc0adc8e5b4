# Dask collections where a number is read: converting one (float(x), np.asarray(x)) would
# compute it, silently and whole, so the scalar constructors refuse it instead. Dask is
# never imported for the check: a collection's type has __dask_graph__ (the Dask
# collection protocol).

cdef inline bint dask_collection(object value):
    return hasattr(type(value), "__dask_graph__")


cdef int refuse_dask(object value, str where) except -1:
    """TypeError naming ``where`` and the fixes for a Dask collection ``value``."""
    if dask_collection(value):
        raise TypeError(
            "%s was given a Dask %s, which converting to a number would compute into memory "
            "here: pass its .compute(), or keep it lazy: dualnum.derivative (and the other "
            "elementwise derivatives) of a Dask array, or dualnum.dask.DualArray"
            % (where, type(value).__name__))
    return 0
