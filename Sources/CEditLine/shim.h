// The C side of bpv's line editor: libedit (BSD editline) through pkg-config `libedit`.
//
// libedit's `el_set`, `el_get` and `history` are variadic, and Swift cannot call a C variadic
// function, so each use bpv makes of them gets one tiny non-variadic wrapper here. Nothing else
// lives in this header: the Swift module BPVLineEditor owns every call.
#ifndef BPV_CEDITLINE_SHIM_H
#define BPV_CEDITLINE_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef unsigned char (*bpv_el_function)(EditLine *, int);
typedef char *(*bpv_el_prompt)(EditLine *);

/// libedit on the standard streams (Swift 6 cannot name the C globals `stdin`/`stdout`).
static inline EditLine *bpv_el_init_standard(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// Writes text to standard output through the same stdio buffer libedit uses, and flushes it.
static inline void bpv_put_stdout(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

static inline int bpv_el_set_prompt(EditLine *el, bpv_el_prompt prompt) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int bpv_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int bpv_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int bpv_el_add_function(EditLine *el, const char *name, const char *help, bpv_el_function f) {
    return el_set(el, EL_ADDFN, name, help, f);
}

static inline int bpv_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

static inline int bpv_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *bpv_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

/// 1 to let libedit catch signals itself. bpv passes 0: it handles SIGINT so that Ctrl-C can
/// discard a line, and libedit's own handler would re-send the signal to the whole process group.
static inline int bpv_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int bpv_history_set_size(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}

static inline int bpv_history_set_unique(History *h, HistEvent *ev, int on) {
    return history(h, ev, H_SETUNIQUE, on);
}

static inline int bpv_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}

static inline int bpv_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}

static inline int bpv_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}

/// The oldest line of the history (NULL when it is empty), then each newer one.
static inline const char *bpv_history_oldest(History *h, HistEvent *ev) {
    return history(h, ev, H_LAST) == 0 ? ev->str : NULL;
}

static inline const char *bpv_history_newer(History *h, HistEvent *ev) {
    return history(h, ev, H_PREV) == 0 ? ev->str : NULL;
}

static inline int bpv_history_clear(History *h, HistEvent *ev) {
    return history(h, ev, H_CLEAR);
}

/// Columns of the terminal on `fd`, or 0 when it is not a terminal (`ioctl` is variadic too).
static inline int bpv_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

/* Rows of the terminal on fd, or 0 when it is not a terminal. */
static inline int bpv_terminal_rows(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_row;
}

#endif
