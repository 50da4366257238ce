/* shipped_schemas.h - the shipped schemas (scenarios/schemas), loaded once per test binary. */
#ifndef VIGIE_TEST_SHIPPED_SCHEMAS_H
#define VIGIE_TEST_SHIPPED_SCHEMAS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "schema.h"

static schema_set shipped_set;

static void shipped_free(void)
{
    schema_set_free(&shipped_set);
}

static const schema_set *shipped(void)
{
    static bool loaded;
    if (!loaded) {
        vg_error err;
        if (schema_set_load_dir(&shipped_set, "scenarios/schemas", &err) != VG_OK) {
            fprintf(stderr, "scenarios/schemas: %s: %s\n", err.file, err.message);
            exit(2);
        }
        loaded = true;
        atexit(shipped_free);
    }
    return &shipped_set;
}

#endif
