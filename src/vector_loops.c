/* The vector loops' translation unit (src/vector_loops.h, src/vector_kernels.h): built into
   dualnum.ufuncs only where setup.py finds the compiler and C library to support it. */
#include "vector_kernels.h"
