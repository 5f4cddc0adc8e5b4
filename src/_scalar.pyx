# cython: language_level=3, cdivision=True, boundscheck=False, wraparound=False
# cython: initializedcheck=False, embedsignature=True
"""Compiled scalar dual and hyper-dual numbers and the elementary functions on them.

The number types and functions are rendered from templates and the rule table
(dualnum/rules.py); the algebra they apply lives in chain.h.
"""
cimport cython
from cpython.object cimport Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE
from libc.math cimport nearbyint

from chain cimport *
from rules cimport *

import numbers
import operator
import sys
from functools import partial

import numpy as np

include "dask_collections.pxi"
include "operands.pxi"
include "scipy_special.pxi"
include "tags.pxi"
include "scalar_types.pxi"
include "functions.pxi"
