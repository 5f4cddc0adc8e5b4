/* A NumPy data allocator (NEP 49) that keeps freed buffers for reuse.

   Evaluating f block by block allocates and frees the same few buffer sizes thousands of
   times. glibc hands large freed blocks back to the kernel (heap trimming, mmap) and the
   next allocation pays page faults again, which measured up to half the time of a
   hyper-dual evaluation. While a pool is active, freed buffers of at least DN_POOL_MIN_BYTES
   wait in a small cache and an allocation of the same size takes one back. The pool is
   used only under the GIL (NumPy allocates and frees array data with it held). */
#ifndef DUALNUM_POOL_H
#define DUALNUM_POOL_H
#include <stdlib.h>
#include <numpy/ndarraytypes.h>

#define DN_POOL_SLOTS 256
#define DN_POOL_MIN_BYTES 4096  /* smaller buffers: NumPy's own cache serves them */

typedef struct {
    void *ptr[DN_POOL_SLOTS];
    size_t size[DN_POOL_SLOTS];
    int count;
    int active;  /* nesting depth of the code that uses the pool; 0: free at once */
} dn_pool;

static dn_pool dn_the_pool;

static void *dn_pool_malloc(void *ctx, size_t size)
{
    dn_pool *p = ctx;
    if (size >= DN_POOL_MIN_BYTES) {
        for (int i = p->count - 1; i >= 0; i--) {
            if (p->size[i] == size) {
                void *block = p->ptr[i];
                p->count--;
                p->ptr[i] = p->ptr[p->count];
                p->size[i] = p->size[p->count];
                return block;
            }
        }
    }
    return malloc(size ? size : 1);
}

static void *dn_pool_calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    return calloc(nelem ? nelem : 1, elsize ? elsize : 1);
}

static void *dn_pool_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return realloc(ptr, size ? size : 1);
}

static void dn_pool_free(void *ctx, void *ptr, size_t size)
{
    dn_pool *p = ctx;
    if (ptr != NULL && p->active && size >= DN_POOL_MIN_BYTES && p->count < DN_POOL_SLOTS) {
        p->ptr[p->count] = ptr;
        p->size[p->count] = size;
        p->count++;
        return;
    }
    free(ptr);
}

/* Give every cached buffer back to malloc. */
static void dn_pool_release(dn_pool *p)
{
    for (int i = 0; i < p->count; i++) free(p->ptr[i]);
    p->count = 0;
}

static PyDataMem_Handler dn_pool_handler = {
    "dualnum_buffer_pool", 1,
    {&dn_the_pool, dn_pool_malloc, dn_pool_calloc, dn_pool_realloc, dn_pool_free}
};

/* glibc's heap thresholds at the ceiling its own dynamic rule reaches (M_MMAP_THRESHOLD
   rises to the size of a freed mmap'd block, up to 32 MB on 64-bit systems, and
   M_TRIM_THRESHOLD to twice that) after a program has freed one 32 MB array. Until then,
   an operation whose freed temporaries pass twice the largest block freed so far (a dual
   kernel on 1e5 elements frees two 800 kB outputs; NumPy's float call, one) has the top of
   the heap handed back to the kernel, and the next call pays a page fault per 4 kB again:
   measured 10x the kernel's own time. Returns 1 where set, 0 where the C library is not
   glibc. */
#if defined(__GLIBC__)
#include <malloc.h>
static int dn_keep_freed_heap(void)
{
    const int mmap_max = 4 * 1024 * 1024 * (int)sizeof(long);
    return mallopt(M_MMAP_THRESHOLD, mmap_max) == 1
        && mallopt(M_TRIM_THRESHOLD, 2 * mmap_max) == 1;
}
#else
static int dn_keep_freed_heap(void) { return 0; }
#endif

#endif
