/* stderr_capture.h - what a unit test's code under test writes to stderr (warnings,
 * rejects): stderr_capture() redirects fd 2 to a temporary file, stderr_release()
 * restores it and returns the text written (at most 64 KB, to free). Not nestable. */
#ifndef VIGIE_TESTS_STDERR_CAPTURE_H
#define VIGIE_TESTS_STDERR_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STDERR_CAPTURE_TEMPLATE "/tmp/vigie_unit_stderr_XXXXXX"
static char stderr_path[] = STDERR_CAPTURE_TEMPLATE;
static int stderr_saved = -1;

static void stderr_capture(void)
{
    fflush(stderr);
    int fd = mkstemp(stderr_path);
    stderr_saved = dup(2);
    dup2(fd, 2);
    close(fd);
}

static char *stderr_release(void)
{
    fflush(stderr);
    dup2(stderr_saved, 2);
    close(stderr_saved);
    FILE *f = fopen(stderr_path, "r");
    char *text = calloc(1, 1 << 16);
    if (f) {
        size_t n = fread(text, 1, (1 << 16) - 1, f);
        text[n] = '\0';
        fclose(f);
    }
    unlink(stderr_path);
    strcpy(stderr_path, STDERR_CAPTURE_TEMPLATE);
    return text;
}

#endif
