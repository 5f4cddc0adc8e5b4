"""Sparse derivatives: the dependency pattern of a function's Jacobian or Hessian, traced
through NumPy code (``pattern``), and the API on it (``detect``)."""
from .detect import hessian_sparsity, jacobian_sparsity
from .pattern import PatternArray

__all__ = ["PatternArray", "hessian_sparsity", "jacobian_sparsity"]
