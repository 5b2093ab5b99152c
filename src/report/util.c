/* Arena of strings and a string -> index map for the report stage. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* ---- arena ---- */

struct rp_block {
    rp_block *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
};

#define RP_BLOCK (1u << 20)

void *rp_alloc(rp_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    rp_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > RP_BLOCK / 4 ? size : RP_BLOCK;
        rp_block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        if (b && cap != RP_BLOCK) {
            /* a large piece: its own block behind the current one */
            nb->next = b->next;
            b->next = nb;
            nb->used = size;
            memset(nb->data, 0, size);
            return nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *rp_strndup(rp_arena *a, const char *s, size_t len)
{
    char *p = rp_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void rp_arena_free(rp_arena *a)
{
    rp_block *b = a->head;
    while (b) {
        rp_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

/* ---- map ---- */

static uint32_t hash_of(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

uint32_t rp_map_get(const rp_map *m, const char *key)
{
    if (!m->cap)
        return RP_NONE;
    uint32_t h = hash_of(key);
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const struct rp_slot *s = &m->slots[i];
        if (!s->key)
            return RP_NONE;
        if (s->hash == h && !strcmp(s->key, key))
            return s->val;
    }
}

static bool grow(rp_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    struct rp_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        const struct rp_slot *s = &m->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

bool rp_map_put(rp_map *m, const char *key, uint32_t val, uint32_t *existing)
{
    if ((m->count + 1) * 2 > m->cap && !grow(m))
        return false;
    uint32_t h = hash_of(key);
    size_t i = h & (m->cap - 1);
    for (; m->slots[i].key; i = (i + 1) & (m->cap - 1))
        if (m->slots[i].hash == h && !strcmp(m->slots[i].key, key)) {
            if (existing)
                *existing = m->slots[i].val;
            return true;
        }
    m->slots[i] = (struct rp_slot){key, val, h};
    m->count++;
    if (existing)
        *existing = RP_NONE;
    return true;
}

void rp_map_free(rp_map *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}
