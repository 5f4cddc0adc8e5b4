"""Sparse derivatives: the dependency pattern of a function's Jacobian or Hessian, traced
through NumPy code (``pattern``, ``detect``), the colouring of its columns (``colouring``;
the star colouring compiled in ``_star``), the Jacobian evaluated with a direction per colour
(``evaluate``), and Hessians, of any scalar f and of partially separable ones (``hessians``)."""
from .colouring import Colouring, colour, is_valid
from .detect import hessian_sparsity, jacobian_sparsity
from .evaluate import jacobian
from .hessians import hessian, sum_gradient, sum_hessian
from .pattern import PatternArray

__all__ = ["Colouring", "PatternArray", "colour", "hessian", "hessian_sparsity", "is_valid",
           "jacobian", "jacobian_sparsity", "sum_gradient", "sum_hessian"]
