// SQLite settings that are reached through variadic C functions, which Swift cannot call
// (as GRDB's own shim.h does for the double-quoted string settings).
#include <sqlite3.h>

/// Keeps SQLite from checkpointing the write-ahead log into the database, and deleting it, when
/// this connection closes. The log stays; SQLite checkpoints it when it grows past
/// `wal_autocheckpoint` pages (1000 by default), and the next connection reads it as it is.
/// Returns SQLITE_OK, or an error when this SQLite predates the setting (3.16).
static inline int unsent_sqlite_keep_log_on_close(sqlite3 *db) {
#ifdef SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
#else
    return SQLITE_ERROR;
#endif
}
