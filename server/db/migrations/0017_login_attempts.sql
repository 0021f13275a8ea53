-- Failed sign-ins, counted per (user, address), per address and per user, shared by every API process on the
-- database (issue 18 point 5). Times are the application's clock in milliseconds since the epoch.
CREATE TABLE login_attempts (
  key text PRIMARY KEY,
  count integer NOT NULL,
  reset_at bigint NOT NULL,
  last_at bigint NOT NULL
);
