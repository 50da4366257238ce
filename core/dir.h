/* dir.h - the sorted file names of a directory and path joining, for every loader. */
#ifndef VIGIE_DIR_H
#define VIGIE_DIR_H

typedef struct dir_names {
    char **names;   /* sorted by strcmp, no dot files */
    int count;
} dir_names;

/* Names in dir ending with suffix ("" for all). Returns -1 when the directory cannot
 * be opened (errno says why), 0 otherwise. */
int dir_list(const char *dir, const char *suffix, dir_names *out);
void dir_names_free(dir_names *d);

/* "a/b", malloc'ed (aborts on out of memory). */
char *path_join(const char *a, const char *b);

#endif
