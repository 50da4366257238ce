/* hash.h - SHA-256 revisions (libcrypto), hex-encoded. */
#ifndef VIGIE_HASH_H
#define VIGIE_HASH_H

#include <stddef.h>

#define HASH_HEX_SIZE 65 /* 64 hex digits + NUL */

typedef struct hash_ctx hash_ctx;

/* Once, before any thread starts: OpenSSL's state then lives until the process ends.
 * (By default OpenSSL frees it in an atexit handler, under a thread still hashing when
 * another thread calls exit(), e.g. out of memory: xalloc.h.) */
void hash_init(void);
hash_ctx *hash_begin(void);
void hash_update(hash_ctx *h, const void *data, size_t size);
void hash_update_str(hash_ctx *h, const char *s); /* includes the NUL, so "ab"+"c" != "a"+"bc" */
void hash_end(hash_ctx *h, char hex[HASH_HEX_SIZE]); /* frees h */

#endif
