/* Hashing shared by every stage (src/core/hash.c). */
#ifndef QG_CORE_HASH_H
#define QG_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a 64 (Fowler, Noll, Vo): of len bytes, or continued from h. */
#define QG_FNV1A64_INIT 0xcbf29ce484222325ULL
uint64_t qg_fnv1a64(const void *data, size_t len);
uint64_t qg_fnv1a64_update(uint64_t h, const void *data, size_t len);
/* qg_fnv1a64_update() of the single byte b, inline (for loops that hash byte by byte). */
static inline uint64_t qg_fnv1a64_byte(uint64_t h, unsigned char b)
{
    return (h ^ b) * 0x100000001b3ULL;
}
/* The splitmix64 finalizer: spreads FNV's low bits over a table. */
uint64_t qg_hash_mix(uint64_t h);

#define QG_SMAP_NONE UINT32_MAX
/* Open-addressing map from byte strings (owned by the caller, e.g. an arena) to uint32;
 * zero-initialised is empty. */
typedef struct qg_smap {
    uint64_t *hashes;
    const char **keys;
    uint32_t *lens, *vals;
    size_t cap, count;
} qg_smap;
/* The value of key, or QG_SMAP_NONE. */
uint32_t qg_smap_get(const qg_smap *m, const char *key, size_t len);
/* Insert key → val unless key is present; returns the value now stored, or QG_SMAP_NONE when
 * memory runs out. key must stay valid as long as the map. */
uint32_t qg_smap_put(qg_smap *m, const char *key, size_t len, uint32_t val);
/* Change the value of a key that is present. */
void qg_smap_set(qg_smap *m, const char *key, size_t len, uint32_t val);
void qg_smap_free(qg_smap *m);

#endif
