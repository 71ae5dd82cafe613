-- FaceDesk on a site's PostgreSQL: its roles, with least privilege (docs/SITE-SETUP.md).
--
-- Run once as a superuser, connected to the site's new, empty FaceDesk database:
--     sudo -u postgres createdb facedesk
--     sudo -u postgres psql -d facedesk -f /usr/share/facedesk/postgresql/site-roles.sql
-- then give the logins passwords (psql: \password facedesk_collector, and so on).
-- Running it again is harmless: it creates what is missing and grants again.
--
--   facedesk_owner      owns the database, the schema and every table. Only it can
--                       change the schema: the first start, and the first start of a
--                       newer FaceDesk (which migrates), use this login.
--   facedesk_app        no login: reads and writes rows, nothing else. No CREATE, no
--                       ALTER, no DROP, no TRUNCATE.
--   facedesk_collector  login, member of facedesk_app: `facedesk serve` on the site server.
--   facedesk_desk       login, member of facedesk_app: the windows at the guard desks.
--
-- A desk and a collector hold the same row rights today because every window can also
-- run a listener of its own; operators and roles (issue #13) narrow what a desk may
-- change.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'facedesk_owner') THEN
        CREATE ROLE facedesk_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'facedesk_app') THEN
        CREATE ROLE facedesk_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'facedesk_collector') THEN
        CREATE ROLE facedesk_collector LOGIN IN ROLE facedesk_app;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'facedesk_desk') THEN
        CREATE ROLE facedesk_desk LOGIN IN ROLE facedesk_app;
    END IF;
    EXECUTE format('ALTER DATABASE %I OWNER TO facedesk_owner', current_database());
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO facedesk_app', current_database());
END
$$;

ALTER SCHEMA public OWNER TO facedesk_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO facedesk_app;

-- Tables and sequences the owner creates from now on (every migration)...
ALTER DEFAULT PRIVILEGES FOR ROLE facedesk_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO facedesk_app;
ALTER DEFAULT PRIVILEGES FOR ROLE facedesk_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO facedesk_app;
-- ...and those that already exist.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO facedesk_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO facedesk_app;

-- The audit trail (#13) is append-only for the application: the grants above give it
-- every row right on every table, so take back changing and deleting the trail's
-- (FaceDesk's migration does the same when it creates the table).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM facedesk_app;
    END IF;
END
$$;
