"""Sparse derivatives: the dependency pattern of a function's Jacobian or Hessian, traced
through NumPy code (``pattern``, ``detect``), and the colouring of its columns
(``colouring``)."""
from .colouring import Colouring, colour, is_valid
from .detect import hessian_sparsity, jacobian_sparsity
from .pattern import PatternArray

__all__ = ["Colouring", "PatternArray", "colour", "hessian_sparsity", "is_valid",
           "jacobian_sparsity"]
