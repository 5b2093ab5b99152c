#include "vec.h"

#include <stdlib.h>
#include <string.h>

/* Doubles the capacity (at least 8); the new slots are left as they are (qg_vec_push zeroes
 * each slot it hands out). On failure frees nothing and
 * returns NULL, so the caller's macro leaves items NULL: callers treat that as QG_ENOMEM and
 * must not use the vector again except to free it. */
void *qg_vec_grow(void *items, size_t *cap, size_t need, size_t elem_size)
{
    size_t new_cap = *cap ? *cap * 2 : 8;
    while (new_cap < need)
        new_cap *= 2;
    void *p = realloc(items, new_cap * elem_size);
    if (!p) {
        free(items);
        *cap = 0;
        return NULL;
    }
    *cap = new_cap;
    return p;
}
