/* The fuzz entry point shared by libFuzzer and the corpus replay driver. */
#ifndef QG_FUZZ_TARGET_H
#define QG_FUZZ_TARGET_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
