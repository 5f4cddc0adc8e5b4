/* generated from kernels.h.in and tests/golden/table.py by src/generate.py: edit those, not this */
/* The array loops of every rule (loops.h), instantiated for each entry of the table. */
#ifndef DUALNUM_KERNELS_H
#define DUALNUM_KERNELS_H
#include "rules.h"
#include "loops.h"
DN_UNARY_LOOPS(tanh, 0)
DN_UNIT_LOOPS(tanh)
DN_UNARY_LOOPS(arcsin, 0)
DN_UNIT_LOOPS(arcsin)
DN_UNARY_LOOPS(log2, 0)
DN_UNIT_LOOPS(log2)
DN_UNARY_LOOPS(sqrt, 0)
DN_UNIT_LOOPS(sqrt)
DN_UNARY_LOOPS(scaled_exp, 1)
DN_UNARY_LOOPS(erf, 0)
DN_UNIT_LOOPS(erf)
DN_UNARY_LOOPS(ndtri, 0)
DN_UNIT_LOOPS(ndtri)
DN_UNARY_LOOPS(ive, 1)
DN_UNARY_LOOPS(absolute, 0)
DN_UNIT_LOOPS(absolute)
DN_BINARY_LOOPS(multiply)
DN_BINARY_LOOPS(hypot)
DN_BINARY_LOOPS(xlogy)
DN_BINARY_LOOPS(maximum)
#endif
