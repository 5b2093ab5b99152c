/* Hashing shared by every stage: FNV-1a 64 and an open-addressing map from byte strings to
 * uint32 (moved here from the corpus module so that entity ids and graph ids use the same). */
#include "hash.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

uint64_t qg_fnv1a64_update(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t qg_fnv1a64(const void *data, size_t len)
{
    return qg_fnv1a64_update(QG_FNV1A64_INIT, data, len);
}

/* Finalizer of splitmix64: spreads FNV's low bits over the table. */
uint64_t qg_hash_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

/* ---- string map ---- */

static bool smap_grow(qg_smap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 32;
    qg_smap n = {calloc(cap, sizeof *n.hashes),
                 calloc(cap, sizeof *n.keys),
                 calloc(cap, sizeof *n.lens),
                 calloc(cap, sizeof *n.vals),
                 cap,
                 m->count};
    if (!n.hashes || !n.keys || !n.lens || !n.vals) {
        free(n.hashes);
        free(n.keys);
        free(n.lens);
        free(n.vals);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = qg_hash_mix(m->hashes[i]) & (cap - 1);
        while (n.keys[j])
            j = (j + 1) & (cap - 1);
        n.hashes[j] = m->hashes[i];
        n.keys[j] = m->keys[i];
        n.lens[j] = m->lens[i];
        n.vals[j] = m->vals[i];
    }
    qg_smap_free(m);
    *m = n;
    return true;
}

uint32_t qg_smap_get(const qg_smap *m, const char *key, size_t len)
{
    if (!m->cap)
        return QG_SMAP_NONE;
    uint64_t h = qg_fnv1a64(key, len);
    size_t j = qg_hash_mix(h) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && m->lens[j] == len && !memcmp(m->keys[j], key, len))
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return QG_SMAP_NONE;
}

uint32_t qg_smap_put(qg_smap *m, const char *key, size_t len, uint32_t val)
{
    if ((m->count + 1) * 2 > m->cap && !smap_grow(m))
        return QG_SMAP_NONE;
    uint64_t h = qg_fnv1a64(key, len);
    size_t j = qg_hash_mix(h) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && m->lens[j] == len && !memcmp(m->keys[j], key, len))
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->hashes[j] = h;
    m->keys[j] = key;
    m->lens[j] = (uint32_t)len;
    m->vals[j] = val;
    m->count++;
    return val;
}

void qg_smap_set(qg_smap *m, const char *key, size_t len, uint32_t val)
{
    if (!m->cap)
        return;
    uint64_t h = qg_fnv1a64(key, len);
    size_t j = qg_hash_mix(h) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && m->lens[j] == len && !memcmp(m->keys[j], key, len)) {
            m->vals[j] = val;
            return;
        }
        j = (j + 1) & (m->cap - 1);
    }
}

void qg_smap_free(qg_smap *m)
{
    free(m->hashes);
    free(m->keys);
    free(m->lens);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

