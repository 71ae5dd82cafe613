-- pgbench script of tests/bench/bench_ingest.sh (BACKENDS="... postgres"): PostgreSQL's
-- own rate for the rows and bytes FaceDesk's archive writer (store/StoreWriter) commits
-- per face event, the ceiling the PostgreSQL collector is measured against (#12).
--
-- Not run as it is: bench_ingest.sh makes the transaction script from its three parts,
-- the lines after "-- [per event]" repeated EVENTS times between the other two, since
-- the writer commits events in groups (one transaction for everything queued) and
-- pgbench has no loops:
--
--   -- [per transaction: before]   BEGIN, as the writer's group begins
--   -- [per event]                 what the writer sends for one event, in its order:
--                                  the face's image row, the background's image row
--                                  (when the push has one), the events row
--   -- [per transaction: after]    NOTIFY (the writer announces every group to the
--                                  desks' archive feeds) and COMMIT
--
-- Run with -M prepared (the writer prepares its statements once per connection) and
--   -D devices=N        device uuids BNCH00000000.. spread over the rows
--   -D scene_bytes=B    0: face only; >0: each event also stores a background image
-- against a database with FaceDesk's schema (made by FaceDesk itself), the table
-- image_blobs (schema step 8; bench_ingest.sh creates it with that shape when the
-- build is older), and bench_ingest_pool: rows of random bytes made once before the
-- run (face 20 KB, feature 1 KB, background 300 KB or NULL), so that making random
-- bytes is not what is measured. Each transaction fetches one pool row to pgbench
-- (\gset) and sends its bytes back with every insert as a text parameter in hex, the
-- way Qt's PostgreSQL driver sends a bytea (EXECUTE ... ('\x...')). Every image row
-- gets its own random 64-hex key, like FaceDesk's SHA-256 names, so that the primary
-- key index is hit at random places; the events row gets its own random dedup_key.
-- Values are the ones `facedesk serve` stores for bench_ingest.sh's pushes (read from
-- its archive): same columns, same NULLs, same sizes.
--
-- The same script "without its writes" (bench_ingest.sh removes the lines that begin
-- with INSERT INTO, ON CONFLICT and NOTIFY: every value is still made, sent, parsed and
-- sent back as a SELECT) measures the cost of making the rows alone.

-- [per transaction: before]
\set pool random(1, 16)
SELECT face, feature, scene FROM bench_ingest_pool WHERE id = :pool \gset
BEGIN;

-- [per event]
\set k random(1, 4611686018427387903)
\set device random(0, :devices - 1)
INSERT INTO image_blobs (hash, bytes, stored_at)
SELECT encode(sha256(('face ' || :k::text)::bytea), 'hex'), :face::bytea, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
ON CONFLICT (hash) DO NOTHING
;
\if :scene_bytes > 0
INSERT INTO image_blobs (hash, bytes, stored_at)
SELECT encode(sha256(('scene ' || :k::text)::bytea), 'hex'), :scene::bytea, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
ON CONFLICT (hash) DO NOTHING
;
\endif
INSERT INTO events (dedup_key, received_at, device_uuid, method, channel, index_id, pic_sort, pic_name, match_score, pos_x, pos_y, pos_w, pos_h, capture_time, capture_at, send_time, quality, visit_count, track_id, face_id, age, gender, glasses, mask, beard, race, emotion, temperature, warning_temperature, warning_type, img_name, img_fr_name, face_path, scene_path, scene_bytes, feature, feature_dims)
SELECT encode(sha256(('event ' || :k::text)::bytea), 'hex'), (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
    'BNCH' || lpad(:device::text, 8, '0'), 'sw_face_compare_push', 0, 478, 2, '478.jpg', 0.93, 812, 204, 180, 180,
    localtimestamp(0)::text, (extract(epoch FROM localtimestamp(0)) * 1000)::bigint,
    localtimestamp(0)::text, 91, 3, NULL, NULL, 34, 1, 0, 0, 0, 1, 2, NULL, NULL, NULL,
    'FACE_BNCH' || lpad(:device::text, 8, '0') || '_' || lpad(to_hex(:k::bigint), 16, '0') || '.jpg',
    CASE WHEN :scene_bytes::bigint > 0 THEN 'FACE_BNCH' || lpad(:device::text, 8, '0') || '_' || lpad(to_hex(:k::bigint), 16, '0') || '_YT.jpg' END,
    left(encode(sha256(('face ' || :k::text)::bytea), 'hex'), 3) || '/' || encode(sha256(('face ' || :k::text)::bytea), 'hex') || '.jpg',
    CASE WHEN :scene_bytes::bigint > 0 THEN left(encode(sha256(('scene ' || :k::text)::bytea), 'hex'), 3) || '/' || encode(sha256(('scene ' || :k::text)::bytea), 'hex') || '.jpg' END,
    :scene_bytes::bigint, :feature::bytea, 256
ON CONFLICT (dedup_key) DO NOTHING RETURNING id
;

-- [per transaction: after]
NOTIFY facedesk_events, '1';
COMMIT;
