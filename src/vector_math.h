/* The C library's functions with SIMD variants: declared here with GCC's simd attribute,
   as glibc's own <bits/math-vector.h> declares them (under -ffast-math only), so that a
   loop over elements calling them is compiled to calls of libmvec's vector variants
   (_ZGVdN4v_exp is exp on four AVX2 lanes). Included, before rules.h, only by the
   translation units that want them and only where setup.py found libmvec (DN_VECTOR):
   src/vector_loops.h (the Dual and HyperDual arrays' vector loops) and dualnum._taylor
   (the order-0 loops of the Taylor kernels). The variants are within a few ulps of the
   correctly rounded result (glibc's manual lists each function's measured bound). */
#ifndef DUALNUM_VECTOR_MATH_H
#define DUALNUM_VECTOR_MATH_H
#ifdef DN_VECTOR
#include <math.h>

/* The functions of the vector rules (src/generate.py: VECTOR_FUNCTIONS) that libmvec
   provides; sqrt, floor, ceil, rint and trunc are single instructions. */
#define DN_SIMD __attribute__((__simd__("notinbranch")))
DN_SIMD double exp(double);
DN_SIMD double exp2(double);
DN_SIMD double expm1(double);
DN_SIMD double log(double);
DN_SIMD double log2(double);
DN_SIMD double log10(double);
DN_SIMD double log1p(double);
DN_SIMD double cbrt(double);
DN_SIMD double tan(double);
DN_SIMD double asin(double);
DN_SIMD double acos(double);
DN_SIMD double atan(double);
DN_SIMD double sinh(double);
DN_SIMD double cosh(double);
DN_SIMD double tanh(double);
DN_SIMD double asinh(double);
DN_SIMD double acosh(double);
DN_SIMD double atanh(double);
DN_SIMD double hypot(double, double);
/* sin and cos under names of their own, so that the compiler does not merge a rule's sin(x)
   and cos(x) into one sincos call, which has no such variant; const, as the builtins are. */
__attribute__((__simd__("notinbranch"), __const__)) double dn_vector_sin(double) __asm__("sin");
__attribute__((__simd__("notinbranch"), __const__)) double dn_vector_cos(double) __asm__("cos");
#define sin dn_vector_sin
#define cos dn_vector_cos

#endif
#endif
