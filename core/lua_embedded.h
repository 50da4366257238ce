/* lua_embedded.h - the Lua sources of lua/ compiled into the binary (see tools/embed_lua.sh). */
#ifndef VIGIE_LUA_EMBEDDED_H
#define VIGIE_LUA_EMBEDDED_H

#include <stddef.h>

typedef struct embedded_lua {
    const char *name;   /* file name without .lua */
    const char *source;
    size_t size;
} embedded_lua;

extern const embedded_lua embedded_lua_files[]; /* ends with a NULL name */

#endif
