/* generated from vector_kernels.h.in and tests/golden/table.py by src/generate.py: edit those, not this */
/* The vector loops (vector_loops.h) of every rule whose C expressions call only arithmetic
   and C-library functions that libmvec vectorises (src/generate.py: vector_rule). */
#ifndef DUALNUM_VECTOR_KERNELS_H
#define DUALNUM_VECTOR_KERNELS_H
#include "vector_loops.h"
DN_VECTOR_LOOPS(tanh)
DN_VECTOR_LOOPS(arcsin)
DN_VECTOR_LOOPS(log2)

const dn_vector_entry dn_vector_table[] = {
    {"tanh", dn_vector_dual_tanh, dn_vector_hyper_tanh,
     dn_vector_dual_unit_tanh, dn_vector_hyper_unit_tanh},
    {"arcsin", dn_vector_dual_arcsin, dn_vector_hyper_arcsin,
     dn_vector_dual_unit_arcsin, dn_vector_hyper_unit_arcsin},
    {"log2", dn_vector_dual_log2, dn_vector_hyper_log2,
     dn_vector_dual_unit_log2, dn_vector_hyper_unit_log2},
    {0, 0, 0, 0, 0}
};
const int dn_vector_size = sizeof(dn_vector_table) / sizeof(dn_vector_table[0]) - 1;
#endif
