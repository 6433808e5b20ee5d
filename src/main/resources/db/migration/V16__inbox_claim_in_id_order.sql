-- Portable SQL (SQLite and PostgreSQL).

-- A claim takes the oldest due pending updates: ORDER BY id LIMIT n. With an index on
-- (status, not_before) SQLite read every pending row, sorted them and kept n, so that each claim
-- cost grew with the backlog (a burst of 5,000 unhandled updates made the claiming thread a
-- quarter of the server's CPU). On (status, id) it walks the pending rows oldest first and stops
-- after n; not_before and the lease are checked on the rows it walks.
DROP INDEX inbox_due;
CREATE INDEX inbox_pending ON inbox (status, id);
