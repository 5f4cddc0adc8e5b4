"""The README's recipe for xarray fields: ``xarray.apply_ufunc(chunk_function(...), field,
dask="parallelized")`` on a Dask-backed DataArray keeps dimensions and coordinates and
gives the NumPy call's bits on the whole field, where plain ``dn.derivative`` per chunk
rounds otherwise (small chunks take other paths); ``dask="allowed"`` with the API's Dask
route gives the same."""
import warnings

import numpy as np
import pytest

import dask
import dask.array

import dualnum as dn
from dualnum.dask import chunk_function
from test_dask_elementwise import f, points, same_bits

xr = pytest.importorskip("xarray")


def field(n_lat=50, n_lon=100, chunks=None):
    """A field of n_lat x n_lon points with NaN and infinities, coordinates and an
    attribute, chunked as ``chunks`` says (default: 7 x 9, chunks of 63 elements)."""
    values = points(n_lat * n_lon, seed=7).reshape(n_lat, n_lon)
    out = xr.DataArray(values, dims=("lat", "lon"), name="T", attrs={"units": "K"},
                       coords={"lat": np.linspace(-80.0, 80.0, n_lat),
                               "lon": np.arange(n_lon) * 3.6, "label": "test"})
    return out.chunk(chunks or {"lat": 7, "lon": 9})


def quiet(function, *args, **keywords):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return function(*args, **keywords)


@pytest.mark.parametrize("name", ["derivative", "second_derivative", "derivatives"])
def test_apply_ufunc_keeps_the_coordinates_and_the_numpy_bits(threads, name):
    function = getattr(dn, name)
    t = field()
    outputs = 3 if name == "derivatives" else 1
    out = xr.apply_ufunc(chunk_function(function, f, t.size), t, dask="parallelized",
                         output_dtypes=[float] * outputs,
                         output_core_dims=[[]] * outputs)
    out = out if outputs > 1 else (out,)
    want = quiet(function, f, t.values)
    want = want if outputs > 1 else (want,)
    computed = quiet(dask.compute, *out)
    for lazy, got, w in zip(out, computed, want):
        assert lazy.chunks == t.chunks and isinstance(lazy.data, dask.array.Array)
        assert got.dims == t.dims
        for c in t.coords:
            assert got[c].identical(t[c])
        same_bits(got.values, w)


def test_plain_derivative_per_chunk_rounds_otherwise(threads):
    t = field()
    plain = xr.apply_ufunc(lambda c: quiet(dn.derivative, f, c), t, dask="parallelized",
                           output_dtypes=[float]).values
    assert plain.tobytes() != quiet(dn.derivative, f, t.values).tobytes()


def test_dask_allowed_takes_the_api_s_dask_route(threads):
    t = field()
    allowed = xr.apply_ufunc(lambda a: dn.derivative(f, a), t, dask="allowed")
    assert isinstance(allowed.data, dask.array.Array) and allowed.chunks == t.chunks
    same_bits(quiet(allowed.compute).values, quiet(dn.derivative, f, t.values))


def test_orders_and_arguments_follow_f(threads):
    t = field(chunks={"lat": 25, "lon": 40})
    g = chunk_function(dn.derivative, lambda u, a: a * f(u), t.size, order=3, args=(2.0,))
    got = xr.apply_ufunc(g, t, dask="parallelized", output_dtypes=[float])
    same_bits(quiet(got.compute).values,
              quiet(dn.derivative, lambda u, a: a * f(u), t.values, order=3, args=(2.0,)))


@pytest.mark.parametrize("size, error", [(-1, ValueError), (0, ValueError), (True, TypeError),
                                         ("5", TypeError), (2.5, TypeError)])
def test_chunk_function_checks_the_size(size, error):
    with pytest.raises(error, match="size must be"):
        chunk_function(dn.derivative, np.sin, size)
