// GNU readline and history, for the unsent terminal.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

// Readline keeps its settings in global variables, which Swift 6 treats as shared mutable
// state. These accessors keep that access in C, on the one thread that drives the terminal.

static inline void unsent_rl_configure(rl_completion_func_t *completer) {
    rl_readline_name = "unsent";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
    rl_attempted_completion_function = completer;
}

static inline void unsent_rl_completion_over(void) { rl_attempted_completion_over = 1; }

static inline int unsent_rl_line_length(void) { return rl_end; }

static inline const char *unsent_rl_line(void) { return rl_line_buffer; }
