/* dir.c - the sorted file names of a directory and path joining, for every loader. */
#include "dir.h"
#include "xalloc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int dir_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dir_list(const char *dir, const char *suffix, dir_names *out)
{
    out->names = NULL;
    out->count = 0;
    DIR *d = opendir(dir);
    if (!d) return -1;
    size_t suffix_len = strlen(suffix);
    int capacity = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < suffix_len || strcmp(e->d_name + n - suffix_len, suffix) != 0) continue;
        if (suffix_len && n == suffix_len) continue; /* ".yaml" alone is no name */
        if (out->count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            out->names = xrealloc(out->names, sizeof *out->names * (size_t)capacity);
        }
        out->names[out->count++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (out->count) qsort(out->names, (size_t)out->count, sizeof *out->names, dir_compare);
    return 0;
}

void dir_names_free(dir_names *d)
{
    for (int i = 0; i < d->count; i++) free(d->names[i]);
    free(d->names);
    d->names = NULL;
    d->count = 0;
}

char *path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = xmalloc(n);
    snprintf(s, n, "%s/%s", a, b);
    return s;
}
