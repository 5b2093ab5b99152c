/* The inline hash of a short key held in one word (qg_lexicon_hash_word, used by the per-token
 * folding of src/attrib/lex.c) against the lexicon's own hash (qg_lexicon_hash): lexicon look-ups
 * by the token hashes depend on the two being equal for every key of up to eight bytes.
 * Built against the static library (an internal function of src/model/). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/model/model.h"

static void check_key(const unsigned char *key, size_t len)
{
    uint64_t w = 0;
    for (size_t i = 0; i < len; i++)
        w |= (uint64_t)key[i] << (8 * i); /* memory order, little-endian */
    assert_true(qg_lexicon_hash_word(w, len) == qg_lexicon_hash((const char *)key, len));
}

static void short_keys_hash_as_the_lexicon_hashes_them(void **state)
{
    (void)state;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    unsigned char key[8];
    uint64_t x = 0x243F6A8885A308D3ull;
    for (int round = 0; round < 20000; round++) {
        for (size_t i = 0; i < sizeof key; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            key[i] = (unsigned char)x;
        }
        check_key(key, (size_t)round % 9);
    }
    const char *words[] = {"", "a", "said", "the", "obama", "senator", "u.s.", "saidsaid"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        check_key((const unsigned char *)words[i], strlen(words[i]));
#else
    skip();
#endif
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_keys_hash_as_the_lexicon_hashes_them),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("lexhash", tests, NULL, NULL);
}
