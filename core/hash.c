/* hash.c - SHA-256 through OpenSSL's EVP interface. */
#include "hash.h"
#include "xalloc.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hash_ctx {
    EVP_MD_CTX *md;
};

void hash_init(void)
{
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}

hash_ctx *hash_begin(void)
{
    hash_ctx *h = xmalloc(sizeof *h);
    if (!(h->md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1)
        xalloc_die();
    return h;
}

void hash_update(hash_ctx *h, const void *data, size_t size)
{
    EVP_DigestUpdate(h->md, data, size);
}

void hash_update_str(hash_ctx *h, const char *s)
{
    hash_update(h, s, strlen(s) + 1);
}

void hash_end(hash_ctx *h, char hex[HASH_HEX_SIZE])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(h->md, digest, &size);
    for (unsigned i = 0; i < size && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    hex[64] = '\0';
    EVP_MD_CTX_free(h->md);
    free(h);
}
