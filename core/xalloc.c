/* xalloc.c - the one allocation family, with its fault-injection switch. */
#include "xalloc.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_long xalloc_calls;
static long xalloc_fail_at; /* 0: never */
static int xalloc_counting;

static _Thread_local arena *json_arena;

void xalloc_json_arena(arena *a) { json_arena = a; }

static void *json_malloc(size_t size) { return json_arena ? arena_alloc(json_arena, size) : xmalloc(size); }

static void json_free(void *p)
{
    if (!json_arena) free(p);
}

static void xalloc_report(void)
{
    fprintf(stderr, "vigie: %ld allocations\n", (long)atomic_load(&xalloc_calls));
}

void xalloc_init(void)
{
    const char *fail = getenv("VIGIE_ALLOC_FAIL");
    if (fail && *fail) {
        char *end;
        long n = strtol(fail, &end, 10);
        if (*end == '\0' && n > 0) xalloc_fail_at = n;
    }
    const char *count = getenv("VIGIE_ALLOC_COUNT");
    if (count && *count && !xalloc_counting) {
        xalloc_counting = 1;
        atexit(xalloc_report);
    }
    xalloc_json_hooks();
}

static void json_hooks_install(void)
{
    /* cJSON's printers then grow their buffer by malloc and copy instead of realloc
     * (cJSON uses realloc only with its default hooks): one more copy per text. */
    cJSON_InitHooks(&(cJSON_Hooks){ .malloc_fn = json_malloc, .free_fn = json_free });
}

void xalloc_json_hooks(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, json_hooks_install);
}

_Noreturn void xalloc_die(void)
{
    static atomic_flag dying = ATOMIC_FLAG_INIT;
    static _Thread_local int dying_here;
    if (dying_here) _exit(XALLOC_EXIT); /* refused again while exiting (an atexit handler) */
    dying_here = 1;
    /* exit() must run once: a second thread out of memory waits for the first's exit */
    if (atomic_flag_test_and_set(&dying))
        for (;;) pause();
    fputs("vigie: out of memory\n", stderr);
    exit(XALLOC_EXIT);
}

/* True when this call is the one the switch makes fail. */
static int xalloc_refused(void)
{
    /* no shared counter for the workers to fight over unless a test asked for it */
    if (!xalloc_fail_at && !xalloc_counting) return 0;
    long n = atomic_fetch_add(&xalloc_calls, 1) + 1;
    return xalloc_fail_at && n == xalloc_fail_at;
}

void *xmalloc(size_t size)
{
    void *p = xalloc_refused() ? NULL : malloc(size ? size : 1);
    if (!p) xalloc_die();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = xalloc_refused() ? NULL : calloc(count ? count : 1, size ? size : 1);
    if (!p) xalloc_die();
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = xalloc_refused() ? NULL : realloc(p, size ? size : 1);
    if (!q) xalloc_die();
    return q;
}

void *xreallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) xalloc_die();
    return xrealloc(p, count * size);
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
