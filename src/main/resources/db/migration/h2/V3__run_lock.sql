-- One row per lock key (a batch id): a run holds the row locked (SELECT ... FOR UPDATE NOWAIT) on a connection of its
-- own for as long as it runs. A second launch of the same batch is refused; a killed process's lock goes with its
-- connection, which is how a STARTED execution is known to be dead.
CREATE TABLE run_lock (
    lock_key    VARCHAR(100) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP    NOT NULL
);
