"""What dual and hyper-dual arrays, in memory (dualnum.arrays) and lazy (dualnum.dask),
read from their parts alike: the shape of the values and the named derivative parts.

A class that takes these holds ``_parts`` (the values first, then the derivative parts with
their direction axes last), ``_directional`` (whether those axes are public) and
``_public(i)``, part i as the user sees it."""


def _of_values(attribute, doc):
    return property(lambda self: getattr(self._parts[0], attribute), doc=doc)


class ValuesShape:
    """``shape``, ``ndim`` and ``size``: those of the values (and of every part before its
    direction axes)."""

    __slots__ = ()
    shape = _of_values("shape", "S, the shape of the values.")
    ndim = _of_values("ndim", "The number of axes of S.")
    size = _of_values("size", "The number of elements: the product of S.")


class DualParts:
    """The part ``dual`` of an array of a + b e."""

    __slots__ = ()

    @property
    def dual(self):
        """The derivative parts (an array of the values' kind: in memory NumPy's, lazy
        Dask's): shape S, or S + (k,) with directions."""
        return self._public(1)

    @property
    def directions(self):
        """k, the number of directions the dual parts carry, or None for a plain array."""
        return self._parts[1].shape[-1] if self._directional else None


class HyperDualParts:
    """The parts ``eps1``, ``eps2`` and ``eps1eps2`` of an array of a + b e1 + c e2 + d e1e2
    (shapes S, or with directions S + (k,), S + (m,) and S + (k, m))."""

    __slots__ = ()

    @property
    def eps1(self):
        """The e1 parts: shape S, or S + (k,) with directions."""
        return self._public(1)

    @property
    def eps2(self):
        """The e2 parts: shape S, or S + (m,) with directions."""
        return self._public(2)

    @property
    def eps1eps2(self):
        """The e1e2 parts: shape S, or S + (k, m) with directions."""
        return self._public(3)

    @property
    def directions(self):
        """(k, m), the directions of eps1 and eps2, or None for a plain array."""
        return self._parts[3].shape[-2:] if self._directional else None
