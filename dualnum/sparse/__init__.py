"""Sparse derivatives: the dependency pattern of a function's Jacobian or Hessian, traced
through NumPy code (``pattern``, ``detect``), the colouring of its columns (``colouring``),
and the Jacobian evaluated with a direction per colour (``evaluate``)."""
from .colouring import Colouring, colour, is_valid
from .detect import hessian_sparsity, jacobian_sparsity
from .evaluate import jacobian
from .pattern import PatternArray

__all__ = ["Colouring", "PatternArray", "colour", "hessian_sparsity", "is_valid", "jacobian",
           "jacobian_sparsity"]
