/* config.h - vigie.yaml: defaults for the ruleset, the review store, threads and language (flags win). */
#ifndef VIGIE_CONFIG_H
#define VIGIE_CONFIG_H

#include <stdbool.h>
#include "error.h"

#define CONFIG_FILE "vigie.yaml"

typedef struct config {
    bool loaded;            /* a file was found and read */
    char path[512];         /* the file read, "" when none */
    char ruleset[512];      /* "" when not set */
    char store[512];
    int threads;            /* 0 when not set */
    char language[8];       /* "en", "fr" or "" */
} config;

/* Read $VIGIE_CONFIG when set (it must exist), else ./vigie.yaml when present. No
 * file is not an error (cfg->loaded false). A file that does not parse, an unknown
 * key, or a bad value is an error naming file, line and key. */
int config_load(config *cfg, vg_error *err);

/* The value a command uses: the flag when given, else the configuration's, else the
 * built-in default. */
const char *config_ruleset(const config *cfg, const char *flag, const char *fallback);
const char *config_store(const config *cfg, const char *flag); /* flag, else $VIGIE_DB (NULL: store_path reads it), else the file's */
const char *config_language(const config *cfg, const char *flag, const char *fallback);
int config_threads(const config *cfg, int flag, int fallback); /* flag 0 = not given */

/* What commands call first: load, and on error print "vigie CMD: MESSAGE" to stderr.
 * Returns false on error (the command exits with EXIT_USAGE). */
bool config_load_for(config *cfg, const char *command);

#endif
